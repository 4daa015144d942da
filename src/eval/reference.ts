/**
 * The reference evaluator: a deliberately plain per-node loop over the filter plugins, meant to be
 * read side by side with kube-scheduler. It is the executable specification and the oracle the
 * indexed engine is tested against; it is not the fast path.
 */
import { filterOrder, podToPodFilterOrder, resourceFilterOrder, type CompiledPod, type FilterName } from '../compile/rule.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, PodPlacement } from '../model/types.js';
import { countBits, setBit, type Bits } from '../node-index/bitset.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { ClusterPods } from '../node-index/cluster-pods.js';
import type { PodDemand } from '../semantics/resources/pod-demand.js';
import type { ExistingPod, IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import type { Decision, Evaluator } from './decision.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import { judgePodToPodReference, type PodToPodJudgement } from './pod-to-pod-judgement.js';
import { resourceJudgement } from './indexed.js';
import { resourceFailures } from './resource-filters.js';
import { filterChecks, filters, preparePod, reasonPreFilterNodeAffinity, type FilterFailure, type PreparedPod } from './filters.js';
import { detailText } from './detail-text.js';
import { formatSummaryFromCounts } from './fit-error.js';
import type { EligibilityResult, IneligibleNode } from './result.js';

/** Every failing filter of one node, in order (kube-scheduler stops at the first; explanations want all). */
export function failingFilters(prepared: PreparedPod, node: Node): FilterFailure[] {
  const out: FilterFailure[] = [];
  for (const filter of filters) {
    const failure = filter(prepared, node);
    if (failure) out.push(failure);
  }
  return out;
}

/** A node's verdict: its reasons, and the reasons kube-scheduler records for it (for the summary). */
export interface NodeVerdict {
  readonly failures: readonly FilterFailure[];
  /** The first recorded reason; `undefined` when the node passes. */
  readonly schedulerReason: string | undefined;
  /** Every reason of the first failing filter (several only for NodeResourcesFit: one per short resource). */
  readonly schedulerReasons: readonly string[];
}

/** The reasons of the first failing filter, as its status carries them. */
function firstFilterReasons(failures: readonly FilterFailure[]): string[] {
  const first = failures[0];
  return first ? failures.filter((f) => f.filter === first.filter).map((f) => f.reason) : [];
}

/**
 * Judges one node. A node outside NodeAffinity's PreFilterResult is never filtered by the
 * scheduler; it is recorded with the PreFilter's text, whatever else is wrong with it.
 */
export function judgeNode(prepared: PreparedPod, node: Node, resourceFailures: readonly FilterFailure[] = []): NodeVerdict {
  if (prepared.preFilterMessage !== undefined) {
    const failure: FilterFailure = { filter: 'NodeAffinity', reason: prepared.preFilterMessage, details: [detailText.preFilterConflict] };
    return { failures: [failure], schedulerReason: prepared.preFilterMessage, schedulerReasons: [prepared.preFilterMessage] };
  }
  const failures = [...failingFilters(prepared, node), ...resourceFailures];
  if (prepared.preFilterNames && !prepared.preFilterNames.has(node.name)) {
    const excluded: FilterFailure = {
      filter: 'NodeAffinity',
      reason: reasonPreFilterNodeAffinity,
      details: [detailText.preFilterExcluded([...prepared.preFilterNames])],
    };
    const others = failures.filter((f) => f.filter !== 'NodeAffinity');
    return { failures: [...others, excluded], schedulerReason: reasonPreFilterNodeAffinity, schedulerReasons: [reasonPreFilterNodeAffinity] };
  }
  return { failures, schedulerReason: failures[0]?.reason, schedulerReasons: firstFilterReasons(failures) };
}

/** The reference's full answer, each ineligible node explained by the reference's own code. */
export interface ReferenceDiagnosis {
  readonly total: number;
  readonly eligible: readonly string[];
  readonly ineligible: readonly IneligibleNode[];
  /** Per reason, the nodes whose first failing check it is. */
  readonly counts: ReadonlyMap<string, number>;
  /** Set when a PreFilter rejected the pod outright. */
  readonly preFilterMessage?: string;
}

/** Evaluates a pod against every node, node by node: the full diagnosis. */
export function diagnoseReference(pod: PodPlacement, nodes: readonly Node[], gates: FeatureGates): ReferenceDiagnosis {
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

/** The reference diagnosis as the answer of `eligible`, with the scheduler's summary line. */
export function toEligibilityResult(d: ReferenceDiagnosis): EligibilityResult {
  const message = formatSummaryFromCounts(d.total, d.eligible.length, d.counts, d.preFilterMessage);
  return d.total === 0 ? { eligible: [], ineligible: [], message } : { eligible: d.eligible, ineligible: d.ineligible, message };
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

/**
 * The reference {@link Evaluator}: the same decision as the indexed engine, made node by node with
 * the per-node filters — a free differential check, and the specification to read.
 */
export class ReferenceEvaluator implements Evaluator {
  constructor(
    readonly index: NodeIndex,
    private readonly gates: FeatureGates,
    private readonly pods?: ClusterPods,
    private readonly podToPod?: () => PodToPodIndexes,
  ) {}

  /**
   * PodTopologySpread and InterPodAffinity as upstream runs them: each PreFilter over plain lists of
   * the live nodes and the running pods, then each Filter per node. Only with the cluster's pods.
   */
  private judgePodToPod(incoming: IncomingPod | undefined): PodToPodJudgement | undefined {
    if (!incoming || !this.podToPod || !this.pods?.given) return undefined;
    const { pods, objects } = this.podToPod();
    const running = pods.pods.filter((p): p is ExistingPod => p !== undefined);
    return judgePodToPodReference(incoming, { ...objects, nodes: this.index.liveNodes(), pods: running }, this.index);
  }

  /** The failures of the filters after NodeAffinity on one node: NodePorts, NodeResourcesFit, PodTopologySpread, InterPodAffinity. */
  private laterFailures(id: number, node: Node, judged: ReturnType<typeof resourceJudgement>, podToPod: PodToPodJudgement | undefined): FilterFailure[] {
    const out = judged ? resourceFailures(judged.demand, judged.pods, node) : [];
    for (const filter of podToPod ? podToPodFilterOrder : []) {
      const failure = podToPod!.failureOf(filter, id);
      if (failure) out.push({ filter, reason: failure.reason, details: failure.details });
    }
    return out;
  }

  eligibleInto(compiled: CompiledPod, out: Bits, demand?: PodDemand, incoming?: IncomingPod): number {
    out.fill(0);
    const prepared = preparePod(compiled.pod, this.gates);
    const judged = resourceJudgement(this.pods, demand);
    const podToPod = judged && prepared.preFilterMessage === undefined ? this.judgePodToPod(incoming) : undefined;
    this.forEachLive((id, node) => {
      if (judgeNode(prepared, node, this.laterFailures(id, node, judged, podToPod)).schedulerReason === undefined) setBit(out, id);
    });
    return countBits(out, this.index.liveWords);
  }

  decide(compiled: CompiledPod, demand?: PodDemand, incoming?: IncomingPod): Decision {
    const index = this.index;
    const prepared = preparePod(compiled.pod, this.gates);
    const judged = resourceJudgement(this.pods, demand);
    const podToPod = judged && prepared.preFilterMessage === undefined ? this.judgePodToPod(incoming) : undefined;
    const sets = (): Bits => new Uint32Array(index.words);
    const failing = Object.fromEntries([...filterOrder, ...resourceFilterOrder, ...podToPodFilterOrder].map((f) => [f, sets()])) as Record<FilterName, Bits>;
    const eligible = sets();
    const outside = prepared.preFilterNames || prepared.preFilterMessage !== undefined ? sets() : undefined;
    const counts = new Map<string, number>();
    this.forEachLive((id, node) => {
      const extra = this.laterFailures(id, node, judged, podToPod);
      const verdict = judgeNode(prepared, node, extra);
      if (verdict.schedulerReason === undefined) setBit(eligible, id);
      for (const reason of verdict.schedulerReasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
      if (prepared.preFilterMessage !== undefined) return setBit(outside!, id);
      if (prepared.preFilterNames && !prepared.preFilterNames.has(node.name)) setBit(outside!, id);
      // Each filter's own verdict, whatever the others say: explanations name every failure.
      filterChecks.forEach((passes, i) => {
        if (!passes(prepared, node)) setBit(failing[filterOrder[i]!], id);
      });
      for (const f of extra) setBit(failing[f.filter], id);
      return undefined;
    });
    const resources = judged ? { resources: judged } : {};
    const judgedPodToPod = podToPod ? { podToPod } : {};
    return { compiled, total: index.size, eligible, eligibleCount: countBits(eligible, index.liveWords), failing, outsidePreFilter: outside, extraChecks: [], counts, ...resources, ...judgedPodToPod };
  }

  private forEachLive(visit: (id: number, node: Node) => void): void {
    const nodes = this.index.nodes;
    for (let id = 0; id < this.index.highWater; id++) {
      const node = nodes[id];
      if (node !== undefined) visit(id, node);
    }
  }
}
