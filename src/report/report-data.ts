/**
 * The placement map as data: what `placement report -o json` prints, what the page embeds and
 * what the live page fetches. Plain JSON values only (no Maps), fields in a fixed order.
 */
import type { DaemonSetStatus } from '../controllers/daemonset/status.js';
import type { NodeGroup } from '../explain/explainer.js';
import type { WhyResult } from '../explain/why.js';

/** How much of each answer the page keeps per workload: groups, example nodes per group, `why` constraints. */
export const detailLimits = Object.freeze({ groups: 12, examples: 3, constraints: 12 });

/** One pool of nodes: the nodes sharing a value of the grouping label. */
export interface PoolSummary {
  /** The label value; `label=value` when two grouping labels share a value; `(no pool label)` for the rest; `(N smaller pools)` past the limit. */
  readonly name: string;
  /** The label the pool is read from ("" for the nodes without any grouping label). */
  readonly label: string;
  readonly value: string;
  readonly nodes: number;
  /** Nodes with `spec.unschedulable`. */
  readonly cordoned: number;
  /** Nodes whose `Ready` condition is present and not `True`. */
  readonly notReady: number;
  /** Set on the one pool that merges the smallest pools past the limit: how many it merges (its label and value are ""). */
  readonly merged?: number;
}

/** Who decides where the workload's pods go. */
export type DecidedBy = 'kube-scheduler' | 'DaemonSet controller';

/** One row of the matrix. */
export interface WorkloadRow {
  /** `Kind/namespace/name` (files may hold two objects of one name: then two rows share it). */
  readonly id: string;
  /** Position among the input workloads (rows are reordered: those that fit nowhere first). */
  readonly input: number;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly decidedBy: DecidedBy;
  /** Nodes the pod may use (DaemonSets: nodes that should run a daemon pod). */
  readonly eligible: number;
  /** Per pool, in `pools` order, the eligible nodes of that pool. */
  readonly counts: readonly number[];
  /** kube-scheduler's FitError summary (DaemonSets: the controller's, first reason per node). */
  readonly message: string;
}

/** A group of nodes with the same answer, with a few example names (the grouped why-not's shape). */
export type NodeGroupSummary = NodeGroup;

/** `why`, trimmed to what a person reads first: the constraints that exclude most, and how many more there are. */
export interface WhySummary extends WhyResult {
  readonly moreConstraints: number;
}

/** A DaemonSet's coverage, as its controller plans one sync. */
export interface DaemonSetCoverage {
  readonly total: number;
  /** Nodes that should run a daemon pod (`desiredNumberScheduled`). */
  readonly shouldRun: number;
  /** Nodes that should not, grouped by the controller's reasons (`details` says whether running pods may stay). */
  readonly missing: readonly NodeGroupSummary[];
  readonly moreMissingGroups: number;
  /** Whether cluster pods were given: then `create`, `delete` and `status` describe them. */
  readonly podsGiven: boolean;
  readonly create: number;
  readonly delete: number;
  readonly status: DaemonSetStatus;
  readonly evictions: number;
  readonly warnings: readonly string[];
  /** Daemon pods the scheduler will leave Pending, by reasons; absent when the engine gives no forecast. */
  readonly pending?: { readonly count: number; readonly groups: readonly NodeGroupSummary[]; readonly moreGroups: number };
}

/** What a click on a workload shows. */
export interface WorkloadDetails {
  readonly id: string;
  readonly message: string;
  /** Ineligible nodes grouped by their reasons and details, largest group first. */
  readonly groups: readonly NodeGroupSummary[];
  /** Groups and nodes left out of `groups`. */
  readonly moreGroups: { readonly groups: number; readonly nodes: number };
  readonly why: WhySummary;
  readonly daemonset?: DaemonSetCoverage;
}

/** The whole map. */
export interface ReportData {
  readonly kind: 'PlacementReport';
  /** When the answers were computed (RFC 3339). */
  readonly generatedAt: string;
  /** The labels pools are read from, in the order tried. */
  readonly groupBy: readonly string[];
  readonly nodes: { readonly total: number; readonly cordoned: number; readonly notReady: number };
  readonly pools: readonly PoolSummary[];
  /** Workloads that fit nowhere first, then in input order. */
  readonly workloads: readonly WorkloadRow[];
  /** Per workload (in `workloads` order), its details; absent where they are fetched on demand (the live page). */
  readonly details?: readonly WorkloadDetails[];
}
