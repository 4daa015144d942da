/**
 * PodTopologySpread and InterPodAffinity in the Pending forecast. The DaemonSet controller never
 * asks them, but the scheduler runs them on every daemon pod after NodeResourcesFit, so a daemon
 * pod whose node passes NodePorts and NodeResourcesFit can still stay Pending there: a required
 * anti-affinity (its own, or a running pod's that selects it), a required affinity with no
 * matching pod in the node's domain, or a DoNotSchedule spread constraint.
 *
 * The daemon pod is pinned to its node by node affinity (`ReplaceDaemonSetPodNodeNameNodeAffinity`),
 * so with `nodeAffinityPolicy: Honor` (the default) PodTopologySpread counts domains over that one
 * node (podtopologyspread/common.go `matchNodeInclusionPolicies`): the node's own domain is the
 * global minimum and the pod fits unless `minDomains` exceeds 1, which holds the minimum at 0.
 * With `Ignore` every node with the keys counts. InterPodAffinity's PreFilter does not read node
 * affinity, so it is computed once for all the pods a sync creates.
 *
 * Each pod is judged against the cluster's pods as given: the daemon pods the same sync creates are
 * not counted for one another (the scheduler binds them one by one, in an order placement does not
 * know).
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import type { PodPlacement } from '../../model/types.js';
import { hasBit, setBit } from '../../node-index/bitset.js';
import type { PodToPodIndexes } from '../../eval/pod-to-pod-context.js';
import { filterPodAffinityIndexed, type IndexedPodAffinity } from '../../eval/inter-pod-affinity-indexed.js';
import { filterTopologySpreadIndexed, type IndexedTopologySpread } from '../../eval/topology-spread-indexed.js';
import { filterPodAffinity, preparePodAffinity } from '../../semantics/inter-pod-affinity-filter.js';
import { requiredNodeAffinityMatcher } from '../../semantics/node-selector.js';
import type { IncomingPod, PodToPodCluster } from '../../semantics/pod-to-pod-inputs.js';
import { filterTopologySpread, prepareTopologySpread } from '../../semantics/topology-spread-filter.js';
import { daemonPodPlacement } from './daemon-pod.js';

/** The label the controller sets on each pod it creates, from the current ControllerRevision. */
const revisionHashLabel = 'controller-revision-hash';

/** The placement of a pod pinned to `node`, as `ReplaceDaemonSetPodNodeNameNodeAffinity` leaves it. */
export function pinnedTo(placement: PodPlacement, node: string): PodPlacement {
  return { ...placement, requiredTerms: [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
}

/** The pod a sync creates, as the pod-to-pod filters read it (before it is pinned): the template, its implicit tolerations, the created pod's labels. */
export function createdIncomingPod(ds: DaemonSet, labels: ReadonlyMap<string, string>): IncomingPod {
  return {
    namespace: ds.workload.namespace,
    labels,
    placement: daemonPodPlacement(ds.workload.pod),
    specPath: ds.workload.specPath,
    // Unknown only when the revision is: then a matchLabelKeys on it is evaluated without it, and said so.
    controllerAddedLabels: [revisionHashLabel],
  };
}

/** A daemon pod already waiting for the scheduler, as the filters read it (its own spec, already pinned). */
export function waitingIncomingPod(pod: PodObject): IncomingPod {
  return { namespace: pod.namespace, labels: pod.labels, placement: pod.placement, specPath: 'spec.', controllerAddedLabels: [] };
}

/** Does the spread filter's PreFilter read the pod's node affinity (some DoNotSchedule constraint honors it)? */
function spreadReadsNodeAffinity(placement: PodPlacement): boolean {
  return (placement.topologySpreadConstraints ?? []).some((c) => c.whenUnsatisfiable === 'DoNotSchedule' && (c.nodeAffinityPolicy ?? 'Honor') === 'Honor');
}

/**
 * The first of the two filters to reject `pod` (not yet pinned) on each of `nodes` once pinned
 * there, with its reason, over the indexes. PreFilters that do not depend on the node are run once.
 */
export function podToPodPendingIndexed(pod: IncomingPod, nodes: readonly string[], indexes: PodToPodIndexes): Map<string, string> {
  const out = new Map<string, string>();
  if (nodes.length === 0) return out;
  const index = indexes.nodes;
  const affinity = filterPodAffinityIndexed(pod, indexes);
  const perNode = spreadReadsNodeAffinity(pod.placement);
  let shared: IndexedTopologySpread | undefined;
  for (const name of nodes) {
    const id = index.idOf(name);
    if (id === undefined) continue;
    let spread: IndexedTopologySpread;
    if (perNode) {
      const pinned = { ...pod, placement: pinnedTo(pod.placement, name) };
      // The pin lets through this node alone, when its nodeSelector does too.
      const nodeAffinityPasses = new Uint32Array(index.words);
      if (requiredNodeAffinityMatcher(pinned.placement)(index.nodes[id]!)) setBit(nodeAffinityPasses, id);
      spread = filterTopologySpreadIndexed(pinned, indexes, { nodeAffinityPasses });
    } else spread = shared ??= filterTopologySpreadIndexed(pod, indexes);
    const reason = reasonAt(spread, affinity, id);
    if (reason !== undefined) out.set(name, reason);
  }
  return out;
}

function reasonAt(spread: IndexedTopologySpread, affinity: IndexedPodAffinity, id: number): string | undefined {
  if (hasBit(spread.failing, id)) return spread.failureOf(id)?.reason;
  if (hasBit(affinity.failing, id)) return affinity.failureOf(id)?.reason;
  return undefined;
}

/** The same for one pod already pinned (its own placement), over the indexes. */
export function podToPodReasonIndexed(pod: IncomingPod, node: string, indexes: PodToPodIndexes): string | undefined {
  const id = indexes.nodes.idOf(node);
  if (id === undefined) return undefined;
  return reasonAt(filterTopologySpreadIndexed(pod, indexes), filterPodAffinityIndexed(pod, indexes), id);
}

/** The reference: each plugin's PreFilter over the lists for `pod` (already pinned), then its Filter on the node. */
export function podToPodReasonReference(pod: IncomingPod, node: string, cluster: PodToPodCluster): string | undefined {
  const target = cluster.nodes.find((n) => n.name === node);
  if (!target) return undefined;
  const spread = filterTopologySpread(prepareTopologySpread(pod, cluster), target);
  if (spread) return spread.reason;
  return filterPodAffinity(preparePodAffinity(pod, cluster), target)?.reason;
}
