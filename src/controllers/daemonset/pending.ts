/**
 * The Pending forecast of a sync: the daemon pods the scheduler will not place. The controller
 * creates each pod pinned to its node (`ReplaceDaemonSetPodNodeNameNodeAffinity`) and ignores
 * resources and host ports (`NodeShouldRunDaemonPod`); the scheduler then runs its whole filter
 * chain on that one node, NodePorts and NodeResourcesFit included, against the pods already there.
 * A pod that fails stays Pending with the reasons of its first failing filter.
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import type { Node } from '../../model/types.js';
import type { ClusterPods } from '../../node-index/cluster-pods.js';
import { demandOfPod } from '../../node-index/cluster-pods.js';
import type { PreparedPod } from '../../eval/filters.js';
import { judgeNode } from '../../eval/reference.js';
import { resourceFailures } from '../../eval/resource-filters.js';
import type { PodDemand } from '../../semantics/resources/pod-demand.js';
import { claimPods, targetNodeName } from './claim.js';
import { createdPodTemplate } from './created-pod.js';
import { revisionOf } from './pod-state.js';
import type { DaemonSetPlan } from './sync.js';

/** A daemon pod the scheduler cannot place on `node`, with the reasons it records there. */
export interface PendingDaemonPod {
  readonly node: string;
  readonly reasons: readonly string[];
}

/** An unscheduled daemon pod that already exists, and the live node its affinity pins it to. */
export interface UnscheduledDaemonPod {
  readonly pod: PodObject;
  readonly node: string;
}

/** The daemon pods to judge: those the sync creates (by node) and those already waiting for the scheduler. */
export interface PendingTargets {
  readonly created: readonly string[];
  /** The labels of the pods the sync creates (the template's and the revision's), which pod-to-pod selectors read. */
  readonly createdLabels: ReadonlyMap<string, string>;
  readonly unscheduled: readonly UnscheduledDaemonPod[];
}

/**
 * What the scheduler still has to place after the sync: the pods it creates, and the DaemonSet's
 * pods with no `spec.nodeName` that it keeps (not terminating, not deleted by the sync, pinned to a
 * node that exists — the controller deletes the others, `getUnscheduledPodsWithoutNode`).
 */
export function pendingTargets(ds: DaemonSet, pods: readonly PodObject[], plan: Pick<DaemonSetPlan, 'create' | 'delete'>, hasNode: (name: string) => boolean, hash: string): PendingTargets {
  const deleted = new Set(plan.delete);
  const unscheduled: UnscheduledDaemonPod[] = [];
  for (const pod of claimPods(ds, pods).claimed) {
    if (pod.nodeName !== '' || pod.deletionTimestamp || deleted.has(pod.name)) continue;
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    const node = targetNodeName(pod);
    if (node !== undefined && hasNode(node)) unscheduled.push({ pod, node });
  }
  return { created: plan.create, createdLabels: createdPodTemplate(ds, revisionOf(ds, hash)).labels, unscheduled };
}

/**
 * The reasons the scheduler records for a pod on `node` (its first failing filter's; several only
 * for NodeResourcesFit), or `undefined` when it fits: the per-node form, for pods judged one by one.
 */
export function pendingReasonsOnNode(prepared: PreparedPod, demand: PodDemand, pods: ClusterPods, node: Node): readonly string[] | undefined {
  const verdict = judgeNode(prepared, node, resourceFailures(demand, pods, node));
  return verdict.schedulerReason === undefined ? undefined : verdict.schedulerReasons;
}

/**
 * The pods already waiting, judged one by one with their own spec (an older revision may ask for
 * other resources); `podToPod`: PodTopologySpread's or InterPodAffinity's reason for the pod on
 * the node, asked only when the filters before them pass.
 */
export function unscheduledPending(
  targets: readonly UnscheduledDaemonPod[],
  prepare: (pod: PodObject) => PreparedPod,
  pods: ClusterPods,
  nodeOf: (name: string) => Node | undefined,
  podToPod: (pod: PodObject, node: string) => string | undefined,
): PendingDaemonPod[] {
  const out: PendingDaemonPod[] = [];
  for (const { pod, node: name } of targets) {
    const node = nodeOf(name);
    if (!node) continue;
    const reasons = pendingReasonsOnNode(prepare(pod), demandOfPod(pod), pods, node);
    const podToPodReason = reasons ? undefined : podToPod(pod, name);
    if (reasons) out.push({ node: name, reasons });
    else if (podToPodReason !== undefined) out.push({ node: name, reasons: [podToPodReason] });
  }
  return out;
}
