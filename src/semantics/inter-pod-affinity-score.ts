/**
 * InterPodAffinity scoring of kube-scheduler v1.35 (interpodaffinity/scoring.go). For every
 * existing pod, each term that matches adds its weight to the term's topology domain of the
 * existing pod's node: the incoming pod's preferred affinity (+) and anti-affinity (-) terms
 * matching the existing pod; the existing pod's required affinity (+hardPodAffinityWeight),
 * preferred affinity (+) and preferred anti-affinity (-) terms matching the incoming pod. A
 * node's raw score sums its domains; NormalizeScore maps [min, max] onto [0, 100].
 */
import { admitLabelKeys } from '../model/admit-label-keys.js';
import type { Node } from '../model/types.js';
import { affinityTermMatches, mergeNamespaceSelector, needsNamespaceLabels, type AffinityTerm, type LabeledPod } from './affinity-term.js';
import { nothing } from './label-selector.js';
import { existingPodAffinityInfo, podAffinityInfo } from './pod-affinity-info.js';
import { maxNodeScore, type PluginScores } from './plugin-scores.js';
import { namespaceLabels, NotEvaluatedList, podsByNode, reportControllerLabelKeys, type ExistingPod, type IncomingPod, type PodToPodCluster } from './pod-to-pod-inputs.js';

/** InterPodAffinityArgs. */
export interface PodAffinityScoreOptions {
  /** Weight of an existing pod's required affinity term that the incoming pod matches (0-100). */
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** The default profile's arguments. */
export const defaultPodAffinityScoreOptions: PodAffinityScoreOptions = Object.freeze({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });

/** topologyKey → value → summed weight (`scoreMap`). */
export type TopologyScore = Map<string, Map<string, number>>;

/** `processTerm`: adds `weight × multiplier` to the node's domain when the term matches the pod. */
function processTerm(scores: TopologyScore, term: AffinityTerm, weight: number, pod: LabeledPod, nsLabels: ReadonlyMap<string, string> | undefined, node: Node, multiplier: number): boolean {
  const value = node.labels.get(term.topologyKey);
  if (value === undefined || !affinityTermMatches(term, pod, nsLabels)) return false;
  let values = scores.get(term.topologyKey);
  if (!values) scores.set(term.topologyKey, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + weight * multiplier);
  return true;
}

interface Context {
  readonly scores: TopologyScore;
  readonly incoming: IncomingPod;
  readonly preferred: readonly AffinityTerm[];
  readonly preferredAnti: readonly AffinityTerm[];
  readonly nsLabels: ReadonlyMap<string, string> | undefined;
  readonly options: PodAffinityScoreOptions;
  readonly notEvaluated: NotEvaluatedList;
}

/** An existing pod's term as evaluated against the incoming pod: without Namespace objects its namespaceSelector selects nothing, and that is reported. */
function existingTerm(ctx: Context, pod: ExistingPod, term: AffinityTerm): AffinityTerm {
  if (ctx.nsLabels !== undefined || !needsNamespaceLabels(term)) return term;
  ctx.notEvaluated.add(`pods[${pod.namespace}/${pod.name}].${term.path}.namespaceSelector`, 'existing pod affinity namespaceSelector (InterPodAffinity scoring): Namespace objects were not supplied');
  return { ...term, namespaceSelector: nothing };
}

/** `processExistingPod`; returns whether any term added to a domain. */
function processExistingPod(ctx: Context, existing: ExistingPod, node: Node): boolean {
  let touched = false;
  for (const term of ctx.preferred) touched = processTerm(ctx.scores, term, term.weight, existing, undefined, node, 1) || touched;
  for (const term of ctx.preferredAnti) touched = processTerm(ctx.scores, term, term.weight, existing, undefined, node, -1) || touched;
  if (!existing.placement.podAffinity && !existing.placement.podAntiAffinity) return touched;
  const info = existingPodAffinityInfo(existing);
  if (ctx.options.hardPodAffinityWeight > 0) {
    for (const term of info.requiredAffinity) touched = processTerm(ctx.scores, existingTerm(ctx, existing, term), ctx.options.hardPodAffinityWeight, ctx.incoming, ctx.nsLabels, node, 1) || touched;
  }
  for (const term of info.preferredAffinity) touched = processTerm(ctx.scores, existingTerm(ctx, existing, term), term.weight, ctx.incoming, ctx.nsLabels, node, 1) || touched;
  for (const term of info.preferredAntiAffinity) touched = processTerm(ctx.scores, existingTerm(ctx, existing, term), term.weight, ctx.incoming, ctx.nsLabels, node, -1) || touched;
  return touched;
}

/** `Score`: the sum, over the topology keys scored, of the node's domain. */
export function rawPodAffinityScore(scores: TopologyScore, node: Node): number {
  let total = 0;
  for (const [key, values] of scores) {
    const value = node.labels.get(key);
    if (value !== undefined) total += values.get(value) ?? 0;
  }
  return total;
}

/** `NormalizeScore`: `100 × (score − min) / (max − min)`, truncated; all 0 when every score is equal. */
export function normalizePodAffinityScores(raw: readonly number[]): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const score of raw) {
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const diff = max - min;
  return raw.map((score) => (diff > 0 ? Math.trunc(maxNodeScore * ((score - min) / diff)) : 0));
}

/** InterPodAffinity PreScore, Score and NormalizeScore over the feasible nodes. */
export function scorePodAffinity(pod: IncomingPod, cluster: PodToPodCluster, feasible: readonly Node[], options: PodAffinityScoreOptions = defaultPodAffinityScoreOptions): PluginScores & { readonly topologyScore?: TopologyScore } {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'affinity', notEvaluated);
  if (feasible.length === 0) return { status: 'skip', notEvaluated: [] };
  const info = podAffinityInfo(pod.namespace, admitLabelKeys(pod.placement, pod.labels), pod.specPath);
  const hasPreferences = (pod.placement.podAffinity?.preferred.length ?? 0) > 0 || (pod.placement.podAntiAffinity?.preferred.length ?? 0) > 0;
  if (options.ignorePreferredTermsOfExistingPods && !hasPreferences) return { status: 'skip', notEvaluated: [] };
  if (info.error !== undefined) return { status: 'error', message: `failed to parse pod: ${info.error}` };
  const merge = (terms: readonly AffinityTerm[]): AffinityTerm[] =>
    terms.map((term) => {
      const merged = mergeNamespaceSelector(term, cluster.namespaces);
      if (merged) return merged;
      notEvaluated.add(`${term.path}.namespaceSelector`, 'preferred pod affinity namespaceSelector (InterPodAffinity scoring): Namespace objects were not supplied; only the listed namespaces were considered');
      return { ...term, namespaceSelector: nothing };
    });
  const ctx: Context = {
    scores: new Map(),
    incoming: pod,
    preferred: merge(info.preferredAffinity),
    preferredAnti: merge(info.preferredAntiAffinity),
    nsLabels: namespaceLabels(cluster, pod.namespace),
    options,
    notEvaluated,
  };
  let touched = false;
  const byNode = podsByNode(cluster);
  for (const node of cluster.nodes) for (const existing of byNode.get(node.name) ?? []) touched = processExistingPod(ctx, existing, node) || touched;
  // PreScore skips when no term matched anywhere (upstream: no node produced a score map).
  if (!touched) return { status: 'skip', notEvaluated: notEvaluated.list() };
  const raw = feasible.map((node) => rawPodAffinityScore(ctx.scores, node));
  const normalized = normalizePodAffinityScores(raw);
  return {
    status: 'scored',
    raw: new Map(feasible.map((node, i) => [node.name, raw[i] ?? 0])),
    normalized: new Map(feasible.map((node, i) => [node.name, normalized[i] ?? 0])),
    notEvaluated: notEvaluated.list(),
    topologyScore: ctx.scores,
  };
}
