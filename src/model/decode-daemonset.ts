/**
 * Decodes DaemonSets, Pods and ControllerRevisions for the DaemonSet controller, applying the
 * upstream defaults (pkg/apis/apps/v1/defaults.go: RollingUpdate, maxUnavailable 1, maxSurge 0).
 */
import type { FieldError } from '../errors.js';
import { decodePodPlacement } from './decode-pod.js';
import { decodePodResources } from './decode-pod-resources.js';
import { Decoder, isObject, own, type JsonObject } from './decode.js';
import type { ControllerRevision, DaemonSet, IntOrPercent, ObjectMeta, PodObject, UpdateStrategy } from './daemonset-types.js';
import { decodeLabelSelector } from './decode-label-selector.js';
import { decodeWorkload } from './workload.js';
import { limits } from './limits.js';

const percentFormat = /^[0-9]+%$/;
/** apimachinery `IsValidPercent`'s message (`RegexError` with its double space before "or"). */
const percentMessage = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/**
 * An `intstr.IntOrString`: a JSON number is Go's int32 (`1e300` is refused by the decoder), a string
 * must be a percentage (`IsValidPercent`; the controller cannot use anything else, so this is a
 * decode error here, not only a validation one).
 */
function decodeIntOrPercent(d: Decoder, value: unknown, path: string, fallback: IntOrPercent): IntOrPercent {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') {
    const n = d.int32(value, path);
    return n === undefined ? fallback : { kind: 'int', value: n };
  }
  if (typeof value === 'string') {
    if (percentFormat.test(value)) return { kind: 'percent', value: Number(value.slice(0, -1)), text: value };
    d.errors.push({ path, type: 'Invalid value', badValue: value, detail: percentMessage });
    return fallback;
  }
  d.errors.push({ path, type: 'Invalid value', badValue: value, detail: "must be an integer or percentage (e.g '5%')" });
  return fallback;
}

/** The strategy as Go's `json.Marshal` prints the internal `apps.DaemonSetUpdateStrategy` (no json tags). */
function internalStrategy(type: string, rolling: JsonObject | undefined): Record<string, unknown> {
  const rollingUpdate = rolling ? { MaxUnavailable: own(rolling, 'maxUnavailable') ?? 0, MaxSurge: own(rolling, 'maxSurge') ?? 0 } : null;
  return { Type: type, RollingUpdate: rollingUpdate };
}

function decodeStrategy(d: Decoder, value: unknown): UpdateStrategy {
  const object = d.object(value, 'spec.updateStrategy') ?? {};
  const type = d.string(own(object, 'type'), 'spec.updateStrategy.type') || 'RollingUpdate';
  const rolling = d.object(own(object, 'rollingUpdate'), 'spec.updateStrategy.rollingUpdate');
  if (type === 'OnDelete') return { type };
  if (type !== 'RollingUpdate') {
    // ValidateDaemonSetUpdateStrategy; a decode error here, as the controller cannot run an unknown strategy.
    d.errors.push({ path: 'spec.updateStrategy', type: 'Unsupported value', badValue: internalStrategy(type, rolling), detail: 'supported values: "RollingUpdate", "OnDelete"' });
  }
  const base = 'spec.updateStrategy.rollingUpdate';
  return {
    type: 'RollingUpdate',
    maxUnavailable: decodeIntOrPercent(d, rolling && own(rolling, 'maxUnavailable'), `${base}.maxUnavailable`, { kind: 'int', value: 1 }),
    maxSurge: decodeIntOrPercent(d, rolling && own(rolling, 'maxSurge'), `${base}.maxSurge`, { kind: 'int', value: 0 }),
  };
}

/** The `ObjectMeta` fields validation reads, at `path` (`metadata`, `spec.template.metadata`). */
function decodeObjectMeta(d: Decoder, metadata: JsonObject, path: string): ObjectMeta {
  return {
    name: d.string(own(metadata, 'name'), `${path}.name`),
    generateName: d.string(own(metadata, 'generateName'), `${path}.generateName`),
    namespace: d.string(own(metadata, 'namespace'), `${path}.namespace`),
    labels: d.stringMap(own(metadata, 'labels'), `${path}.labels`) ?? new Map(),
    annotations: d.stringMap(own(metadata, 'annotations'), `${path}.annotations`) ?? new Map(),
  };
}

/** `spec.template.metadata` and the template spec fields ValidateDaemonSetSpec reads. */
function decodeTemplate(d: Decoder, spec: JsonObject): Pick<DaemonSet, 'templateLabels' | 'templateAnnotations' | 'restartPolicy' | 'hasActiveDeadline'> {
  const template = d.object(own(spec, 'template'), 'spec.template') ?? {};
  const meta = decodeObjectMeta(d, d.object(own(template, 'metadata'), 'spec.template.metadata') ?? {}, 'spec.template.metadata');
  const podSpec = d.object(own(template, 'spec'), 'spec.template.spec') ?? {};
  return {
    templateLabels: meta.labels,
    templateAnnotations: meta.annotations,
    restartPolicy: d.string(own(podSpec, 'restartPolicy'), 'spec.template.spec.restartPolicy'),
    hasActiveDeadline: d.int64(own(podSpec, 'activeDeadlineSeconds'), 'spec.template.spec.activeDeadlineSeconds') !== undefined,
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
  const meta = decodeObjectMeta(d, metadata, 'metadata');
  const generation = meta.annotations.get('deprecated.daemonset.template.generation');
  const revisionHistoryLimit = d.int32(own(spec, 'revisionHistoryLimit'), 'spec.revisionHistoryLimit');
  const daemonset: DaemonSet = {
    workload: decoded.workload,
    uid: d.string(own(metadata, 'uid'), 'metadata.uid'),
    selector: decodeLabelSelector(d, own(spec, 'selector'), 'spec.selector'),
    updateStrategy: decodeStrategy(d, own(spec, 'updateStrategy')),
    minReadySeconds: d.int32(own(spec, 'minReadySeconds'), 'spec.minReadySeconds') ?? 0,
    ...(revisionHistoryLimit !== undefined ? { revisionHistoryLimit } : {}),
    ...(generation !== undefined ? { templateGeneration: generation } : {}),
    deleting: d.time(own(metadata, 'deletionTimestamp'), 'metadata.deletionTimestamp') !== undefined,
    metadata: meta,
    ...decodeTemplate(d, spec),
  };
  return d.errors.length > 0 ? { errors: d.errors } : { daemonset, errors: [] };
}

function readyCondition(d: Decoder, status: JsonObject): PodObject['ready'] {
  for (const condition of d.array(own(status, 'conditions'), 'status.conditions')) {
    if (!isObject(condition) || own(condition, 'type') !== 'Ready') continue;
    const transition = d.time(own(condition, 'lastTransitionTime'), 'status.conditions.lastTransitionTime');
    return { status: d.string(own(condition, 'status'), 'status.conditions.status'), ...(transition !== undefined ? { lastTransitionTime: transition } : {}) };
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
  const deletion = d.time(own(metadata, 'deletionTimestamp'), 'metadata.deletionTimestamp');
  const ready = readyCondition(d, status);
  const resourceVersion = d.boundedString(own(metadata, 'resourceVersion'), 'metadata.resourceVersion', limits.resourceVersionBytes.value);
  const pod: PodObject = {
    name: d.string(own(metadata, 'name'), 'metadata.name'),
    namespace: d.string(own(metadata, 'namespace'), 'metadata.namespace') || 'default',
    uid: d.string(own(metadata, 'uid'), 'metadata.uid'),
    labels: d.stringMap(own(metadata, 'labels'), 'metadata.labels') ?? new Map(),
    ...(controller ? { controllerRef: { kind: controller.kind, name: controller.name, uid: controller.uid } } : {}),
    creationTimestamp: d.time(own(metadata, 'creationTimestamp'), 'metadata.creationTimestamp') ?? '',
    ...(deletion !== undefined ? { deletionTimestamp: deletion } : {}),
    nodeName: placement.nodeName,
    placement,
    resources: decodePodResources(d, spec, 'spec.', placement.hostNetwork),
    tolerations: placement.tolerations,
    phase: d.string(own(status, 'phase'), 'status.phase'),
    ...(ready ? { ready } : {}),
    ...(resourceVersion !== '' ? { resourceVersion } : {}),
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
    revision: d.int64(own(object, 'revision'), 'revision') ?? 0,
    // The hash is the revision's label; without it upstream's constructHistory uses the revision's name.
    hash: labels.get('controller-revision-hash') ?? name,
  };
  return d.errors.length > 0 ? { errors: d.errors } : { revision, errors: [] };
}
