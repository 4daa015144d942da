/**
 * The one-line summary in kube-scheduler's FitError format (pkg/scheduler/framework/types.go
 * `FitError.Error`): `0/N nodes are available: <histogram>.`, the histogram being `<count> <reason>`
 * per distinct reason, sorted as plain strings (so `10 x` sorts before `2 y`), joined with `, `.
 * No preemption suffix: placement does not model preemption.
 */

/** `ErrNoNodesAvailable` (schedule_one.go): the scheduler's answer for an empty cluster. */
export const messageNoNodes = 'no nodes available to schedule pods';

/** The summary from reason counts: `no nodes available...`, the PreFilter message, or the histogram. */
export function formatSummaryFromCounts(total: number, eligible: number, counts: ReadonlyMap<string, number>, preFilterMessage?: string): string {
  if (total === 0) return messageNoNodes;
  const head = `${eligible}/${total} nodes are available`;
  return preFilterMessage !== undefined ? `${head}: ${preFilterMessage}.` : formatHistogram(head, counts);
}

/** The FitError text from a head and counts grouped by reason: `head: <count> <reason>, ....` */
export function formatHistogram(head: string, counts: ReadonlyMap<string, number>): string {
  if (counts.size === 0) return `${head}.`;
  const parts = [...counts].map(([reason, count]) => `${count} ${reason}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${head}: ${parts.join(', ')}.`;
}
