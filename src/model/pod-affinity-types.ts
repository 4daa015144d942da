/**
 * The pod-to-pod placement fields of a pod spec as decoded from manifests (`affinity.podAffinity`,
 * `affinity.podAntiAffinity`, `topologySpreadConstraints`), and the cluster objects that the
 * InterPodAffinity and PodTopologySpread plugins read besides pods: Namespaces, and the Services,
 * ReplicaSets, StatefulSets and ReplicationControllers behind the default spreading constraints.
 * Strings keep the raw text of the manifest; validation and the scheduler decide what it means.
 */
import type { LabelSelector } from './types.js';

/** A `PodAffinityTerm`. Absent selectors are `undefined`: `labelSelector: null` selects no pod. */
export interface PodAffinityTerm {
  readonly labelSelector: LabelSelector | undefined;
  readonly namespaces: readonly string[];
  readonly namespaceSelector: LabelSelector | undefined;
  readonly topologyKey: string;
  readonly matchLabelKeys: readonly string[];
  readonly mismatchLabelKeys: readonly string[];
}

/** A `WeightedPodAffinityTerm` of a preferred (anti-)affinity. */
export interface WeightedPodAffinityTerm {
  readonly weight: number;
  readonly podAffinityTerm: PodAffinityTerm;
}

/** `podAffinity` or `podAntiAffinity`: the two lists are empty when absent. */
export interface PodAffinityRules {
  /** `requiredDuringSchedulingIgnoredDuringExecution`. */
  readonly required: readonly PodAffinityTerm[];
  /** `preferredDuringSchedulingIgnoredDuringExecution`. */
  readonly preferred: readonly WeightedPodAffinityTerm[];
}

/** A `TopologySpreadConstraint`; optional fields stay `undefined` when absent (the scheduler's defaults apply). */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** `DoNotSchedule | ScheduleAnyway`, or whatever the manifest said. */
  readonly whenUnsatisfiable: string;
  readonly labelSelector: LabelSelector | undefined;
  readonly minDomains?: number;
  /** `Honor | Ignore`; absent means Honor. */
  readonly nodeAffinityPolicy?: string;
  /** `Honor | Ignore`; absent means Ignore. */
  readonly nodeTaintsPolicy?: string;
  readonly matchLabelKeys: readonly string[];
}

/** A Namespace: its name and labels, which `namespaceSelector` matches. */
export interface NamespaceObject {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
}

/** The kinds whose selectors make up the default spreading selector (helper.DefaultSelector). */
export type SelectingKind = 'Service' | 'ReplicationController' | 'ReplicaSet' | 'StatefulSet';

/**
 * A Service, ReplicationController, ReplicaSet or StatefulSet as the default spreading reads it.
 * Services and ReplicationControllers select with a plain map (`undefined` when absent);
 * ReplicaSets and StatefulSets with a LabelSelector.
 */
export type SelectingObject =
  | { readonly kind: 'Service' | 'ReplicationController'; readonly namespace: string; readonly name: string; readonly selectorMap: ReadonlyMap<string, string> | undefined }
  | { readonly kind: 'ReplicaSet' | 'StatefulSet'; readonly namespace: string; readonly name: string; readonly selector: LabelSelector | undefined };

/**
 * The cluster objects the pod-to-pod plugins list besides nodes and pods. A field left out was not
 * supplied: a `namespaceSelector` then cannot be evaluated, and the default spreading selector
 * says its Services are unknown, instead of either being taken as "none".
 */
export interface SchedulingObjects {
  readonly namespaces?: readonly NamespaceObject[];
  readonly selectingObjects?: readonly SelectingObject[];
}

/** A pod's controller (`metadata.ownerReferences[]` with `controller: true`). */
export interface ControllerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}
