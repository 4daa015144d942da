/**
 * The four filter plugins of kube-scheduler's default profile that decide placement, one node at
 * a time, plus NodeAffinity's PreFilter. Each filter returns `undefined` when the node passes, or
 * the reason kube-scheduler gives with the details a person needs.
 */
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, PodPlacement } from '../model/types.js';
import {
  reasonAffinityConflict,
  reasonNodeAffinity,
  reasonNodeName,
  reasonUnschedulable,
  reasonUntoleratedTaint,
  type FilterName,
} from '../explain/reasons.js';
import { describeRequirement, matchesLabelRequirement } from '../semantics/label-requirement.js';
import { matchesFieldRequirement, matchesNodeSelectorMap, matchesTerm, nodeNamesFromTerms, parseRequiredTerms, type ParsedTerm } from '../semantics/node-selector.js';
import { formatTaint, isBlockingEffect, isTolerated, unschedulableTaint, untoleratedTaints } from '../semantics/tolerations.js';

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

/** NodeUnschedulable: a cordoned node needs a toleration of `node.kubernetes.io/unschedulable:NoSchedule`. */
export function filterUnschedulable(prepared: PreparedPod, node: Node): FilterFailure | undefined {
  if (passesUnschedulable(prepared, node)) return undefined;
  const detail = 'node is cordoned (spec.unschedulable: true) and no toleration matches node.kubernetes.io/unschedulable:NoSchedule';
  return { filter: 'NodeUnschedulable', reason: reasonUnschedulable, details: [detail] };
}

/** NodeName: `spec.nodeName`, when set, must be this node. */
export function filterNodeName(prepared: PreparedPod, node: Node): FilterFailure | undefined {
  if (passesNodeName(prepared, node)) return undefined;
  const wanted = prepared.pod.nodeName;
  return { filter: 'NodeName', reason: reasonNodeName, details: [`pod requires node ${JSON.stringify(wanted)} (spec.nodeName)`] };
}

/** TaintToleration: every NoSchedule and NoExecute taint must be tolerated. */
export function filterTaints(prepared: PreparedPod, node: Node): FilterFailure | undefined {
  const untolerated = untoleratedTaints(node.taints, prepared.pod.tolerations, prepared.gates);
  if (untolerated.length === 0) return undefined;
  const details = untolerated.map((taint) => `taint ${formatTaint(taint)} is not tolerated`);
  return { filter: 'TaintToleration', reason: reasonUntoleratedTaint, details };
}

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

function describeLabel(node: Node, key: string): string {
  const value = node.labels.get(key);
  return value === undefined ? `node has no label ${key}` : `node has ${key}=${value}`;
}

function describeSelectorFailures(pod: PodPlacement, node: Node): string[] {
  const out: string[] = [];
  for (const [key, value] of pod.nodeSelector ?? []) {
    if (node.labels.get(key) !== value) out.push(`nodeSelector ${key}=${value}: ${describeLabel(node, key)}`);
  }
  return out;
}

function describeTermFailures(prepared: PreparedPod, node: Node): string[] {
  const raw = prepared.pod.requiredTerms ?? [];
  const byIndex = new Map((prepared.requiredTerms ?? []).map((term) => [term.index, term]));
  if (byIndex.size === 0) return ['requiredDuringSchedulingIgnoredDuringExecution has no non-empty nodeSelectorTerms, so it matches no node'];
  return raw.map((_, i) => {
    const term = byIndex.get(i);
    const at = `nodeSelectorTerms[${i}]`;
    if (!term) return `${at} is empty and matches no node`;
    if (term.problems.length > 0) return `${at} is invalid and never matches: ${term.problems.join('; ')}`;
    return `${at}: ${describeFirstMismatch(term, node)}`;
  });
}

function describeFirstMismatch(term: ParsedTerm, node: Node): string {
  for (const rq of term.expressions) {
    if (!matchesLabelRequirement(rq, node.labels)) return `${describeRequirement(rq)}: ${describeLabel(node, rq.key)}`;
  }
  for (const rq of term.fields) {
    if (!matchesFieldRequirement(rq, node)) return `matchFields ${rq.key} ${rq.operator} [${rq.value}]: node is named ${JSON.stringify(node.name)}`;
  }
  return 'matches';
}

/** The filters in the default profile's order. */
export const filters: readonly ((prepared: PreparedPod, node: Node) => FilterFailure | undefined)[] = [
  filterUnschedulable,
  filterNodeName,
  filterTaints,
  filterNodeAffinity,
];
