/**
 * The NodeResourcesFit filter (pkg/scheduler/framework/plugins/noderesources/fit.go, `fitsRequest`,
 * v1.35): the pod count first (checked even for a pod that requests nothing), then cpu, memory,
 * ephemeral-storage and every scalar resource the pod requests (non-zero), each against
 * allocatable minus what the node's pods already request. Scalar resources come in name order
 * (upstream walks a Go map, in random order).
 */
import { isExtendedResourceName, resourceCPU, resourceEphemeralStorage, resourceMemory, resourcePods } from '../../model/resource-names.js';
import type { NodeUsage } from './node-usage.js';
import { requestsNothing } from './pod-demand.js';
import type { Resource } from './resource.js';

/** The reason when the node already runs as many pods as its `pods` allocatable allows. */
export const ReasonTooManyPods = 'Too many pods';
/** `Insufficient cpu`. */
export const ReasonInsufficientCPU = 'Insufficient cpu';
/** `Insufficient memory`. */
export const ReasonInsufficientMemory = 'Insufficient memory';
/** `Insufficient ephemeral-storage`. */
export const ReasonInsufficientEphemeralStorage = 'Insufficient ephemeral-storage';
/** `Insufficient <name>` for any resource (`fmt.Sprintf("Insufficient %v", rName)`). */
export const insufficientResourceReason = (name: string): string => `Insufficient ${name}`;

/** `InsufficientResource`: which resource, the reason text, and the numbers behind it (scheduler units). */
export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  /** What the pod requests (1 for `pods`). */
  readonly requested: number;
  /** What the node's pods already request (the pod count for `pods`). */
  readonly used: number;
  /** The node's allocatable amount. */
  readonly capacity: number;
  /** The request exceeds allocatable itself: evicting pods cannot make room. */
  readonly unresolvable: boolean;
}

/** `NodeResourcesFitArgs.IgnoredResources` / `IgnoredResourceGroups` (both empty by default). */
export interface FitArgs {
  readonly ignoredResources?: ReadonlySet<string>;
  readonly ignoredResourceGroups?: ReadonlySet<string>;
}

function insufficient(resourceName: string, reason: string, requested: number, used: number, capacity: number): InsufficientResource {
  return { resourceName, reason, requested, used, capacity, unresolvable: requested > capacity };
}

function isIgnored(name: string, args: FitArgs): boolean {
  const resources = args.ignoredResources;
  const groups = args.ignoredResourceGroups;
  // The name check parses the name; skip it in the default profile, which ignores nothing.
  if ((resources === undefined || resources.size === 0) && (groups === undefined || groups.size === 0)) return false;
  if (!isExtendedResourceName(name)) return false;
  return resources?.has(name) === true || groups?.has(name.split('/')[0] ?? '') === true;
}

/** `fitsRequest`: the insufficient resources, in upstream's order; empty when the pod fits. */
export function fitsRequest(podRequest: Resource, allocatable: Resource, usage: NodeUsage, args: FitArgs = {}): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  if (usage.podCount + 1 > allocatable.allowedPodNumber) {
    out.push({ resourceName: resourcePods, reason: ReasonTooManyPods, requested: 1, used: usage.podCount, capacity: allocatable.allowedPodNumber, unresolvable: false });
  }
  if (requestsNothing(podRequest)) return out;
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > allocatable.milliCPU - usage.milliCPU) {
    out.push(insufficient(resourceCPU, ReasonInsufficientCPU, podRequest.milliCPU, usage.milliCPU, allocatable.milliCPU));
  }
  if (podRequest.memory > 0 && podRequest.memory > allocatable.memory - usage.memory) {
    out.push(insufficient(resourceMemory, ReasonInsufficientMemory, podRequest.memory, usage.memory, allocatable.memory));
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > allocatable.ephemeralStorage - usage.ephemeralStorage) {
    out.push(insufficient(resourceEphemeralStorage, ReasonInsufficientEphemeralStorage, podRequest.ephemeralStorage, usage.ephemeralStorage, allocatable.ephemeralStorage));
  }
  for (const [name, amount] of podRequest.scalar) {
    if (amount === 0 || isIgnored(name, args)) continue;
    const capacity = allocatable.scalar.get(name) ?? 0;
    const used = usage.requestedScalar(name);
    if (amount > capacity - used) out.push(insufficient(name, insufficientResourceReason(name), amount, used, capacity));
  }
  return out;
}
