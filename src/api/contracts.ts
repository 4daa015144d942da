/**
 * The JSON shapes placement answers with, one function each, shared by `-o json` and the server so
 * the two cannot drift: fields in a fixed order, nothing but the contract. Every answer about a pod
 * ends with `notEvaluated`, always an array (empty when nothing was left out): the pod's constraints
 * the answer did not evaluate, each `{field, what}`.
 */
import type { RolloutForecast } from '../controllers/daemonset/rollout.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import type { NotEvaluated } from '../compile/not-evaluated.js';
import type { EligibilityResult, RankResult, WithNotEvaluated } from '../eval/result.js';
import type { EligibilitySummary, GroupedEligibility } from '../explain/explainer.js';
import type { WhyResult } from '../explain/why.js';
import type { ImpactResult } from './impact.js';

/** `notEvaluated`: `[{field, what}]`, in the pod's field order. */
export function notEvaluatedJson(list: readonly NotEvaluated[]): { field: string; what: string }[] {
  return list.map((n) => ({ field: n.field, what: n.what }));
}

/** `eligible` in any of its forms: `{eligible, ineligible, message, notEvaluated}`, `{eligible, groups, message, notEvaluated}` or `{eligible, message, notEvaluated}`. */
export function eligibleJson(answer: WithNotEvaluated<EligibilityResult | GroupedEligibility | EligibilitySummary>): Record<string, unknown> {
  const notEvaluated = notEvaluatedJson(answer.notEvaluated);
  if ('ineligible' in answer) return { eligible: answer.eligible, ineligible: answer.ineligible, message: answer.message, notEvaluated };
  if ('groups' in answer) return { eligible: answer.eligible, groups: answer.groups, ...(answer.omitted ? { omitted: answer.omitted } : {}), message: answer.message, notEvaluated };
  return { eligible: answer.eligible, message: answer.message, notEvaluated };
}

/** `eligible` with no explanation at all (the server's `?explain=false`): `{eligibleCount, totalNodes, notEvaluated}`. */
export function eligibleCountJson(eligibleCount: number, totalNodes: number, notEvaluated: readonly NotEvaluated[]): Record<string, unknown> {
  return { eligibleCount, totalNodes, notEvaluated: notEvaluatedJson(notEvaluated) };
}

/**
 * `rank`: `{nodes: [{node, score, scores}], notEvaluated}`; `scores` names the plugins that scored
 * the pod, of NodeAffinity, TaintToleration, NodeResourcesFit, NodeResourcesBalancedAllocation,
 * ImageLocality.
 */
export function rankJson(result: WithNotEvaluated<RankResult>): Record<string, unknown> {
  return { nodes: result.nodes, notEvaluated: notEvaluatedJson(result.notEvaluated) };
}

/** `why`: `{total, eligible, funnel, constraints, nearestFixes, notEvaluated}`. */
export function whyJson(result: WithNotEvaluated<WhyResult>): Record<string, unknown> {
  const { total, eligible, funnel, constraints, nearestFixes } = result;
  return { total, eligible, funnel, constraints, nearestFixes, notEvaluated: notEvaluatedJson(result.notEvaluated) };
}

/**
 * `daemonset` for one DaemonSet: `{nodes, create, delete, pending?, status, released, adopted,
 * evictions, warnings, notEvaluated}`; without `nodes` when not explaining; `pending`
 * (`[{node, reasons}]`) only when the cluster's pods were given.
 */
export function planJson(plan: WithNotEvaluated<DaemonSetPlan>, withNodes = true): Record<string, unknown> {
  const pending = plan.pending ? { pending: plan.pending } : {};
  const rest = { create: plan.create, delete: plan.delete, ...pending, status: plan.status, released: plan.released, adopted: plan.adopted, evictions: plan.evictions, warnings: plan.warnings, notEvaluated: notEvaluatedJson(plan.notEvaluated) };
  return withNodes ? { nodes: plan.nodes, ...rest } : rest;
}

/**
 * `daemonset --rollout` for one DaemonSet: `{syncs, converged, estimatedSeconds, waves, stuck,
 * stopped, projectedSeconds?, status, notEligible, assumptions, warnings, notEvaluated}`.
 */
export function rolloutJson(forecast: WithNotEvaluated<RolloutForecast>): Record<string, unknown> {
  const { syncs, converged, estimatedSeconds, waves, stuck, stopped, projectedSeconds, status, notEligible, assumptions, warnings } = forecast;
  const notEvaluated = notEvaluatedJson(forecast.notEvaluated);
  return { syncs, converged, estimatedSeconds, waves, stuck, stopped, ...(projectedSeconds !== undefined ? { projectedSeconds } : {}), status, notEligible, assumptions, warnings, notEvaluated };
}

/** `impact`: `{workloads: [{workload, kind, gained, lost, evict, notEvaluated}], daemonsets: [{daemonset, create, evict, stopScheduling, lost, notEvaluated}]}`. */
export function impactJson(result: ImpactResult): Record<string, unknown> {
  return {
    workloads: result.workloads.map((w) => ({ workload: w.workload, kind: w.kind, gained: w.gained, lost: w.lost, evict: w.evict, notEvaluated: notEvaluatedJson(w.notEvaluated) })),
    daemonsets: result.daemonsets.map((d) => ({ daemonset: d.daemonset, create: d.create, evict: d.evict, stopScheduling: d.stopScheduling, lost: d.lost, notEvaluated: notEvaluatedJson(d.notEvaluated) })),
  };
}
