/**
 * A label key's values as a column over node ids: one array read tells a node's value. Explanations
 * group nodes by the values their details mention; the index keeps values → nodes, this is the
 * inverse, built on first use per key and kept while the key is unchanged.
 */
import { forEachId } from '../node-index/id-set.js';
import type { NodeIndex } from '../node-index/node-index.js';

/** One key's values per node. */
export interface ValueColumn {
  /** Per node id: 0 when the node lacks the label, else 1 + the value's position in `values`. */
  readonly ordinals: Int32Array;
  readonly values: readonly string[];
}

interface Cached {
  readonly version: number;
  readonly capacity: number;
  readonly column: ValueColumn;
}

/** Value columns over one index, least recently used evicted past `max` keys. */
export class ValueColumns {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly index: NodeIndex,
    private readonly max = 64,
  ) {}

  /** The column of `key` (all zeros when no node has it). */
  column(key: string): ValueColumn {
    const entry = this.index.label(key);
    const version = this.index.labelVersion(key);
    const capacity = this.index.words * 32;
    const cached = this.cache.get(key);
    if (cached && cached.version === version && cached.capacity === capacity) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.column;
    }
    const ordinals = new Int32Array(capacity);
    const values: string[] = [];
    if (entry) {
      const words = this.index.words;
      for (const [value, ids] of entry.values) {
        const ordinal = values.push(value);
        forEachId(ids, words, (id) => {
          ordinals[id] = ordinal;
        });
      }
    }
    const column = { ordinals, values };
    this.cache.delete(key);
    this.cache.set(key, { version, capacity, column });
    if (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value!);
    return column;
  }
}
