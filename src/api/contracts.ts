/**
 * The JSON shapes placement answers with, one function each, shared by `-o json` and the server so
 * the two cannot drift: fields in a fixed order, nothing but the contract.
 */
import type { RolloutForecast } from '../controllers/daemonset/rollout.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import type { EligibilityResult, RankResult } from '../eval/result.js';
import type { EligibilitySummary, GroupedEligibility } from '../explain/explainer.js';
import type { WhyResult } from '../explain/why.js';

/** `eligible` in any of its forms: `{eligible, ineligible, message}`, `{eligible, groups, message}` or `{eligible, message}`. */
export function eligibleJson(answer: EligibilityResult | GroupedEligibility | EligibilitySummary): Record<string, unknown> {
  if ('ineligible' in answer) return { eligible: answer.eligible, ineligible: answer.ineligible, message: answer.message };
  if ('groups' in answer) return { eligible: answer.eligible, groups: answer.groups, message: answer.message };
  return { eligible: answer.eligible, message: answer.message };
}

/** `rank`: `{nodes: [{node, score, scores}]}`. */
export function rankJson(result: RankResult): Record<string, unknown> {
  return { nodes: result.nodes };
}

/** `why`: `{total, eligible, funnel, constraints, nearestFixes}`. */
export function whyJson(result: WhyResult): Record<string, unknown> {
  return { total: result.total, eligible: result.eligible, funnel: result.funnel, constraints: result.constraints, nearestFixes: result.nearestFixes };
}

/** `daemonset` for one DaemonSet: `{nodes, create, delete, status, released, adopted, evictions, warnings}`; without `nodes` when not explaining. */
export function planJson(plan: DaemonSetPlan, withNodes = true): Record<string, unknown> {
  const rest = { create: plan.create, delete: plan.delete, status: plan.status, released: plan.released, adopted: plan.adopted, evictions: plan.evictions, warnings: plan.warnings };
  return withNodes ? { nodes: plan.nodes, ...rest } : rest;
}

/**
 * `daemonset --rollout` for one DaemonSet: `{syncs, converged, estimatedSeconds, waves, stuck,
 * stopped, projectedSeconds?, status, notEligible, assumptions, warnings}`.
 */
export function rolloutJson(forecast: RolloutForecast): Record<string, unknown> {
  const { syncs, converged, estimatedSeconds, waves, stuck, stopped, projectedSeconds, status, notEligible, assumptions, warnings } = forecast;
  return { syncs, converged, estimatedSeconds, waves, stuck, stopped, ...(projectedSeconds !== undefined ? { projectedSeconds } : {}), status, notEligible, assumptions, warnings };
}
