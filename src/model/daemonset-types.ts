/** The parts of DaemonSets, their pods and ControllerRevisions that the DaemonSet controller reads. */
import type { PodResources } from './resource-types.js';
import type { LabelSelector, PodPlacement, Toleration, Workload } from './types.js';

export type { LabelSelector } from './types.js';

/** An int-or-percent value (`maxUnavailable: 1` or `"10%"`); a percentage keeps its text for error lines. */
export type IntOrPercent =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'percent'; readonly value: number; readonly text?: string };

/** The `ObjectMeta` fields the API server validates on create (`ValidateObjectMeta`). */
export interface ObjectMeta {
  readonly name: string;
  readonly generateName: string;
  readonly namespace: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly annotations: ReadonlyMap<string, string>;
}

/** `spec.updateStrategy`, with upstream defaults applied. */
export type UpdateStrategy =
  | { readonly type: 'OnDelete' }
  | { readonly type: 'RollingUpdate'; readonly maxUnavailable: IntOrPercent; readonly maxSurge: IntOrPercent };

/** A DaemonSet as the controller sees it. */
export interface DaemonSet {
  readonly workload: Workload;
  readonly uid: string;
  readonly selector: LabelSelector | undefined;
  readonly updateStrategy: UpdateStrategy;
  readonly minReadySeconds: number;
  /** `spec.revisionHistoryLimit`, when set. */
  readonly revisionHistoryLimit?: number;
  /** `deprecated.daemonset.template.generation` annotation, when present. */
  readonly templateGeneration?: string;
  readonly deleting: boolean;
  /** The DaemonSet's own metadata, for validation. */
  readonly metadata: ObjectMeta;
  /** The pod template's `metadata.labels` and `metadata.annotations`. */
  readonly templateLabels: ReadonlyMap<string, string>;
  readonly templateAnnotations: ReadonlyMap<string, string>;
  /** The template's `spec.restartPolicy` as written (`""` when absent: the API defaults it to Always). */
  readonly restartPolicy: string;
  /** Whether the template sets `spec.activeDeadlineSeconds` (forbidden for DaemonSets). */
  readonly hasActiveDeadline: boolean;
}

/** A pod as the controller sees it. */
export interface PodObject {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly labels: ReadonlyMap<string, string>;
  /** The controllerRef (`ownerReferences[]` with `controller: true`). */
  readonly controllerRef?: { readonly kind: string; readonly name: string; readonly uid: string };
  readonly creationTimestamp: string;
  readonly deletionTimestamp?: string;
  readonly nodeName: string;
  readonly placement: PodPlacement;
  /** The pod's containers, requests, ports and overhead; set by `decodePodObject`. */
  readonly resources?: PodResources;
  readonly tolerations: readonly Toleration[];
  /** `status.phase`; `""` when absent. */
  readonly phase: string;
  /** The Ready condition: status and lastTransitionTime. */
  readonly ready?: { readonly status: string; readonly lastTransitionTime?: string };
  /** `metadata.resourceVersion`, when set: the server refuses an older one (409). */
  readonly resourceVersion?: string;
}

/** A ControllerRevision: which DaemonSet owns it, its revision number and hash label. */
export interface ControllerRevision {
  readonly name: string;
  readonly namespace: string;
  readonly ownerUid?: string;
  readonly ownerName?: string;
  readonly revision: number;
  readonly hash: string;
}
