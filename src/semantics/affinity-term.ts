/**
 * A pod affinity term as the scheduler processes it (kube-scheduler framework `AffinityTerm`,
 * `newAffinityTerm`, `getNamespacesFromPodAffinityTerm`, `AffinityTerm.Matches`, and
 * InterPodAffinity's `mergeAffinityTermNamespacesIfNotEmpty`).
 */
import type { NamespaceObject, PodAffinityRules, PodAffinityTerm } from '../model/pod-affinity-types.js';
import { describeSelector, isEmptySelector, matchesSelector, nothing, parseLabelSelector, type ParsedSelector } from './label-selector.js';

/** A processed term. `namespaces` ∪ `namespaceSelector` decide the pods' namespaces; `selector` their labels. */
export interface AffinityTerm {
  /** Index in its list (required or preferred), and the list's field path, for explanations. */
  readonly index: number;
  readonly path: string;
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: ParsedSelector;
  readonly selector: ParsedSelector;
  readonly topologyKey: string;
  /** The preference weight (or the hard-affinity weight for an existing pod's required term). */
  readonly weight: number;
}

/** A pod as a term looks at it. */
export interface LabeledPod {
  readonly namespace: string;
  readonly labels: ReadonlyMap<string, string>;
}

/** `newAffinityTerm`: empty `namespaces` and a nil `namespaceSelector` mean the owning pod's namespace. Returns the parse error instead when a selector is invalid. */
export function newAffinityTerm(ownerNamespace: string, term: PodAffinityTerm, index: number, path: string, weight = 0): AffinityTerm | string {
  const selector = parseLabelSelector(term.labelSelector);
  if (selector.kind === 'invalid') return selector.error;
  const namespaceSelector = parseLabelSelector(term.namespaceSelector);
  if (namespaceSelector.kind === 'invalid') return namespaceSelector.error;
  const namespaces = term.namespaces.length === 0 && !term.namespaceSelector ? [ownerNamespace] : term.namespaces;
  return { index, path, namespaces: new Set(namespaces), namespaceSelector, selector, topologyKey: term.topologyKey, weight };
}

/** `GetAffinityTerms`: the whole list, or the first parse error (upstream drops the list with it). */
export function newAffinityTerms(ownerNamespace: string, terms: readonly PodAffinityTerm[], path: string): AffinityTerm[] | string {
  const out: AffinityTerm[] = [];
  for (const [i, term] of terms.entries()) {
    const parsed = newAffinityTerm(ownerNamespace, term, i, `${path}[${i}]`);
    if (typeof parsed === 'string') return parsed;
    out.push(parsed);
  }
  return out;
}

/** `getWeightedAffinityTerms` of a preferred list. */
export function newWeightedTerms(ownerNamespace: string, rules: PodAffinityRules | undefined, path: string): AffinityTerm[] | string {
  const out: AffinityTerm[] = [];
  for (const [i, weighted] of (rules?.preferred ?? []).entries()) {
    const parsed = newAffinityTerm(ownerNamespace, weighted.podAffinityTerm, i, `${path}[${i}].podAffinityTerm`, weighted.weight);
    if (typeof parsed === 'string') return parsed;
    out.push(parsed);
  }
  return out;
}

/**
 * `AffinityTerm.Matches`: the pod's namespace is listed or its labels `nsLabels` match the
 * namespaceSelector, and its labels match the selector. Without `nsLabels` only a selector
 * without requirements (`{}`, all namespaces) matches.
 */
export function affinityTermMatches(term: AffinityTerm, pod: LabeledPod, nsLabels?: ReadonlyMap<string, string>): boolean {
  const inNamespace = term.namespaces.has(pod.namespace) || matchesSelector(term.namespaceSelector, nsLabels ?? new Map());
  return inNamespace && matchesSelector(term.selector, pod.labels);
}

/** Does the namespaceSelector need Namespace objects (it is neither nil nor `{}`)? */
export function needsNamespaceLabels(term: AffinityTerm): boolean {
  return term.namespaceSelector.kind === 'requirements' && !isEmptySelector(term.namespaceSelector);
}

/**
 * Whether the term's verdict on `pod` hangs on Namespace labels that were not supplied: its
 * namespaceSelector needs them, its listed namespaces leave the pod's out, and its label selector
 * selects the pod (otherwise the term cannot select the pod whatever the namespace's labels).
 */
export function dependsOnNamespaceLabels(term: AffinityTerm, pod: LabeledPod): boolean {
  return needsNamespaceLabels(term) && !term.namespaces.has(pod.namespace) && matchesSelector(term.selector, pod.labels);
}

/**
 * `mergeAffinityTermNamespacesIfNotEmpty` for the incoming pod's terms: the namespaces a
 * non-empty namespaceSelector selects join `namespaces`, and the selector then selects none.
 * A `{}` selector is kept (it matches every namespace). Returns `undefined` when Namespace
 * objects are needed but `namespaces` is `undefined` (the term then keeps only its listed names).
 */
export function mergeNamespaceSelector(term: AffinityTerm, namespaces: readonly NamespaceObject[] | undefined): AffinityTerm | undefined {
  if (!needsNamespaceLabels(term)) return term;
  if (!namespaces) return undefined;
  const merged = new Set(term.namespaces);
  for (const ns of namespaces) if (matchesSelector(term.namespaceSelector, ns.labels)) merged.add(ns.name);
  return { ...term, namespaces: merged, namespaceSelector: nothing };
}

/** "namespace shop", "namespaces a, b", "all namespaces", "namespaces with team=a", for explanations. */
export function describeNamespaces(term: AffinityTerm): string {
  if (isEmptySelector(term.namespaceSelector)) return 'all namespaces';
  const names = [...term.namespaces].sort();
  const listed = names.length === 1 ? `namespace ${names[0] ?? ''}` : names.length > 1 ? `namespaces ${names.join(', ')}` : '';
  const selected = term.namespaceSelector.kind === 'requirements' ? `namespaces with ${describeSelector(term.namespaceSelector)}` : '';
  return [listed, selected].filter((s) => s !== '').join(' or ') || 'no namespace';
}

/** `<selector> in <namespaces>`, for explanations. */
export function describeTerm(term: AffinityTerm): string {
  return `${describeSelector(term.selector)} in ${describeNamespaces(term)}`;
}
