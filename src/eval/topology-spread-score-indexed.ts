/**
 * PodTopologySpread scoring over the indexes (podtopologyspread/scoring.go v1.35), for
 * `ScheduleAnyway` constraints or the system defaults. Per constraint: the feasible nodes missing
 * a key are one set difference; the domains are the label values whose node sets meet the
 * feasible set; the matching pods (the pod's namespace, not terminating, the selector) come from
 * the pod index and are visited once, to count them per node; a domain's count sums its nodes
 * that pass the inclusion policies (hostname reads the node's own). Each domain's score is then
 * added over its node set, constraint after constraint, so every node sums in the order the
 * semantics layer's `scoreTopologySpread` does, and rounds the same (property-tested).
 */
import { anyBits, copyBits, forEachBit, hasBit, type Bits } from '../node-index/bitset.js';
import { andIdSet, andNotIdSet, orIdSet, type IdSet } from '../node-index/id-set.js';
import { isEmptySelector } from '../semantics/label-selector.js';
import { NotEvaluatedList, reportControllerLabelKeys, type IncomingPod, type NotEvaluated } from '../semantics/pod-to-pod-inputs.js';
import { labelHostname, spreadConstraintsFor, type SpreadConstraint } from '../semantics/spread-constraints.js';
import { normalizeTopologySpreadScores, type TopologySpreadScoreOptions } from '../semantics/topology-spread-score.js';
import { addOverFeasible, type FeasibleNodes, type IndexedPluginScores } from './indexed-plugin-scores.js';
import { PodScratch, selectPods } from './pod-selector-bits.js';
import { intersects, nodeBits, objectsOnly, type PodToPodIndexes } from './pod-to-pod-context.js';
import { eligibleNodes, type SpreadOptions } from './topology-spread-indexed.js';

/** `scoreForCount`. */
function scoreForCount(count: number, maxSkew: number, weight: number): number {
  return count * weight + (maxSkew - 1);
}

/** Go's `math.Round`: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * Per node id, the placed, non-terminating pods of the pod's namespace the constraint's selector
 * matches (none for a selector without requirements). The system defaults share one selector, so
 * the counts are kept per selector for the ranking.
 */
function matchingPerNode(c: SpreadConstraint, pod: IncomingPod, indexes: PodToPodIndexes, s: PodScratch, cache: Map<object, Int32Array>): Int32Array {
  let perNode = cache.get(c.selector);
  if (perNode) return perNode;
  perNode = new Int32Array(indexes.nodes.highWater);
  if (!isEmptySelector(c.selector)) {
    const query = { namespaces: new Set([pod.namespace]), allNamespaces: false, selector: c.selector, skipTerminating: true };
    for (const podId of selectPods(query, s)) perNode[indexes.pods.nodeOf[podId]!]! += 1;
  }
  cache.set(c.selector, perNode);
  return perNode;
}

/** The sets PreScore works over. */
interface Sets {
  /** Live nodes counted at all: every live node, or those with every key when all keys are required. */
  readonly counted: Bits;
  /** Feasible nodes that are scored (not ignored). */
  readonly scored: Bits;
  readonly scoredCount: number;
}

/** Σ `perNode[id]` over the ids of `set` that are in `among`. */
function sumOver(set: IdSet, among: Bits, perNode: Int32Array, words: number): number {
  if (typeof set === 'number') return hasBit(among, set) ? perNode[set]! : 0;
  let sum = 0;
  if (Array.isArray(set)) {
    for (const id of set) if (hasBit(among, id)) sum += perNode[id]!;
    return sum;
  }
  for (let i = 0; i < words; i++) {
    let w = set.bits[i]! & among[i]!;
    while (w !== 0) {
      const low = w & -w;
      sum += perNode[(i << 5) + 31 - Math.clz32(low)]!;
      w ^= low;
    }
  }
  return sum;
}

/**
 * `initPreScoreState`'s domains of a zone-like constraint (value → 0) among the scored nodes,
 * then `PreScore`'s counts over the nodes passing the inclusion policies. A node without the key
 * counts in the "" domain, as upstream reads a missing label (possible under the system defaults only).
 */
function countDomains(c: SpreadConstraint, sets: Sets, perNode: Int32Array, pod: IncomingPod, indexes: PodToPodIndexes, options: SpreadOptions): Map<string, number> {
  const { nodes } = indexes;
  const words = nodes.liveWords;
  const domains = new Map<string, number>();
  const entry = nodes.label(c.topologyKey);
  for (const [value, set] of entry?.values ?? []) if (intersects(set, sets.scored, words)) domains.set(value, 0);
  const missing = nodeBits(nodes);
  copyBits(missing, sets.scored, words);
  if (entry?.present !== undefined) andNotIdSet(missing, entry.present, words);
  const anyMissing = anyBits(missing, words);
  if (anyMissing) domains.set('', 0);
  if (domains.size === 0) return domains;
  const eligible = eligibleNodes(c, sets.counted, pod, indexes, options);
  for (const value of domains.keys()) {
    const set = entry?.values.get(value);
    let count = set === undefined ? 0 : sumOver(set, eligible, perNode, words);
    if (value === '' && anyMissing) {
      // The eligible nodes without the key count in "" too.
      const without = nodeBits(nodes);
      copyBits(without, eligible, words);
      if (entry?.present !== undefined) andNotIdSet(without, entry.present, words);
      forEachBit(without, words, (id) => void (count += perNode[id]!));
    }
    domains.set(value, count);
  }
  return domains;
}

/** Adds constraint `c`'s score to every scored node with its key, into `byId`. */
function addConstraint(c: SpreadConstraint, sets: Sets, perNode: Int32Array, pod: IncomingPod, indexes: PodToPodIndexes, options: SpreadOptions, byId: Float64Array): void {
  const { nodes } = indexes;
  const words = nodes.liveWords;
  const entry = nodes.label(c.topologyKey);
  if (!entry) return;
  if (c.topologyKey === labelHostname) {
    // Counted per node in Score: the node's own matching pods, whatever the inclusion policies.
    const weight = Math.log(sets.scoredCount + 2);
    const withKey = nodeBits(nodes);
    if (entry.present !== undefined) orIdSet(withKey, entry.present, words);
    for (let i = 0; i < words; i++) {
      let w = withKey[i]! & sets.scored[i]!;
      while (w !== 0) {
        const low = w & -w;
        const id = (i << 5) + 31 - Math.clz32(low);
        byId[id]! += scoreForCount(perNode[id]!, c.maxSkew, weight);
        w ^= low;
      }
    }
    return;
  }
  const domains = countDomains(c, sets, perNode, pod, indexes, options);
  const weight = Math.log(domains.size + 2);
  for (const [value, count] of domains) {
    const set = entry.values.get(value);
    if (set !== undefined) addOverFeasible(set, sets.scored, byId, scoreForCount(count, c.maxSkew, weight), words);
  }
}

/** The live nodes with every constraint's key. */
function withAllKeys(constraints: readonly SpreadConstraint[], indexes: PodToPodIndexes): Bits {
  const { nodes } = indexes;
  const out = nodeBits(nodes);
  out.set(nodes.alive);
  const scratch = nodeBits(nodes);
  for (const c of constraints) {
    const present = nodes.label(c.topologyKey)?.present;
    if (present === undefined) out.fill(0);
    else andIdSet(out, present, nodes.liveWords, scratch);
  }
  return out;
}

/** PodTopologySpread PreScore, Score and NormalizeScore over the feasible nodes, on the indexes. */
export function scoreTopologySpreadIndexed(
  pod: IncomingPod,
  indexes: PodToPodIndexes,
  feasible: FeasibleNodes,
  options: TopologySpreadScoreOptions = { systemDefaulted: true },
  spreadOptions: SpreadOptions = {},
): IndexedPluginScores {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'spread', notEvaluated);
  const { nodes } = indexes;
  if (nodes.size === 0) return { status: 'skip', notEvaluated: notEvaluated.list() };
  const { constraints, error, defaultsCaveats = [] } = spreadConstraintsFor(pod, objectsOnly(indexes), 'ScheduleAnyway');
  if (error !== undefined) return { status: 'error', message: `calculating preScoreState: obtaining pod's soft topology spread constraints: ${error}` };
  const caveats: NotEvaluated[] = defaultsCaveats.map((what) => ({ field: 'default spreading (PodTopologySpread)', what }));
  if (constraints.length === 0) return { status: 'skip', notEvaluated: [...notEvaluated.list(), ...caveats] };
  // Only the pod's own constraints require every key; system defaults still spread by hostname on zoneless nodes.
  const requireAll = (pod.placement.topologySpreadConstraints?.length ?? 0) > 0 || !options.systemDefaulted;
  const words = nodes.liveWords;
  const counted = nodeBits(nodes);
  if (requireAll) copyBits(counted, withAllKeys(constraints, indexes), words);
  else counted.set(nodes.alive);
  const scored = nodeBits(nodes);
  copyBits(scored, feasible.bits, words);
  if (requireAll) for (let i = 0; i < words; i++) scored[i]! &= counted[i]!;
  let scoredCount = 0;
  for (let k = 0; k < feasible.count; k++) if (hasBit(scored, feasible.ids[k]!)) scoredCount++;
  const sets: Sets = { counted, scored, scoredCount };
  const byId = new Float64Array(nodes.highWater);
  const s = PodScratch.of(indexes.pods);
  const perSelector = new Map<object, Int32Array>();
  for (const c of constraints) addConstraint(c, sets, matchingPerNode(c, pod, indexes, s, perSelector), pod, indexes, spreadOptions, byId);
  const raw = new Array<number>(feasible.count);
  const ignored = new Array<boolean>(feasible.count);
  for (let k = 0; k < feasible.count; k++) {
    const id = feasible.ids[k]!;
    const skip = !hasBit(scored, id);
    ignored[k] = skip;
    raw[k] = skip ? 0 : goRound(byId[id]!);
  }
  return { status: 'scored', raw, normalized: normalizeTopologySpreadScores(raw, ignored), notEvaluated: [...notEvaluated.list(), ...caveats] };
}
