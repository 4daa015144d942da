/**
 * Decodes a Node object: name, labels, taints, `spec.unschedulable`, conditions, allocatable,
 * images, and the `resourceVersion` the server's 409 check compares. Types are Go's: a numeric
 * resourceVersion or an impossible `timeAdded` is refused as the API server's decoder refuses it,
 * never dropped.
 */
import { decodeNodeResources } from './decode-pod-resources.js';
import { Decoder, own, type JsonObject } from './decode.js';
import { limits } from './limits.js';
import type { Node, NodeCondition, Taint } from './types.js';

function decodeTaint(d: Decoder, object: JsonObject, path: string): Taint {
  const timeAdded = d.time(own(object, 'timeAdded'), `${path}.timeAdded`);
  return {
    key: d.string(own(object, 'key'), `${path}.key`),
    value: d.string(own(object, 'value'), `${path}.value`),
    effect: d.string(own(object, 'effect'), `${path}.effect`),
    ...(timeAdded !== undefined ? { timeAdded } : {}),
  };
}

function decodeCondition(d: Decoder, object: JsonObject, path: string): NodeCondition {
  return { type: d.string(own(object, 'type'), `${path}.type`), status: d.string(own(object, 'status'), `${path}.status`) };
}

/** Decodes one Node; type errors are collected in `d`. */
export function decodeNode(d: Decoder, object: JsonObject): Node {
  const metadata = d.object(own(object, 'metadata'), 'metadata') ?? {};
  const spec = d.object(own(object, 'spec'), 'spec') ?? {};
  const status = d.object(own(object, 'status'), 'status') ?? {};
  const resourceVersion = d.boundedString(own(metadata, 'resourceVersion'), 'metadata.resourceVersion', limits.resourceVersionBytes.value);
  return {
    name: d.string(own(metadata, 'name'), 'metadata.name'),
    labels: d.stringMap(own(metadata, 'labels'), 'metadata.labels') ?? new Map(),
    taints: d.list(own(spec, 'taints'), 'spec.taints', (o, p) => decodeTaint(d, o, p), limits.taints.value),
    unschedulable: d.boolean(own(spec, 'unschedulable'), 'spec.unschedulable'),
    conditions: d.list(own(status, 'conditions'), 'status.conditions', (o, p) => decodeCondition(d, o, p)),
    ...(resourceVersion !== '' ? { resourceVersion } : {}),
    ...decodeNodeResources(d, status),
    raw: object,
  };
}
