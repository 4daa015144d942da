/**
 * Nodes with `status.allocatable`, running pods and incoming workloads, as whole Kubernetes objects
 * decoded by the real decoders: the inputs of the NodePorts and NodeResourcesFit tests.
 */
import { decodePodObject } from '../model/decode-daemonset.js';
import type { JsonObject } from '../model/decode.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node, Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { nodeFromObject } from './placement-fixtures.js';

/** A node offering `allocatable` (e.g. `{cpu: '4', memory: '8Gi', pods: '110'}`). */
export function nodeWithAllocatable(name: string, allocatable: Record<string, string>, labels: Record<string, string> = {}): Node {
  return nodeFromObject({ metadata: { name, labels }, status: { allocatable, capacity: allocatable } });
}

/** One container: its requests and the host ports it binds. */
export interface ContainerShape {
  readonly requests?: Record<string, string>;
  readonly hostPorts?: readonly { readonly hostPort: number; readonly protocol?: string; readonly hostIP?: string }[];
}

function container(c: ContainerShape, i: number): JsonObject {
  const ports = (c.hostPorts ?? []).map((p) => ({ containerPort: p.hostPort, ...p }));
  return { name: `c${i}`, image: 'busybox', ...(c.requests ? { resources: { requests: c.requests } } : {}), ...(ports.length > 0 ? { ports } : {}) };
}

/** A pod spec with these containers (and extra spec fields). */
export function podSpec(containers: readonly ContainerShape[], extra: JsonObject = {}): JsonObject {
  return { containers: containers.map(container), ...extra };
}

/** A running pod of the cluster (`kubectl get pods -A` item). */
export function runningPod(name: string, nodeName: string, containers: readonly ContainerShape[], options: { namespace?: string; phase?: string; extra?: JsonObject } = {}): PodObject {
  const object = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: options.namespace ?? 'default' },
    spec: { ...podSpec(containers, options.extra), ...(nodeName ? { nodeName } : {}) },
    status: { phase: options.phase ?? 'Running' },
  };
  const { pod, errors } = decodePodObject(object);
  if (!pod) throw new Error(`test fixture does not decode: ${JSON.stringify(errors)}`);
  return pod;
}

/** The incoming pod, as a Pod workload. */
export function incomingPod(containers: readonly ContainerShape[], extra: JsonObject = {}): Workload {
  const decoded = decodeWorkload({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'incoming', namespace: 'default' }, spec: podSpec(containers, extra) });
  if (!decoded.ok) throw new Error(`test fixture does not decode: ${JSON.stringify(decoded.errors)}`);
  return decoded.workload;
}
