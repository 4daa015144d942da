/**
 * The placement-relevant parts of Kubernetes objects, as decoded from manifests. Strings keep the
 * raw text the user wrote (an operator may be `"in"`), because validation reports it and
 * kube-scheduler's runtime semantics decide what an unknown value means. Label maps are `Map`s:
 * `__proto__` and `constructor` are valid label keys.
 */
import type { PodAffinityRules, TopologySpreadConstraint } from './pod-affinity-types.js';
import type { ContainerImage, PodResources, ResourceList } from './resource-types.js';

/** A `NodeSelectorRequirement` (matchExpressions or matchFields entry). */
export interface NodeSelectorRequirement {
  readonly key: string;
  /** `In | NotIn | Exists | DoesNotExist | Gt | Lt`, or whatever the manifest said. */
  readonly operator: string;
  readonly values: readonly string[];
}

/** A `NodeSelectorTerm`: every expression and every field requirement must hold. */
export interface NodeSelectorTerm {
  readonly matchExpressions: readonly NodeSelectorRequirement[];
  readonly matchFields: readonly NodeSelectorRequirement[];
}

/** A `PreferredSchedulingTerm` of preferred node affinity. */
export interface PreferredSchedulingTerm {
  readonly weight: number;
  readonly preference: NodeSelectorTerm;
}

/** A pod `Toleration`. An empty operator means `Equal`; an empty effect matches every effect. */
export interface Toleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
  /** Seconds a NoExecute taint is tolerated; absent means forever. */
  readonly tolerationSeconds?: number;
}

/** A node `Taint`. */
export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
  readonly timeAdded?: string;
}

/** A `LabelSelectorRequirement` (an entry of a `metav1.LabelSelector`'s matchExpressions). */
export interface LabelSelectorRequirement {
  readonly key: string;
  /** `In | NotIn | Exists | DoesNotExist`, or whatever the manifest said. */
  readonly operator: string;
  readonly values: readonly string[];
}

/** A `metav1.LabelSelector`; an absent selector is `undefined` (it selects nothing). */
export interface LabelSelector {
  readonly matchLabels?: ReadonlyMap<string, string>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
  /** True when the selector is exactly `{}` (reflect.DeepEqual with an empty LabelSelector). */
  readonly isEmptyObject: boolean;
}

/** Everything of a pod spec that decides where it may run. */
export interface PodPlacement {
  readonly nodeName: string;
  /** `undefined` when the field is absent; an empty map imposes nothing either way. */
  readonly nodeSelector: ReadonlyMap<string, string> | undefined;
  /** `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`; `undefined` when the block is absent. */
  readonly requiredTerms: readonly NodeSelectorTerm[] | undefined;
  /** `preferredDuringSchedulingIgnoredDuringExecution`; `undefined` when absent (the plugin then skips scoring). */
  readonly preferredTerms: readonly PreferredSchedulingTerm[] | undefined;
  readonly tolerations: readonly Toleration[];
  readonly hostNetwork: boolean;
  /** `affinity.podAffinity`; absent when the manifest has none. */
  readonly podAffinity?: PodAffinityRules;
  /** `affinity.podAntiAffinity`; absent when the manifest has none. */
  readonly podAntiAffinity?: PodAffinityRules;
  /** `topologySpreadConstraints`; absent when the manifest has none. */
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
}

/** A node condition (`status.conditions[]`), kept for policies and the DaemonSet controller. */
export interface NodeCondition {
  readonly type: string;
  readonly status: string;
}

/** A Node as placement sees it. */
export interface Node {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly conditions: readonly NodeCondition[];
  readonly resourceVersion?: string;
  /** `status.allocatable` (every resource, extended and hugepages included); set by `decodeNode`, empty when absent. */
  readonly allocatable?: ResourceList;
  /** `status.images`, for ImageLocality; set by `decodeNode`. */
  readonly images?: readonly ContainerImage[];
  /** The object as read, for policies that look at fields beyond labels (annotations, allocatable). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The workload kinds whose pod template placement reads. */
export type WorkloadKind =
  | 'Pod'
  | 'PodTemplate'
  | 'Deployment'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob';

/** A workload: an object whose pod (template) is placed. */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  readonly labels: ReadonlyMap<string, string>;
  /** Path of the pod spec inside the object, e.g. `spec.template.spec.`; used in field paths. */
  readonly specPath: string;
  readonly pod: PodPlacement;
  /** The pod's containers, requests, ports and overhead; set by `decodeWorkload`. */
  readonly resources?: PodResources;
  /** The object as read. */
  readonly raw: Readonly<Record<string, unknown>>;
}
