/**
 * Decodes DaemonSets, Pods and ControllerRevisions for the DaemonSet controller, applying the
 * upstream defaults (pkg/apis/apps/v1/defaults.go: RollingUpdate, maxUnavailable 1, maxSurge 0).
 */
import type { FieldError } from '../errors.js';
import { decodePodPlacement } from './decode-pod.js';
import { decodePodResources } from './decode-pod-resources.js';
import { Decoder, isObject, own, type JsonObject } from './decode.js';
import type { ControllerRevision, DaemonSet, IntOrPercent, PodObject, UpdateStrategy } from './daemonset-types.js';
import { decodeLabelSelector } from './decode-label-selector.js';
import { decodeWorkload } from './workload.js';

/** `GetScaledValueFromIntOrPercent` input: an integer, or a string `"<int>%"`. */
function decodeIntOrPercent(d: Decoder, value: unknown, path: string, fallback: IntOrPercent): IntOrPercent {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isInteger(value)) return { kind: 'int', value };
  if (typeof value === 'string') {
    const match = /^(\d+)%$/.exec(value);
    if (match) return { kind: 'percent', value: Number(match[1]) };
  }
  d.errors.push({ path, type: 'Invalid value', badValue: value, detail: "must be an integer or percentage (e.g '5%')" });
  return fallback;
}

function decodeStrategy(d: Decoder, value: unknown): UpdateStrategy {
  const object = d.object(value, 'spec.updateStrategy') ?? {};
  const type = d.string(own(object, 'type'), 'spec.updateStrategy.type') || 'RollingUpdate';
  if (type === 'OnDelete') return { type };
  if (type !== 'RollingUpdate') {
    d.errors.push({ path: 'spec.updateStrategy.type', type: 'Unsupported value', badValue: type, detail: 'supported values: "OnDelete", "RollingUpdate"' });
  }
  const rolling = d.object(own(object, 'rollingUpdate'), 'spec.updateStrategy.rollingUpdate') ?? {};
  return {
    type: 'RollingUpdate',
    maxUnavailable: decodeIntOrPercent(d, own(rolling, 'maxUnavailable'), 'spec.updateStrategy.rollingUpdate.maxUnavailable', { kind: 'int', value: 1 }),
    maxSurge: decodeIntOrPercent(d, own(rolling, 'maxSurge'), 'spec.updateStrategy.rollingUpdate.maxSurge', { kind: 'int', value: 0 }),
  };
}

/** Decodes a DaemonSet; errors are returned, not thrown. */
export function decodeDaemonSet(object: JsonObject): { daemonset?: DaemonSet; errors: FieldError[] } {
  const kind = own(object, 'kind');
  if (kind !== 'DaemonSet') return { errors: [{ path: 'kind', type: 'Unsupported value', badValue: kind ?? '', detail: 'supported values: "DaemonSet"' }] };
  const decoded = decodeWorkload(object);
  if (!decoded.ok) return { errors: decoded.errors };
  if (decoded.workload.kind !== 'DaemonSet') {
    return { errors: [{ path: 'kind', type: 'Unsupported value', badValue: decoded.workload.kind, detail: 'supported values: "DaemonSet"' }] };
  }
  const d = new Decoder();
  const metadata = d.object(own(object, 'metadata'), 'metadata') ?? {};
  const spec = d.object(own(object, 'spec'), 'spec') ?? {};
  const annotations = d.stringMap(own(metadata, 'annotations'), 'metadata.annotations');
  const generation = annotations?.get('deprecated.daemonset.template.generation');
  const daemonset: DaemonSet = {
    workload: decoded.workload,
    uid: d.string(own(metadata, 'uid'), 'metadata.uid'),
    selector: decodeLabelSelector(d, own(spec, 'selector'), 'spec.selector'),
    updateStrategy: decodeStrategy(d, own(spec, 'updateStrategy')),
    minReadySeconds: d.integer(own(spec, 'minReadySeconds'), 'spec.minReadySeconds') ?? 0,
    ...(generation !== undefined ? { templateGeneration: generation } : {}),
    deleting: own(metadata, 'deletionTimestamp') != null,
  };
  return d.errors.length > 0 ? { errors: d.errors } : { daemonset, errors: [] };
}

function readyCondition(d: Decoder, status: JsonObject): PodObject['ready'] {
  for (const condition of d.array(own(status, 'conditions'), 'status.conditions')) {
    if (!isObject(condition) || own(condition, 'type') !== 'Ready') continue;
    const transition = own(condition, 'lastTransitionTime');
    return { status: d.string(own(condition, 'status'), 'status.conditions.status'), ...(typeof transition === 'string' ? { lastTransitionTime: transition } : {}) };
  }
  return undefined;
}

/** Decodes a Pod as the DaemonSet controller reads it. */
export function decodePodObject(object: JsonObject): { pod?: PodObject; errors: FieldError[] } {
  const d = new Decoder();
  const metadata = d.object(own(object, 'metadata'), 'metadata') ?? {};
  const spec = d.object(own(object, 'spec'), 'spec') ?? {};
  const status = d.object(own(object, 'status'), 'status') ?? {};
  const owners = d.list(own(metadata, 'ownerReferences'), 'metadata.ownerReferences', (o, p) => ({
    kind: d.string(own(o, 'kind'), `${p}.kind`),
    name: d.string(own(o, 'name'), `${p}.name`),
    uid: d.string(own(o, 'uid'), `${p}.uid`),
    controller: d.boolean(own(o, 'controller'), `${p}.controller`),
  }));
  const controller = owners.find((o) => o.controller);
  const placement = decodePodPlacement(d, spec, 'spec.');
  const deletion = own(metadata, 'deletionTimestamp');
  const ready = readyCondition(d, status);
  const pod: PodObject = {
    name: d.string(own(metadata, 'name'), 'metadata.name'),
    namespace: d.string(own(metadata, 'namespace'), 'metadata.namespace') || 'default',
    uid: d.string(own(metadata, 'uid'), 'metadata.uid'),
    labels: d.stringMap(own(metadata, 'labels'), 'metadata.labels') ?? new Map(),
    ...(controller ? { controllerRef: { kind: controller.kind, name: controller.name, uid: controller.uid } } : {}),
    creationTimestamp: d.string(own(metadata, 'creationTimestamp'), 'metadata.creationTimestamp'),
    ...(typeof deletion === 'string' ? { deletionTimestamp: deletion } : {}),
    nodeName: placement.nodeName,
    placement,
    resources: decodePodResources(d, spec, 'spec.', placement.hostNetwork),
    tolerations: placement.tolerations,
    phase: d.string(own(status, 'phase'), 'status.phase'),
    ...(ready ? { ready } : {}),
  };
  if (pod.name === '') d.errors.push({ path: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' });
  return d.errors.length > 0 ? { errors: d.errors } : { pod, errors: [] };
}

/** Decodes a ControllerRevision (its owner, `revision`, and `controller-revision-hash` label). */
export function decodeControllerRevision(object: JsonObject): { revision?: ControllerRevision; errors: FieldError[] } {
  const d = new Decoder();
  const metadata = d.object(own(object, 'metadata'), 'metadata') ?? {};
  const labels = d.stringMap(own(metadata, 'labels'), 'metadata.labels') ?? new Map<string, string>();
  const owners = d.list(own(metadata, 'ownerReferences'), 'metadata.ownerReferences', (o, p) => ({
    name: d.string(own(o, 'name'), `${p}.name`),
    uid: d.string(own(o, 'uid'), `${p}.uid`),
    controller: d.boolean(own(o, 'controller'), `${p}.controller`),
  }));
  const owner = owners.find((o) => o.controller);
  const name = d.string(own(metadata, 'name'), 'metadata.name');
  const revision: ControllerRevision = {
    name,
    namespace: d.string(own(metadata, 'namespace'), 'metadata.namespace') || 'default',
    ...(owner ? { ownerUid: owner.uid, ownerName: owner.name } : {}),
    revision: d.integer(own(object, 'revision'), 'revision') ?? 0,
    // The hash is the revision's label; without it upstream's constructHistory uses the revision's name.
    hash: labels.get('controller-revision-hash') ?? name,
  };
  return d.errors.length > 0 ? { errors: d.errors } : { revision, errors: [] };
}
