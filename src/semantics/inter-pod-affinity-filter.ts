/**
 * The InterPodAffinity filter of kube-scheduler v1.35 (pkg/scheduler/framework/plugins/
 * interpodaffinity/filtering.go), one node at a time. PreFilter counts, per topology domain: the
 * existing pods whose required anti-affinity selects the incoming pod, the existing pods that
 * match all of the incoming pod's required affinity terms, and those matching each of its
 * required anti-affinity terms. Filter then checks, in this order: affinity, anti-affinity, and
 * the existing pods' anti-affinity (symmetry). The counts are plain data, for an indexed version.
 */
import { admitLabelKeys } from '../model/admit-label-keys.js';
import type { Node } from '../model/types.js';
import { affinityTermMatches, dependsOnNamespaceLabels, mergeNamespaceSelector, needsNamespaceLabels, type AffinityTerm, type LabeledPod } from './affinity-term.js';
import { nothing } from './label-selector.js';
import { existingPodAffinityInfo, podAffinityInfo } from './pod-affinity-info.js';
import { namespaceLabels, NotEvaluatedList, podsByNode, reportControllerLabelKeys, type ExistingPod, type IncomingPod, type NotEvaluated, type PodToPodCluster } from './pod-to-pod-inputs.js';
import { addToDomain, countIn, isEmptyCounts, type DomainCount, type TopologyCounts } from './topology-counts.js';

/** `ErrReasonAffinityRulesNotMatch`. */
export const reasonPodAffinityRules = "node(s) didn't match pod affinity rules";
/** `ErrReasonAntiAffinityRulesNotMatch`. */
export const reasonPodAntiAffinityRules = "node(s) didn't match pod anti-affinity rules";
/** `ErrReasonExistingAntiAffinityRulesNotMatch`. */
export const reasonExistingPodsAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules";

/** What PreFilter computed; every count map is keyed by topology key, then value. */
export interface PodAffinityState {
  /** PreFilter's Skip: no required term of the pod and no existing anti-affinity selecting it, so every node passes. */
  readonly skip: boolean;
  /** PreFilter's UnschedulableAndUnresolvable for every node (`parsing pod: ...`), when the pod's selectors do not parse. */
  readonly rejection: string | undefined;
  /** Namespace selectors that needed Namespace objects that were not supplied. */
  readonly notEvaluated: readonly NotEvaluated[];
  /** The incoming pod's required affinity and anti-affinity terms, namespaceSelectors merged into namespaces. */
  readonly affinityTerms: readonly AffinityTerm[];
  readonly antiAffinityTerms: readonly AffinityTerm[];
  /** Existing pods matching all affinity terms, counted once per term whose key their node has. */
  readonly affinityCounts: TopologyCounts;
  /** Existing pods matching each anti-affinity term. */
  readonly antiAffinityCounts: TopologyCounts;
  /** Existing pods' required anti-affinity terms that select the incoming pod. */
  readonly existingAntiAffinityCounts: TopologyCounts;
  /** Does the incoming pod match all of its own affinity terms (the first-pod rule)? */
  readonly matchesOwnAffinity: boolean;
}

/** Why a node fails; `code` is the status code upstream returns (preemption cannot help Unresolvable). */
export type PodAffinityFailure =
  | { readonly kind: 'rejected'; readonly reason: string; readonly code: 'UnschedulableAndUnresolvable' }
  | { readonly kind: 'affinity-missing-key'; readonly reason: typeof reasonPodAffinityRules; readonly code: 'UnschedulableAndUnresolvable'; readonly term: AffinityTerm }
  | { readonly kind: 'affinity-no-pods'; readonly reason: typeof reasonPodAffinityRules; readonly code: 'UnschedulableAndUnresolvable'; readonly term: AffinityTerm; readonly value: string }
  | { readonly kind: 'anti-affinity'; readonly reason: typeof reasonPodAntiAffinityRules; readonly code: 'Unschedulable'; readonly term: AffinityTerm; readonly value: string; readonly domain: DomainCount }
  | { readonly kind: 'existing-anti-affinity'; readonly reason: typeof reasonExistingPodsAntiAffinity; readonly code: 'Unschedulable'; readonly key: string; readonly value: string; readonly domain: DomainCount };

export function emptyAffinityState(rejection: string | undefined, notEvaluated: readonly NotEvaluated[]): PodAffinityState {
  return {
    skip: rejection === undefined,
    rejection,
    notEvaluated,
    affinityTerms: [],
    antiAffinityTerms: [],
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiAffinityCounts: new Map(),
    matchesOwnAffinity: false,
  };
}

/** The incoming pod's terms with namespaceSelectors merged; without Namespace objects only the listed namespaces count. */
export function mergedTerms(terms: readonly AffinityTerm[], cluster: PodToPodCluster, notEvaluated: NotEvaluatedList): AffinityTerm[] {
  return terms.map((term) => {
    const merged = mergeNamespaceSelector(term, cluster.namespaces);
    if (merged) return merged;
    notEvaluated.add(`${term.path}.namespaceSelector`, 'pod affinity namespaceSelector (InterPodAffinity): Namespace objects were not supplied; only the listed namespaces were considered');
    return { ...term, namespaceSelector: nothing };
  });
}

/** Counts the existing pod's required anti-affinity terms that select the incoming pod (`getExistingAntiAffinityCounts`). */
function countExistingAntiAffinity(state: PodAffinityState, existing: ExistingPod, node: Node, pod: LabeledPod, nsLabels: ReadonlyMap<string, string> | undefined, notEvaluated: NotEvaluatedList): void {
  if (!existing.placement.podAntiAffinity) return;
  // An existing pod's list that does not parse contributes nothing, as the scheduler cache drops it.
  for (const term of existingPodAffinityInfo(existing).requiredAntiAffinity) {
    let effective = term;
    if (nsLabels === undefined && needsNamespaceLabels(term)) {
      if (dependsOnNamespaceLabels(term, pod)) notEvaluated.add(`pods[${existing.namespace}/${existing.name}].${term.path}.namespaceSelector`, 'existing pod anti-affinity namespaceSelector (InterPodAffinity): Namespace objects were not supplied');
      effective = { ...term, namespaceSelector: nothing };
    }
    const value = node.labels.get(term.topologyKey);
    if (value !== undefined && affinityTermMatches(effective, pod, nsLabels)) {
      addToDomain(state.existingAntiAffinityCounts, term.topologyKey, value, { namespace: existing.namespace, name: existing.name, node: node.name, term: term.index });
    }
  }
}

/** Counts the existing pod against the incoming pod's terms (`getIncomingAffinityAntiAffinityCounts`). */
function countIncoming(state: PodAffinityState, existing: ExistingPod, node: Node): void {
  const ref = (term: AffinityTerm): { namespace: string; name: string; node: string; term: number } => ({ namespace: existing.namespace, name: existing.name, node: node.name, term: term.index });
  // Affinity counts only pods that match every term at once, then once per term.
  if (state.affinityTerms.length > 0 && state.affinityTerms.every((t) => affinityTermMatches(t, existing))) {
    for (const term of state.affinityTerms) {
      const value = node.labels.get(term.topologyKey);
      if (value !== undefined) addToDomain(state.affinityCounts, term.topologyKey, value, ref(term));
    }
  }
  for (const term of state.antiAffinityTerms) {
    const value = node.labels.get(term.topologyKey);
    if (value !== undefined && affinityTermMatches(term, existing)) addToDomain(state.antiAffinityCounts, term.topologyKey, value, ref(term));
  }
}

/** InterPodAffinity PreFilter: the incoming pod's terms parsed and merged, and the three count maps. */
export function preparePodAffinity(pod: IncomingPod, cluster: PodToPodCluster): PodAffinityState {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'affinity', notEvaluated);
  // The API server merges matchLabelKeys / mismatchLabelKeys into a created pod's selectors.
  const info = podAffinityInfo(pod.namespace, admitLabelKeys(pod.placement, pod.labels), pod.specPath);
  if (info.error !== undefined) return emptyAffinityState(`parsing pod: ${info.error}`, notEvaluated.list());
  const state: PodAffinityState = {
    ...emptyAffinityState(undefined, []),
    affinityTerms: mergedTerms(info.requiredAffinity, cluster, notEvaluated),
    antiAffinityTerms: mergedTerms(info.requiredAntiAffinity, cluster, notEvaluated),
  };
  const nsLabels = namespaceLabels(cluster, pod.namespace);
  const byNode = podsByNode(cluster);
  for (const node of cluster.nodes) {
    for (const existing of byNode.get(node.name) ?? []) {
      countExistingAntiAffinity(state, existing, node, pod, nsLabels, notEvaluated);
      countIncoming(state, existing, node);
    }
  }
  const noTerms = state.affinityTerms.length === 0 && state.antiAffinityTerms.length === 0;
  return {
    ...state,
    skip: noTerms && isEmptyCounts(state.existingAntiAffinityCounts),
    notEvaluated: notEvaluated.list(),
    matchesOwnAffinity: state.affinityTerms.length > 0 && state.affinityTerms.every((t) => affinityTermMatches(t, pod)),
  };
}

/** `satisfyPodAffinity`: every term's key on the node and a matching pod in its domain, or the first-pod rule. */
function checkAffinity(state: PodAffinityState, node: Node): PodAffinityFailure | undefined {
  let empty: { term: AffinityTerm; value: string } | undefined;
  for (const term of state.affinityTerms) {
    const value = node.labels.get(term.topologyKey);
    if (value === undefined) return { kind: 'affinity-missing-key', reason: reasonPodAffinityRules, code: 'UnschedulableAndUnresolvable', term };
    if (!empty && countIn(state.affinityCounts, term.topologyKey, value) <= 0) empty = { term, value };
  }
  if (!empty) return undefined;
  // The first pod of a group with affinity to itself: no pod anywhere matches all terms yet.
  if (isEmptyCounts(state.affinityCounts) && state.matchesOwnAffinity) return undefined;
  return { kind: 'affinity-no-pods', reason: reasonPodAffinityRules, code: 'UnschedulableAndUnresolvable', ...empty };
}

/** `satisfyPodAntiAffinity`: no pod matching a term in the node's domain of that term's key. */
function checkAntiAffinity(state: PodAffinityState, node: Node): PodAffinityFailure | undefined {
  if (isEmptyCounts(state.antiAffinityCounts)) return undefined;
  for (const term of state.antiAffinityTerms) {
    const value = node.labels.get(term.topologyKey);
    const domain = value === undefined ? undefined : state.antiAffinityCounts.get(term.topologyKey)?.get(value);
    if (value !== undefined && domain && domain.count > 0) return { kind: 'anti-affinity', reason: reasonPodAntiAffinityRules, code: 'Unschedulable', term, value, domain };
  }
  return undefined;
}

/** `satisfyExistingPodsAntiAffinity`: no counted domain among the node's labels. */
function checkExistingAntiAffinity(state: PodAffinityState, node: Node): PodAffinityFailure | undefined {
  if (isEmptyCounts(state.existingAntiAffinityCounts)) return undefined;
  for (const [key, value] of node.labels) {
    const domain = state.existingAntiAffinityCounts.get(key)?.get(value);
    if (domain && domain.count > 0) return { kind: 'existing-anti-affinity', reason: reasonExistingPodsAntiAffinity, code: 'Unschedulable', key, value, domain };
  }
  return undefined;
}

/** InterPodAffinity Filter for one node: `undefined` when it passes, else the first failing check (one reason, as upstream). */
export function filterPodAffinity(state: PodAffinityState, node: Node): PodAffinityFailure | undefined {
  if (state.rejection !== undefined) return { kind: 'rejected', reason: state.rejection, code: 'UnschedulableAndUnresolvable' };
  if (state.skip) return undefined;
  return checkAffinity(state, node) ?? checkAntiAffinity(state, node) ?? checkExistingAntiAffinity(state, node);
}
