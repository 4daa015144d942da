/**
 * The indexed engine: a compiled pod's filter rules run as set operations over a node index. The
 * answer is the same as the reference evaluator's (property-tested); summary counts come from set
 * sizes, and the per-node reasons and details are built only for the nodes that need them.
 */
import type { CompiledPod } from '../compile/rule.js';
import {
  filterOrder,
  reasonNodeAffinity,
  reasonNodeName,
  reasonPreFilterNodeAffinity,
  reasonUnschedulable,
  reasonUntoleratedTaint,
  type FilterName,
} from '../explain/reasons.js';
import type { EligibilityResult, IneligibleNode } from '../explain/result.js';
import { toEligibilityResult, type Diagnosis } from '../explain/diagnosis.js';
import { andBits, andNotBits, collectBits, copyBits, countBits, hasBit, orBits, setBit, type Bits } from '../node-index/bitset.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { PodPlacement } from '../model/types.js';
import { preparePod } from './filters.js';
import { judgeNode } from './reference.js';

const reasonOf: Readonly<Record<FilterName, string>> = {
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

/** Writes the eligible set into `out` (caller-owned, `index.words` long); returns how many. */
export function evaluateEligibleSet(compiled: CompiledPod, evaluator: RuleEvaluator, out: Bits): number {
  const words = evaluator.words;
  if (compiled.preFilterMessage !== undefined) {
    out.fill(0, 0, words);
    return 0;
  }
  copyBits(out, evaluator.index.alive, words);
  if (compiled.preFilterNames) {
    const names = evaluator.scratch(1);
    preFilterSet(compiled, evaluator.index, names, words);
    andBits(out, names, words);
  }
  for (const filter of filterOrder) evaluator.andInto(compiled.filters[filter], out);
  return countBits(out, words);
}

/** Summary counts: for each node, the reason kube-scheduler records (the first failing step). */
export function countFirstFailures(compiled: CompiledPod, evaluator: RuleEvaluator, remaining: Bits): Map<string, number> {
  const words = evaluator.words;
  const index = evaluator.index;
  const counts = new Map<string, number>();
  const bump = (reason: string, n: number): void => {
    if (n > 0) counts.set(reason, (counts.get(reason) ?? 0) + n);
  };
  copyBits(remaining, index.alive, words);
  if (compiled.preFilterNames) {
    const names = evaluator.scratch(1);
    preFilterSet(compiled, index, names, words);
    const before = countBits(remaining, words);
    andBits(remaining, names, words);
    bump(reasonPreFilterNodeAffinity, before - countBits(remaining, words));
  }
  for (const filter of filterOrder) {
    const before = countBits(remaining, words);
    evaluator.andInto(compiled.filters[filter], remaining);
    bump(reasonOf[filter], before - countBits(remaining, words));
  }
  return counts;
}

/** The full diagnosis: eligible names, per-node reasons and details, and the reason counts. */
export function diagnoseIndexed(compiled: CompiledPod, pod: PodPlacement, gates: FeatureGates, evaluator: RuleEvaluator): Diagnosis {
  const index = evaluator.index;
  const words = evaluator.words;
  const total = index.size;
  if (compiled.preFilterMessage !== undefined) {
    const details = ['every nodeSelectorTerm pins metadata.name, and no name satisfies all of them'];
    const everyone = index.liveNodes().map((n) => ({ node: n.name, reasons: [compiled.preFilterMessage!], details }));
    return { total, eligible: [], ineligible: everyone, counts: new Map(), preFilterMessage: compiled.preFilterMessage };
  }
  const eligibleSet = new Uint32Array(index.words);
  const counts = countFirstFailures(compiled, evaluator, eligibleSet);
  const eligibleCount = countBits(eligibleSet, words);
  const ids = new Int32Array(eligibleCount);
  collectBits(eligibleSet, words, ids);
  const eligible = new Array<string>(eligibleCount);
  for (let i = 0; i < eligibleCount; i++) eligible[i] = index.names[ids[i]!]!;
  return { total, eligible, ineligible: explainIneligible(pod, gates, index, eligibleSet), counts };
}

/** The full answer: eligible names, per-node reasons and details, and the scheduler's summary. */
export function evaluateIndexed(compiled: CompiledPod, pod: PodPlacement, gates: FeatureGates, evaluator: RuleEvaluator): EligibilityResult {
  return toEligibilityResult(diagnoseIndexed(compiled, pod, gates, evaluator));
}

/** Reasons and details for the ineligible nodes only, in id order, with the reference's own texts. */
function explainIneligible(pod: PodPlacement, gates: FeatureGates, index: NodeIndex, eligibleSet: Bits): IneligibleNode[] {
  const prepared = preparePod(pod, gates);
  const out: IneligibleNode[] = [];
  const ineligible = new Uint32Array(index.words);
  copyBits(ineligible, index.alive, index.liveWords);
  andNotBits(ineligible, eligibleSet, index.liveWords);
  for (let id = 0; id < index.highWater; id++) {
    if (!hasBit(ineligible, id)) continue;
    const verdict = judgeNode(prepared, index.nodes[id]!);
    out.push({ node: index.nodes[id]!.name, reasons: verdict.failures.map((f) => f.reason), details: verdict.failures.flatMap((f) => f.details) });
  }
  return out;
}
