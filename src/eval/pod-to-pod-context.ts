/**
 * What the indexed pod-to-pod filters read: the node index, the pod index over it, and the
 * objects beside them (Namespaces, selecting objects, feature gates), plus the node-side set
 * helpers both filters share.
 */
import type { Bits } from '../node-index/bitset.js';
import { orIdSet, type IdSet } from '../node-index/id-set.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { PodLabelIndex } from '../node-index/pod-label-index.js';
import type { PodToPodCluster } from '../semantics/pod-to-pod-inputs.js';
import type { TopologyCounts } from '../semantics/topology-counts.js';

/** The indexes and the objects of the cluster the pod-to-pod plugins see. */
export interface PodToPodIndexes {
  readonly nodes: NodeIndex;
  readonly pods: PodLabelIndex;
  readonly objects: Pick<PodToPodCluster, 'namespaces' | 'selectingObjects' | 'gates'>;
}

/**
 * The cluster as the semantics layer's preparation helpers read it: they only look at the
 * objects here (Namespaces, selecting objects, gates); nodes and pods come from the indexes.
 */
export function objectsOnly(indexes: PodToPodIndexes): PodToPodCluster {
  return { ...indexes.objects, nodes: [], pods: [] };
}

/** A node set of the node index's capacity. */
export function nodeBits(nodes: NodeIndex): Bits {
  return new Uint32Array(nodes.words);
}

/** out |= the live nodes outside the set `fill` builds (into a fresh, empty node set). */
export function orLiveOutside(out: Bits, nodes: NodeIndex, fill: (inside: Bits) => void): void {
  const words = nodes.liveWords;
  const inside = nodeBits(nodes);
  fill(inside);
  for (let i = 0; i < words; i++) out[i]! |= nodes.alive[i]! & ~inside[i]!;
}

/** out |= the live nodes without label `key`. */
export function orMissingKey(out: Bits, nodes: NodeIndex, key: string): void {
  orLiveOutside(out, nodes, (present) => {
    const set = nodes.label(key)?.present;
    if (set !== undefined) orIdSet(present, set, nodes.liveWords);
  });
}

/** out |= the nodes labelled `key=value`. */
export function orDomain(out: Bits, nodes: NodeIndex, key: string, value: string): void {
  const set: IdSet | undefined = nodes.label(key)?.values.get(value);
  if (set !== undefined) orIdSet(out, set, nodes.liveWords);
}

/**
 * out |= the nodes of the domains of `key` whose count is above `threshold`: the one loop behind
 * every "this domain is too full" (spread skew, anti-affinity) and "this domain has a match" (affinity).
 */
export function orDomainsAbove(out: Bits, nodes: NodeIndex, key: string, counts: Iterable<readonly [string, number | { readonly count: number }]>, threshold: number): void {
  for (const [value, entry] of counts) if ((typeof entry === 'number' ? entry : entry.count) > threshold) orDomain(out, nodes, key, value);
}

/** out |= the nodes of every domain counted above 0. */
export function orCountedDomains(out: Bits, nodes: NodeIndex, counts: TopologyCounts): void {
  for (const [key, values] of counts) orDomainsAbove(out, nodes, key, values, 0);
}

/** Does the set share a node with `bits`? */
export function intersects(set: IdSet, bits: Bits, words: number): boolean {
  if (typeof set === 'number') return (bits[set >>> 5]! & (1 << (set & 31))) !== 0;
  if (Array.isArray(set)) return set.some((id) => (bits[id >>> 5]! & (1 << (id & 31))) !== 0);
  for (let i = 0; i < words; i++) if ((set.bits[i]! & bits[i]!) !== 0) return true;
  return false;
}
