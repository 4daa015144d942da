/**
 * The two score plugins that read placement constraints, as kube-scheduler runs them over the
 * nodes that passed the filters: NodeAffinity (sum of matched preferred-term weights, normalized)
 * and TaintToleration (count of intolerable PreferNoSchedule taints, reverse-normalized).
 */
import { PlacementError } from '../errors.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, PodPlacement } from '../model/types.js';
import type { RankResult, RankedNode } from '../eval/result.js';
import { isEmptyTerm, matchesTerm, parseTerm, type ParsedTerm } from '../semantics/node-selector.js';
import { normalizeScores, scorePluginWeights } from './normalize-score.js';
import { countIntolerablePreferNoSchedule } from '../semantics/tolerations.js';

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
 * Normalizes raw plugin scores over the feasible nodes and orders them, highest total first, ties
 * in the given order. `affinityRaw` is `undefined` when the NodeAffinity plugin skips the pod.
 */
export function assembleRanking(names: readonly string[], taintRaw: readonly number[], affinityRaw: readonly number[] | undefined): RankResult {
  const taintScores = normalizeScores(taintRaw, 100, true);
  const affinityScores = affinityRaw ? normalizeScores(affinityRaw, 100, false) : undefined;
  if (affinityScores) checkRange('NodeAffinity', affinityScores);
  const ranked: RankedNode[] = names.map((node, i) => {
    const taint = taintScores[i] ?? 0;
    const affinity = affinityScores?.[i];
    const scores: Record<string, number> = affinity === undefined ? { TaintToleration: taint } : { NodeAffinity: affinity, TaintToleration: taint };
    const score = taint * scorePluginWeights.TaintToleration + (affinity ?? 0) * scorePluginWeights.NodeAffinity;
    return { node, score, scores };
  });
  // Array.prototype.sort is stable, so ties keep input order.
  ranked.sort((a, b) => b.score - a.score);
  return { nodes: ranked };
}

/**
 * Scores the feasible nodes (already filtered), node by node. As in kube-scheduler, a single
 * feasible node is not scored at all.
 */
export function scoreNodes(pod: PodPlacement, feasible: readonly Node[], gates: FeatureGates, specPath?: string): RankResult {
  if (feasible.length <= 1) return { nodes: feasible.map((n) => ({ node: n.name, score: 0, scores: {} })) };
  const preferred = preparePreferredTerms(pod, specPath);
  return assembleRanking(
    feasible.map((n) => n.name),
    feasible.map((n) => countIntolerablePreferNoSchedule(n.taints, pod.tolerations, gates)),
    preferred ? feasible.map((n) => preferredAffinityScore(preferred, n)) : undefined,
  );
}
