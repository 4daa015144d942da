/**
 * The cluster's pods out of request bodies: a List as `kubectl get pods -A -o json` prints it
 * (`PUT /v1/pods`), or one Pod (`PUT /v1/pods/{namespace}/{name}`), decoded and checked as the
 * CLI's `--pods` is, each kept with the object as it was sent.
 */
import { located } from '../api/inputs.js';
import { checkPodCount, clusterPodsFromSources } from '../api/pod-inputs.js';
import { PlacementError, type FieldError } from '../errors.js';
import { decodePodObject } from '../model/decode-daemonset.js';
import { isObject, own, type JsonObject } from '../model/decode.js';
import { bodyObject, failOn, sourcesOf } from './request-objects.js';
import type { StoredPod } from './state.js';

/** The pods of a List body, validated, each namespace/name once, within the pod limit; every problem at once. */
export function podsFromListBody(body: JsonObject): StoredPod[] {
  const kind = own(body, 'kind');
  if (kind !== undefined && kind !== 'List' && kind !== 'PodList') {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'kind', type: 'Unsupported value', badValue: kind, detail: 'supported values: "List", "PodList"' }]);
  }
  const items = own(body, 'items');
  if (items === undefined) throw new PlacementError('invalid', 'invalid request', [{ path: 'items', type: 'Required value', detail: 'a List of Pods, as kubectl get pods -A -o json prints it' }]);
  // Counted before any item is read.
  if (Array.isArray(items)) checkPodCount(items);
  const sources = sourcesOf(items, 'items');
  // Only Pods: a ControllerRevision here would otherwise be skipped without a word.
  const notPods = sources.filter((s) => own(s.object, 'kind') !== 'Pod').flatMap((s) => located(s, [{ path: 'kind', type: 'Unsupported value', badValue: own(s.object, 'kind') ?? '', detail: 'supported values: "Pod"' }]));
  failOn(notPods, 'invalid pods');
  const pods = clusterPodsFromSources(sources);
  return pods.map((pod, i) => ({ pod, raw: sources[i]!.object }));
}

/**
 * The Pod of a `PUT /v1/pods/{namespace}/{name}` body. As the API server does, a missing
 * `metadata.namespace` is the path's; a given one, and the name, must equal the path's.
 */
export function podFromBody(body: unknown, namespace: string, name: string): StoredPod {
  let object = bodyObject(body);
  const kind = own(object, 'kind');
  if (kind !== undefined && kind !== 'Pod') failOn([{ path: 'kind', type: 'Unsupported value', badValue: kind, detail: 'supported values: "Pod"' }], 'invalid pod');
  const metadata = own(object, 'metadata');
  const given = isObject(metadata) ? own(metadata, 'namespace') : undefined;
  if (isObject(metadata) && (given === undefined || given === '')) object = { ...object, metadata: { ...metadata, namespace } };
  const { pod, errors } = decodePodObject(object);
  failOn(errors, 'invalid pod');
  if (!pod) throw new PlacementError('invalid', 'invalid pod');
  const mismatches: FieldError[] = [];
  if (pod.namespace !== namespace) mismatches.push({ path: 'metadata.namespace', type: 'Invalid value', badValue: pod.namespace, detail: `must equal the namespace in the URL path (${JSON.stringify(namespace)})` });
  if (pod.name !== name) mismatches.push({ path: 'metadata.name', type: 'Invalid value', badValue: pod.name, detail: `must equal the name in the URL path (${JSON.stringify(name)})` });
  failOn(mismatches, 'invalid pod');
  return { pod, raw: object };
}
