/**
 * Rolling-update budgets (daemon util `UnavailableCount`, `SurgeCount`, `AllowsSurge`;
 * `updatedDesiredNodeCounts`): integers as given, percentages rounded UP over the desired count.
 */
import type { DaemonSet, IntOrPercent } from '../../model/daemonset-types.js';

/** `GetScaledValueFromIntOrPercent(value, total, roundUp=true)`. */
export function scaledValue(value: IntOrPercent, total: number): number {
  return value.kind === 'int' ? value.value : Math.ceil((value.value * total) / 100);
}

/** maxSurge for `desired` nodes; 0 unless the strategy is RollingUpdate. */
export function surgeCount(ds: DaemonSet, desired: number): number {
  return ds.updateStrategy.type === 'RollingUpdate' ? scaledValue(ds.updateStrategy.maxSurge, desired) : 0;
}

/** maxUnavailable for `desired` nodes; 0 unless the strategy is RollingUpdate. */
export function unavailableCount(ds: DaemonSet, desired: number): number {
  return ds.updateStrategy.type === 'RollingUpdate' ? scaledValue(ds.updateStrategy.maxUnavailable, desired) : 0;
}

/** `AllowsSurge`: any non-zero surge (judged over one node). */
export function allowsSurge(ds: DaemonSet): boolean {
  return surgeCount(ds, 1) > 0;
}

/** The budgets of one update step; both 0 with desired nodes falls back to maxUnavailable 1. */
export function updateBudgets(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const maxSurge = surgeCount(ds, desired);
  let maxUnavailable = unavailableCount(ds, desired);
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}
