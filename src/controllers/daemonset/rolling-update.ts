/**
 * The `RollingUpdate` step (pkg/controller/daemon/update.go `rollingUpdate`): without surge,
 * delete old pods within maxUnavailable (unavailable old pods always go) and let `manage`
 * recreate them; with surge, create new pods beside old ones within maxSurge (beside unavailable
 * old pods always) and delete old pods once their replacement is available. Upstream visits nodes
 * in Go map order (random); placement visits them in input order, so plans are reproducible.
 */
import type { PodObject } from '../../model/daemonset-types.js';
import { updateBudgets } from './budgets.js';
import type { StepPlan, SyncInputs } from './manage.js';
import { sortedPositions } from './node-answers.js';
import { isPodAvailable, isPodUpdated } from './pod-state.js';

/** `findUpdatedPodsOnNode`: at most one new and one old live pod, else not ok (left to manage). */
function findUpdatedPods(pods: readonly PodObject[], inputs: SyncInputs): { ok: boolean; newPod?: PodObject; oldPod?: PodObject } {
  let newPod: PodObject | undefined;
  let oldPod: PodObject | undefined;
  for (const pod of pods) {
    if (pod.deletionTimestamp) continue;
    if (isPodUpdated(pod, inputs.revision)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}

/** A node's pods as the update step sees them. */
interface Entry {
  readonly node: string;
  readonly shouldRun: boolean;
  /** The pods target a node that is not in the node list. */
  readonly missing: boolean;
  readonly found: ReturnType<typeof findUpdatedPods>;
}

/**
 * Entries in visiting order: every node with pods, input order first, then targets missing from
 * the node list. Desired nodes without pods are left out: upstream only counts them (unavailable,
 * or nothing to do under surge), and the count of deletions does not depend on where they fall.
 */
function entries(inputs: SyncInputs, byNode: ReadonlyMap<string, readonly PodObject[]>): Entry[] {
  const out: Entry[] = [];
  if (byNode.size === 0) return out;
  const { answers } = inputs;
  for (const position of sortedPositions(answers, byNode.keys())) {
    const node = answers.node(position).name;
    out.push({ node, shouldRun: answers.decision(position).shouldRun, missing: false, found: findUpdatedPods(byNode.get(node)!, inputs) });
  }
  for (const [node, pods] of byNode) if (answers.position(node) === undefined) out.push({ node, shouldRun: false, missing: true, found: findUpdatedPods(pods, inputs) });
  return out;
}

function withoutSurge(inputs: SyncInputs, list: readonly Entry[], maxUnavailable: number, desiredWithoutPods: number): StepPlan {
  const available = (pod: PodObject): boolean => isPodAvailable(pod, inputs.ds.minReadySeconds, inputs.now);
  // A desired node without pods is unavailable ("the manage loop will create").
  let numUnavailable = desiredWithoutPods;
  const replacements: string[] = [];
  const candidates: string[] = [];
  for (const { found } of list) {
    const { ok, newPod, oldPod } = found;
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
    else if (newPod) {
      if (!available(newPod)) numUnavailable++;
    } else if (oldPod) {
      if (!available(oldPod)) {
        // An unavailable old pod is replaced whatever the budget.
        replacements.push(oldPod.name);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidates.push(oldPod.name);
      }
    }
  }
  const room = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
  return { create: [], delete: [...replacements, ...candidates.slice(0, room)] };
}

function withSurge(inputs: SyncInputs, list: readonly Entry[], maxSurge: number, desired: number): StepPlan {
  const available = (pod: PodObject): boolean => isPodAvailable(pod, inputs.ds.minReadySeconds, inputs.now);
  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const { node, shouldRun, missing, found } of list) {
    const { ok, newPod, oldPod } = found;
    if (!ok) {
      numSurge++;
      continue;
    }
    // Upstream looks the node up here and abandons the whole step when it is gone.
    if (missing && oldPod && !newPod) return { create: [], delete: [] };
    // Availability is counted on every node, sunsetting ones included: the old pod if any, else the new.
    if (oldPod ? available(oldPod) : newPod ? available(newPod) : false) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun) oldPodsToDelete.push(oldPod.name);
        else allowedNewNodes.push(node);
      } else if (!shouldRun) {
        shouldNotRunPodsToDelete.push(oldPod.name);
      } else if (numSurge < maxSurge) {
        candidateNewNodes.push(node);
      }
    } else if (!available(newPod)) {
      numSurge++;
    } else {
      oldPodsToDelete.push(oldPod.name);
    }
  }
  const room = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  // Old pods on nodes that should no longer run one go only as replacements become available elsewhere.
  const sunset = Math.min(Math.max(numAvailable - desired, 0), shouldNotRunPodsToDelete.length);
  return { create: [...allowedNewNodes, ...candidateNewNodes.slice(0, room)], delete: [...oldPodsToDelete, ...shouldNotRunPodsToDelete.slice(0, sunset)] };
}

/** One rolling-update step over the pods as they are after `manage`. */
export function rollingUpdate(inputs: SyncInputs, byNode: ReadonlyMap<string, readonly PodObject[]>): StepPlan {
  const list = entries(inputs, byNode);
  // Every create and delete of the step replaces, or makes room beside, an old pod. Without one
  // there is nothing to do whatever the budgets, so the desired count is not read (plan-reads.ts):
  // a kept plan of a DaemonSet that is not rolling survives nodes starting or stopping to run it.
  if (!list.some((e) => e.found.ok && e.found.oldPod)) return { create: [], delete: [] };
  const desired = inputs.answers.shouldRunCount;
  const desiredWithPods = list.filter((e) => e.shouldRun && !e.missing).length;
  const { maxSurge, maxUnavailable } = updateBudgets(inputs.ds, desired);
  return maxSurge === 0 ? withoutSurge(inputs, list, maxUnavailable, desired - desiredWithPods) : withSurge(inputs, list, maxSurge, desired);
}
