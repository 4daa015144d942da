/** How the CLI words a DaemonSet plan's Pending forecast. */
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';

/** A pending node's cell in the WHY NOT column. */
export const pendingCell = (reasons: readonly string[]): string => `stays Pending: ${reasons.join(', ')}`;

/**
 * "9781 should run, 37 will stay Pending: Insufficient memory" (several reasons: counted, most
 * frequent first); `undefined` without a forecast (the cluster's pods were not given).
 */
export function pendingLine(plan: Pick<DaemonSetPlan, 'nodes' | 'pending'>): string | undefined {
  const pending = plan.pending;
  if (!pending) return undefined;
  const shouldRun = plan.nodes.filter((n) => n.shouldRun).length;
  const counts = new Map<string, number>();
  for (const p of pending) for (const r of p.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const reasons = sorted.length === 1 ? sorted[0]![0] : sorted.map(([r, n]) => `${n} ${r}`).join(', ');
  return `${shouldRun} should run, ${pending.length} will stay Pending${pending.length > 0 ? `: ${reasons}` : ''}`;
}
