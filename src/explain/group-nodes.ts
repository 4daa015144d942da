/**
 * Groups nodes whose explanations are equal without building any explanation: two nodes share one
 * when they fail the same checks and hold the same values of what those checks' details mention.
 * A node's signature is its mask of failing checks plus, for each failing check, a few integer
 * columns (a label's value ordinal, a taint-list id); nodes are grouped by hashing the signature
 * into an open-addressing table and comparing it with the group's first node. This is the hot loop
 * of explanations at scale: about ten array reads per ineligible node, no strings, no objects.
 */

/** An integer column over node ids, read only for nodes failing one of the `guard` checks. */
export interface SignatureColumn {
  /** Bits of the check mask for which this column matters. */
  readonly guard: number;
  readonly values: Int32Array;
}

/** Nodes grouped by signature, groups in order of their first node. */
export interface NodeGroups {
  /** How many groups. */
  readonly count: number;
  /** Per group, its first node id (ids are visited in increasing order). */
  readonly first: Int32Array;
  /** Per group, how many nodes. */
  readonly sizes: Int32Array;
  /** Per position in the grouped id list, the node's group. */
  readonly groupOf: Int32Array;
  /** Per group, its first `examples` node ids. */
  readonly examples: readonly number[][];
}

function mix(h: number, v: number): number {
  // A multiply-xorshift step (from murmur3's finalizer): good spread for small integers.
  h = Math.imul(h ^ v, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Groups the first `n` ids of `ids` (increasing) by their failing-check mask (`masks[id]`) and the
 * guarded columns, keeping each group's first `examples` ids.
 */
export function groupNodes(ids: Int32Array, n: number, masks: Int32Array, columns: readonly SignatureColumn[], examples: number): NodeGroups {
  let slots = 16;
  while (slots < n * 2) slots *= 2;
  const table = new Int32Array(slots).fill(-1);
  const first = new Int32Array(Math.max(n, 1));
  const sizes = new Int32Array(Math.max(n, 1));
  const groupOf = new Int32Array(n);
  const listed: number[][] = [];
  let count = 0;
  const slotMask = slots - 1;
  // Columns as two parallel arrays: the hot loop reads no object properties.
  const guards = columns.map((c) => c.guard);
  const values = columns.map((c) => c.values);
  const m = columns.length;
  const same = (a: number, b: number): boolean => {
    const mask = masks[a]!;
    if (masks[b] !== mask) return false;
    for (let c = 0; c < m; c++) if ((mask & guards[c]!) !== 0 && values[c]![a] !== values[c]![b]) return false;
    return true;
  };
  for (let k = 0; k < n; k++) {
    const id = ids[k]!;
    const mask = masks[id]!;
    let h = mix(0x9747b28c, mask);
    for (let c = 0; c < m; c++) if ((mask & guards[c]!) !== 0) h = mix(h, values[c]![id]!);
    let slot = h & slotMask;
    for (;;) {
      const g = table[slot]!;
      if (g === -1) {
        table[slot] = count;
        first[count] = id;
        sizes[count] = 1;
        listed.push(examples > 0 ? [id] : []);
        groupOf[k] = count++;
        break;
      }
      if (same(first[g]!, id)) {
        if (sizes[g]!++ < examples) listed[g]!.push(id);
        groupOf[k] = g;
        break;
      }
      slot = (slot + 1) & slotMask;
    }
  }
  return { count, first, sizes, groupOf, examples: listed };
}
