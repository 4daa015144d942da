/**
 * The compiled form of a pod's placement constraints: a small tree of plain, serialisable data.
 * Every node of the tree is a condition on one node of the cluster; `and`/`or` combine them.
 * Numeric bounds are inclusive and written as decimal strings (`Gt 5` → `min: "6"`), because
 * int64 does not fit a JS number and JSON has no BigInt.
 */
import type { PodPlacement, Toleration } from '../model/types.js';
import type { PodConstraints } from './pod-constraints.js';

/** A condition on a node. */
export type Rule =
  | { readonly const: boolean }
  | { readonly and: readonly Rule[] }
  | { readonly or: readonly Rule[] }
  /** The label is present with one of the values. */
  | { readonly in: { readonly key: string; readonly values: readonly string[] } }
  /** The label is absent, or present with none of the values. */
  | { readonly notIn: { readonly key: string; readonly values: readonly string[] } }
  | { readonly exists: string }
  | { readonly doesNotExist: string }
  /** The label is present and parses as an int64 (Go `ParseInt`) within the inclusive bounds. */
  | { readonly range: { readonly key: string; readonly min?: string; readonly max?: string } }
  /** `metadata.name` field requirements (a node without a name has no fields and passes). */
  | { readonly nameIn: readonly string[] }
  | { readonly nameNotIn: readonly string[] }
  /** NodeName: the node's name is exactly this (a nameless node does not match). */
  | { readonly nodeName: string }
  /** The node is not cordoned (`spec.unschedulable` is not true). */
  | { readonly schedulable: true }
  /**
   * Every taint of the node with one of `effects` (default: NoSchedule and NoExecute, the ones that
   * block scheduling) is tolerated by one of these tolerations.
   */
  | { readonly tolerates: { readonly tolerations: readonly Toleration[]; readonly comparisonOperators: boolean; readonly effects?: readonly TaintEffectName[] } };

/** The taint effects a `tolerates` rule can look at. */
export type TaintEffectName = 'NoSchedule' | 'NoExecute';

/** The filter plugins placement compiles to rules, in the default profile's order (default_plugins.go). */
export const filterOrder = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity'] as const;
/** A filter plugin compiled to a rule over node labels, taints and cordons. */
export type RuleFilterName = (typeof filterOrder)[number];
/**
 * The filters after NodeAffinity that read the pods already running (NodePorts, then
 * NodeResourcesFit, as default_plugins.go orders them): judged over the cluster-pods store, not compiled.
 */
export const resourceFilterOrder = ['NodePorts', 'NodeResourcesFit'] as const;
/**
 * The filters after the volume plugins that read which pods run where (PodTopologySpread, then
 * InterPodAffinity, as default_plugins.go orders them): judged over the pod index, not compiled.
 */
export const podToPodFilterOrder = ['PodTopologySpread', 'InterPodAffinity'] as const;
/** A pod-to-pod filter plugin name. */
export type PodToPodFilterName = (typeof podToPodFilterOrder)[number];
/** A filter plugin name. */
export type FilterName = RuleFilterName | (typeof resourceFilterOrder)[number] | PodToPodFilterName;

/** The rule of each filter plugin; a node is eligible when it satisfies all four. */
export interface FilterRules {
  readonly NodeUnschedulable: Rule;
  readonly NodeName: Rule;
  readonly TaintToleration: Rule;
  readonly NodeAffinity: Rule;
}

/** A static finding about the pod, before any node is looked at. */
export interface RuleWarning {
  /** Field path in the workload, e.g. `spec.affinity.nodeAffinity...nodeSelectorTerms[1]`. */
  readonly path: string;
  readonly message: string;
}

/** A compiled pod: per-filter rules, NodeAffinity's PreFilter restriction, warnings and the canonical key. */
export interface CompiledPod {
  /** The pod it was compiled from (any pod with the same placement fields compiles the same). */
  readonly pod: PodPlacement;
  readonly filters: FilterRules;
  /** The constraints one by one with their field paths, for explanations and `why`. */
  readonly constraints: PodConstraints;
  /** Node names the NodeAffinity PreFilter restricts the pod to (every term pins `metadata.name In`). */
  readonly preFilterNames?: readonly string[];
  /** Set when the PreFilter rejects the pod outright: the terms pin names no node can satisfy (`pod affinity terms conflict`). */
  readonly preFilterConflict?: true;
  readonly warnings: readonly RuleWarning[];
  /**
   * Canonical serialisation of the rules: equal keys mean equal decisions, however the manifest was
   * ordered. (The compile cache cannot use it — computing it is the compile the cache saves; it
   * uses `placementFingerprint` instead.)
   */
  readonly key: string;
}

/** Constant rules, shared. */
export const ruleTrue: Rule = Object.freeze({ const: true });
export const ruleFalse: Rule = Object.freeze({ const: false });
