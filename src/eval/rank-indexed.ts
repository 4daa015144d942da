/**
 * Scoring on the index: kube-scheduler's NodeAffinity and TaintToleration scores over the eligible
 * set, with each preferred term evaluated once as a set and each PreferNoSchedule taint counted
 * from its node set, instead of a per-node loop over terms and taints; the resource and image
 * scores from typed columns (rank-resources-indexed.ts); the pod affinity and topology spread
 * scores from the pod index (pod-to-pod-scores.ts). Same answers as `scoreNodes` (property-tested).
 */
import { compileTermRule } from '../compile/compile-affinity.js';
import type { RankResult } from '../eval/result.js';
import { anyBits, collectBits, hasBit, type Bits } from '../node-index/bitset.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { PodPlacement } from '../model/types.js';
import { scoreResourcesIndexed, type ScoringColumns } from './rank-resources-indexed.js';
import type { ScoringPod, UsageOf } from './resource-scores.js';
import { addOverFeasible, type FeasibleNodes } from './indexed-plugin-scores.js';
import { assembleRanking, preparePreferredTerms, type PodToPodFinalScores } from './score.js';
import { countIntolerablePreferNoSchedule, isTolerated } from '../semantics/tolerations.js';

/** What the resource and image scores read on the index: the pod, the running pods' usage, the columns. */
export interface IndexedResourceInputs {
  readonly pod: ScoringPod;
  readonly usageOf: UsageOf;
  readonly columns: ScoringColumns;
}

/**
 * Ranks the nodes in `eligible` (a set over the evaluator's index), best first, ties in index order;
 * with `resources`, the resource and image scores count too; with `podToPod`, the pod affinity
 * and topology spread scores (given the feasible nodes).
 */
export function rankIndexed(
  pod: PodPlacement,
  gates: FeatureGates,
  evaluator: RuleEvaluator,
  eligible: Bits,
  specPath?: string,
  resources?: IndexedResourceInputs,
  podToPod?: (feasible: FeasibleNodes) => PodToPodFinalScores,
): RankResult {
  const index = evaluator.index;
  const words = evaluator.words;
  const ids = new Int32Array(index.size);
  const count = collectBits(eligible, words, ids);
  // kube-scheduler does not score when a single node is feasible.
  if (count <= 1) return { nodes: Array.from(ids.subarray(0, count), (id) => ({ node: index.names[id]!, score: 0, scores: {} })) };
  const preferred = preparePreferredTerms(pod, specPath);
  const affinityRaw = new Float64Array(index.highWater);
  if (preferred) {
    const set = new Uint32Array(index.words);
    for (const { weight, term } of preferred) {
      evaluator.evalInto(compileTermRule(term), set);
      for (let k = 0; k < count; k++) if (hasBit(set, ids[k]!)) affinityRaw[ids[k]!]! += weight;
    }
  }
  const taintRaw = new Float64Array(index.highWater);
  const preferTolerations = pod.tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
  for (const entry of index.taints.values()) {
    if (entry.taint.effect !== 'PreferNoSchedule' || entry.ids === undefined) continue;
    if (!isTolerated(entry.taint, preferTolerations, gates)) addOverFeasible(entry.ids, eligible, taintRaw, 1, words);
  }
  // A set counts a node once; a node listing a taint twice (unvalidated input) counts it twice upstream.
  if (anyBits(index.repeatedTaints, words)) {
    for (let k = 0; k < count; k++) {
      const id = ids[k]!;
      if (hasBit(index.repeatedTaints, id)) taintRaw[id] = countIntolerablePreferNoSchedule(index.nodes[id]!.taints, pod.tolerations, gates);
    }
  }
  const feasible = Array.from(ids.subarray(0, count));
  return assembleRanking(
    feasible.map((id) => index.names[id]!),
    feasible.map((id) => taintRaw[id]!),
    preferred ? feasible.map((id) => affinityRaw[id]!) : undefined,
    resources && scoreResourcesIndexed(resources.pod, index, eligible, ids, count, resources.usageOf, resources.columns),
    podToPod?.({ bits: eligible, ids, count }),
  );
}
