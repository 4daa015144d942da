/**
 * Node name → id: an open-addressing hash table of ids over one Int32Array, the names themselves
 * read from the index's name-by-id array. At 100,000 nodes a Map's inserts were most of the index
 * build (its table grows by rehashing into ever larger tables, three slots per entry, and every
 * insert lands somewhere new in memory); this table is sized once for a bulk build, holds 4 bytes
 * per slot at most half full, and hashes each name once per insert or lookup.
 *
 * The hash is seeded per process, as V8 seeds its own, so names cannot be chosen offline to
 * collide; probing is linear, removals leave tombstones that inserts reuse and growth sweeps away.
 */

const empty = -1;
const removed = -2;

/** A per-process seed: equal names hash equally within a process, and differently across them. */
const seed = (Math.random() * 0x100000000) | 0;

/** A 32-bit hash of a string: two UTF-16 units per step, then murmur3's finalizer. */
export function hashName(name: string): number {
  let h = seed ^ name.length;
  const n = name.length;
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (name.charCodeAt(i) | (name.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Names to ids; `nameOf(id)` must give the name an id was set under for as long as it is in the table. */
export class NameTable {
  private slots: Int32Array;
  private mask: number;
  /** Live entries. */
  size = 0;
  /** Live entries and tombstones: what fills the probe sequences. */
  private filled = 0;

  constructor(
    private readonly names: readonly string[],
    expected = 0,
  ) {
    const capacity = capacityFor(expected, 2);
    this.slots = new Int32Array(capacity).fill(empty);
    this.mask = capacity - 1;
  }

  /** The id of `name`, or `undefined`. */
  get(name: string): number | undefined {
    const slots = this.slots;
    const names = this.names;
    for (let slot = hashName(name) & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = slots[slot]!;
      if (id === empty) return undefined;
      if (id !== removed && names[id] === name) return id;
    }
  }

  /** Adds `name` (read from the names array at `id`); false, and nothing added, when it is already in. */
  add(name: string, id: number): boolean {
    if (2 * (this.filled + 1) > this.slots.length) this.resize(capacityFor(this.size + 1, 4));
    const slots = this.slots;
    const names = this.names;
    let free = -1;
    let slot = hashName(name) & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const at = slots[slot]!;
      if (at === empty) break;
      if (at === removed) {
        if (free < 0) free = slot;
      } else if (names[at] === name) {
        return false;
      }
    }
    if (free >= 0) slots[free] = id;
    else {
      slots[slot] = id;
      this.filled++;
    }
    this.size++;
    return true;
  }

  /** Removes `name`; call it while the names array still holds it. */
  delete(name: string): boolean {
    const slots = this.slots;
    const names = this.names;
    for (let slot = hashName(name) & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = slots[slot]!;
      if (id === empty) return false;
      if (id !== removed && names[id] === name) {
        slots[slot] = removed;
        this.size--;
        return true;
      }
    }
  }

  /** Rebuilds into `capacity` slots, dropping tombstones. */
  private resize(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity).fill(empty);
    this.mask = capacity - 1;
    this.filled = this.size;
    for (let i = 0; i < old.length; i++) {
      const id = old[i]!;
      if (id < 0) continue;
      let slot = hashName(this.names[id]!) & this.mask;
      while (this.slots[slot] !== empty) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

/**
 * A power of two over `factor` times `entries` (at least 16): a bulk build fills it to at most half
 * (factor 2), a table that grew has room to double again before the next rehash (factor 4).
 */
function capacityFor(entries: number, factor: number): number {
  let capacity = 16;
  while (capacity <= factor * entries) capacity *= 2;
  return capacity;
}
