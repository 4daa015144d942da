/**
 * A diagnosis: the eligible nodes, each ineligible node's reasons, and per reason how many nodes
 * kube-scheduler records it for. Both evaluators produce one; custom policies extend it; the
 * one-line summary is formatted from it last.
 */
import type { EligibilityResult, IneligibleNode } from './result.js';
import { formatHistogram } from './summary.js';
import { messageNoNodes } from './reasons.js';

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
  if (d.total === 0) return { eligible: [], ineligible: [], message: messageNoNodes };
  const head = `${d.eligible.length}/${d.total} nodes are available`;
  const message = d.preFilterMessage !== undefined ? `${head}: ${d.preFilterMessage}.` : formatHistogram(head, d.counts);
  return { eligible: d.eligible, ineligible: d.ineligible, message };
}
