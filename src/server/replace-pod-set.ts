/**
 * `PUT /v1/pods`: replacing the cluster's pods. A small list is parsed and decoded at once. A large
 * one (a 150,000-pod cluster prints ~50 MB or more) is parsed and validated on a worker thread, as
 * a large node list is (node-list-upload.ts); its items are then decoded again here a slice of
 * a few ms at a time, while other requests are answered from the old pod set, and the new set is
 * put into the engine in one step once complete. An invalid list changes nothing. One pod-set
 * replacement runs at a time.
 */
import { decodePodObject } from '../model/decode-daemonset.js';
import { unavailable } from './http-error.js';
import { parseJsonBody } from './json-body.js';
import { OffThreadNodeList, type NodeListTexts } from './node-list-upload.js';
import { podsFromListBody } from './pod-list.js';
import type { ReplaceOptions } from './replace-node-set.js';
import { bodyObject } from './request-objects.js';
import { forEachListItemInSlices } from './list-items-in-slices.js';
import type { ServerState, StoredPod } from './state.js';

/** The items, already validated by the worker, decoded again a slice at a time. */
async function podsInSlices(list: NodeListTexts): Promise<StoredPod[]> {
  const pods: StoredPod[] = [];
  await forEachListItemInSlices(list, (raw, i) => {
    const { pod, errors } = decodePodObject(raw);
    if (!pod || errors.length > 0) throw new Error(`items[${i}] decoded on the worker thread but not again: ${errors.map((e) => e.detail).join('; ')}`);
    pods.push({ pod, raw });
  });
  return pods;
}

/**
 * Replaces the pod set with the List in the body — bytes (or none: an empty object) read here, or
 * an {@link OffThreadNodeList} — and resolves to the answer `{"pods": N}`.
 */
export function replacePodSet(state: ServerState, body: Buffer | OffThreadNodeList | undefined, options: ReplaceOptions): { pods: number } | Promise<{ pods: number }> {
  if (state.replacingPods) {
    if (body instanceof OffThreadNodeList) body.abort();
    throw unavailable('overloaded', 'another pod-set replacement is in progress; retry when it is done', options.retryAfterSeconds);
  }
  if (!(body instanceof OffThreadNodeList)) {
    const parsed = body === undefined ? undefined : parseJsonBody(body.toString('utf8'), options.maxDepth);
    const pods = podsFromListBody(bodyObject(parsed));
    state.setPods(pods);
    return { pods: pods.length };
  }
  state.replacingPods = true;
  return body.result
    .then(podsInSlices)
    .then((pods) => {
      state.setPods(pods);
      return { pods: pods.length };
    })
    .finally(() => {
      state.replacingPods = false;
    });
}
