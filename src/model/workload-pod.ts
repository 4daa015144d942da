/**
 * What a pod created from a workload looks like to the pod-to-pod plugins besides its spec: its
 * namespace, its labels (the template's `metadata.labels`), the controller that will own it (for
 * the default spreading selector) and the labels that controller adds to every pod, whose values
 * a template cannot show (`pod-template-hash`, `controller-revision-hash`, ...).
 */
import { Decoder, isObject, own, type JsonObject } from './decode.js';
import { selectingObjectOf } from './decode-scheduling-objects.js';
import type { ControllerReference, SelectingObject } from './pod-affinity-types.js';
import type { Workload, WorkloadKind } from './types.js';
import { decodeLabelSelector } from './decode-label-selector.js';

/**
 * The pod's controller: a reference to look up among the cluster's objects (a Pod's
 * ownerReference), or the object itself when the workload is (or stands for) that controller.
 * `unknownRequirement` names a label the real controller's selector also requires with a value
 * the manifest cannot show (a Deployment's ReplicaSet requires its `pod-template-hash`).
 */
export type PodController =
  | { readonly ref: ControllerReference }
  | { readonly object: SelectingObject; readonly unknownRequirement?: string };

/** The identity of the pods a workload creates. */
export interface WorkloadPod {
  readonly namespace: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly controller?: PodController;
  /** Labels the controller adds to each pod, absent from the template (values known per pod only). */
  readonly controllerAddedLabels: readonly string[];
}

/** Labels each controller adds to the pods it creates (pkg/controller: deployment, daemon, statefulset, job). */
const addedLabels: Readonly<Record<WorkloadKind, readonly string[]>> = {
  Pod: [],
  PodTemplate: [],
  Deployment: ['pod-template-hash'],
  ReplicaSet: [],
  ReplicationController: [],
  StatefulSet: ['controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index'],
  DaemonSet: ['controller-revision-hash', 'pod-template-generation'],
  Job: ['batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'controller-uid', 'job-name', 'batch.kubernetes.io/job-completion-index'],
  CronJob: ['batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'controller-uid', 'job-name', 'batch.kubernetes.io/job-completion-index'],
};

/** The object holding the pod's `metadata`: the object itself for a Pod, else the template around the spec. */
function podMetadata(workload: Workload): JsonObject {
  let node: unknown = workload.raw;
  const steps = workload.specPath.split('.').filter((s) => s !== '');
  for (const step of steps.slice(0, -1)) node = isObject(node) ? own(node, step) : undefined;
  const metadata = isObject(node) ? own(node, 'metadata') : undefined;
  return isObject(metadata) ? metadata : {};
}

function controllerRef(metadata: JsonObject): ControllerReference | undefined {
  const owners = own(metadata, 'ownerReferences');
  if (!Array.isArray(owners)) return undefined;
  for (const owner of owners) {
    if (!isObject(owner) || own(owner, 'controller') !== true) continue;
    const text = (key: string): string => (typeof own(owner, key) === 'string' ? (own(owner, key) as string) : '');
    return { apiVersion: text('apiVersion'), kind: text('kind'), name: text('name') };
  }
  return undefined;
}

function controllerOf(workload: Workload, metadata: JsonObject): PodController | undefined {
  switch (workload.kind) {
    case 'Pod': {
      const ref = controllerRef(metadata);
      return ref ? { ref } : undefined;
    }
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'ReplicationController': {
      const object = selectingObjectOf(workload.raw as JsonObject);
      return object ? { object } : undefined;
    }
    case 'Deployment': {
      // The pods' controller is the Deployment's newest ReplicaSet, whose selector is the
      // Deployment's plus `pod-template-hash=<hash of the template>`.
      const spec = own(workload.raw as JsonObject, 'spec');
      const selector = decodeLabelSelector(new Decoder(), isObject(spec) ? own(spec, 'selector') : undefined, 'spec.selector');
      const object: SelectingObject = { kind: 'ReplicaSet', namespace: workload.namespace, name: workload.name, selector };
      return { object, unknownRequirement: 'pod-template-hash' };
    }
    default:
      return undefined;
  }
}

/** The namespace, labels, controller and controller-added labels of the pods `workload` creates. */
export function workloadPod(workload: Workload): WorkloadPod {
  const metadata = podMetadata(workload);
  const labels = workload.kind === 'Pod' ? workload.labels : new Decoder().stringMap(own(metadata, 'labels'), 'metadata.labels') ?? new Map<string, string>();
  const controller = controllerOf(workload, metadata);
  return { namespace: workload.namespace, labels, ...(controller ? { controller } : {}), controllerAddedLabels: addedLabels[workload.kind] };
}
