/**
 * Which pods a DaemonSet question is answered with: the body's `pods` when it gives them (the
 * DaemonSet's pods as its controller sees them), else, when the server holds the cluster's pods,
 * the DaemonSet's among them (`Engine.daemonPods`) — so the plan sees the daemon pods already
 * running and its Pending forecast does not count them as conflicts.
 */
import type { Engine } from '../api/engine.js';
import type { DaemonSet, PodObject } from '../model/daemonset-types.js';

/** The pods to plan `ds` with. */
export function daemonPodsFor(engine: Engine, ds: DaemonSet, bodyPods: readonly PodObject[], bodyGivesPods: boolean): readonly PodObject[] {
  return bodyGivesPods || !engine.podsGiven ? bodyPods : engine.daemonPods(ds);
}
