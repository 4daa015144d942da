/**
 * The explanation budget: the size of a request's per-node answers is estimated from the decision
 * (counts from the index, microseconds) before any explanation is built, and a request over the
 * budget is answered with a 422 that says how to ask instead. Building explanations costs far more
 * than deciding: at 10,000 nodes one explained answer is ~2.6 MB and ~100 ms, and a pod with 1,000
 * nodeSelector keys or 1,000 required terms would need ~10 million detail lines (gigabytes).
 *
 * The estimate is a cost model, not a bound: each ineligible node is counted with one reason and as
 * many detail lines as the pod's largest list that NodeAffinity explains line by line (its
 * nodeSelector keys, or its required terms plus compiler warnings), plus one per custom policy.
 */
import type { Engine } from '../api/engine.js';
import type { Workload } from '../model/types.js';
import { HttpError } from './http-error.js';

/** Which answer is estimated (or measured: grouped explanations, whose size shows only once built). */
export type AnswerKind = 'eligible' | 'eligible-names' | 'eligible-groups' | 'rank' | 'daemonset';

/** A request's estimated per-node answer size. */
export interface AnswerEstimate {
  readonly kind: AnswerKind;
  /** Estimated bytes of the JSON answer. */
  readonly bytes: number;
  /** Nodes listed across the answers (eligible and ineligible). */
  readonly nodes: number;
  /** Workloads or DaemonSets in the request. */
  readonly items: number;
  /** The size is a floor (what the answer takes whatever the pods say), not an estimate. */
  readonly least?: boolean;
}

// Measured on the sample cluster (10,000 nodes): an ineligible node's entry besides its name and
// detail lines is ~50 bytes (keys, one reason), a detail line ~80, a ranked node's ~50 besides its
// name, a DaemonSet's per-node entry ~80 besides its name.
const ineligibleEntryBytes = 50;
const detailLineBytes = 80;
const rankedEntryBytes = 50;
const daemonEntryBytes = 80;
/** kube-scheduler's one-line summary, with room for every reason. */
const summaryBytes = 400;

const nameSizes = new WeakMap<Engine, { count: number; bytes: number }>();

/** The average JSON size of a node name (with its quotes and comma), remembered per engine and node count. */
export function averageNameBytes(engine: Engine): number {
  const known = nameSizes.get(engine);
  if (known && known.count === engine.nodeCount) return known.bytes;
  const nodes = engine.nodes;
  let sum = 0;
  for (const node of nodes) sum += node.name.length;
  const bytes = nodes.length === 0 ? 0 : sum / nodes.length + 3;
  nameSizes.set(engine, { count: nodes.length, bytes });
  return bytes;
}

/** Detail lines an ineligible node is expected to get for this workload. */
function detailLines(engine: Engine, workload: Workload): number {
  const pod = workload.pod;
  const affinity = Math.max(pod.nodeSelector?.size ?? 0, (pod.requiredTerms?.length ?? 0) + engine.compile(workload).warnings.length);
  return Math.max(1, affinity) + engine.options.policies.length;
}

/**
 * `POST /v1/eligible` with explanations: eligible names, and per ineligible node its reasons and
 * details; `eligibleCounts[i]` is `engine.eligibleCount(workloads[i])`.
 */
export function estimateEligible(engine: Engine, workloads: readonly Workload[], eligibleCounts: readonly number[]): AnswerEstimate {
  let bytes = 0;
  workloads.forEach((workload, i) => (bytes += eligibleBytes(engine, workload, eligibleCounts[i]!)));
  return { kind: 'eligible', bytes, nodes: engine.nodeCount * workloads.length, items: workloads.length };
}

/** One workload's part of {@link estimateEligible}, for summing as the counts come in (it compiles the pod: microseconds). */
export function eligibleBytes(engine: Engine, workload: Workload, eligibleCount: number): number {
  const name = averageNameBytes(engine);
  const ineligible = engine.nodeCount - eligibleCount;
  return eligibleCount * name + ineligible * (name + ineligibleEntryBytes + detailLines(engine, workload) * detailLineBytes);
}

/**
 * The floor of `items` explained answers: every node is listed in each, eligible or not, by name
 * at least. Known from the batch's length, before any pod is decoded.
 */
export function leastEligible(engine: Engine, items: number): AnswerEstimate {
  return { kind: 'eligible', bytes: items * engine.nodeCount * averageNameBytes(engine), nodes: engine.nodeCount * items, items, least: true };
}

/** `POST /v1/eligible?explain=none`: the eligible names and the summary, from each workload's eligible count. */
export function estimateEligibleNames(engine: Engine, eligibleCounts: readonly number[]): AnswerEstimate {
  const nodes = eligibleCounts.reduce((sum, n) => sum + n, 0);
  return { kind: 'eligible-names', bytes: nodes * averageNameBytes(engine) + eligibleCounts.length * summaryBytes, nodes, items: eligibleCounts.length };
}

/** `POST /v1/eligible?explain=groups`: the grouped answer's size, measured once it is built (`text` its JSON). */
export function measuredGroups(bytes: number, items: number): AnswerEstimate {
  return { kind: 'eligible-groups', bytes, nodes: 0, items };
}

/** `POST /v1/rank`: every eligible node with its scores, from each workload's eligible count. */
export function estimateRank(engine: Engine, eligibleCounts: readonly number[]): AnswerEstimate {
  const nodes = eligibleCounts.reduce((sum, n) => sum + n, 0);
  return { kind: 'rank', bytes: nodes * (averageNameBytes(engine) + rankedEntryBytes), nodes, items: eligibleCounts.length };
}

/** `POST /v1/daemonset` with explanations: one entry per node per DaemonSet. */
export function estimateDaemonSets(engine: Engine, daemonsets: number): AnswerEstimate {
  const nodes = engine.nodeCount * daemonsets;
  return { kind: 'daemonset', bytes: nodes * (averageNameBytes(engine) + daemonEntryBytes), nodes, items: daemonsets };
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;

/** How to get an answer within the budget, per route. */
const instead: Readonly<Record<AnswerKind, string>> = {
  eligible: 'ask with ?explain=groups for the explanations grouped by reason, ?explain=false for the eligible counts alone, or for fewer pods per request',
  'eligible-names': 'ask with ?explain=false for the eligible counts alone, or for fewer pods per request',
  'eligible-groups': 'ask with ?explain=none for the eligible nodes and the summary, ?explain=false for the counts alone, or for fewer pods per request',
  rank: 'ask for fewer pods per request',
  daemonset: 'ask with ?explain=false to leave out the per-node list, or for fewer DaemonSets per request',
};

/**
 * Decides how a request's per-node answers are given from their estimated size: in full within the
 * budget; over it, a 422 `answer-too-large` that says how to ask instead (`?explain=groups` gives
 * the explanations grouped by reason, whatever the node count). Refusing, rather than answering in
 * another shape than the one asked for, keeps every answer's shape the client's choice. For a
 * batch (`field`, its items counted in the estimate) the 422 also names the field and how many
 * items would fit.
 */
export function explanationBudget(estimate: AnswerEstimate, maxBytes: number, field?: string): 'full' {
  if (estimate.bytes <= maxBytes) return 'full';
  const what = estimate.items === 1 ? '' : ` for ${estimate.items} ${estimate.kind === 'daemonset' ? 'DaemonSets' : 'pods'}`;
  const about = estimate.least ? 'at least' : 'about';
  const size = estimate.kind === 'eligible-groups' ? `the grouped answer${what} is ${megabytes(estimate.bytes)}` : `the answer${what} would list ${estimate.nodes} node entries, ${about} ${megabytes(estimate.bytes)}`;
  const message = `${size}, over the ${megabytes(maxBytes)} explanation budget; ${instead[estimate.kind]}`;
  const fit = Math.floor(maxBytes / (estimate.bytes / estimate.items));
  const errors =
    field === undefined || estimate.items < 2
      ? []
      : [{ path: field, type: 'Too many' as const, badValue: estimate.items, detail: `must have at most ${fit} ${fit === 1 ? 'item' : 'items'} for answers within the ${megabytes(maxBytes)} explanation budget (serve --max-explanation-bytes)` }];
  throw new HttpError(422, 'answer-too-large', message, errors);
}
