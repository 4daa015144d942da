/**
 * Eligibility and ranking over an ad-hoc list of nodes — the candidates kube-scheduler sends its
 * extender — with the reference evaluator: a one-off question about a few nodes is answered faster
 * node by node than by building an index, and scores are normalized over exactly these nodes, as
 * the scheduler normalizes them over the nodes it scores.
 */
import { toEligibilityResult } from '../explain/diagnosis.js';
import type { EligibilityResult, RankResult } from '../explain/result.js';
import { diagnoseReference } from '../eval/reference.js';
import { scoreNodes } from '../eval/score.js';
import type { Node, Workload } from '../model/types.js';
import { applyPolicies } from './apply-policies.js';
import type { ResolvedEngineOptions } from './engine.js';

/** The workload's eligibility on `nodes` (in their order), custom policies included. */
export function eligibleAmong(workload: Workload, nodes: readonly Node[], options: ResolvedEngineOptions): EligibilityResult {
  const d = diagnoseReference(workload.pod, nodes, options.featureGates);
  const withPolicies = options.policies.length === 0 ? d : applyPolicies(d, options.policies, workload, nodes, () => undefined);
  return toEligibilityResult(withPolicies);
}

/** kube-scheduler's default-profile ranking of the eligible nodes among `nodes`, normalized over them. */
export function rankAmong(workload: Workload, nodes: readonly Node[], options: ResolvedEngineOptions): RankResult {
  const eligible = new Set(eligibleAmong(workload, nodes, options).eligible);
  const feasible = nodes.filter((n) => eligible.has(n.name));
  return scoreNodes(workload.pod, feasible, options.featureGates, workload.specPath);
}
