/**
 * A diagnosis: the eligible nodes, each ineligible node's reasons, and per reason how many nodes
 * kube-scheduler records it for. Both evaluators produce one; custom policies extend it; the
 * one-line summary is formatted from it last.
 */
import type { EligibilityResult, IneligibleNode } from './result.js';
import { formatSummaryFromCounts } from './summary.js';

/** Everything the answer and its summary are built from. */
export interface Diagnosis {
  readonly total: number;
  readonly eligible: readonly string[];
  readonly ineligible: readonly IneligibleNode[];
  /** Per reason, the nodes whose first failing check it is. */
  readonly counts: ReadonlyMap<string, number>;
  /** Set when a PreFilter rejected the pod outright. */
  readonly preFilterMessage?: string;
}

/** The answer, with the summary in kube-scheduler's FitError format. */
export function toEligibilityResult(d: Diagnosis): EligibilityResult {
  const message = formatSummaryFromCounts(d.total, d.eligible.length, d.counts, d.preFilterMessage);
  return d.total === 0 ? { eligible: [], ineligible: [], message } : { eligible: d.eligible, ineligible: d.ineligible, message };
}
