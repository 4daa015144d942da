/**
 * The four filter plugins of kube-scheduler's default profile that decide placement, one node at
 * a time, plus NodeAffinity's PreFilter. Each filter returns `undefined` when the node passes, or
 * the reason kube-scheduler gives with the details a person needs. Each reason text sits beside
 * the filter that returns it, as upstream keeps `ErrReason` in each plugin; the texts are a
 * contract (tools match on them), verbatim from pkg/scheduler/framework/plugins/*.
 */
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, PodPlacement } from '../model/types.js';
import type { FilterName } from '../compile/rule.js';
import { describeRequirement, matchesLabelRequirement } from '../semantics/label-requirement.js';
import { matchesFieldRequirement, matchesNodeSelectorMap, sortedSelector, matchesTerm, nodeNamesFromTerms, parseRequiredTerms, type ParsedTerm } from '../semantics/node-selector.js';
import { isBlockingEffect, isTolerated, unschedulableTaint, untoleratedTaints } from '../semantics/tolerations.js';
import { detailText } from './detail-text.js';

/** A failed filter. */
export interface FilterFailure {
  readonly filter: FilterName;
  readonly reason: string;
  readonly details: readonly string[];
}

/** A pod parsed once (the PreFilter stage), then matched against many nodes. */
export interface PreparedPod {
  readonly pod: PodPlacement;
  readonly gates: FeatureGates;
  /** Required terms that survive (empty ones dropped); `undefined` when the pod has no required block. */
  readonly requiredTerms: readonly ParsedTerm[] | undefined;
  /** NodeAffinity PreFilter: the node names the pod is restricted to, when every term pins names. */
  readonly preFilterNames: ReadonlySet<string> | undefined;
  /** Set when the PreFilter rejects the pod outright (`pod affinity terms conflict`). */
  readonly preFilterMessage: string | undefined;
}

/** NodeAffinity PreFilter `errReasonConflict`: every term pins conflicting node names. */
export const reasonAffinityConflict = 'pod affinity terms conflict';
/** The status of nodes left out by NodeAffinity's PreFilterResult (terms that pin `metadata.name`). */
export const reasonPreFilterNodeAffinity = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

/** Parses the pod's constraints once, as kube-scheduler's PreFilter stage does. */
export function preparePod(pod: PodPlacement, gates: FeatureGates): PreparedPod {
  const names = nodeNamesFromTerms(pod);
  return {
    pod,
    gates,
    requiredTerms: pod.requiredTerms === undefined ? undefined : parseRequiredTerms(pod.requiredTerms),
    preFilterNames: names,
    preFilterMessage: names !== undefined && names.size === 0 ? reasonAffinityConflict : undefined,
  };
}

/** NodeUnschedulable's decision alone. */
export function passesUnschedulable(prepared: PreparedPod, node: Node): boolean {
  return !node.unschedulable || isTolerated(unschedulableTaint, prepared.pod.tolerations, prepared.gates);
}

/** NodeName's decision alone. */
export function passesNodeName(prepared: PreparedPod, node: Node): boolean {
  return prepared.pod.nodeName === '' || prepared.pod.nodeName === node.name;
}

/** TaintToleration's decision alone: the first untolerated blocking taint fails the node. */
export function passesTaints(prepared: PreparedPod, node: Node): boolean {
  for (const taint of node.taints) {
    if (isBlockingEffect(taint.effect) && !isTolerated(taint, prepared.pod.tolerations, prepared.gates)) return false;
  }
  return true;
}

/** NodeAffinity's decision alone: nodeSelector, then any required term. */
export function passesNodeAffinity(prepared: PreparedPod, node: Node): boolean {
  if (!matchesNodeSelectorMap(prepared.pod.nodeSelector, node.labels)) return false;
  const terms = prepared.requiredTerms;
  return terms === undefined || terms.some((term) => matchesTerm(term, node));
}

/** The four decisions in the default profile's order, without explanations (the fast reference path). */
export const filterChecks: readonly ((prepared: PreparedPod, node: Node) => boolean)[] = [
  passesUnschedulable,
  passesNodeName,
  passesTaints,
  passesNodeAffinity,
];

/** NodeUnschedulable `ErrReasonUnschedulable`. */
export const reasonUnschedulable = 'node(s) were unschedulable';

/** NodeUnschedulable: a cordoned node needs a toleration of `node.kubernetes.io/unschedulable:NoSchedule`. */
export function filterUnschedulable(prepared: PreparedPod, node: Node): FilterFailure | undefined {
  if (passesUnschedulable(prepared, node)) return undefined;
  return { filter: 'NodeUnschedulable', reason: reasonUnschedulable, details: [detailText.cordoned] };
}

/** NodeName `ErrReason`. */
export const reasonNodeName = "node(s) didn't match the requested node name";

/** NodeName: `spec.nodeName`, when set, must be this node. */
export function filterNodeName(prepared: PreparedPod, node: Node): FilterFailure | undefined {
  if (passesNodeName(prepared, node)) return undefined;
  return { filter: 'NodeName', reason: reasonNodeName, details: [detailText.nodeName(prepared.pod.nodeName)] };
}

/** TaintToleration's Filter reason (the current upstream text; older releases named the taint). */
export const reasonUntoleratedTaint = 'node(s) had untolerated taint(s)';

/** TaintToleration: every NoSchedule and NoExecute taint must be tolerated. */
export function filterTaints(prepared: PreparedPod, node: Node): FilterFailure | undefined {
  const untolerated = untoleratedTaints(node.taints, prepared.pod.tolerations, prepared.gates);
  if (untolerated.length === 0) return undefined;
  const details = untolerated.map(detailText.untoleratedTaint);
  return { filter: 'TaintToleration', reason: reasonUntoleratedTaint, details };
}

/** NodeAffinity `ErrReasonPod`. */
export const reasonNodeAffinity = "node(s) didn't match Pod's node affinity/selector";

/** NodeAffinity: `nodeSelector` AND required node affinity (any term). */
export function filterNodeAffinity(prepared: PreparedPod, node: Node): FilterFailure | undefined {
  // nodeSelector is checked first; required affinity only when it holds (GetRequiredNodeAffinity.Match).
  if (!matchesNodeSelectorMap(prepared.pod.nodeSelector, node.labels)) {
    return { filter: 'NodeAffinity', reason: reasonNodeAffinity, details: describeSelectorFailures(prepared.pod, node) };
  }
  const terms = prepared.requiredTerms;
  if (terms === undefined || terms.some((term) => matchesTerm(term, node))) return undefined;
  return { filter: 'NodeAffinity', reason: reasonNodeAffinity, details: describeTermFailures(prepared, node) };
}

function describeSelectorFailures(pod: PodPlacement, node: Node): string[] {
  const out: string[] = [];
  for (const [key, value] of sortedSelector(pod.nodeSelector)) {
    if (node.labels.get(key) !== value) out.push(detailText.selector(key, value, node.labels.get(key)));
  }
  return out;
}

function describeTermFailures(prepared: PreparedPod, node: Node): string[] {
  const raw = prepared.pod.requiredTerms ?? [];
  const byIndex = new Map((prepared.requiredTerms ?? []).map((term) => [term.index, term]));
  if (byIndex.size === 0) return [detailText.noTerms];
  return raw.map((_, i) => {
    const term = byIndex.get(i);
    if (!term) return detailText.emptyTerm(i);
    if (term.problems.length > 0) return detailText.invalidTerm(i, term.problems);
    return describeFirstMismatch(term, node);
  });
}

function describeFirstMismatch(term: ParsedTerm, node: Node): string {
  for (const rq of term.expressions) {
    if (!matchesLabelRequirement(rq, node.labels)) return detailText.termExpression(term.index, describeRequirement(rq), rq.key, node.labels.get(rq.key));
  }
  for (const rq of term.fields) {
    if (!matchesFieldRequirement(rq, node)) return detailText.termField(term.index, `matchFields ${rq.key} ${rq.operator} [${rq.value}]`, node.name);
  }
  return `nodeSelectorTerms[${term.index}]: matches`;
}

/** The filters in the default profile's order. */
export const filters: readonly ((prepared: PreparedPod, node: Node) => FilterFailure | undefined)[] = [
  filterUnschedulable,
  filterNodeName,
  filterTaints,
  filterNodeAffinity,
];
