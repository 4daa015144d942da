/**
 * The rollout forecast's Pending hook: whether the daemon pod the simulated controller creates on a
 * node fits there at that moment. The node's usage is the cluster's, with the DaemonSet's own pods
 * as the forecast has them then: the pods it deleted are gone (their resources and ports free, as
 * with maxUnavailable), those still bound stay (the old pod a surge keeps beside the new one, a
 * terminating pod). Only NodePorts and NodeResourcesFit can fail where the controller creates
 * (NodeShouldRunDaemonPod checked the rest); the answer is the first failing filter's reasons.
 */
import type { DaemonSet, PodObject } from '../model/daemonset-types.js';
import type { Node } from '../model/types.js';
import { claimPods } from '../controllers/daemonset/claim.js';
import { demandOfPod, type ClusterPods } from '../node-index/cluster-pods.js';
import { resourceFailuresWith } from '../eval/resource-filters.js';
import { isAssignedPod } from '../semantics/resources/assigned-pod.js';
import type { PodDemand } from '../semantics/resources/pod-demand.js';

/** The hook for `forecastRollout` over the store `pods`, given the DaemonSet's pods the forecast starts from. */
export function rolloutPendingHook(ds: DaemonSet, dsPods: readonly PodObject[], demand: PodDemand, pods: ClusterPods): (node: Node, beside: readonly PodObject[]) => string | undefined {
  const claimed = claimPods(ds, dsPods).claimed;
  const givenByName = new Map(claimed.map((p) => [p.name, p]));
  // What the store holds of the DaemonSet's pods, per node: replaced below by the forecast's view.
  const heldOn = new Map<string, PodDemand[]>();
  for (const p of claimed) {
    const held = pods.pod(p.namespace, p.name);
    if (!held || !isAssignedPod(held)) continue;
    const list = heldOn.get(held.nodeName);
    if (list) list.push(demandOfPod(held));
    else heldOn.set(held.nodeName, [demandOfPod(held)]);
  }
  // A pod the forecast created asks what the template asks; a given one what its own spec asks.
  const demandOfBeside = (p: PodObject): PodDemand => {
    const given = givenByName.get(p.name);
    return given ? demandOfPod(given) : demand;
  };
  return (node, beside) => {
    let usage = pods.usageOf(node.name);
    const own = heldOn.get(node.name);
    if (own || beside.length > 0) {
      usage = usage.clone();
      for (const d of own ?? []) usage.remove(d);
      for (const p of beside) usage.add(demandOfBeside(p));
    }
    const failures = resourceFailuresWith(demand, usage, node);
    const first = failures[0];
    return first ? failures.filter((f) => f.filter === first.filter).map((f) => f.reason).join(', ') : undefined;
  };
}
