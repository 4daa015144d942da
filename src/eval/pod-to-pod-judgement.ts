/**
 * PodTopologySpread and InterPodAffinity as a decision carries them: each filter's failing nodes,
 * and for a node the reason the filter records there with the details a person acts on. Two forms
 * that must agree (property-tested): over the indexes for the indexed engine, and node by node
 * over plain lists (upstream's PreFilter, then Filter per node) for the reference evaluator.
 *
 * A pod whose pod affinity or topology spread selectors do not parse never reaches the filters:
 * the API server refuses it, so it is an input error naming the field, not "every node fails".
 */
import { PlacementError, type FieldError } from '../errors.js';
import { validatePodToPod } from '../model/validate-pod-affinity.js';
import { setBit, type Bits } from '../node-index/bitset.js';
import type { NodeIndex } from '../node-index/node-index.js';
import { describePodAffinityFailure } from '../semantics/inter-pod-affinity-explain.js';
import { filterPodAffinity, preparePodAffinity, type PodAffinityState } from '../semantics/inter-pod-affinity-filter.js';
import type { IncomingPod, NotEvaluated, PodToPodCluster } from '../semantics/pod-to-pod-inputs.js';
import { describeTopologySpreadFailure, filterTopologySpread, prepareTopologySpread, type TopologySpreadState } from '../semantics/topology-spread-filter.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import { filterPodToPod } from './pod-to-pod-indexed.js';
import type { PodToPodFilterName } from '../compile/rule.js';

/** Why one filter rejects one node. */
export interface PodToPodFailure {
  readonly reason: string;
  readonly details: readonly string[];
}

/** Both filters' verdicts for one pod over every live node. */
export interface PodToPodJudgement {
  /** Per filter, every live node it rejects (whatever the other filters say). */
  readonly failing: Readonly<Record<PodToPodFilterName, Bits>>;
  /** The filter's reason and details on node `id`; `undefined` when it passes there. */
  failureOf(filter: PodToPodFilterName, nodeId: number): PodToPodFailure | undefined;
  /** What the answer could not take into account (a namespaceSelector without Namespaces, ...), with field paths. */
  readonly notEvaluated: readonly NotEvaluated[];
}

/** Throws the input error of a pod whose selectors do not parse (PreFilter's error). */
function refuseUnparsable(pod: IncomingPod, spread: TopologySpreadState, affinity: PodAffinityState): void {
  const problems = [spread.error, affinity.rejection].filter((e): e is string => e !== undefined);
  if (problems.length === 0) return;
  const errors: FieldError[] = validatePodToPod(pod.placement, pod.labels, pod.specPath);
  if (errors.length === 0) {
    if (spread.error !== undefined) errors.push({ path: `${pod.specPath}topologySpreadConstraints`, type: 'Invalid value', badValue: '', detail: spread.error });
    if (affinity.rejection !== undefined) errors.push({ path: `${pod.specPath}affinity`, type: 'Invalid value', badValue: '', detail: affinity.rejection });
  }
  throw new PlacementError('invalid', 'the pod\'s pod affinity or topology spread selectors do not parse', errors);
}

function spreadFailure(state: TopologySpreadState, node: Parameters<typeof filterTopologySpread>[1] | undefined): PodToPodFailure | undefined {
  const failure = node && filterTopologySpread(state, node);
  return failure ? { reason: failure.reason, details: describeTopologySpreadFailure(failure) } : undefined;
}

function affinityFailure(state: PodAffinityState, node: Parameters<typeof filterPodAffinity>[1] | undefined): PodToPodFailure | undefined {
  const failure = node && filterPodAffinity(state, node);
  return failure ? { reason: failure.reason, details: describePodAffinityFailure(state, failure) } : undefined;
}

/**
 * Whether both filters pass every node without looking: the pod has no pod (anti-)affinity and no
 * spread constraints of its own (the system defaults only score), and no running pod's required
 * anti-affinity could select it. Both PreFilters then return Skip, and report nothing.
 */
function passesWithoutLooking(pod: IncomingPod, indexes: PodToPodIndexes): boolean {
  const { podAffinity, podAntiAffinity, topologySpreadConstraints } = pod.placement;
  if (podAffinity || podAntiAffinity || (topologySpreadConstraints?.length ?? 0) > 0) return false;
  return indexes.pods.candidateGroups(pod.labels).length === 0;
}

/**
 * The two filters over the indexes; `nodeAffinityPasses`: the nodes matching the pod's node
 * affinity (for nodeAffinityPolicy Honor), asked for only when a constraint needs them.
 */
export function judgePodToPodIndexed(pod: IncomingPod, indexes: PodToPodIndexes, nodeAffinityPasses: () => Bits): PodToPodJudgement {
  if (passesWithoutLooking(pod, indexes)) {
    const none = { PodTopologySpread: new Uint32Array(indexes.nodes.words), InterPodAffinity: new Uint32Array(indexes.nodes.words) };
    return { failing: none, failureOf: () => undefined, notEvaluated: [] };
  }
  const honors = (pod.placement.topologySpreadConstraints ?? []).some((c) => c.whenUnsatisfiable !== 'ScheduleAnyway' && c.nodeAffinityPolicy !== 'Ignore');
  const answer = filterPodToPod(pod, indexes, honors ? { nodeAffinityPasses: nodeAffinityPasses() } : {});
  refuseUnparsable(pod, answer.spread.state, answer.affinity.state);
  const nodes = indexes.nodes.nodes;
  return {
    failing: { PodTopologySpread: answer.spread.failing, InterPodAffinity: answer.affinity.failing },
    failureOf: (filter, id) => (filter === 'PodTopologySpread' ? spreadFailure(answer.spread.state, nodes[id]) : affinityFailure(answer.affinity.state, nodes[id])),
    notEvaluated: answer.notEvaluated,
  };
}

/** The two filters node by node: each plugin's PreFilter over the lists, then its Filter on every live node. */
export function judgePodToPodReference(pod: IncomingPod, cluster: PodToPodCluster, index: NodeIndex): PodToPodJudgement {
  const spread = prepareTopologySpread(pod, cluster);
  const affinity = preparePodAffinity(pod, cluster);
  refuseUnparsable(pod, spread, affinity);
  const failing = { PodTopologySpread: new Uint32Array(index.words), InterPodAffinity: new Uint32Array(index.words) };
  for (let id = 0; id < index.highWater; id++) {
    const node = index.nodes[id];
    if (node === undefined) continue;
    if (filterTopologySpread(spread, node)) setBit(failing.PodTopologySpread, id);
    if (filterPodAffinity(affinity, node)) setBit(failing.InterPodAffinity, id);
  }
  return {
    failing,
    failureOf: (filter, id) => (filter === 'PodTopologySpread' ? spreadFailure(spread, index.nodes[id]) : affinityFailure(affinity, index.nodes[id])),
    notEvaluated: [...spread.notEvaluated, ...affinity.notEvaluated],
  };
}
