/**
 * PodTopologySpread and InterPodAffinity in `impact`. Unlike the other filters they read more
 * than the node judged: a node's labels place it (and the pods on it) in topology domains, so
 * relabelling one node can move a zone's pod count or an anti-affinity domain and change the
 * answer on nodes no change names; a taint can take a node out of the domains a spread constraint
 * counts (`nodeTaintsPolicy: Honor`). So both filters run over the cluster as it is and over a
 * copy with the changes made (a node index and a pod index built once per request, only when the
 * running pods were given), and the nodes where either changes are judged again.
 */
import type { PodToPodIndexes } from '../eval/pod-to-pod-context.js';
import { filterPodToPod } from '../eval/pod-to-pod-indexed.js';
import { forEachBit } from '../node-index/bitset.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { PodLabelIndex } from '../node-index/pod-label-index.js';
import type { Node, Workload } from '../model/types.js';
import { incomingPodFromWorkload, type ExistingPod } from '../semantics/pod-to-pod-inputs.js';

/** The two clusters a request compares: as it is, and with the changes made. */
export interface PodToPodClusters {
  readonly before: PodToPodIndexes;
  readonly after: PodToPodIndexes;
}

/** The cluster with `changed` nodes (by name) replaced: a new node index, the same pods indexed over it. */
export function podToPodClusters(current: PodToPodIndexes, changed: ReadonlyMap<string, Node>): PodToPodClusters {
  const nodes = buildNodeIndex(current.nodes.liveNodes().map((node) => changed.get(node.name) ?? node));
  const pods = current.pods.pods.filter((p): p is ExistingPod => p !== undefined);
  return { before: current, after: { nodes, pods: new PodLabelIndex(nodes, pods), objects: current.objects } };
}

/** The names of the nodes either pod-to-pod filter rejects for the workload's pod. */
function failingNames(w: Workload, indexes: PodToPodIndexes): Set<string> {
  const answer = filterPodToPod(incomingPodFromWorkload(w), indexes);
  const out = new Set<string>();
  const add = (id: number): void => void out.add(indexes.nodes.nodes[id]!.name);
  forEachBit(answer.spread.failing, indexes.nodes.liveWords, add);
  forEachBit(answer.affinity.failing, indexes.nodes.liveWords, add);
  return out;
}

/** Per node name, does the workload's pod pass both filters, before and after the changes? */
export interface PodToPodVerdicts {
  passesBefore(name: string): boolean;
  passesAfter(name: string): boolean;
  /** Nodes no change names whose verdict changes, in the node index's order. */
  readonly moved: readonly string[];
}

/** Both filters for the workload over both clusters. */
export function podToPodVerdicts(w: Workload, clusters: PodToPodClusters, changed: ReadonlyMap<string, Node>): PodToPodVerdicts {
  const before = failingNames(w, clusters.before);
  const after = failingNames(w, clusters.after);
  const moved: string[] = [];
  for (const node of clusters.before.nodes.liveNodes()) {
    if (node.name !== '' && !changed.has(node.name) && before.has(node.name) !== after.has(node.name)) moved.push(node.name);
  }
  return { passesBefore: (name) => !before.has(name), passesAfter: (name) => !after.has(name), moved };
}
