/**
 * A DaemonSet's coverage from its controller's plan: the nodes that should run a daemon pod, the
 * others grouped by the controller's reasons, what one sync does with the given pods, and — when
 * the engine forecasts it — the daemon pods the scheduler will leave Pending.
 */
import type { PendingDaemonPod } from '../controllers/daemonset/pending.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import { detailLimits, type DaemonSetCoverage, type NodeGroupSummary } from './report-data.js';

export type { PendingDaemonPod } from '../controllers/daemonset/pending.js';

/** The plan's `pending` forecast, when the engine makes one (it needs the cluster's running pods). */
export function pendingForecast(plan: DaemonSetPlan): readonly PendingDaemonPod[] | undefined {
  return plan.pending;
}

/** Nodes grouped by a text key, largest group first (ties: first seen first), with example names. */
function groupBy<T>(items: readonly T[], describe: (item: T) => { reasons: readonly string[]; details: readonly string[] }, nameOf: (item: T) => string): NodeGroupSummary[] {
  const groups = new Map<string, { reasons: readonly string[]; details: readonly string[]; names: string[]; count: number }>();
  for (const item of items) {
    const d = describe(item);
    const key = JSON.stringify([d.reasons, d.details]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...d, names: [], count: 0 }));
    g.count++;
    if (g.names.length < detailLimits.examples) g.names.push(nameOf(item));
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).map((g) => ({ reasons: g.reasons, details: g.details, count: g.count, nodes: g.names, more: g.count - g.names.length }));
}

const mayStay = ['a daemon pod already there may keep running'];
const removed = ['a daemon pod already there is removed'];

/** The coverage section of a DaemonSet's details. */
export function daemonSetCoverage(plan: DaemonSetPlan, podsGiven = false): DaemonSetCoverage {
  const notRun = plan.nodes.filter((n) => !n.shouldRun);
  const missing = groupBy(notRun, (n) => ({ reasons: n.reasons, details: n.shouldContinueRunning ? mayStay : removed }), (n) => n.node);
  const pending = pendingForecast(plan);
  const pendingGroups = pending ? groupBy(pending, (p) => ({ reasons: p.reasons, details: [] }), (p) => p.node) : undefined;
  return {
    total: plan.nodes.length,
    shouldRun: plan.nodes.length - notRun.length,
    missing: missing.slice(0, detailLimits.groups),
    moreMissingGroups: Math.max(0, missing.length - detailLimits.groups),
    podsGiven,
    create: plan.create.length,
    delete: plan.delete.length,
    status: plan.status,
    evictions: plan.evictions.length,
    // Without pods there is no rollout to plan: the controller's warnings about one are noise.
    warnings: podsGiven ? plan.warnings : [],
    ...(pending && pendingGroups
      ? { pending: { count: pending.length, groups: pendingGroups.slice(0, detailLimits.groups), moreGroups: Math.max(0, pendingGroups.length - detailLimits.groups) } }
      : {}),
  };
}
