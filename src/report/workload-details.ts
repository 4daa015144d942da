/**
 * What a click on a workload shows, from the engine's answers: its grouped why-not, the `why`
 * funnel with the nearest fixes, and for a DaemonSet its coverage. Trimmed to what a person reads
 * first (the largest groups, the constraints that exclude most, a few example nodes), so 200
 * workloads over 10,000 nodes fit in a page of a few megabytes.
 */
import type { Engine } from '../api/engine.js';
import { isDaemonSetTarget, type ImpactTarget } from '../api/impact.js';
import { daemonSetPlanMessage } from '../controllers/daemonset/summary.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import type { NodeGroup } from '../explain/explainer.js';
import type { WhyResult } from '../explain/why.js';
import { daemonSetCoverage } from './daemonset-coverage.js';
import { detailLimits, type NodeGroupSummary, type WhySummary, type WorkloadDetails } from './report-data.js';
import { judgedWorkload, targetIdentity } from './targets.js';

/** The largest `limit` groups with `examples` example nodes each; the rest counted. */
export function summarizeGroups(groups: readonly NodeGroup[], limit = detailLimits.groups, examples = detailLimits.examples): { groups: NodeGroupSummary[]; more: { groups: number; nodes: number } } {
  const kept = groups.slice(0, limit).map((g): NodeGroupSummary => {
    const nodes = g.nodes.slice(0, examples);
    return { reasons: g.reasons, details: g.details, count: g.count, nodes, more: g.count - nodes.length };
  });
  const rest = groups.slice(limit);
  return { groups: kept, more: { groups: rest.length, nodes: rest.reduce((sum, g) => sum + g.count, 0) } };
}

/** `why` with the constraints that exclude most nodes (in the answer's own order). */
export function summarizeWhy(result: WhyResult, limit = detailLimits.constraints): WhySummary {
  const ranked = result.constraints.map((c, i) => ({ c, i })).sort((a, b) => b.c.excludes - a.c.excludes || a.i - b.i);
  const keep = new Set(ranked.slice(0, limit).map((r) => r.i));
  return {
    total: result.total,
    eligible: result.eligible,
    funnel: result.funnel,
    constraints: result.constraints.filter((_, i) => keep.has(i)),
    moreConstraints: Math.max(0, result.constraints.length - limit),
    nearestFixes: result.nearestFixes,
  };
}

/** A workload's details; a DaemonSet's need its plan (the one the matrix row was read from) and whether cluster pods were given. */
export function workloadDetails(engine: Engine, target: ImpactTarget, daemon?: { readonly plan: DaemonSetPlan; readonly podsGiven: boolean }): WorkloadDetails {
  const judged = judgedWorkload(target);
  const answer = engine.eligible(judged, { explain: 'groups' });
  const { groups, more } = summarizeGroups(answer.groups);
  const base = { id: targetIdentity(target).id, message: answer.message, groups, moreGroups: more, why: summarizeWhy(engine.why(judged)) };
  if (!isDaemonSetTarget(target) || !daemon) return base;
  // The row's summary is the controller's; the groups and `why` explain the daemon pod it creates.
  return { ...base, message: daemonSetPlanMessage(daemon.plan), daemonset: daemonSetCoverage(daemon.plan, daemon.podsGiven) };
}
