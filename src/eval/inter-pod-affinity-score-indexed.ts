/**
 * InterPodAffinity scoring over the indexes (interpodaffinity/scoring.go v1.35). PreScore's
 * topology score map is built from two sides: the incoming pod's preferred terms select their pods
 * from the pod index by set operations, and each selected pod adds the term's weight to its node's
 * domain; the existing pods' scoring terms are grouped by term (pod-score-terms.ts), so each
 * distinct term is matched against the incoming pod once and only the pods of matching groups are
 * visited. Score then adds each domain's sum over its node set. Same answers as the semantics
 * layer's `scorePodAffinity` (property-tested).
 */
import { admitLabelKeys } from '../model/admit-label-keys.js';
import type { ScoreTermGroup } from '../node-index/pod-score-terms.js';
import { affinityTermMatches, mergeNamespaceSelector, needsNamespaceLabels, type AffinityTerm } from '../semantics/affinity-term.js';
import { defaultPodAffinityScoreOptions, normalizePodAffinityScores, type PodAffinityScoreOptions, type TopologyScore } from '../semantics/inter-pod-affinity-score.js';
import { isEmptySelector, matchesSelector, nothing } from '../semantics/label-selector.js';
import { podAffinityInfo } from '../semantics/pod-affinity-info.js';
import { namespaceLabels, NotEvaluatedList, reportControllerLabelKeys, type IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import { addOverFeasible, atFeasible, type FeasibleNodes, type IndexedPluginScores } from './indexed-plugin-scores.js';
import { PodScratch, selectPods } from './pod-selector-bits.js';
import { objectsOnly, type PodToPodIndexes } from './pod-to-pod-context.js';

/** The topology score map being built, and whether any term added to it (upstream skips otherwise). */
interface Accumulator {
  readonly scores: TopologyScore;
  touched: boolean;
}

/** Adds `amount` to the domain of `nodeId` under `key`, when the node has the key. */
function addToNodeDomain(acc: Accumulator, indexes: PodToPodIndexes, nodeId: number, key: string, amount: number): void {
  const value = indexes.nodes.nodes[nodeId]!.labels.get(key);
  if (value === undefined) return;
  let values = acc.scores.get(key);
  if (!values) acc.scores.set(key, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + amount);
  acc.touched = true;
}

/** The incoming pod's preferred terms: every placed pod a term selects (terminating ones too) adds `±weight` to its domain. */
function addIncomingTerms(acc: Accumulator, terms: readonly AffinityTerm[], sign: number, indexes: PodToPodIndexes, s: PodScratch): void {
  for (const term of terms) {
    const query = { namespaces: term.namespaces, allNamespaces: isEmptySelector(term.namespaceSelector), selector: term.selector, skipTerminating: false };
    for (const podId of selectPods(query, s)) addToNodeDomain(acc, indexes, indexes.pods.nodeOf[podId]!, term.topologyKey, term.weight * sign);
  }
}

/** The weight and sign an existing pod's grouped term adds, `undefined` when the plugin does not count it. */
function groupWeight(group: ScoreTermGroup, options: PodAffinityScoreOptions): number | undefined {
  if (group.kind === 'requiredAffinity') return options.hardPodAffinityWeight > 0 ? options.hardPodAffinityWeight : undefined;
  return group.kind === 'preferredAffinity' ? group.term.weight : -group.term.weight;
}

/**
 * The existing pods' terms that select the incoming pod. Without Namespace objects a term's
 * namespaceSelector selects nothing, and each pod whose term could otherwise have selected it
 * (its label selector does) is reported.
 */
function addExistingTerms(acc: Accumulator, pod: IncomingPod, indexes: PodToPodIndexes, options: PodAffinityScoreOptions, notEvaluated: NotEvaluatedList): void {
  const nsLabels = namespaceLabels(objectsOnly(indexes), pod.namespace);
  const { pods } = indexes;
  for (const group of pods.scoreTerms.groups.values()) {
    const weight = groupWeight(group, options);
    if (weight === undefined) continue;
    let term = group.term;
    const unknownNamespaces = nsLabels === undefined && needsNamespaceLabels(term);
    if (unknownNamespaces) {
      if (matchesSelector(term.selector, pod.labels)) {
        for (const podId of group.pods) {
          const existing = pods.pods[podId]!;
          if (pods.nodeOf[podId]! >= 0) notEvaluated.add(`pods[${existing.namespace}/${existing.name}].${term.path}.namespaceSelector`, 'existing pod affinity namespaceSelector (InterPodAffinity scoring): Namespace objects were not supplied');
        }
      }
      term = { ...term, namespaceSelector: nothing };
    }
    if (!affinityTermMatches(term, pod, nsLabels)) continue;
    for (const podId of group.pods) {
      const nodeId = pods.nodeOf[podId]!;
      if (nodeId >= 0) addToNodeDomain(acc, indexes, nodeId, term.topologyKey, weight);
    }
  }
}

/** `Score` of every feasible node: each domain's sum added over its nodes, by position. */
function rawScores(scores: TopologyScore, indexes: PodToPodIndexes, feasible: FeasibleNodes): number[] {
  const { nodes } = indexes;
  const byId = new Float64Array(nodes.highWater);
  for (const [key, values] of scores) {
    const entry = nodes.label(key);
    if (!entry) continue;
    for (const [value, amount] of values) {
      const set = entry.values.get(value);
      if (set !== undefined && amount !== 0) addOverFeasible(set, feasible.bits, byId, amount, nodes.liveWords);
    }
  }
  return atFeasible(byId, feasible);
}

/** InterPodAffinity PreScore, Score and NormalizeScore over the feasible nodes, on the indexes. */
export function scorePodAffinityIndexed(pod: IncomingPod, indexes: PodToPodIndexes, feasible: FeasibleNodes, options: PodAffinityScoreOptions = defaultPodAffinityScoreOptions): IndexedPluginScores {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'affinity', notEvaluated);
  if (feasible.count === 0) return { status: 'skip', notEvaluated: [] };
  const info = podAffinityInfo(pod.namespace, admitLabelKeys(pod.placement, pod.labels), pod.specPath);
  const hasPreferences = (pod.placement.podAffinity?.preferred.length ?? 0) > 0 || (pod.placement.podAntiAffinity?.preferred.length ?? 0) > 0;
  if (options.ignorePreferredTermsOfExistingPods && !hasPreferences) return { status: 'skip', notEvaluated: [] };
  if (info.error !== undefined) return { status: 'error', message: `failed to parse pod: ${info.error}` };
  const cluster = objectsOnly(indexes);
  const merge = (terms: readonly AffinityTerm[]): AffinityTerm[] =>
    terms.map((term) => {
      const merged = mergeNamespaceSelector(term, cluster.namespaces);
      if (merged) return merged;
      notEvaluated.add(`${term.path}.namespaceSelector`, 'preferred pod affinity namespaceSelector (InterPodAffinity scoring): Namespace objects were not supplied; only the listed namespaces were considered');
      return { ...term, namespaceSelector: nothing };
    });
  const preferred = merge(info.preferredAffinity);
  const preferredAnti = merge(info.preferredAntiAffinity);
  const acc: Accumulator = { scores: new Map(), touched: false };
  const s = PodScratch.of(indexes.pods);
  addIncomingTerms(acc, preferred, 1, indexes, s);
  addIncomingTerms(acc, preferredAnti, -1, indexes, s);
  addExistingTerms(acc, pod, indexes, options, notEvaluated);
  // PreScore skips when no term matched anywhere (no node produced a score map).
  if (!acc.touched) return { status: 'skip', notEvaluated: notEvaluated.list() };
  const raw = rawScores(acc.scores, indexes, feasible);
  return { status: 'scored', raw, normalized: normalizePodAffinityScores(raw), notEvaluated: notEvaluated.list() };
}
