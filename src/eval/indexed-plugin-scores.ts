/**
 * What the indexed score plugins take and give: the feasible nodes as a set over the node index
 * with their ids in order, and per plugin the PreScore outcome with raw and normalized scores by
 * position among those ids (the semantics layer's {@link PluginScores}, keyed by position instead
 * of node name).
 */
import { hasBit, type Bits } from '../node-index/bitset.js';
import type { IdSet } from '../node-index/id-set.js';
import type { NotEvaluated } from '../semantics/pod-to-pod-inputs.js';

/** The nodes that passed the filters: `bits` over the node index, `ids[0..count)` the same ids ascending. */
export interface FeasibleNodes {
  readonly bits: Bits;
  readonly ids: Int32Array;
  readonly count: number;
}

/** One plugin's outcome over the feasible nodes; `raw[k]` and `normalized[k]` belong to `ids[k]`. */
export type IndexedPluginScores =
  | { readonly status: 'skip'; readonly notEvaluated: readonly NotEvaluated[] }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'scored'; readonly raw: readonly number[]; readonly normalized: readonly number[]; readonly notEvaluated: readonly NotEvaluated[] };

/** Adds `amount` to `byId[id]` for every id of `set` that is in `feasible`. */
export function addOverFeasible(set: IdSet, feasible: Bits, byId: Float64Array, amount: number, words: number): void {
  if (typeof set === 'number') {
    if (hasBit(feasible, set)) byId[set]! += amount;
  } else if (Array.isArray(set)) {
    for (const id of set) if (hasBit(feasible, id)) byId[id]! += amount;
  } else {
    for (let i = 0; i < words; i++) {
      let w = set.bits[i]! & feasible[i]!;
      while (w !== 0) {
        const low = w & -w;
        byId[(i << 5) + 31 - Math.clz32(low)]! += amount;
        w ^= low;
      }
    }
  }
}

/** `byId` read at the feasible ids, in their order. */
export function atFeasible(byId: Float64Array, feasible: FeasibleNodes): number[] {
  const out = new Array<number>(feasible.count);
  for (let k = 0; k < feasible.count; k++) out[k] = byId[feasible.ids[k]!]!;
  return out;
}
