/**
 * Node pools: nodes grouped by the value of a label, as cloud providers and Karpenter label the
 * nodes of one pool or node group; each pool's members kept as a bitset over node positions, so a
 * workload's eligible set is counted per pool with one AND and one popcount.
 */
import type { Node } from '../model/types.js';
import { setBit } from '../node-index/bitset.js';
import type { PoolSummary } from './report-data.js';

/** The labels a node's pool is read from, first present wins: Karpenter, EKS, GKE, AKS node pools, then the instance type. */
export const defaultPoolLabels: readonly string[] = Object.freeze([
  'karpenter.sh/nodepool',
  'eks.amazonaws.com/nodegroup',
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  'node.kubernetes.io/instance-type',
]);

/** The pool of the nodes that have none of the grouping labels (parentheses cannot occur in a label value). */
export const noPoolName = '(no pool label)';

/** At most this many pools are drawn; past it the smallest merge into one (a label such as the hostname makes one pool per node). */
export const maxPools = 200;

/** Is the node's `Ready` condition present and not `True` (kubectl's NotReady or Unknown)? */
export function isNotReady(node: Node): boolean {
  const ready = node.conditions.find((c) => c.type === 'Ready');
  return ready !== undefined && ready.status !== 'True';
}

/** Pools with their members. */
export interface NodePools {
  readonly labels: readonly string[];
  readonly pools: readonly PoolSummary[];
  /** Per pool, its nodes as a bitset over positions in the node list. */
  readonly members: readonly Uint32Array[];
  /** Per node position, its pool's index. */
  readonly poolOf: Int32Array;
}

interface Building {
  readonly label: string;
  readonly value: string;
  readonly positions: number[];
  cordoned: number;
  notReady: number;
  /** Pools merged into this one (past {@link maxPools}). */
  merged?: number;
}

const collator = new Intl.Collator('en', { numeric: true });

/** The smallest pools past the limit, merged into one pool (members in node order). */
function capped(pools: Building[], room: number): Building[] {
  if (pools.length <= room) return pools;
  const bySize = [...pools].sort((a, b) => b.positions.length - a.positions.length);
  const kept = new Set(bySize.slice(0, room - 1));
  const rest = bySize.slice(room - 1);
  const other: Building = { label: '', value: '', positions: rest.flatMap((p) => p.positions).sort((a, b) => a - b), cordoned: 0, notReady: 0, merged: rest.length };
  for (const p of rest) {
    other.cordoned += p.cordoned;
    other.notReady += p.notReady;
  }
  return [...pools.filter((p) => kept.has(p)), other];
}

/** Groups nodes into pools by the first of `labels` each node has; pools listed by label (in `labels` order), then by name, the unlabelled last. */
export function assignPools(nodes: readonly Node[], labels: readonly string[] = defaultPoolLabels): NodePools {
  // Keyed by label then value: user data, so Maps (a `__proto__` value is an ordinary value).
  const byKey = new Map<string, Map<string, Building>>();
  const rest: Building = { label: '', value: '', positions: [], cordoned: 0, notReady: 0 };
  nodes.forEach((node, position) => {
    let pool = rest;
    for (const label of labels) {
      const value = node.labels.get(label);
      if (value === undefined) continue;
      let values = byKey.get(label);
      if (!values) byKey.set(label, (values = new Map()));
      const known = values.get(value);
      pool = known ?? { label, value, positions: [], cordoned: 0, notReady: 0 };
      if (!known) values.set(value, pool);
      break;
    }
    pool.positions.push(position);
    if (node.unschedulable) pool.cordoned++;
    if (isNotReady(node)) pool.notReady++;
  });
  const labelled = [...byKey.values()].flatMap((values) => [...values.values()]);
  const labelsOfValue = new Map<string, number>();
  for (const pool of labelled) labelsOfValue.set(pool.value, (labelsOfValue.get(pool.value) ?? 0) + 1);
  const nameOf = (pool: Building): string => {
    if (pool.merged !== undefined) return `(${pool.merged} smaller pools)`;
    return pool.label === '' ? noPoolName : labelsOfValue.get(pool.value)! > 1 ? `${pool.label}=${pool.value}` : pool.value;
  };
  // byKey holds the labels in first-seen order; list them in the order they are tried, then by name.
  const rank = new Map(labels.map((label, i) => [label, i]));
  const order = (a: Building, b: Building): number => rank.get(a.label)! - rank.get(b.label)! || collator.compare(nameOf(a), nameOf(b));
  const unlabelled = rest.positions.length > 0 ? [rest] : [];
  const ordered = [...capped(labelled.sort(order), maxPools - unlabelled.length), ...unlabelled];
  const words = Math.max(1, Math.ceil(nodes.length / 32));
  const poolOf = new Int32Array(nodes.length);
  const members = ordered.map((pool, i) => {
    const bits = new Uint32Array(words);
    for (const position of pool.positions) {
      setBit(bits, position);
      poolOf[position] = i;
    }
    return bits;
  });
  const pools = ordered.map((p): PoolSummary => ({ name: nameOf(p), label: p.label, value: p.value, nodes: p.positions.length, cordoned: p.cordoned, notReady: p.notReady, ...(p.merged !== undefined ? { merged: p.merged } : {}) }));
  return { labels, pools, members, poolOf };
}
