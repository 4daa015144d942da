/**
 * The indexed engine: a compiled pod's filter rules run as set operations over the node index.
 * Its decisions equal the reference evaluator's (property-tested); the summary counts come from set
 * sizes, never from a loop over nodes.
 */
import { filterOrder, podToPodFilterOrder, type CompiledPod, type FilterName, type RuleFilterName } from '../compile/rule.js';
import { andBits, andNotBits, copyBits, countBits, forEachBit, orBits, setBit, type Bits } from '../node-index/bitset.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { ClusterPods } from '../node-index/cluster-pods.js';
import { ErrReasonNodePorts } from '../semantics/node-ports.js';
import type { PodDemand } from '../semantics/resources/pod-demand.js';
import type { IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import type { Decision, Evaluator, ResourceJudgement } from './decision.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import { judgePodToPodIndexed, type PodToPodJudgement } from './pod-to-pod-judgement.js';
import { clearResourceFailures, resourceFailingIndexed } from './resource-filters.js';
import { reasonAffinityConflict, reasonNodeAffinity, reasonNodeName, reasonPreFilterNodeAffinity, reasonUnschedulable, reasonUntoleratedTaint } from './filters.js';

/** The reason each filter records. */
export const reasonOfFilter: Readonly<Record<RuleFilterName, string>> = {
  NodeUnschedulable: reasonUnschedulable,
  NodeName: reasonNodeName,
  TaintToleration: reasonUntoleratedTaint,
  NodeAffinity: reasonNodeAffinity,
};

/** The PreFilter's node-name restriction as a set (nameless nodes are never in it). */
function preFilterSet(compiled: CompiledPod, index: NodeIndex, out: Bits, words: number): void {
  out.fill(0, 0, words);
  for (const name of compiled.preFilterNames ?? []) {
    // Upstream looks the name up in the snapshot, where a nameless node is named "".
    if (name === '') orBits(out, index.nameless, words);
    const id = index.idOf(name);
    if (id !== undefined) setBit(out, id);
  }
}

/** The decision when NodeAffinity's PreFilter rejects the pod (`pod affinity terms conflict`): no filter runs. */
export function conflictDecision(compiled: CompiledPod, index: NodeIndex): Decision {
  const none = (): Bits => new Uint32Array(index.words);
  const all = (): Bits => index.alive.slice();
  const total = index.size;
  return {
    compiled,
    total,
    eligible: none(),
    eligibleCount: 0,
    failing: { NodeUnschedulable: none(), NodeName: none(), TaintToleration: none(), NodeAffinity: none(), NodePorts: none(), NodeResourcesFit: none(), PodTopologySpread: none(), InterPodAffinity: none() },
    outsidePreFilter: all(),
    extraChecks: [],
    counts: new Map(total > 0 ? [[reasonAffinityConflict, total]] : []),
  };
}

/** What the resource filters are judged on, or `undefined` when the cluster's pods were not given. */
export function resourceJudgement(pods: ClusterPods | undefined, demand: PodDemand | undefined): ResourceJudgement | undefined {
  return pods?.given && demand ? { demand, pods } : undefined;
}

/**
 * The indexed {@link Evaluator}; `pods`, when given, adds NodePorts and NodeResourcesFit, and with
 * `podToPod` (the indexes as of now) PodTopologySpread and InterPodAffinity for an incoming pod.
 */
export class IndexedEvaluator implements Evaluator {
  constructor(
    readonly rules: RuleEvaluator,
    readonly pods?: ClusterPods,
    private readonly podToPod?: () => PodToPodIndexes,
  ) {}

  /** The pod-to-pod filters' verdicts, when the cluster's pods were given; `nodeAffinityPasses`: NodeAffinity's passing set, when asked. */
  private judgePodToPod(incoming: IncomingPod | undefined, nodeAffinityPasses: () => Bits): PodToPodJudgement | undefined {
    if (!incoming || !this.podToPod || !this.pods?.given) return undefined;
    return judgePodToPodIndexed(incoming, this.podToPod(), nodeAffinityPasses);
  }

  get index(): NodeIndex {
    return this.rules.index;
  }

  eligibleInto(compiled: CompiledPod, out: Bits, demand?: PodDemand, incoming?: IncomingPod): number {
    const words = this.rules.words;
    if (compiled.preFilterConflict) {
      out.fill(0, 0, words);
      return 0;
    }
    copyBits(out, this.index.alive, words);
    if (compiled.preFilterNames) {
      const names = this.rules.scratch(1);
      preFilterSet(compiled, this.index, names, words);
      andBits(out, names, words);
    }
    for (const filter of filterOrder) this.rules.andInto(compiled.filters[filter], out);
    const judged = resourceJudgement(this.pods, demand);
    // Only the candidates left by the label rules are judged.
    if (judged) clearResourceFailures(judged.demand, judged.pods, out, words);
    if (judged && incoming && countBits(out, words) > 0) {
      const judgement = this.judgePodToPod(incoming, () => {
        const passes = new Uint32Array(this.index.words);
        this.rules.evalInto(compiled.filters.NodeAffinity, passes);
        return passes;
      });
      if (judgement) for (const filter of podToPodFilterOrder) andNotBits(out, judgement.failing[filter], words);
    }
    return countBits(out, words);
  }

  decide(compiled: CompiledPod, demand?: PodDemand, incoming?: IncomingPod): Decision {
    const index = this.index;
    if (compiled.preFilterConflict) return conflictDecision(compiled, index);
    const words = this.rules.words;
    const counts = new Map<string, number>();
    const bump = (reason: string, n: number): void => {
      if (n > 0) counts.set(reason, (counts.get(reason) ?? 0) + n);
    };
    // `remaining` walks the filters in order: what each removes is its share of the histogram.
    const remaining = index.alive.slice();
    let outsidePreFilter: Bits | undefined;
    if (compiled.preFilterNames) {
      const names = new Uint32Array(index.words);
      preFilterSet(compiled, index, names, words);
      outsidePreFilter = index.alive.slice();
      andNotBits(outsidePreFilter, names, words);
      bump(reasonPreFilterNodeAffinity, countBits(outsidePreFilter, words));
      andBits(remaining, names, words);
    }
    const failing = {} as Record<FilterName, Bits>;
    for (const filter of filterOrder) {
      const passing = new Uint32Array(index.words);
      this.rules.evalInto(compiled.filters[filter], passing);
      const fails = index.alive.slice();
      andNotBits(fails, passing, words);
      failing[filter] = fails;
      const before = countBits(remaining, words);
      andBits(remaining, passing, words);
      bump(reasonOfFilter[filter], before - countBits(remaining, words));
    }
    const judged = resourceJudgement(this.pods, demand);
    const res = judged ? resourceFailingIndexed(judged.demand, judged.pods, index.alive, words) : undefined;
    failing.NodePorts = res?.ports ?? new Uint32Array(index.words);
    failing.NodeResourcesFit = res?.fit ?? new Uint32Array(index.words);
    if (res) {
      const before = countBits(remaining, words);
      andNotBits(remaining, res.ports, words);
      bump(ErrReasonNodePorts, before - countBits(remaining, words));
      // A node failing NodeResourcesFit records every short resource.
      const both = new Uint32Array(index.words);
      for (const [reason, set] of res.byReason) {
        copyBits(both, set, words);
        andBits(both, remaining, words);
        bump(reason, countBits(both, words));
      }
      andNotBits(remaining, res.fit, words);
    }
    const podToPod = judged
      ? this.judgePodToPod(incoming, () => {
          const passes = index.alive.slice();
          andNotBits(passes, failing.NodeAffinity, words);
          return passes;
        })
      : undefined;
    for (const filter of podToPodFilterOrder) {
      failing[filter] = podToPod?.failing[filter] ?? new Uint32Array(index.words);
      if (!podToPod) continue;
      // A node still in the running records this filter's reason for it (one per node, by node: reasons differ by domain).
      const recorded = failing[filter].slice();
      andBits(recorded, remaining, words);
      forEachBit(recorded, words, (id) => bump(podToPod.failureOf(filter, id)!.reason, 1));
      andNotBits(remaining, failing[filter], words);
    }
    const resources = judged ? { resources: judged } : {};
    const judgedPodToPod = podToPod ? { podToPod } : {};
    return { compiled, total: index.size, eligible: remaining, eligibleCount: countBits(remaining, words), failing, outsidePreFilter, extraChecks: [], counts, ...resources, ...judgedPodToPod };
  }
}
