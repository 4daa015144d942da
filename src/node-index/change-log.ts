/**
 * The index's recent node changes, so a consumer that keeps per-node answers (a DaemonSet's, say)
 * catches up by re-judging only the nodes that changed, and only when what changed is something it
 * reads. Bounded: a consumer further behind than the log reaches starts over from the index.
 */

/** One node change: its id, and what changed. */
export interface NodeChange {
  readonly id: number;
  /** The node's name (for a removal, the name it had). */
  readonly name: string;
  /** The node was added or removed: everything about the id changed. */
  readonly membership: boolean;
  /** The label keys whose value changed (added, removed or different). */
  readonly keys: readonly string[];
  /** Its taints or cordon changed. */
  readonly taints: boolean;
}

/** Entries kept: enough for bursts of node events between two questions. */
const capacity = 4096;

/** A ring of the last changes; `position` counts every change ever recorded. */
export class ChangeLog {
  private readonly ring: (NodeChange | undefined)[] = [];
  /** Changes recorded so far; pass it to {@link since} later. */
  position = 0;

  record(change: NodeChange): void {
    this.ring[this.position % capacity] = change;
    this.position++;
  }

  /** The changes after `position`, oldest first; `undefined` when some were already dropped. */
  since(position: number): NodeChange[] | undefined {
    if (position > this.position || this.position - position > capacity) return undefined;
    const out: NodeChange[] = [];
    for (let p = position; p < this.position; p++) out.push(this.ring[p % capacity]!);
    return out;
  }
}
