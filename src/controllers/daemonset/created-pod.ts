/**
 * The pod `syncNodes` creates (daemon util `CreatePodTemplate`, `ReplaceDaemonSetPodNodeNameNodeAffinity`):
 * the template's labels plus the revision labels, the implicit daemon tolerations, required node
 * affinity replaced by one `metadata.name In [node]` term, and a controllerRef to the DaemonSet.
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import { formatApiTime } from '../../model/time.js';
import type { PodPlacement } from '../../model/types.js';
import { daemonPodPlacement } from './daemon-pod.js';
import type { Revision } from './pod-state.js';

/** `CreatePodTemplate`: what every pod a sync creates shares. */
export interface CreatedPodTemplate {
  readonly ds: DaemonSet;
  /** The template's labels, `controller-revision-hash` when known, `pod-template-generation` when annotated. */
  readonly labels: ReadonlyMap<string, string>;
  /** The template with the implicit daemon tolerations. */
  readonly placement: PodPlacement;
}

/** The template of the pods `ds` creates at this revision. */
export function createdPodTemplate(ds: DaemonSet, revision: Revision): CreatedPodTemplate {
  const labels = new Map(ds.templateLabels);
  if (revision.hash !== '') labels.set('controller-revision-hash', revision.hash);
  if (revision.templateGeneration !== undefined) labels.set('pod-template-generation', revision.templateGeneration);
  return { ds, labels, placement: daemonPodPlacement(ds.workload.pod) };
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

/** The last clock formatted: every pod of a sync (up to the burst limit) is created at the same time. */
let formatted = { now: Number.NaN, text: '' };

function creationTimestamp(now: number): string {
  if (formatted.now !== now) formatted = { now, text: formatApiTime(now) ?? '' };
  return formatted.text;
}

/** A pod as `syncNodes` creates it from the template, pinned to its node: phase Pending, no Ready condition yet. */
export function createdDaemonPod(template: CreatedPodTemplate, pod: CreatedPod): PodObject {
  const { ds, placement } = template;
  const nodeName = pod.bound ? pod.node : placement.nodeName;
  return {
    name: pod.name,
    namespace: ds.workload.namespace,
    uid: '',
    labels: template.labels,
    controllerRef: { kind: 'DaemonSet', name: ds.workload.name, uid: ds.uid },
    creationTimestamp: creationTimestamp(pod.now),
    nodeName,
    placement: { ...placement, nodeName, requiredTerms: [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.node] }] }] },
    tolerations: placement.tolerations,
    phase: 'Pending',
  };
}
