/**
 * What a plan read of its node answers, so a kept plan can be patched after node events instead of
 * made again. A sync reads few answers: the nodes with pods (by name, then their decision and
 * taints), the nodes that should run in order up to where its creates stop, and the count of nodes
 * that should run — in the status, always, and in the rolling-update step only when an old pod is
 * left to replace. A node event that touches none of those reads changes the plan only in the
 * status's desired count and in the per-node list, which are patched (daemon-plans.ts).
 */
import type { Node } from '../../model/types.js';
import type { NodeAnswers, TouchedNode } from './node-answers.js';
import type { DaemonNodeAnswer, NodeDecision } from './should-run.js';

/** The answers a plan depends on, beyond the status's desired count and the per-node list. */
export interface PlanReads {
  /** Node names looked up (a node of that name added or removed changes what was found). */
  readonly names: ReadonlySet<string>;
  /** Positions whose decision or node was read. */
  readonly positions: ReadonlySet<number>;
  /**
   * The last position the walk over nodes that should run visited before it was stopped;
   * `Infinity` when it walked them all, -1 when there was no walk.
   */
  readonly walkedTo: number;
  /** The count of nodes that should run decided something besides the status. */
  readonly countRead: boolean;
}

/** Answers that note what is read of them; the status's desired count is read through {@link statusCount}. */
export class RecordingAnswers implements NodeAnswers {
  private readonly names = new Set<string>();
  private readonly positions = new Set<number>();
  private walkedTo = -1;
  private countRead = false;

  constructor(readonly inner: NodeAnswers) {}

  get shouldRunCount(): number {
    this.countRead = true;
    return this.inner.shouldRunCount;
  }

  position(name: string): number | undefined {
    this.names.add(name);
    return this.inner.position(name);
  }

  node(position: number): Node {
    this.positions.add(position);
    return this.inner.node(position);
  }

  decision(position: number): NodeDecision {
    this.positions.add(position);
    return this.inner.decision(position);
  }

  forEachShouldRun(visit: (position: number) => boolean): void {
    let last = -1;
    let stopped = false;
    this.inner.forEachShouldRun((position) => {
      last = position;
      stopped = !visit(position);
      return !stopped;
    });
    this.walkedTo = Math.max(this.walkedTo, stopped ? last : Infinity);
  }

  list(): readonly DaemonNodeAnswer[] {
    return this.inner.list();
  }

  /** What was read so far. */
  reads(): PlanReads {
    return { names: this.names, positions: this.positions, walkedTo: this.walkedTo, countRead: this.countRead };
  }
}

/** The desired count for the status: not noted as a read, since a kept plan's status is patched when it moves. */
export function statusCount(answers: NodeAnswers): number {
  return answers instanceof RecordingAnswers ? answers.inner.shouldRunCount : answers.shouldRunCount;
}

/** Would the plan that made `reads` come out the same after `touched`, but for the desired count and the per-node list? */
export function unaffected(reads: PlanReads, touched: readonly TouchedNode[], countBefore: number, countNow: number): boolean {
  if (reads.countRead && countBefore !== countNow) return false;
  for (const t of touched) {
    if (reads.positions.has(t.position)) return false;
    if (t.membership && reads.names.has(t.name)) return false;
    if (t.runFlip && t.position <= reads.walkedTo) return false;
  }
  return true;
}
