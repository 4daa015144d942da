/** A DaemonSet plan's Pending forecast in words, as the CLI's status line and the map's rows say it. */
import type { DaemonSetPlan } from './sync.js';

/** "37 will stay Pending: Insufficient memory" (several reasons: counted, most frequent first); "0 will stay Pending" when none. */
export function pendingSummary(pending: NonNullable<DaemonSetPlan['pending']>): string {
  const counts = new Map<string, number>();
  for (const p of pending) for (const r of p.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const reasons = sorted.length === 1 ? sorted[0]![0] : sorted.map(([r, n]) => `${n} ${r}`).join(', ');
  return `${pending.length} will stay Pending${pending.length > 0 ? `: ${reasons}` : ''}`;
}

/**
 * "9781 should run, 37 will stay Pending: Insufficient memory"; `undefined` without a forecast (the
 * cluster's pods were not given).
 */
export function pendingLine(plan: Pick<DaemonSetPlan, 'nodes' | 'pending'>): string | undefined {
  if (!plan.pending) return undefined;
  const shouldRun = plan.nodes.filter((n) => n.shouldRun).length;
  return `${shouldRun} should run, ${pendingSummary(plan.pending)}`;
}
