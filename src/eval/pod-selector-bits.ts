/**
 * Label selectors over the pod index: the pods a term or a spread constraint selects, by set
 * operations on the namespace and label sets, never a loop over all pods. Two ways, whichever is
 * cheaper: when a namespace or an `In` requirement narrows the pods to a few, those few are
 * checked one by one; otherwise whole pod bitsets are combined. Matches `Selector.Matches` pod by
 * pod: `In` needs one of the values, `NotIn` and `DoesNotExist` also hold for a pod without the label.
 */
import { andNotBits, copyBits, forEachBit, hasBit, type Bits } from '../node-index/bitset.js';
import { andIdSet, andNotIdSet, forEachId, orIdSet, sizeOfIdSet, type IdSet } from '../node-index/id-set.js';
import type { PodLabelIndex } from '../node-index/pod-label-index.js';
import { matchesSelector, type ParsedSelector } from '../semantics/label-selector.js';

const reusable = new WeakMap<PodLabelIndex, PodScratch>();

/**
 * Buffers for one evaluation, sized to the pod index: a working set (`a`) and two for the kernels. A pod set has a word per 32 pods (10k words at 300k pods), so they are kept per index
 * and reused; evaluations are synchronous and return node sets only, so nothing outlives a call.
 */
export class PodScratch {
  /** Words that can hold a live pod id. */
  words: number;
  readonly a: Bits;
  readonly union: Bits;
  readonly sparse: Bits;

  private constructor(readonly index: PodLabelIndex, readonly capacity: number) {
    this.words = index.liveWords;
    this.a = new Uint32Array(capacity);
    this.union = new Uint32Array(capacity);
    this.sparse = new Uint32Array(capacity);
  }

  /** The buffers of `index`, made again only when its capacity grew. */
  static of(index: PodLabelIndex): PodScratch {
    const kept = reusable.get(index);
    if (kept && kept.capacity === index.words) {
      kept.words = index.liveWords;
      return kept;
    }
    const made = new PodScratch(index, index.words);
    reusable.set(index, made);
    return made;
  }
}

/** out &= the pods whose labels match `selector` (nil and invalid selectors match none). */
export function andSelector(out: Bits, selector: ParsedSelector, s: PodScratch): void {
  const { words, index } = s;
  if (selector.kind !== 'requirements') {
    out.fill(0);
    return;
  }
  for (const rq of selector.requirements) {
    const entry = index.labels.get(rq.key);
    if (rq.operator === 'Exists' || rq.operator === 'DoesNotExist') {
      if (rq.operator === 'DoesNotExist') {
        if (entry?.present !== undefined) andNotIdSet(out, entry.present, words);
      } else if (entry?.present === undefined) out.fill(0);
      else andIdSet(out, entry.present, words, s.sparse);
      continue;
    }
    // In / NotIn: the union of the listed values' sets.
    s.union.fill(0, 0, words);
    for (const value of rq.values) {
      const set = entry?.values.get(value);
      if (set !== undefined) orIdSet(s.union, set, words);
    }
    if (rq.operator === 'In') andWith(out, s.union, words);
    else andNotBits(out, s.union, words);
  }
}

function andWith(out: Bits, a: Bits, words: number): void {
  for (let i = 0; i < words; i++) out[i]! &= a[i]!;
}

/** out = placed pods in any of `namespaces` (every namespace when `all`). */
export function placedInNamespaces(out: Bits, namespaces: Iterable<string>, all: boolean, s: PodScratch): void {
  const { words, index } = s;
  if (all) {
    copyBits(out, index.placed, words);
    return;
  }
  s.union.fill(0, 0, words);
  for (const ns of namespaces) {
    const set: IdSet | undefined = index.namespaces.get(ns);
    if (set !== undefined) orIdSet(s.union, set, words);
  }
  copyBits(out, index.placed, words);
  andWith(out, s.union, words);
}

/** Which pods to select: placed ones in `namespaces` (all when `allNamespaces`), matching `selector`, terminating ones too or not. */
export interface PodQuery {
  readonly namespaces: ReadonlySet<string>;
  readonly allNamespaces: boolean;
  readonly selector: ParsedSelector;
  readonly skipTerminating: boolean;
}

/** The smallest candidate list the query allows (its namespaces, or one `In` requirement's values), or `undefined` when none is. */
function smallestCandidates(query: PodQuery, index: PodLabelIndex): IdSet[] | undefined {
  let best: IdSet[] | undefined;
  let bestSize = Infinity;
  // An IdSet may itself be an array: collect with push, never flatMap.
  const consider = (names: Iterable<string>, lookup: (name: string) => IdSet | undefined): void => {
    const sets: IdSet[] = [];
    let size = 0;
    for (const name of names) {
      const set = lookup(name);
      if (set === undefined) continue;
      sets.push(set);
      size += sizeOfIdSet(set);
    }
    if (size < bestSize) [best, bestSize] = [sets, size];
  };
  if (!query.allNamespaces) consider(query.namespaces, (ns) => index.namespaces.get(ns));
  if (query.selector.kind === 'requirements') {
    for (const rq of query.selector.requirements) {
      if (rq.operator !== 'In') continue;
      const values = index.labels.get(rq.key)?.values;
      consider(rq.values, (v) => values?.get(v));
    }
  }
  // Checking a pod costs about what combining a few dozen words does.
  return bestSize <= index.liveWords ? best : undefined;
}

/** The ids of the placed pods the query selects, in no particular order. */
export function selectPods(query: PodQuery, s: PodScratch): number[] {
  const { index } = s;
  const out: number[] = [];
  if (query.selector.kind !== 'requirements') return out;
  const candidates = smallestCandidates(query, index);
  if (candidates) {
    const seen = s.union;
    seen.fill(0, 0, s.words);
    for (const set of candidates) {
      forEachId(set, s.words, (id) => {
        if (hasBit(seen, id) || !hasBit(index.placed, id)) return;
        seen[id >>> 5]! |= 1 << (id & 31);
        if (query.skipTerminating && hasBit(index.terminating, id)) return;
        const pod = index.pods[id]!;
        if ((query.allNamespaces || query.namespaces.has(pod.namespace)) && matchesSelector(query.selector, pod.labels)) out.push(id);
      });
    }
    return out;
  }
  const bits = s.a;
  placedInNamespaces(bits, query.namespaces, query.allNamespaces, s);
  if (query.skipTerminating) andNotBits(bits, index.terminating, s.words);
  andSelector(bits, query.selector, s);
  forEachBit(bits, s.words, (id) => out.push(id));
  return out;
}
