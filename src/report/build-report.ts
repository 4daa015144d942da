/**
 * The placement map of a node set and a list of workloads: pools, and per workload the nodes it
 * may use in each pool — kube-scheduler's answer for its pod, or for a DaemonSet the nodes its
 * controller should run a daemon pod on — with the details a click shows. Pure: the engine's
 * answers and the clock in, plain data out.
 */
import type { Engine } from '../api/engine.js';
import { isDaemonSetTarget, type ImpactTarget } from '../api/impact.js';
import type { ControllerRevision, DaemonSet, PodObject } from '../model/daemonset-types.js';
import type { Workload } from '../model/types.js';
import { daemonSetPlanMessage } from '../controllers/daemonset/summary.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import { countBits, setBit } from '../node-index/bitset.js';
import { countByPool } from './count-by-pool.js';
import { assignPools, defaultPoolLabels, type NodePools } from './pools.js';
import type { ReportData, WorkloadDetails, WorkloadRow } from './report-data.js';
import { targetIdentity } from './targets.js';
import { workloadDetails } from './workload-details.js';

/** How the map is drawn. */
export interface ReportOptions {
  /** Pools by this label (default: the first present of {@link defaultPoolLabels}). */
  readonly groupBy?: string;
  /** The clock (ms since the epoch): the report's time and the DaemonSet controller's. */
  readonly now: number;
  /** Cluster pods and ControllerRevisions, for the DaemonSet plans (and, where the engine forecasts it, Pending daemon pods). */
  readonly pods?: readonly PodObject[];
  readonly revisions?: readonly ControllerRevision[];
  /** Embed every workload's details (the file report) or leave them to be fetched (the live page). */
  readonly details: boolean;
}

/** A DaemonSet's should-run nodes as a bitset over node positions (its plan lists every node in that order). */
function shouldRunBits(plan: DaemonSetPlan): Uint32Array {
  const bits = new Uint32Array(Math.max(1, Math.ceil(plan.nodes.length / 32)));
  plan.nodes.forEach((n, i) => {
    if (n.shouldRun) setBit(bits, i);
  });
  return bits;
}

/** A target with the plan of its DaemonSet controller, when it is a DaemonSet. */
type Judged = { readonly target: Workload; readonly plan?: undefined } | { readonly target: DaemonSet; readonly plan: DaemonSetPlan };

/**
 * A target judged with the report's pods and clock: a DaemonSet gets one controller sync. Without
 * `pods`, a DaemonSet's own pods are those the engine holds ({@link Engine.daemonPods}), so the
 * plan and its Pending forecast see the daemon pods already running.
 */
export function judge(engine: Engine, target: ImpactTarget, options: Pick<ReportOptions, 'now' | 'pods' | 'revisions'>): Judged {
  if (!isDaemonSetTarget(target)) return { target };
  const pods = options.pods ?? (engine.podsGiven ? engine.daemonPods(target) : []);
  return { target, plan: engine.daemonset(target, pods, { now: options.now, revisions: options.revisions ?? [] }) };
}

/** A workload's row: its eligible set (a DaemonSet's should-run nodes), counted per pool. */
function rowOf(engine: Engine, judged: Judged, input: number, pools: NodePools, scratch: Uint32Array): WorkloadRow {
  const identity = { ...targetIdentity(judged.target), input };
  const bits = judged.plan ? shouldRunBits(judged.plan) : engine.eligibleBits(judged.target);
  const message = judged.plan ? daemonSetPlanMessage(judged.plan) : engine.eligible(judged.target, { explain: 'none' }).message;
  return { ...identity, eligible: countBits(bits, bits.length), counts: countByPool(bits, pools, scratch), message };
}

/** The map of `targets` over the engine's nodes. */
export function buildReport(engine: Engine, targets: readonly ImpactTarget[], options: ReportOptions): ReportData {
  return buildReportWithPools(engine, targets, options).data;
}

/** {@link buildReport}, with the pools it drew (their members, for questions about a pool's nodes). */
export function buildReportWithPools(engine: Engine, targets: readonly ImpactTarget[], options: ReportOptions): { data: ReportData; pools: NodePools } {
  const nodes = engine.nodes;
  const labels = options.groupBy !== undefined ? [options.groupBy] : defaultPoolLabels;
  const pools = assignPools(nodes, labels);
  const scratch = new Uint32Array(Math.max(1, Math.ceil(nodes.length / 32)));
  const entries = targets.map((target, input) => {
    const judged = judge(engine, target, options);
    return { judged, row: rowOf(engine, judged, input, pools, scratch) };
  });
  // Workloads that fit nowhere lead; the others keep their input order.
  const ordered = [...entries.filter((e) => e.row.eligible === 0), ...entries.filter((e) => e.row.eligible > 0)];
  const podsGiven = (options.pods ?? []).length > 0 || (options.pods === undefined && engine.podsGiven);
  const details = options.details
    ? ordered.map((e): WorkloadDetails => workloadDetails(engine, e.judged.target, e.judged.plan ? { plan: e.judged.plan, podsGiven } : undefined))
    : undefined;
  const data: ReportData = {
    kind: 'PlacementReport',
    generatedAt: new Date(options.now).toISOString(),
    groupBy: labels,
    nodes: { total: nodes.length, cordoned: sum(pools, 'cordoned'), notReady: sum(pools, 'notReady') },
    pools: pools.pools,
    workloads: ordered.map((e) => e.row),
    ...(details ? { details } : {}),
  };
  return { data, pools };
}

function sum(pools: NodePools, field: 'cordoned' | 'notReady'): number {
  return pools.pools.reduce((total, p) => total + p[field], 0);
}
