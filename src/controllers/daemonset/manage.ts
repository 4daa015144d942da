/**
 * `manage` (daemon_controller.go: `podsShouldBeOnNode`, `getUnscheduledPodsWithoutNode`): per node,
 * create where the daemon pod should run and none exists, prune extras, delete where it may not
 * continue, delete failed and succeeded pods (they are replaced on a later sync), and delete
 * unscheduled pods pinned to nodes that no longer exist.
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import { allowsSurge } from './budgets.js';
import { sortedPositions, type NodeAnswers } from './node-answers.js';
import { comparePodsForKeeping, isPodAvailable, isPodReady, type Revision } from './pod-state.js';
import type { NodeDecision } from './should-run.js';

/** What one step of a sync decides. */
export interface StepPlan {
  /** Node names to create a daemon pod on. */
  readonly create: string[];
  /** Pod names to delete. */
  readonly delete: string[];
}

/** Inputs shared by the steps of one sync. */
export interface SyncInputs {
  readonly ds: DaemonSet;
  readonly revision: Revision;
  /** The controller's clock, in ms since the epoch. */
  readonly now: number;
  /** The nodes and `NodeShouldRunDaemonPod` for each. */
  readonly answers: NodeAnswers;
}

/** The surge keep rule: at most the oldest current-hash pod and the oldest other pod stay. */
function pruneSurge(running: PodObject[], inputs: SyncInputs, toDelete: string[]): void {
  running.sort(comparePodsForKeeping);
  let oldestNew: PodObject | undefined;
  let oldestOld: PodObject | undefined;
  for (const pod of running) {
    // Upstream compares the hash label alone here (a missing label reads as "").
    if ((pod.labels.get('controller-revision-hash') ?? '') === inputs.revision.hash) {
      if (!oldestNew) {
        oldestNew = pod;
        continue;
      }
    } else if (!oldestOld) {
      oldestOld = pod;
      continue;
    }
    toDelete.push(pod.name);
  }
  if (oldestNew && oldestOld) {
    if (!isPodReady(oldestOld)) toDelete.push(oldestOld.name);
    else if (isPodAvailable(oldestNew, inputs.ds.minReadySeconds, inputs.now)) toDelete.push(oldestOld.name);
  }
}

/** `podsShouldBeOnNode` for one node. */
function planNode(node: string, pods: readonly PodObject[] | undefined, decision: NodeDecision, inputs: SyncInputs, plan: StepPlan): void {
  const { shouldRun, shouldContinueRunning } = decision;
  if (shouldRun && pods === undefined) {
    plan.create.push(node);
    return;
  }
  if (shouldContinueRunning) {
    const running: PodObject[] = [];
    for (const pod of pods ?? []) {
      if (pod.deletionTimestamp) continue; // terminating: neither deleted again nor replaced yet
      // Failed pods are deleted (and replaced on a later sync); the backoff is assumed clear.
      if (pod.phase === 'Failed' || pod.phase === 'Succeeded') plan.delete.push(pod.name);
      else running.push(pod);
    }
    if (!allowsSurge(inputs.ds)) {
      // Keep the first after sorting; no create in this sync even when none is running.
      if (running.length > 1) plan.delete.push(...running.sort(comparePodsForKeeping).slice(1).map((p) => p.name));
      return;
    }
    if (running.length === 0 && shouldRun) plan.create.push(node);
    else if (running.length > 1) pruneSurge(running, inputs, plan.delete);
    return;
  }
  for (const pod of pods ?? []) if (!pod.deletionTimestamp) plan.delete.push(pod.name);
}

/**
 * One `manage` step over every node, plus the orphaned-node cleanup. Nodes without pods only ever
 * get a create, so only the first `createLimit` of those that should run are visited (the sync
 * caps its creates there anyway); nodes with pods are visited in node order among them.
 */
export function manage(inputs: SyncInputs, byNode: ReadonlyMap<string, readonly PodObject[]>, createLimit = Infinity): StepPlan {
  const plan: StepPlan = { create: [], delete: [] };
  const { answers } = inputs;
  const withPods = sortedPositions(answers, byNode.keys());
  let next = 0;
  const visitWithPods = (position: number): void => {
    const name = answers.node(position).name;
    planNode(name, byNode.get(name), answers.decision(position), inputs, plan);
  };
  answers.forEachShouldRun((position) => {
    while (next < withPods.length && withPods[next]! < position) visitWithPods(withPods[next++]!);
    if (next < withPods.length && withPods[next] === position) visitWithPods(withPods[next++]!);
    else plan.create.push(answers.node(position).name);
    return plan.create.length < createLimit;
  });
  while (next < withPods.length) visitWithPods(withPods[next++]!);
  // Pods pinned by affinity to a node that is gone can never be scheduled: delete them.
  // Pods bound to a deleted node (spec.nodeName set) are left to the pod garbage collector.
  for (const [nodeName, pods] of byNode) {
    if (answers.position(nodeName) !== undefined) continue;
    for (const pod of pods) if (pod.nodeName === '') plan.delete.push(pod.name);
  }
  return plan;
}
