/**
 * What the pod-to-pod filters could not take into account for a pod (a namespaceSelector without
 * Namespace objects, a matchLabelKeys on a label its controller sets per pod), in the shape every
 * answer lists under `notEvaluated`. Read off the two PreFilters, which the caller may not have run.
 */
import type { NotEvaluated } from '../compile/not-evaluated.js';
import type { IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import { preparePodAffinityIndexed } from './inter-pod-affinity-indexed.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import { prepareTopologySpreadIndexed } from './topology-spread-indexed.js';

function summaryOf(field: string, what: string): string {
  if (field === '...') return 'more pod-to-pod constraints';
  return what.includes('namespaceSelector') ? 'namespaceSelector without Namespace objects' : 'label keys the controller sets';
}

/** The entries of both filters for `pod`, spread's first. */
export function podToPodNotEvaluated(pod: IncomingPod, indexes: PodToPodIndexes): NotEvaluated[] {
  const listed = [...prepareTopologySpreadIndexed(pod, indexes).notEvaluated, ...preparePodAffinityIndexed(pod, indexes).notEvaluated];
  return listed.map(({ field, what }) => ({ field, what, summary: summaryOf(field, what) }));
}
