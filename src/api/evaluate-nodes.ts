/**
 * Eligibility and ranking over an ad-hoc list of nodes — the candidates kube-scheduler sends its
 * extender — with the reference evaluator: a one-off question about a few nodes is answered faster
 * node by node than by building an index, and scores are normalized over exactly these nodes, as
 * the scheduler normalizes them over the nodes it scores.
 */
import { diagnoseReference, toEligibilityResult } from '../eval/reference.js';
import type { EligibilityResult, IneligibleNode, RankResult } from '../eval/result.js';
import { scoreNodes } from '../eval/score.js';
import { formatSummaryFromCounts } from '../eval/fit-error.js';
import type { Node, Workload } from '../model/types.js';
import { appliesTo } from '../policy/applies-to.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import type { ResolvedEngineOptions } from './engine.js';

/** The workload's eligibility on `nodes` (in their order), custom policies included. */
export function eligibleAmong(workload: Workload, nodes: readonly Node[], options: ResolvedEngineOptions): EligibilityResult {
  const d = diagnoseReference(workload.pod, nodes, options.featureGates);
  const policies = options.policies.filter((p) => appliesTo(p, workload));
  if (policies.length === 0 || d.preFilterMessage !== undefined) return toEligibilityResult(d);
  // Label-only policies judge every node; the others only the nodes the built-in filters admit.
  const before = new Map(d.ineligible.map((n) => [n.node, n]));
  const counts = new Map(d.counts);
  const eligible: string[] = [];
  const ineligible: IneligibleNode[] = [];
  for (const node of nodes) {
    const prior = before.get(node.name);
    const failed = policies.filter((p) => (p.labelRule !== undefined || !prior) && !evaluatePolicy(p, node));
    if (!prior && failed.length === 0) eligible.push(node.name);
    else if (!prior) counts.set(failed[0]!.reason, (counts.get(failed[0]!.reason) ?? 0) + 1);
    if (prior || failed.length > 0) {
      const reasons = [...(prior?.reasons ?? []), ...failed.map((p) => p.reason)];
      const details = [...(prior?.details ?? []), ...failed.map((p) => `policy ${p.name} (${p.source})`)];
      ineligible.push({ node: node.name, reasons, details });
    }
  }
  return { eligible, ineligible, message: formatSummaryFromCounts(nodes.length, eligible.length, counts) };
}

/** kube-scheduler's default-profile ranking of the eligible nodes among `nodes`, normalized over them. */
export function rankAmong(workload: Workload, nodes: readonly Node[], options: ResolvedEngineOptions): RankResult {
  const eligible = new Set(eligibleAmong(workload, nodes, options).eligible);
  const feasible = nodes.filter((n) => eligible.has(n.name));
  return scoreNodes(workload.pod, feasible, options.featureGates, workload.specPath);
}
