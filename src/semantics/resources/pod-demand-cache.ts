/**
 * Pod demands shared between pods of one request shape. A cluster's pods are mostly replicas of a
 * few templates, so computing a demand (exact BigInt sums, three `PodRequests` passes, host ports)
 * once per distinct shape makes a pod bind a fingerprint, one map lookup and a few additions.
 *
 * The fingerprint holds every field `computePodDemand` reads, and only those: container and init
 * container requests, init containers' restart policy, host ports (IP, protocol, port), overhead,
 * pod-level requests and limits. Two pods with the same fingerprint have the same demand, so
 * sharing the (read-only) demand object is exact.
 */
import type { ContainerResources, PodResources, ResourceList } from '../../model/resource-types.js';
import { computePodDemand, type PodDemand } from './pod-demand.js';
import type { PodResourceOptions } from './pod-requests.js';

/** How many shapes are remembered; past it the least recently used is forgotten (only time is lost). */
export const demandCacheShapes = 4096;

/**
 * Names are length-prefixed, so no name can forge a separator. A quantity is keyed by the text it
 * was parsed from when it kept it (parsing is a function of the text, and printing a BigInt costs
 * ten times more), else by its exact nano-units; the prefixes keep the two apart.
 */
function listKey(list: ResourceList | undefined): string {
  if (list === undefined) return '-';
  let key = '';
  for (const [name, q] of list) key += q.kept !== undefined ? `${name.length}:${name}=${q.kept};` : `${name.length}:${name}#${q.nanos};`;
  return key;
}

function containerKey(c: ContainerResources): string {
  let key = `${c.restartPolicy === 'Always' ? 'A' : 'o'}${listKey(c.requests)}`;
  for (const p of c.ports) if (p.hostPort > 0) key += `|${p.hostIP.length}:${p.hostIP}${p.protocol.length}:${p.protocol}${p.hostPort}`;
  return key;
}

/** The canonical key of what decides a pod's demand. */
export function demandFingerprint(pod: PodResources): string {
  let key = '';
  for (const c of pod.containers) key += `C${containerKey(c)}\n`;
  for (const c of pod.initContainers) key += `I${containerKey(c)}\n`;
  return `${key}O${listKey(pod.overhead)}\nR${listKey(pod.podRequests)}\nL${listKey(pod.podLimits)}`;
}

function sameList(a: ResourceList | undefined, b: ResourceList | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.size !== b.size) return false;
  for (const [name, q] of a) if (b.get(name)?.nanos !== q.nanos) return false;
  return true;
}

function sameContainers(a: readonly ContainerResources[], b: readonly ContainerResources[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ((x.restartPolicy === 'Always') !== (y.restartPolicy === 'Always') || !sameList(x.requests, y.requests) || !sameHostPorts(x, y)) return false;
  }
  return true;
}

function sameHostPorts(x: ContainerResources, y: ContainerResources): boolean {
  if (x.ports === y.ports) return true;
  if (x.ports.length !== y.ports.length) return false;
  for (let i = 0; i < x.ports.length; i++) {
    const p = x.ports[i]!;
    const q = y.ports[i]!;
    if (p.hostPort !== q.hostPort || (p.hostPort > 0 && (p.hostIP !== q.hostIP || p.protocol !== q.protocol))) return false;
  }
  return true;
}

/**
 * Whether two specs ask the same by the fields that decide a demand, compared in place: an update of
 * a held pod (bound, relabelled, its status changed) re-sends its spec as a new object, and this
 * check lets it keep its demand without building a fingerprint. Resource lists compare as sets
 * (a demand does not depend on their order); a false answer only costs a fingerprint.
 */
export function sameDemandInputs(a: PodResources, b: PodResources): boolean {
  return (
    a === b ||
    (sameContainers(a.containers, b.containers) &&
      sameContainers(a.initContainers, b.initContainers) &&
      sameList(a.overhead, b.overhead) &&
      sameList(a.podRequests, b.podRequests) &&
      sameList(a.podLimits, b.podLimits))
  );
}

/** Demands by shape, the most recently used kept. */
export class PodDemandCache {
  /** Insertion order is recency: a hit moves the shape to the end, eviction takes the first. */
  private readonly byShape = new Map<string, PodDemand>();

  constructor(private readonly options: PodResourceOptions = {}) {}

  /** `computePodDemand(pod, options)`, shared with every earlier pod of the same shape. */
  demandOf(pod: PodResources): PodDemand {
    const shape = demandFingerprint(pod);
    let demand = this.byShape.get(shape);
    if (demand === undefined) {
      demand = computePodDemand(pod, this.options);
      if (this.byShape.size >= demandCacheShapes) this.byShape.delete(this.byShape.keys().next().value!);
    } else {
      this.byShape.delete(shape);
    }
    this.byShape.set(shape, demand);
    return demand;
  }

  /** How many shapes are remembered. */
  get shapes(): number {
    return this.byShape.size;
  }
}
