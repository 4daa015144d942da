/**
 * The default profile's scoring over the nodes that passed the filters, node by node: the two
 * plugins that read placement constraints — NodeAffinity (sum of matched preferred-term weights,
 * normalized) and TaintToleration (count of intolerable PreferNoSchedule taints,
 * reverse-normalized) — and, when given, the resource and image scores and the pod affinity and
 * topology spread scores, weighted and summed.
 */
import { PlacementError } from '../errors.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, PodPlacement } from '../model/types.js';
import type { RankResult, RankedNode } from '../eval/result.js';
import { isEmptyTerm, matchesTerm, parseTerm, type ParsedTerm } from '../semantics/node-selector.js';
import { normalizeScores, scorePluginOrder, scorePluginWeights } from './normalize-score.js';
import { countIntolerablePreferNoSchedule } from '../semantics/tolerations.js';
import type { ResourceScores } from './resource-scores.js';

/** A preferred term kept for scoring. */
export interface WeightedTerm {
  readonly weight: number;
  readonly term: ParsedTerm;
}

/**
 * `NewPreferredSchedulingTerms`: weight-0 and empty terms are skipped before parsing; any other
 * invalid term fails PreScore with an error (the pod cannot be scheduled), which is thrown here.
 * Returns `undefined` when the pod has no preferred block: the plugin skips the pod.
 */
export function preparePreferredTerms(pod: PodPlacement, specPath = 'spec.'): WeightedTerm[] | undefined {
  if (pod.preferredTerms === undefined) return undefined;
  const kept: WeightedTerm[] = [];
  const problems: string[] = [];
  pod.preferredTerms.forEach((preferred, i) => {
    if (preferred.weight === 0 || isEmptyTerm(preferred.preference)) return;
    const term = parseTerm(preferred.preference, i);
    if (term.problems.length > 0) problems.push(`preferredDuringSchedulingIgnoredDuringExecution[${i}]: ${term.problems.join('; ')}`);
    else kept.push({ weight: preferred.weight, term });
  });
  if (problems.length > 0) {
    const message = `${specPath}affinity.nodeAffinity: kube-scheduler's NodeAffinity PreScore fails on an invalid preferred term: ${problems.join('; ')}`;
    throw new PlacementError('unschedulable-error', message);
  }
  return kept;
}

/** NodeAffinity raw score: the sum of the weights of matching preferred terms. */
export function preferredAffinityScore(terms: readonly WeightedTerm[], node: Node): number {
  let score = 0;
  for (const { weight, term } of terms) if (matchesTerm(term, node)) score += weight;
  return score;
}

function checkRange(plugin: string, scores: readonly number[]): void {
  // The framework rejects a normalized score outside [0, 100] (possible only with negative weights that bypassed validation).
  const bad = scores.find((s) => s < 0 || s > 100);
  if (bad !== undefined) {
    throw new PlacementError('unschedulable-error', `plugin "${plugin}" returns an invalid score ${bad}, it should in the range of [0, 100] after normalizing`);
  }
}

/**
 * PodTopologySpread's and InterPodAffinity's final (normalized) scores of the feasible nodes, in
 * order; `undefined` where the plugin's PreScore skipped the pod.
 */
export interface PodToPodFinalScores {
  readonly PodTopologySpread: readonly number[] | undefined;
  readonly InterPodAffinity: readonly number[] | undefined;
}

/** Each plugin's final scores of the feasible nodes, in order; an absent plugin skipped the pod. */
interface FinalScores extends PodToPodFinalScores {
  readonly NodeAffinity: readonly number[] | undefined;
  readonly TaintToleration: readonly number[];
  readonly NodeResourcesFit: readonly number[] | undefined;
  readonly NodeResourcesBalancedAllocation: readonly number[] | undefined;
  readonly ImageLocality: readonly number[] | undefined;
}

/** One node's `scores` and their weighted sum, as the framework sums plugin scores times weights. */
function nodeScores(final: FinalScores, i: number): { score: number; scores: Record<string, number> } {
  const scores: Record<string, number> = {};
  let score = 0;
  for (const plugin of scorePluginOrder) {
    const value = final[plugin]?.[i];
    if (value === undefined) continue;
    scores[plugin] = value;
    score += value * scorePluginWeights[plugin];
  }
  return { score, scores };
}

/**
 * Normalizes raw plugin scores over the feasible nodes and orders them, highest total first, ties
 * in the given order. `affinityRaw` is `undefined` when the NodeAffinity plugin skips the pod;
 * `resources` (already final: none of the three normalizes) when the caller scores resources;
 * `podToPod` (already normalized) when the caller scores pod affinity and topology spread.
 */
export function assembleRanking(
  names: readonly string[],
  taintRaw: readonly number[],
  affinityRaw: readonly number[] | undefined,
  resources?: ResourceScores,
  podToPod?: PodToPodFinalScores,
): RankResult {
  const affinityScores = affinityRaw ? normalizeScores(affinityRaw, 100, false) : undefined;
  if (affinityScores) checkRange('NodeAffinity', affinityScores);
  const final: FinalScores = {
    NodeAffinity: affinityScores,
    TaintToleration: normalizeScores(taintRaw, 100, true),
    NodeResourcesFit: resources?.fit,
    NodeResourcesBalancedAllocation: resources?.balanced,
    ImageLocality: resources?.image,
    PodTopologySpread: podToPod?.PodTopologySpread,
    InterPodAffinity: podToPod?.InterPodAffinity,
  };
  const ranked: RankedNode[] = names.map((node, i) => ({ node, ...nodeScores(final, i) }));
  // Array.prototype.sort is stable, so ties keep input order.
  ranked.sort((a, b) => b.score - a.score);
  return { nodes: ranked };
}

/**
 * Scores the feasible nodes (already filtered), node by node; `resources` computes the resource
 * and image scores of the same nodes, `podToPod` the pod affinity and topology spread scores
 * (each left out when not given). As in kube-scheduler, a single feasible node is not scored at all.
 */
export function scoreNodes(
  pod: PodPlacement,
  feasible: readonly Node[],
  gates: FeatureGates,
  specPath?: string,
  resources?: (feasible: readonly Node[]) => ResourceScores,
  podToPod?: (feasible: readonly Node[]) => PodToPodFinalScores,
): RankResult {
  if (feasible.length <= 1) return { nodes: feasible.map((n) => ({ node: n.name, score: 0, scores: {} })) };
  const preferred = preparePreferredTerms(pod, specPath);
  return assembleRanking(
    feasible.map((n) => n.name),
    feasible.map((n) => countIntolerablePreferNoSchedule(n.taints, pod.tolerations, gates)),
    preferred ? feasible.map((n) => preferredAffinityScore(preferred, n)) : undefined,
    resources?.(feasible),
    podToPod?.(feasible),
  );
}
