/**
 * The index's label side, built per key on first use. A cluster carries 20-40 label keys per node,
 * a rule reads a handful: building every key's value sets up front cost 2 million map inserts at
 * 100k nodes (most of the index build, and most of its garbage), for keys no rule may ever read.
 * A key's sets are built by one pass over the nodes the first time a rule, an explanation or a
 * what-if asks for it, and from then on kept up to date in place like the rest of the index.
 *
 * Versions: a built key has its own version, bumped when any of its sets changes. Every key not
 * built shares one "cold" version, bumped when a label of any such key changes. Building a key
 * gives it the cold version it had, so a value computed before stays valid, and a value computed
 * from a built key can never see the version it was computed at come back (all versions come from
 * one counter).
 */
import type { Node } from '../model/types.js';
import { addId, removeId, resizeIdSet, type IdSet } from './id-set.js';

/** One label key: who has it, and who has each value. `version` changes whenever any of it does. */
export interface LabelKeyEntry {
  present: IdSet | undefined;
  readonly values: Map<string, IdSet>;
  version: number;
}

/**
 * Keys asked for that no node has are remembered (so asking again costs nothing) up to this many;
 * past it they are forgotten at once, so a stream of made-up keys cannot grow the table.
 */
const maxAbsentKeys = 1024;

/** What the label side reads from its index. */
export interface LabelSource {
  readonly nodes: readonly (Node | undefined)[];
  readonly highWater: number;
  readonly words: number;
}

/** Per-key value sets, built on demand and then maintained. */
export class LabelKeys {
  private readonly built = new Map<string, LabelKeyEntry>();
  private absent = 0;
  /** Source of versions: global, so a key removed and re-added never repeats a version. */
  private stamp = 0;
  /** The version every key not built shares. */
  private coldVersion = 0;

  constructor(private readonly source: LabelSource) {}

  /** The key's sets (built now if never asked for), or `undefined` when no node has the key. */
  get(key: string): LabelKeyEntry | undefined {
    const entry = this.built.get(key) ?? this.build(key);
    return entry.present === undefined ? undefined : entry;
  }

  /** The key's version: it changes whenever any node's value of the key does. */
  version(key: string): number {
    return this.built.get(key)?.version ?? this.coldVersion;
  }

  /** Number of keys built so far (memory figures, tests). */
  get builtCount(): number {
    return this.built.size;
  }

  /** Node `id` now has `key` = `value` (it had no value for `key` before). */
  add(id: number, key: string, value: string): void {
    const entry = this.built.get(key);
    if (!entry) {
      this.coldVersion = ++this.stamp;
      return;
    }
    if (entry.present === undefined) this.absent--;
    entry.present = addId(entry.present, id, this.source.words);
    const before = entry.values.get(value);
    const after = addId(before, id, this.source.words);
    // Lists and bitsets grow in place; only a new representation needs storing.
    if (after !== before) entry.values.set(value, after);
    entry.version = ++this.stamp;
  }

  /** Node `id` no longer has `key` = `value`. */
  remove(id: number, key: string, value: string): void {
    const entry = this.built.get(key);
    if (!entry) {
      this.coldVersion = ++this.stamp;
      return;
    }
    entry.present = removeId(entry.present!, id);
    const set = removeId(entry.values.get(value)!, id);
    if (set === undefined) entry.values.delete(value);
    else entry.values.set(value, set);
    entry.version = ++this.stamp;
    if (entry.present === undefined) this.noteAbsent();
  }

  /** Some labels of keys not built changed (cheaper than one call per label when nothing is built). */
  touchCold(): void {
    this.coldVersion = ++this.stamp;
  }

  /** Is nothing built (then a node's labels need no per-label work, only {@link touchCold})? */
  get isCold(): boolean {
    return this.built.size === 0;
  }

  /** Every built set grows to `words` words. */
  resize(words: number): void {
    for (const entry of this.built.values()) {
      if (entry.present !== undefined) entry.present = resizeIdSet(entry.present, words);
      for (const [value, set] of entry.values) entry.values.set(value, resizeIdSet(set, words));
    }
  }

  /** One pass over the nodes, in id order (so lists come out sorted and sets dense where they should). */
  private build(key: string): LabelKeyEntry {
    const { nodes, highWater, words } = this.source;
    const entry: LabelKeyEntry = { present: undefined, values: new Map(), version: this.coldVersion };
    for (let id = 0; id < highWater; id++) {
      const value = nodes[id]?.labels.get(key);
      if (value === undefined) continue;
      entry.present = addId(entry.present, id, words);
      const before = entry.values.get(value);
      const after = addId(before, id, words);
      if (after !== before) entry.values.set(value, after);
    }
    this.built.set(key, entry);
    if (entry.present === undefined) this.noteAbsent();
    return entry;
  }

  /** An entry just became empty: remember it, unless too many are remembered already. */
  private noteAbsent(): void {
    if (++this.absent <= maxAbsentKeys) return;
    for (const [key, entry] of this.built) if (entry.present === undefined) this.built.delete(key);
    this.absent = 0;
    // Forgotten keys now read the cold version: it must be one none of them ever had.
    this.coldVersion = ++this.stamp;
  }
}
