/**
 * What-if impact of node changes (taints, labels, cordons) on workloads and DaemonSets, without
 * applying them. The node filters kube-scheduler and the DaemonSet controller run read only the
 * node being judged (and the pod), so for them a change can only change the answers on the nodes
 * it touches: each changed node is judged before and after with the reference per-node functions,
 * on copies. With the running pods given, PodTopologySpread and InterPodAffinity also count, and
 * they read topology domains: see impact-pod-to-pod.ts.
 */
import { daemonPodPlacement } from '../controllers/daemonset/daemon-pod.js';
import { evictionFor } from '../controllers/daemonset/eviction.js';
import { decideNode } from '../controllers/daemonset/should-run.js';
import { preparePod, type FilterFailure, type PreparedPod } from '../eval/filters.js';
import { judgeNode } from '../eval/reference.js';
import { PlacementError, type FieldError } from '../errors.js';
import { isObject } from '../model/decode.js';
import type { DaemonSet } from '../model/daemonset-types.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, Taint, WorkloadKind, Workload } from '../model/types.js';
import { appliesTo } from '../policy/applies-to.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import type { Policy } from '../policy/policy.js';
import type { NotEvaluated } from '../compile/not-evaluated.js';
import type { PodToPodIndexes } from '../eval/pod-to-pod-context.js';
import { checkNodeChanges, labelEntries, type NodeChange } from './impact-inputs.js';
import { podToPodClusters, podToPodVerdicts, type PodToPodClusters, type PodToPodVerdicts } from './impact-pod-to-pod.js';

/** How one workload's placement changes. Node lists follow the order nodes are first named in the changes. */
export interface WorkloadImpact {
  /** `namespace/name`. */
  readonly workload: string;
  readonly kind: WorkloadKind;
  /** Nodes that become eligible. */
  readonly gained: readonly string[];
  /** Nodes that stop being eligible (pods already there keep running unless also in `evict`). */
  readonly lost: readonly string[];
  /** Nodes where the taint manager would evict a running pod of the workload (now or after its tolerationSeconds). */
  readonly evict: readonly string[];
  /** The pod's constraints this answer did not evaluate (always present). */
  readonly notEvaluated: readonly NotEvaluated[];
}

/** How one DaemonSet's daemon pods change (per-node `shouldRun`/`shouldContinueRunning`, as the controller decides). */
export interface DaemonSetImpact {
  /** `namespace/name`. */
  readonly daemonset: string;
  /** Nodes that become shouldRun: a daemon pod is created there unless one already runs. */
  readonly create: readonly string[];
  /** Nodes where an existing daemon pod may no longer continue: the controller deletes it. */
  readonly evict: readonly string[];
  /** Nodes that stop being shouldRun while an existing pod may continue: no new pod, the old one stays. */
  readonly stopScheduling: readonly string[];
  /** Nodes that stop being shouldRun, whether or not an existing pod may continue (`stopScheduling` and the evictions from should-run nodes). */
  readonly lost: readonly string[];
  /** The template's constraints this answer did not evaluate: the scheduler checks them on the created pods (always present). */
  readonly notEvaluated: readonly NotEvaluated[];
}

/** The impact of a set of changes. */
export interface ImpactResult {
  readonly workloads: readonly WorkloadImpact[];
  readonly daemonsets: readonly DaemonSetImpact[];
}

/** What impact is asked about: workloads (answered as kube-scheduler places their pods) and DaemonSets (as their controller does). */
export type ImpactTarget = Workload | DaemonSet;

/** Is the target a DaemonSet (judged by the DaemonSet controller) rather than a plain workload? */
export function isDaemonSetTarget(target: ImpactTarget): target is DaemonSet {
  return 'updateStrategy' in target;
}

/** What the analysis reads besides the changes and the targets. */
export interface ImpactContext {
  /** The live node of a name. */
  readonly node: (name: string) => Node | undefined;
  readonly gates: FeatureGates;
  readonly policies: readonly Policy[];
  /** The workload pod's constraints the answer leaves out. */
  readonly notEvaluated: (workload: Workload) => readonly NotEvaluated[];
  /** The DaemonSet template's constraints a controller's answer leaves out. */
  readonly daemonNotEvaluated: (ds: DaemonSet) => readonly NotEvaluated[];
  /**
   * With the cluster's pods given: the workload's pod's NodePorts and NodeResourcesFit failures on a
   * node. A node change (taints, labels, cordon) leaves a node's pods and allocatable as they are, so
   * a node that is full stays full: it is neither gained nor lost.
   */
  readonly resourceFailures?: (workload: Workload, node: Node) => readonly FilterFailure[];
  /** The pod-to-pod indexes, when the cluster's running pods were given (PodTopologySpread and InterPodAffinity then count). */
  readonly podToPod?: () => PodToPodIndexes;
}

/** The raw object with the change's labels, taints and cordon written in, so JSONPath policies see the changed node. */
function patchRaw(raw: Node['raw'], labels: ReadonlyMap<string, string>, taints: readonly Taint[], unschedulable: boolean): Node['raw'] {
  const metadata = isObject(raw['metadata']) ? raw['metadata'] : {};
  const spec = isObject(raw['spec']) ? raw['spec'] : {};
  // Object.fromEntries defines own properties, so a `__proto__` label stays a plain key.
  const rawTaints = taints.map((t) => ({ key: t.key, ...(t.value !== '' ? { value: t.value } : {}), effect: t.effect, ...(t.timeAdded ? { timeAdded: t.timeAdded } : {}) }));
  return { ...raw, metadata: { ...metadata, labels: Object.fromEntries(labels) }, spec: { ...spec, taints: rawTaints, unschedulable } };
}

/** The node as it would be after the change (a new object; the given node is not touched). */
export function applyNodeChange(node: Node, change: NodeChange): Node {
  const removed = (t: Taint): boolean => (change.removeTaints ?? []).some((s) => s.key === t.key && (s.effect === undefined || s.effect === '' || s.effect === t.effect));
  const taints = node.taints.filter((t) => !removed(t));
  for (const spec of change.addTaints ?? []) {
    const added: Taint = { ...spec, value: spec.value ?? '' };
    const at = taints.findIndex((t) => t.key === added.key && t.effect === added.effect);
    if (at >= 0) taints[at] = added;
    else taints.push(added);
  }
  const labels = new Map(node.labels);
  for (const key of change.removeLabels ?? []) labels.delete(key);
  for (const [key, value] of labelEntries(change.setLabels)) labels.set(key, value);
  const unschedulable = change.unschedulable ?? node.unschedulable;
  return { ...node, labels, taints, unschedulable, raw: patchRaw(node.raw, labels, taints, unschedulable) };
}

/** Each changed node before and after all its changes, in order of first mention; unknown nodes are a `not-found` error. */
export function changedNodes(changes: readonly NodeChange[], lookup: (name: string) => Node | undefined): { before: Node; after: Node }[] {
  const pairs = new Map<string, { before: Node; after: Node }>();
  const missing: FieldError[] = [];
  changes.forEach((change, i) => {
    const pair = pairs.get(change.node);
    const before = pair?.before ?? lookup(change.node);
    if (!before) {
      missing.push({ path: `changes[${i}].node`, type: 'Not found', badValue: change.node, detail: '' });
      return;
    }
    pairs.set(change.node, { before, after: applyNodeChange(pair?.after ?? before, change) });
  });
  if (missing.length > 0) throw new PlacementError('not-found', `unknown node ${JSON.stringify(missing[0]!.badValue)}`, missing);
  return [...pairs.values()];
}

/** Does the workload's pod pass every filter (NodePorts and NodeResourcesFit too, when `resources` are given) and every applicable policy on this node? */
function admits(prepared: PreparedPod, policies: readonly Policy[], node: Node, resources: readonly FilterFailure[]): boolean {
  return judgeNode(prepared, node, resources).schedulerReason === undefined && policies.every((p) => evaluatePolicy(p, node));
}

/** The pod-to-pod verdicts of the workload when the running pods were given (computed lazily, once per request, for both clusters). */
type PodToPodOf = (w: Workload) => PodToPodVerdicts | undefined;

function workloadImpact(w: Workload, pairs: readonly { before: Node; after: Node }[], context: ImpactContext, podToPodOf: PodToPodOf): WorkloadImpact {
  const prepared = preparePod(w.pod, context.gates);
  const policies = context.policies.filter((p) => appliesTo(p, w));
  const verdicts = podToPodOf(w);
  const gained: string[] = [];
  const lost: string[] = [];
  const evict: string[] = [];
  for (const { before, after } of pairs) {
    const resources = context.resourceFailures?.(w, before) ?? [];
    const was = admits(prepared, policies, before, resources) && (verdicts?.passesBefore(before.name) ?? true);
    const is = admits(prepared, policies, after, resources) && (verdicts?.passesAfter(before.name) ?? true);
    if (!was && is) gained.push(before.name);
    if (was && !is) lost.push(before.name);
    const evictedBefore = evictionFor(before.taints, w.pod.tolerations, context.gates).kind !== 'never';
    if (!evictedBefore && evictionFor(after.taints, w.pod.tolerations, context.gates).kind !== 'never') evict.push(before.name);
  }
  // Nodes no change names, whose topology domains the changes moved: the other filters read only the node, which is the same.
  for (const name of verdicts?.moved ?? []) {
    const node = context.node(name);
    if (!node || !admits(prepared, policies, node, context.resourceFailures?.(w, node) ?? [])) continue;
    if (verdicts!.passesAfter(name)) gained.push(name);
    else lost.push(name);
  }
  return { workload: `${w.namespace}/${w.name}`, kind: w.kind, gained, lost, evict, notEvaluated: context.notEvaluated(w) };
}

function daemonSetImpact(ds: DaemonSet, pairs: readonly { before: Node; after: Node }[], context: ImpactContext): DaemonSetImpact {
  const prepared = preparePod(daemonPodPlacement(ds.workload.pod), context.gates);
  const create: string[] = [];
  const evict: string[] = [];
  const stopScheduling: string[] = [];
  const lost: string[] = [];
  for (const { before, after } of pairs) {
    const was = decideNode(prepared, before);
    const is = decideNode(prepared, after);
    if (!was.shouldRun && is.shouldRun) create.push(before.name);
    if (was.shouldContinueRunning && !is.shouldContinueRunning) evict.push(before.name);
    if (was.shouldRun && !is.shouldRun && is.shouldContinueRunning) stopScheduling.push(before.name);
    if (was.shouldRun && !is.shouldRun) lost.push(before.name);
  }
  return { daemonset: `${ds.workload.namespace}/${ds.workload.name}`, create, evict, stopScheduling, lost, notEvaluated: context.daemonNotEvaluated(ds) };
}

/** The impact of `changes` on every target, in the targets' order; throws a {@link PlacementError} for invalid changes or unknown nodes. */
export function analyzeImpact(changes: readonly NodeChange[], targets: readonly ImpactTarget[], context: ImpactContext): ImpactResult {
  checkNodeChanges(changes);
  const pairs = changedNodes(changes, context.node);
  const workloads: WorkloadImpact[] = [];
  const daemonsets: DaemonSetImpact[] = [];
  const changed = new Map(pairs.map(({ before, after }) => [before.name, after]));
  let clusters: PodToPodClusters | undefined;
  const podToPodOf: PodToPodOf = (w) => {
    if (!context.podToPod) return undefined;
    clusters ??= podToPodClusters(context.podToPod(), changed);
    return podToPodVerdicts(w, clusters, changed);
  };
  for (const target of targets) {
    if (isDaemonSetTarget(target)) daemonsets.push(daemonSetImpact(target, pairs, context));
    else workloads.push(workloadImpact(target, pairs, context, podToPodOf));
  }
  return { workloads, daemonsets };
}
