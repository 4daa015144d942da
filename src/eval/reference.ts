/**
 * The reference evaluator: a deliberately plain per-node loop over the filter plugins, meant to be
 * read side by side with kube-scheduler. It is the executable specification and the oracle the
 * indexed engine is tested against; it is not the fast path.
 */
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, PodPlacement } from '../model/types.js';
import { reasonPreFilterNodeAffinity } from '../explain/reasons.js';
import type { EligibilityResult, IneligibleNode } from '../explain/result.js';
import { toEligibilityResult, type Diagnosis } from '../explain/diagnosis.js';
import { filterChecks, filters, preparePod, type FilterFailure, type PreparedPod } from './filters.js';

/** Every failing filter of one node, in order (kube-scheduler stops at the first; explanations want all). */
export function failingFilters(prepared: PreparedPod, node: Node): FilterFailure[] {
  const out: FilterFailure[] = [];
  for (const filter of filters) {
    const failure = filter(prepared, node);
    if (failure) out.push(failure);
  }
  return out;
}

/** A node's verdict: its reasons, and the one reason kube-scheduler records for it (for the summary). */
export interface NodeVerdict {
  readonly failures: readonly FilterFailure[];
  readonly schedulerReason: string | undefined;
}

/**
 * Judges one node. A node outside NodeAffinity's PreFilterResult is never filtered by the
 * scheduler; it is recorded with the PreFilter's text, whatever else is wrong with it.
 */
export function judgeNode(prepared: PreparedPod, node: Node): NodeVerdict {
  if (prepared.preFilterMessage !== undefined) {
    const failure: FilterFailure = { filter: 'NodeAffinity', reason: prepared.preFilterMessage, details: ['every nodeSelectorTerm pins metadata.name, and no name satisfies all of them'] };
    return { failures: [failure], schedulerReason: prepared.preFilterMessage };
  }
  const failures = failingFilters(prepared, node);
  if (prepared.preFilterNames && !prepared.preFilterNames.has(node.name)) {
    const excluded: FilterFailure = {
      filter: 'NodeAffinity',
      reason: reasonPreFilterNodeAffinity,
      details: [`node name is not among the names the nodeSelectorTerms pin: ${[...prepared.preFilterNames].sort().join(', ')}`],
    };
    const others = failures.filter((f) => f.filter !== 'NodeAffinity');
    return { failures: [...others, excluded], schedulerReason: reasonPreFilterNodeAffinity };
  }
  return { failures, schedulerReason: failures[0]?.reason };
}

/** Evaluates a pod against every node, node by node: the full diagnosis. */
export function diagnoseReference(pod: PodPlacement, nodes: readonly Node[], gates: FeatureGates): Diagnosis {
  const prepared = preparePod(pod, gates);
  const eligible: string[] = [];
  const ineligible: IneligibleNode[] = [];
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const verdict = judgeNode(prepared, node);
    if (verdict.schedulerReason === undefined) {
      eligible.push(node.name);
      continue;
    }
    counts.set(verdict.schedulerReason, (counts.get(verdict.schedulerReason) ?? 0) + 1);
    ineligible.push({
      node: node.name,
      reasons: verdict.failures.map((f) => f.reason),
      details: verdict.failures.flatMap((f) => f.details),
    });
  }
  const preFilter = prepared.preFilterMessage === undefined ? {} : { preFilterMessage: prepared.preFilterMessage };
  return { total: nodes.length, eligible, ineligible, counts, ...preFilter };
}

/** Evaluates a pod against every node, node by node: eligibility, reasons and the scheduler's summary. */
export function evaluateReference(pod: PodPlacement, nodes: readonly Node[], gates: FeatureGates): EligibilityResult {
  return toEligibilityResult(diagnoseReference(pod, nodes, gates));
}

/**
 * The decision alone, node by node, stopping at the first failing filter as kube-scheduler does:
 * the baseline the indexed engine is benchmarked against.
 */
export function countEligibleReference(prepared: PreparedPod, nodes: readonly Node[]): number {
  if (prepared.preFilterMessage !== undefined) return 0;
  let count = 0;
  outer: for (const node of nodes) {
    if (prepared.preFilterNames && !prepared.preFilterNames.has(node.name)) continue;
    for (const passes of filterChecks) if (!passes(prepared, node)) continue outer;
    count++;
  }
  return count;
}

/** The nodes that pass every filter, in input order (what the score plugins see). */
export function feasibleNodesReference(pod: PodPlacement, nodes: readonly Node[], gates: FeatureGates): Node[] {
  const prepared = preparePod(pod, gates);
  return nodes.filter((node) => judgeNode(prepared, node).schedulerReason === undefined);
}
