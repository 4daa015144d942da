/**
 * Which cluster pods count on a node: the scheduler cache holds every pod bound to a node
 * (`spec.nodeName` set) that has not finished, since its informer lists pods with
 * `status.phase!=Succeeded,status.phase!=Failed`. A terminating pod (deletionTimestamp set)
 * still holds its resources and ports until it is gone, so it counts.
 */
import type { PodObject } from '../../model/daemonset-types.js';

/** Does the pod count on node `pod.nodeName` for NodeResourcesFit and NodePorts? */
export function isAssignedPod(pod: Pick<PodObject, 'nodeName' | 'phase'>): boolean {
  return pod.nodeName !== '' && pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
}
