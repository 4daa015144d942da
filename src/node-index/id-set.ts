/**
 * The nodes that carry one label value or one taint. Most values are rare (a hostname is unique,
 * a rack has ~40 nodes), so a set starts sparse — one id as a bare number, a few as a sorted-free
 * id list — and becomes a dense bitset once it holds more than 1/64 of the node capacity. A dense
 * bitset per hostname would cost N²/8 bytes.
 */
import { andBits, andNotBits, clearBit, copyBits, forEachBit, hasBit, orBits, setBit, type Bits } from './bitset.js';

/** A dense set: the bitset and its population, so emptiness is known without a scan. */
export interface DenseIds {
  readonly bits: Bits;
  count: number;
}

/** A set of node ids: one id, a short list, or dense. */
export type IdSet = number | number[] | DenseIds;

/** Over this many ids (relative to capacity) a set is stored dense. */
export function denseThreshold(words: number): number {
  return Math.max(8, words >>> 1);
}

/**
 * Adds `id`, which must not be in the set yet (the index links each node to each of its label
 * values and taints once, so no membership scan is needed); returns the (possibly new) representation.
 */
export function addId(set: IdSet | undefined, id: number, words: number): IdSet {
  if (set === undefined) return id;
  if (typeof set === 'number') return [set, id];
  if (Array.isArray(set)) {
    if (set.length < denseThreshold(words)) {
      set.push(id);
      return set;
    }
    const bits = new Uint32Array(words);
    for (const member of set) setBit(bits, member);
    setBit(bits, id);
    return { bits, count: set.length + 1 };
  }
  if (!hasBit(set.bits, id)) {
    setBit(set.bits, id);
    set.count++;
  }
  return set;
}

/** Removes `id`; returns the new representation, or `undefined` when the set is empty. */
export function removeId(set: IdSet, id: number): IdSet | undefined {
  if (typeof set === 'number') return set === id ? undefined : set;
  if (Array.isArray(set)) {
    const at = set.indexOf(id);
    if (at >= 0) {
      set[at] = set[set.length - 1]!;
      set.pop();
    }
    if (set.length === 1) return set[0]!;
    return set.length === 0 ? undefined : set;
  }
  if (hasBit(set.bits, id)) {
    clearBit(set.bits, id);
    set.count--;
  }
  return set.count === 0 ? undefined : set;
}

/** out |= set */
export function orIdSet(out: Bits, set: IdSet, words: number): void {
  if (typeof set === 'number') setBit(out, set);
  else if (Array.isArray(set)) for (const id of set) setBit(out, id);
  else orBits(out, set.bits, words);
}

/** out &= set, using `scratch` for sparse sets. */
export function andIdSet(out: Bits, set: IdSet, words: number, scratch: Bits): void {
  if (!(typeof set === 'number' || Array.isArray(set))) {
    andBits(out, set.bits, words);
    return;
  }
  // Sparse: keep only the listed ids that are already in `out`.
  scratch.fill(0, 0, words);
  if (typeof set === 'number') {
    if (hasBit(out, set)) setBit(scratch, set);
  } else {
    for (const id of set) if (hasBit(out, id)) setBit(scratch, id);
  }
  copyBits(out, scratch, words);
}

/** Calls `visit` with every id of the set (in no particular order for lists). */
export function forEachId(set: IdSet, words: number, visit: (id: number) => void): void {
  if (typeof set === 'number') visit(set);
  else if (Array.isArray(set)) for (const id of set) visit(id);
  else forEachBit(set.bits, words, visit);
}

/** Does the set contain `id`? */
export function hasId(set: IdSet, id: number): boolean {
  if (typeof set === 'number') return set === id;
  if (Array.isArray(set)) return set.includes(id);
  return hasBit(set.bits, id);
}

/** out &= ~set */
export function andNotIdSet(out: Bits, set: IdSet, words: number): void {
  if (typeof set === 'number') clearBit(out, set);
  else if (Array.isArray(set)) for (const id of set) clearBit(out, id);
  else andNotBits(out, set.bits, words);
}

/** Number of ids in the set. */
export function sizeOfIdSet(set: IdSet): number {
  return typeof set === 'number' ? 1 : Array.isArray(set) ? set.length : set.count;
}

/** A dense copy of the set with `words` words (used when the capacity grows). */
export function resizeIdSet(set: IdSet, words: number): IdSet {
  if (typeof set === 'number' || Array.isArray(set)) return set;
  const bits = new Uint32Array(words);
  bits.set(set.bits);
  return { bits, count: set.count };
}
