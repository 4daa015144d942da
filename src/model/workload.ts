/** Finds the pod (template) of any workload kind: what gets placed is always a pod spec. */
import { PlacementError, type FieldError } from '../errors.js';
import { decodePodPlacement } from './decode-pod.js';
import { decodePodResources } from './decode-pod-resources.js';
import { Decoder, isObject, own, type JsonObject } from './decode.js';
import type { Workload, WorkloadKind } from './types.js';

/** Where each kind keeps its pod spec. */
const specPaths: Readonly<Record<WorkloadKind, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The workload kinds placement accepts. */
export const workloadKinds: readonly WorkloadKind[] = Object.keys(specPaths) as WorkloadKind[];

/** Is `kind` a workload kind? */
export function isWorkloadKind(kind: unknown): kind is WorkloadKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(specPaths, kind);
}

/** Result of decoding a workload: the workload, or the errors that prevent reading it. */
export type DecodedWorkload = { ok: true; workload: Workload } | { ok: false; errors: FieldError[] };

/** Decodes a workload object of any supported kind; type errors are returned, not thrown. */
export function decodeWorkload(object: JsonObject): DecodedWorkload {
  const kind = own(object, 'kind');
  if (!isWorkloadKind(kind)) {
    const detail = `supported values: ${workloadKinds.map((k) => JSON.stringify(k)).join(', ')}`;
    return { ok: false, errors: [{ path: 'kind', type: 'Unsupported value', badValue: kind ?? '', detail }] };
  }
  const d = new Decoder();
  let spec: unknown = object;
  const walked: string[] = [];
  for (const step of specPaths[kind]) {
    walked.push(step);
    spec = isObject(spec) ? own(spec, step) : undefined;
    if (!isObject(spec)) {
      const path = walked.join('.');
      if (spec === undefined || spec === null) return { ok: false, errors: [{ path, type: 'Required value', detail: '' }] };
      d.object(spec, path);
      return { ok: false, errors: d.errors };
    }
  }
  const specPath = `${walked.join('.')}.`;
  const metadata = d.object(own(object, 'metadata'), 'metadata') ?? {};
  const placed = {
    kind,
    name: d.string(own(metadata, 'name'), 'metadata.name') || d.string(own(metadata, 'generateName'), 'metadata.generateName'),
    namespace: d.string(own(metadata, 'namespace'), 'metadata.namespace') || 'default',
    labels: d.stringMap(own(metadata, 'labels'), 'metadata.labels') ?? new Map(),
    specPath,
    pod: decodePodPlacement(d, spec as JsonObject, specPath),
    raw: object,
  };
  const workload: Workload = { ...placed, resources: decodePodResources(d, spec as JsonObject, specPath, placed.pod.hostNetwork) };
  return d.errors.length > 0 ? { ok: false, errors: d.errors } : { ok: true, workload };
}

/** Like {@link decodeWorkload}, throwing a {@link PlacementError} on failure. */
export function toWorkload(object: JsonObject, file?: string): Workload {
  const decoded = decodeWorkload(object);
  if (decoded.ok) return decoded.workload;
  const errors = file ? decoded.errors.map((e) => ({ ...e, file })) : decoded.errors;
  throw new PlacementError('invalid', `${file ?? 'input'}: not a readable workload`, errors);
}
