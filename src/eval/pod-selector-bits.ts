/**
 * Label selectors over the pod index: the pods a term or a spread constraint selects, as a bitset
 * over pod ids, by set operations on the namespace and label sets (never a loop over pods).
 * Matches `Selector.Matches` pod by pod: `In` needs one of the values, `NotIn` and `DoesNotExist`
 * also hold for a pod without the label.
 */
import { andNotBits, copyBits, forEachBit, type Bits } from '../node-index/bitset.js';
import { andIdSet, andNotIdSet, orIdSet, type IdSet } from '../node-index/id-set.js';
import type { PodLabelIndex } from '../node-index/pod-label-index.js';
import type { ParsedSelector } from '../semantics/label-selector.js';

/** Reusable buffers for one evaluation, sized to the pod index. */
export class PodScratch {
  readonly words: number;
  readonly union: Bits;
  readonly sparse: Bits;

  constructor(readonly index: PodLabelIndex) {
    this.words = index.liveWords;
    this.union = new Uint32Array(index.words);
    this.sparse = new Uint32Array(index.words);
  }

  /** A fresh set of the index's capacity. */
  bits(): Bits {
    return new Uint32Array(this.index.words);
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

/** Calls `visit` with each pod of `pods` and the node it counts on. */
export function forEachPlacedPod(pods: Bits, s: PodScratch, visit: (podId: number, nodeId: number) => void): void {
  const nodeOf = s.index.nodeOf;
  forEachBit(pods, s.words, (id) => visit(id, nodeOf[id]!));
}
