/**
 * The pod `syncNodes` creates (daemon util `CreatePodTemplate`, `ReplaceDaemonSetPodNodeNameNodeAffinity`):
 * the template's labels plus the revision labels, the implicit daemon tolerations, required node
 * affinity replaced by one `metadata.name In [node]` term, and a controllerRef to the DaemonSet.
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import type { PodPlacement } from '../../model/types.js';
import { templateLabels } from '../../model/validate-daemonset.js';
import { daemonPodPlacement } from './daemon-pod.js';
import type { Revision } from './pod-state.js';

/** The labels of created pods: the template's, `controller-revision-hash` when known, `pod-template-generation` when annotated. */
export function createdPodLabels(ds: DaemonSet, revision: Revision): Map<string, string> {
  const labels = templateLabels(ds.workload.raw);
  if (revision.hash !== '') labels.set('controller-revision-hash', revision.hash);
  if (revision.templateGeneration !== undefined) labels.set('pod-template-generation', revision.templateGeneration);
  return labels;
}

/** The template as created pods carry it, pinned to `node`. */
export function pinnedPlacement(ds: DaemonSet, node: string): PodPlacement {
  const placement = daemonPodPlacement(ds.workload.pod);
  return { ...placement, requiredTerms: [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
}

/** What differs between the pods one sync creates. */
export interface CreatedPod {
  readonly name: string;
  readonly node: string;
  /** Creation time, ms since the epoch. */
  readonly now: number;
  /** Bound by the scheduler (`spec.nodeName` set); else pinned only by affinity, as created. */
  readonly bound: boolean;
}

/** A pod as `syncNodes` creates it (phase Pending, no Ready condition yet); `labels` from {@link createdPodLabels}. */
export function createdDaemonPod(ds: DaemonSet, labels: ReadonlyMap<string, string>, pod: CreatedPod): PodObject {
  const placement = pinnedPlacement(ds, pod.node);
  const nodeName = pod.bound ? pod.node : placement.nodeName;
  return {
    name: pod.name,
    namespace: ds.workload.namespace,
    uid: '',
    labels,
    controllerRef: { kind: 'DaemonSet', name: ds.workload.name, uid: ds.uid },
    creationTimestamp: new Date(pod.now).toISOString(),
    nodeName,
    placement: { ...placement, nodeName },
    tolerations: placement.tolerations,
    phase: 'Pending',
  };
}
