/**
 * Word kernels over `Uint32Array` bitsets: bit `i` is bit `i & 31` of word `i >>> 5`. Every kernel
 * takes the word count explicitly so scratch buffers can be longer than the live range. These
 * loops are the hot path: keep them monomorphic, branch-free and allocation-free.
 */

/** A bitset. */
export type Bits = Uint32Array;

/** out = a */
export function copyBits(out: Bits, a: Bits, words: number): void {
  out.set(a.subarray(0, words));
}

/** out &= a */
export function andBits(out: Bits, a: Bits, words: number): void {
  for (let i = 0; i < words; i++) out[i]! &= a[i]!;
}

/** out |= a */
export function orBits(out: Bits, a: Bits, words: number): void {
  for (let i = 0; i < words; i++) out[i]! |= a[i]!;
}

/** out &= ~a */
export function andNotBits(out: Bits, a: Bits, words: number): void {
  for (let i = 0; i < words; i++) out[i]! &= ~a[i]!;
}

/** Number of set bits (SWAR popcount per word). */
export function countBits(a: Bits, words: number): number {
  let total = 0;
  for (let i = 0; i < words; i++) {
    let v = a[i]!;
    if (v === 0) continue;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return total;
}

/** Is any bit set? */
export function anyBits(a: Bits, words: number): boolean {
  for (let i = 0; i < words; i++) if (a[i] !== 0) return true;
  return false;
}

/** Sets bit `id`. */
export function setBit(a: Bits, id: number): void {
  a[id >>> 5]! |= 1 << (id & 31);
}

/** Sets bits 0 to `count` - 1 (the rest are left as they are). */
export function setFirstBits(a: Bits, count: number): void {
  a.fill(0xffffffff, 0, count >>> 5);
  if ((count & 31) !== 0) a[count >>> 5]! |= (1 << (count & 31)) - 1;
}

/** Clears bit `id`. */
export function clearBit(a: Bits, id: number): void {
  a[id >>> 5]! &= ~(1 << (id & 31));
}

/** Is bit `id` set? */
export function hasBit(a: Bits, id: number): boolean {
  return (a[id >>> 5]! & (1 << (id & 31))) !== 0;
}

/** Calls `visit` with every set bit, in increasing order. */
export function forEachBit(a: Bits, words: number, visit: (id: number) => void): void {
  for (let i = 0; i < words; i++) {
    let w = a[i]!;
    while (w !== 0) {
      const low = w & -w;
      visit((i << 5) + 31 - Math.clz32(low));
      w ^= low;
    }
  }
}

/**
 * Writes the set bits, in increasing order, into `out` (preallocated, e.g. by {@link countBits});
 * returns how many. A word with many bits is unrolled branch-free (each bit position is written and
 * the cursor advances by the bit), a sparse word walks its bits: the data-dependent loop of the
 * sparse form mispredicts on dense words and cost ~2.5x more per node there. `out` must be a typed
 * array: the branch-free form may write one slot past the last id, which a typed array ignores.
 */
export function collectBits(a: Bits, words: number, out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < words; i++) {
    let w = a[i]!;
    if (w === 0) continue;
    const base = i << 5;
    let v = w - ((w >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    if ((((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24 >= 6) {
      for (let b = 0; b < 32; b++) {
        out[n] = base + b;
        n += (w >>> b) & 1;
      }
    } else {
      while (w !== 0) {
        const low = w & -w;
        out[n++] = base + 31 - Math.clz32(low);
        w ^= low;
      }
    }
  }
  return n;
}

/** The capacity, in words, that holds bit `id`: `words` doubled as often as needed (indexes grow this way). */
export function wordsToHold(id: number, words: number): number {
  while (id >= words * 32) words *= 2;
  return words;
}

/** A copy of `bits` in a zeroed set of `words` words (a grown capacity). */
export function grownBits(bits: Bits, words: number): Bits {
  const out = new Uint32Array(words);
  out.set(bits);
  return out;
}
