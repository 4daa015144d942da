/** A workload's row of the matrix: its eligible set intersected with each pool's members. */
import { andBits, copyBits, countBits } from '../node-index/bitset.js';
import type { NodePools } from './pools.js';

/**
 * Eligible nodes per pool, in pool order. `eligible` is a bitset over the same node positions as
 * the pools' members; `scratch` (at least as long as a member set) is overwritten. Two word passes
 * and a popcount per pool: 45 pools of a 10,000-node cluster are ~40k word operations.
 */
export function countByPool(eligible: Uint32Array, pools: NodePools, scratch: Uint32Array): number[] {
  const counts = new Array<number>(pools.members.length);
  pools.members.forEach((members, i) => {
    const words = members.length;
    copyBits(scratch, members, words);
    andBits(scratch, eligible, Math.min(words, eligible.length));
    // Words of the member set past the end of `eligible` hold no eligible node.
    scratch.fill(0, Math.min(words, eligible.length), words);
    counts[i] = countBits(scratch, words);
  });
  return counts;
}
