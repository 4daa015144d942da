/**
 * Decodes the cluster objects the pod-to-pod plugins read besides pods and nodes, as
 * `kubectl get svc,rs,sts,rc,ns -A -o json` prints them: Namespaces (for `namespaceSelector`) and
 * Services, ReplicationControllers, ReplicaSets and StatefulSets (for the default spreading).
 */
import type { FieldError } from '../errors.js';
import { Decoder, isObject, own, type JsonObject } from './decode.js';
import { decodeLabelSelector } from './decode-label-selector.js';
import type { NamespaceObject, SelectingObject } from './pod-affinity-types.js';

/** A decoded scheduling object, or the errors that prevent reading it. */
export type DecodedSchedulingObject =
  | { readonly ok: true; readonly object: { readonly kind: 'Namespace'; readonly namespace: NamespaceObject } | { readonly kind: 'selecting'; readonly selecting: SelectingObject } }
  | { readonly ok: false; readonly errors: FieldError[] };

/** The kinds {@link decodeSchedulingObject} reads. */
export const schedulingObjectKinds = ['Namespace', 'Service', 'ReplicationController', 'ReplicaSet', 'StatefulSet'] as const;

function metadataOf(d: Decoder, object: JsonObject): { name: string; namespace: string; labels: Map<string, string> } {
  const metadata = d.object(own(object, 'metadata'), 'metadata') ?? {};
  return {
    name: d.string(own(metadata, 'name'), 'metadata.name'),
    namespace: d.string(own(metadata, 'namespace'), 'metadata.namespace') || 'default',
    labels: d.stringMap(own(metadata, 'labels'), 'metadata.labels') ?? new Map(),
  };
}

/**
 * A ReplicationController's selector, defaulted to its template's labels when empty
 * (pkg/apis/core/v1 `SetDefaults_ReplicationController`), as the stored object has it.
 */
function rcSelector(d: Decoder, spec: JsonObject): ReadonlyMap<string, string> | undefined {
  const selector = d.stringMap(own(spec, 'selector'), 'spec.selector');
  if (selector && selector.size > 0) return selector;
  const template = own(spec, 'template');
  const metadata = isObject(template) ? own(template, 'metadata') : undefined;
  const labels = isObject(metadata) ? d.stringMap(own(metadata, 'labels'), 'spec.template.metadata.labels') : undefined;
  return labels ?? selector;
}

function decodeSelecting(d: Decoder, kind: SelectingObject['kind'], object: JsonObject): SelectingObject {
  const { name, namespace } = metadataOf(d, object);
  const spec = d.object(own(object, 'spec'), 'spec') ?? {};
  switch (kind) {
    case 'Service':
      return { kind, name, namespace, selectorMap: d.stringMap(own(spec, 'selector'), 'spec.selector') };
    case 'ReplicationController':
      return { kind, name, namespace, selectorMap: rcSelector(d, spec) };
    case 'ReplicaSet':
    case 'StatefulSet':
      return { kind, name, namespace, selector: decodeLabelSelector(d, own(spec, 'selector'), 'spec.selector') };
  }
}

/** Decodes a Namespace, Service, ReplicationController, ReplicaSet or StatefulSet; other kinds are an error. */
export function decodeSchedulingObject(object: JsonObject): DecodedSchedulingObject {
  const kind = own(object, 'kind');
  const d = new Decoder();
  let decoded: Extract<DecodedSchedulingObject, { ok: true }>['object'];
  if (kind === 'Namespace') {
    const { name, labels } = metadataOf(d, object);
    decoded = { kind: 'Namespace', namespace: { name, labels } };
  } else if (kind === 'Service' || kind === 'ReplicationController' || kind === 'ReplicaSet' || kind === 'StatefulSet') {
    decoded = { kind: 'selecting', selecting: decodeSelecting(d, kind, object) };
  } else {
    const detail = `supported values: ${schedulingObjectKinds.map((k) => JSON.stringify(k)).join(', ')}`;
    return { ok: false, errors: [{ path: 'kind', type: 'Unsupported value', badValue: kind ?? '', detail }] };
  }
  return d.errors.length > 0 ? { ok: false, errors: d.errors } : { ok: true, object: decoded };
}

/** Decodes a workload of a selecting kind (a ReplicaSet, StatefulSet or ReplicationController manifest) as such. */
export function selectingObjectOf(object: JsonObject): SelectingObject | undefined {
  const decoded = decodeSchedulingObject(object);
  return decoded.ok && decoded.object.kind === 'selecting' ? decoded.object.selecting : undefined;
}
