/**
 * InterPodAffinity over the indexes: PreFilter's three count maps built from the pod index (the
 * pods a term selects are a few set operations; only those pods are visited, to count them per
 * domain), then the failing nodes as a union of node sets. The counts form the same
 * {@link PodAffinityState} the semantics layer builds, so a failing node's reason and details are
 * the semantics layer's own (`filterPodAffinity`, `describePodAffinityFailure`).
 */
import { admitLabelKeys } from '../model/admit-label-keys.js';
import { andBits, type Bits } from '../node-index/bitset.js';
import { affinityTermMatches, dependsOnNamespaceLabels, needsNamespaceLabels, type AffinityTerm } from '../semantics/affinity-term.js';
import { emptyAffinityState, filterPodAffinity, mergedTerms, type PodAffinityFailure, type PodAffinityState } from '../semantics/inter-pod-affinity-filter.js';
import { isEmptySelector, nothing } from '../semantics/label-selector.js';
import { podAffinityInfo } from '../semantics/pod-affinity-info.js';
import { namespaceLabels, NotEvaluatedList, reportControllerLabelKeys, type IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import { addToDomain, isEmptyCounts, type TopologyCounts } from '../semantics/topology-counts.js';
import { PodScratch, selectPods } from './pod-selector-bits.js';
import { nodeBits, objectsOnly, orCountedDomains, orDomainsAbove, orLiveOutside, orMissingKey, type PodToPodIndexes } from './pod-to-pod-context.js';

/** The InterPodAffinity answer for every node. */
export interface IndexedPodAffinity {
  readonly state: PodAffinityState;
  /** Live nodes the filter rejects. */
  readonly failing: Bits;
  /** The reason and details for node `id` (the semantics layer's), `undefined` when it passes. */
  failureOf(nodeId: number): PodAffinityFailure | undefined;
}

/** The placed pods the term selects (its namespaces, then its selector), terminating ones included. */
function selectedBy(term: AffinityTerm, s: PodScratch): number[] {
  return selectPods({ namespaces: term.namespaces, allNamespaces: isEmptySelector(term.namespaceSelector), selector: term.selector, skipTerminating: false }, s);
}

/** Counts each selected pod once per term whose key its node has (`getIncomingAffinityAntiAffinityCounts`). */
function countSelected(counts: TopologyCounts, pods: readonly number[], terms: readonly AffinityTerm[], indexes: PodToPodIndexes): void {
  for (const podId of pods) {
    const node = indexes.nodes.nodes[indexes.pods.nodeOf[podId]!]!;
    const pod = indexes.pods.pods[podId]!;
    for (const term of terms) {
      const value = node.labels.get(term.topologyKey);
      if (value !== undefined) addToDomain(counts, term.topologyKey, value, { namespace: pod.namespace, name: pod.name, node: node.name, term: term.index });
    }
  }
}

/** Existing pods' required anti-affinity terms that select the incoming pod, counted per domain (`getExistingAntiAffinityCounts`). */
function countExistingAntiAffinity(counts: TopologyCounts, pod: IncomingPod, indexes: PodToPodIndexes, notEvaluated: NotEvaluatedList): void {
  const nsLabels = namespaceLabels(objectsOnly(indexes), pod.namespace);
  const { pods, nodes } = indexes;
  for (const group of pods.candidateGroups(pod.labels)) {
    let term = group.term;
    const unknownNamespaces = nsLabels === undefined && needsNamespaceLabels(term);
    if (unknownNamespaces) term = { ...term, namespaceSelector: nothing };
    const selects = affinityTermMatches(term, pod, nsLabels);
    const unknownVerdict = unknownNamespaces && dependsOnNamespaceLabels(group.term, pod);
    if (!selects && !unknownVerdict) continue;
    for (const podId of group.pods) {
      const nodeId = pods.nodeOf[podId]!;
      if (nodeId < 0) continue;
      const existing = pods.pods[podId]!;
      if (unknownVerdict) notEvaluated.add(`pods[${existing.namespace}/${existing.name}].${term.path}.namespaceSelector`, 'existing pod anti-affinity namespaceSelector (InterPodAffinity): Namespace objects were not supplied');
      const node = nodes.nodes[nodeId]!;
      const value = node.labels.get(term.topologyKey);
      if (selects && value !== undefined) addToDomain(counts, term.topologyKey, value, { namespace: existing.namespace, name: existing.name, node: node.name, term: term.index });
    }
  }
}

/** InterPodAffinity PreFilter over the indexes: the same state `preparePodAffinity` builds from lists. */
export function preparePodAffinityIndexed(pod: IncomingPod, indexes: PodToPodIndexes): PodAffinityState {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'affinity', notEvaluated);
  const info = podAffinityInfo(pod.namespace, admitLabelKeys(pod.placement, pod.labels), pod.specPath);
  if (info.error !== undefined) return emptyAffinityState(`parsing pod: ${info.error}`, notEvaluated.list());
  const cluster = objectsOnly(indexes);
  const affinityTerms = mergedTerms(info.requiredAffinity, cluster, notEvaluated);
  const antiAffinityTerms = mergedTerms(info.requiredAntiAffinity, cluster, notEvaluated);
  const existingAntiAffinityCounts: TopologyCounts = new Map();
  countExistingAntiAffinity(existingAntiAffinityCounts, pod, indexes, notEvaluated);
  const s = PodScratch.of(indexes.pods);
  const affinityCounts: TopologyCounts = new Map();
  const [first, ...rest] = affinityTerms;
  if (first) {
    // Only pods matching every term at once count for affinity: those of the first, checked against the rest.
    const all = selectedBy(first, s).filter((id) => rest.every((term) => affinityTermMatches(term, indexes.pods.pods[id]!)));
    countSelected(affinityCounts, all, affinityTerms, indexes);
  }
  const antiAffinityCounts: TopologyCounts = new Map();
  for (const term of antiAffinityTerms) countSelected(antiAffinityCounts, selectedBy(term, s), [term], indexes);
  const noTerms = affinityTerms.length === 0 && antiAffinityTerms.length === 0;
  return {
    skip: noTerms && isEmptyCounts(existingAntiAffinityCounts),
    rejection: undefined,
    notEvaluated: notEvaluated.list(),
    affinityTerms,
    antiAffinityTerms,
    affinityCounts,
    antiAffinityCounts,
    existingAntiAffinityCounts,
    matchesOwnAffinity: affinityTerms.length > 0 && affinityTerms.every((t) => affinityTermMatches(t, pod)),
  };
}

/** The nodes `satisfyPodAffinity` rejects: a term's key missing, or (unless the first-pod rule applies) no matching pod in a term's domain. */
function orAffinityFailures(out: Bits, state: PodAffinityState, indexes: PodToPodIndexes): void {
  const { nodes } = indexes;
  const firstPod = isEmptyCounts(state.affinityCounts) && state.matchesOwnAffinity;
  for (const term of state.affinityTerms) {
    orMissingKey(out, nodes, term.topologyKey);
    if (firstPod) continue;
    // The nodes outside every domain where a matching pod runs.
    orLiveOutside(out, nodes, (served) => orDomainsAbove(served, nodes, term.topologyKey, state.affinityCounts.get(term.topologyKey) ?? [], 0));
  }
}

/** InterPodAffinity over every indexed node. */
export function filterPodAffinityIndexed(pod: IncomingPod, indexes: PodToPodIndexes): IndexedPodAffinity {
  const state = preparePodAffinityIndexed(pod, indexes);
  const { nodes } = indexes;
  const failing = nodeBits(nodes);
  if (state.rejection !== undefined) failing.set(nodes.alive);
  else if (!state.skip) {
    orAffinityFailures(failing, state, indexes);
    // Anti-affinity terms sharing a key share counts, as upstream's map does: every counted domain fails.
    orCountedDomains(failing, nodes, state.antiAffinityCounts);
    orCountedDomains(failing, nodes, state.existingAntiAffinityCounts);
    andBits(failing, nodes.alive, nodes.liveWords);
  }
  return {
    state,
    failing,
    failureOf: (nodeId) => {
      const node = nodes.nodes[nodeId];
      return node === undefined ? undefined : filterPodAffinity(state, node);
    },
  };
}
