/**
 * The per-node answers a sync reads, behind one interface: a node list with its decisions (the
 * reference, and the rollout forecast), or a DaemonSet's answers kept as sets over the node index
 * (daemon-state.ts). A sync only walks the nodes that have pods and, for creates, the first nodes
 * that should run; everything else it needs is a count. So a plan costs what its pods cost, not
 * what the node set costs, unless the per-node list is asked for.
 */
import type { Node } from '../../model/types.js';
import type { DaemonNodeAnswer, NodeDecision } from './should-run.js';

/** A node set with `NodeShouldRunDaemonPod` for each node; positions follow the node order. */
export interface NodeAnswers {
  /** How many nodes should run the daemon pod. */
  readonly shouldRunCount: number;
  /** The node's position, or `undefined` when there is no node of that name. */
  position(name: string): number | undefined;
  /** The node at a position. */
  node(position: number): Node;
  /** The decision of the node at a position. */
  decision(position: number): NodeDecision;
  /** Visits the positions of the nodes that should run, in order, while `visit` returns true. */
  forEachShouldRun(visit: (position: number) => boolean): void;
  /** Every node's answer, in node order: the plan's per-node list. */
  list(): readonly DaemonNodeAnswer[];
  /** Kept answers: changes whenever any answer, or any node's taints (which evictions read), do; absent for a one-off list. */
  readonly version?: number;
  /**
   * Kept answers: the nodes touched since `version`, one per version step, oldest first;
   * `undefined` when they are no longer known.
   */
  touchedSince?(version: number): readonly TouchedNode[] | undefined;
}

/** A node whose answer, or taints, changed: one step of {@link NodeAnswers.version}. */
export interface TouchedNode {
  readonly position: number;
  readonly name: string;
  /** The node was added or removed. */
  readonly membership: boolean;
  /** Whether it should run the daemon pod changed. */
  readonly runFlip: boolean;
}

const cache = new WeakMap<readonly NodeDecision[], { nodes: readonly Node[]; answers: NodeAnswers }>();

/** The answers of a node list (`decisions[i]` is `nodes[i]`'s); kept per list, so successive syncs share it. */
export function listAnswers(nodes: readonly Node[], decisions: readonly NodeDecision[]): NodeAnswers {
  const cached = cache.get(decisions);
  if (cached?.nodes === nodes) return cached.answers;
  const answers = fromList(nodes, decisions);
  cache.set(decisions, { nodes, answers });
  return answers;
}

function fromList(nodes: readonly Node[], decisions: readonly NodeDecision[]): NodeAnswers {
  let positions: Map<string, number> | undefined;
  let count = -1;
  return {
    get shouldRunCount() {
      if (count < 0) count = decisions.reduce((n, d) => n + (d.shouldRun ? 1 : 0), 0);
      return count;
    },
    position(name) {
      // Built on first use: most syncs over a list ask for no name (no pods).
      positions ??= new Map(nodes.map((n, i) => [n.name, i]));
      return positions.get(name);
    },
    node: (position) => nodes[position]!,
    decision: (position) => decisions[position]!,
    forEachShouldRun(visit) {
      for (let i = 0; i < decisions.length; i++) if (decisions[i]!.shouldRun && !visit(i)) return;
    },
    // The engine's lists carry names already; a bare list of decisions gets them here.
    list: () => (decisions.length === 0 || 'node' in decisions[0]! ? (decisions as readonly DaemonNodeAnswer[]) : decisions.map((d, i) => ({ node: nodes[i]!.name, ...d }))),
  };
}

/** The positions of the named nodes that exist, ascending (node order); names of no node are left out. */
export function sortedPositions(answers: NodeAnswers, names: Iterable<string>): number[] {
  const out: number[] = [];
  for (const name of names) {
    const p = answers.position(name);
    if (p !== undefined) out.push(p);
  }
  return out.sort((a, b) => a - b);
}
