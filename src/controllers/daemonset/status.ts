/** DaemonSet status as `updateDaemonSetStatus` computes it, over every node. */
import type { PodObject } from '../../model/daemonset-types.js';
import type { SyncInputs } from './manage.js';
import { comparePodsForKeeping, isPodAvailable, isPodReady, isPodUpdated } from './pod-state.js';

/** The status fields placement computes. */
export interface DaemonSetStatus {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/**
 * Counts per node; readiness, availability and revision look only at the first pod after sorting
 * (scheduled first, oldest, name). Misscheduled counts nodes that should not run the pod but have
 * one, even where it may continue running.
 */
export function computeStatus(inputs: SyncInputs, byNode: ReadonlyMap<string, readonly PodObject[]>): DaemonSetStatus {
  const status: DaemonSetStatus = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  const { nodes, decisions } = inputs;
  for (let i = 0; i < nodes.length; i++) {
    const pods = byNode.get(nodes[i]!.name) ?? [];
    if (!decisions[i]!.shouldRun) {
      if (pods.length > 0) status.numberMisscheduled++;
      continue;
    }
    status.desiredNumberScheduled++;
    if (pods.length === 0) continue;
    status.currentNumberScheduled++;
    // Most nodes run one pod: no copy to sort.
    const first = pods.length === 1 ? pods[0]! : [...pods].sort(comparePodsForKeeping)[0]!;
    if (isPodReady(first)) {
      status.numberReady++;
      if (isPodAvailable(first, inputs.ds.minReadySeconds, inputs.now)) status.numberAvailable++;
    }
    if (isPodUpdated(first, inputs.revision)) status.updatedNumberScheduled++;
  }
  status.numberUnavailable = status.desiredNumberScheduled - status.numberAvailable;
  return status;
}
