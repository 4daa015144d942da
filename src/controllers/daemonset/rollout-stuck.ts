/**
 * Which nodes are not at the controller's fixed point when a rollout forecast ends, and why: the
 * fixed point is one live, updated, available daemon pod on every node that should run one, none
 * where it may not continue running, and no old or terminating pods anywhere.
 */
import type { FeatureGates } from '../../model/feature-gates.js';
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import type { Node } from '../../model/types.js';
import { updateBudgets } from './budgets.js';
import { claimPods, groupByNode, isTerminal } from './claim.js';
import { daemonPodPlacement } from './daemon-pod.js';
import { evictionFor } from './eviction.js';
import { isPodAvailable, isPodReady, isPodUpdated, type Revision } from './pod-state.js';
import type { RolloutWorld } from './rollout-world.js';
import type { DaemonNodeAnswer } from './should-run.js';

/** A node that never reaches the fixed point, and why. */
export interface StuckNode {
  readonly node: string;
  readonly reasons: readonly string[];
}

/** Reason texts (pod names are left out, so nodes group by reason). */
export const stuckReasons = {
  pending: (why: string) => `the daemon pod stays Pending: ${why}`,
  neverReady: 'the daemon pod never becomes Ready: it has been not Ready for longer than the assumed ready time since its creation',
  neverAvailable: 'the daemon pod is Ready without a lastTransitionTime, so it never counts as available with minReadySeconds',
  onDelete: 'OnDelete: the controller never replaces the old pod; it is updated only after someone deletes it',
  unavailableBudget: (n: number) => `rolling update blocked: maxUnavailable (${n}) is used up by pods that never become available`,
  surgeBudget: (n: number) => `rolling update blocked: maxSurge (${n}) is used up by pods that never become available`,
  noBudget: 'no node should run the pod, so the update budgets are 0 and the old pod stays',
  noPod: 'no daemon pod, and the controller creates none',
  evictionLoop: (taint: string, seconds: number) =>
    `taint ${taint} is tolerated for ${seconds}s only: the taint manager evicts the daemon pod, the controller recreates it, and so on forever (not simulated)`,
  other: 'the controller makes no further progress here',
  missingNode: 'a daemon pod targets this node, which does not exist',
} as const;

/**
 * Nodes where the taint manager would evict every daemon pod after a while although the controller
 * keeps placing one (a NoExecute taint tolerated with tolerationSeconds): they never settle.
 */
export function evictionLoops(ds: DaemonSet, nodes: readonly Node[], decisions: readonly DaemonNodeAnswer[], gates: FeatureGates): Map<string, string> {
  const out = new Map<string, string>();
  const tolerations = daemonPodPlacement(ds.workload.pod).tolerations;
  nodes.forEach((node, i) => {
    if (!decisions[i]!.shouldContinueRunning || !node.taints.some((t) => t.effect === 'NoExecute')) return;
    const eviction = evictionFor(node.taints, tolerations, gates);
    if (eviction.kind === 'never') return;
    const seconds = eviction.kind === 'after' ? eviction.seconds : 0;
    const taint = node.taints.find((t) => t.effect === 'NoExecute')!;
    out.set(node.name, stuckReasons.evictionLoop(`${taint.key}${taint.value ? `=${taint.value}` : ''}:NoExecute`, seconds));
  });
  return out;
}

/** What the analysis reads. */
export interface StuckInputs {
  readonly ds: DaemonSet;
  readonly revision: Revision;
  readonly decisions: readonly DaemonNodeAnswer[];
  readonly world: RolloutWorld;
  readonly now: number;
  readonly loops: ReadonlyMap<string, string>;
}

function newPodReasons(pod: PodObject, inputs: StuckInputs): string[] {
  if (!isPodReady(pod)) {
    const never = inputs.world.clockOf(pod.name)?.never;
    if (never?.kind === 'pending') return [stuckReasons.pending(never.reason)];
    return [stuckReasons.neverReady];
  }
  return isPodAvailable(pod, inputs.ds.minReadySeconds, inputs.now) ? [] : [stuckReasons.neverAvailable];
}

function oldPodReason(inputs: StuckInputs, desired: number): string {
  const { ds } = inputs;
  if (ds.updateStrategy.type === 'OnDelete') return stuckReasons.onDelete;
  const { maxSurge, maxUnavailable } = updateBudgets(ds, desired);
  if (maxSurge === 0 && maxUnavailable === 0) return stuckReasons.noBudget;
  return maxSurge > 0 ? stuckReasons.surgeBudget(maxSurge) : stuckReasons.unavailableBudget(maxUnavailable);
}

/** Why one node is not at the fixed point (empty when it is). */
function nodeReasons(answer: DaemonNodeAnswer, pods: readonly PodObject[], inputs: StuckInputs, desired: number): string[] {
  const reasons: string[] = [];
  const loop = inputs.loops.get(answer.node);
  if (loop) reasons.push(loop);
  const live = pods.filter((p) => !p.deletionTimestamp && !isTerminal(p));
  const old = live.filter((p) => !isPodUpdated(p, inputs.revision));
  const updated = live.filter((p) => isPodUpdated(p, inputs.revision));
  // An updated pod that never becomes available explains its node, whatever old pod waits beside it.
  const blocked = answer.shouldRun ? updated.flatMap((pod) => newPodReasons(pod, inputs)) : [];
  reasons.push(...blocked);
  if (blocked.length === 0 && old.length > 0) reasons.push(oldPodReason(inputs, desired));
  if (answer.shouldRun && live.length === 0) reasons.push(stuckReasons.noPod);
  const settled = answer.shouldRun ? live.length === 1 && pods.length === 1 : answer.shouldContinueRunning ? live.length <= 1 && pods.length === live.length : pods.length === 0;
  if (!settled && reasons.length === 0) reasons.push(stuckReasons.other);
  // Why the node may not run a new pod (an untolerated taint, affinity) explains why it keeps an old one.
  return reasons.length > 0 && !answer.shouldRun ? [...answer.reasons, ...reasons] : [...new Set(reasons)];
}

/** Every node not at the fixed point, in node order, with why. */
export function unsettledNodes(inputs: StuckInputs): StuckNode[] {
  // Every claimed pod counts until it is gone, terminal ones being deleted too.
  const byNode = groupByNode(claimPods(inputs.ds, inputs.world.list()).claimed, true);
  const desired = inputs.decisions.filter((d) => d.shouldRun).length;
  const out: StuckNode[] = [];
  for (const answer of inputs.decisions) {
    const reasons = nodeReasons(answer, byNode.get(answer.node) ?? [], inputs, desired);
    if (reasons.length > 0) out.push({ node: answer.node, reasons });
    byNode.delete(answer.node);
  }
  // Left: pods of nodes not in the node set (terminating, or waiting for the pod garbage collector).
  for (const node of byNode.keys()) out.push({ node, reasons: [stuckReasons.missingNode] });
  return out;
}
