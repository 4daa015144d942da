/**
 * How the table outputs say what an answer did not evaluate: a suffix on the summary line
 * (`... 3/8 nodes are available. (not evaluated: pod anti-affinity, PVC volume binding)`) and a
 * table of the fields with what kube-scheduler checks there.
 */
import { summarizeNotEvaluated, type NotEvaluated } from '../compile/not-evaluated.js';
import { renderTable, type Palette } from './table.js';

/** ` (not evaluated: a, b)` for the summary line; empty when nothing was left out. */
export function notEvaluatedSuffix(list: readonly NotEvaluated[]): string {
  return list.length === 0 ? '' : ` (not evaluated: ${summarizeNotEvaluated(list)})`;
}

/** A table of the fields left out and what the scheduler checks there, after a blank line; empty when nothing was left out. */
export function notEvaluatedTable(list: readonly NotEvaluated[], p: Palette): string {
  if (list.length === 0) return '';
  return `\n${renderTable(['NOT EVALUATED', 'WHAT KUBE-SCHEDULER CHECKS THERE'], list.map((n) => [n.field, n.what]), p)}`;
}
