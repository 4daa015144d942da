/** DaemonSet status as `updateDaemonSetStatus` computes it, over every node. */
import type { PodObject } from '../../model/daemonset-types.js';
import { createdDaemonPod, createdPodTemplate } from './created-pod.js';
import type { SyncInputs } from './manage.js';
import { statusCount } from './plan-reads.js';
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
 * Counts per node (`fresh`: nodes that had no pod and got one created this sync, see sync.ts); readiness, availability and revision look only at the first pod after sorting
 * (scheduled first, oldest, name). Misscheduled counts nodes that should not run the pod but have
 * one, even where it may continue running.
 */
export function computeStatus(inputs: SyncInputs, byNode: ReadonlyMap<string, readonly PodObject[]>, fresh: readonly string[] = []): DaemonSetStatus {
  const status: DaemonSetStatus = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  const { answers } = inputs;
  // Nodes without pods only count as desired: the nodes with pods are all there is to visit.
  status.desiredNumberScheduled = statusCount(answers);
  for (const [name, pods] of byNode) {
    const position = answers.position(name);
    if (position === undefined || pods.length === 0) continue;
    if (!answers.decision(position).shouldRun) {
      status.numberMisscheduled++;
      continue;
    }
    status.currentNumberScheduled++;
    // Most nodes run one pod: no copy to sort.
    const first = pods.length === 1 ? pods[0]! : [...pods].sort(comparePodsForKeeping)[0]!;
    if (isPodReady(first)) {
      status.numberReady++;
      if (isPodAvailable(first, inputs.ds.minReadySeconds, inputs.now)) status.numberAvailable++;
    }
    if (isPodUpdated(first, inputs.revision)) status.updatedNumberScheduled++;
  }
  if (fresh.length > 0) {
    // Nodes that should run and got their first pod this sync: one pending pod each, alike.
    status.currentNumberScheduled += fresh.length;
    const pod = createdDaemonPod(createdPodTemplate(inputs.ds, inputs.revision), { name: '', node: fresh[0]!, now: inputs.now, bound: false });
    if (isPodUpdated(pod, inputs.revision)) status.updatedNumberScheduled += fresh.length;
  }
  status.numberUnavailable = status.desiredNumberScheduled - status.numberAvailable;
  return status;
}
