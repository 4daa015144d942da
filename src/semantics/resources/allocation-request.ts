/**
 * What the resource scores compare, per resource (noderesources/resource_allocation.go
 * `calculateResourceAllocatableRequest`): the node's allocatable, and what its pods request plus
 * what the incoming pod requests. NodeResourcesFit scores with `NonZeroRequested` for cpu and
 * memory (100m / 200Mi for containers without requests); BalancedAllocation with `Requested`.
 * A scalar resource the pod does not request, or the node does not list, is left out (0, 0).
 */
import { isScalarResourceName, resourceCPU, resourceEphemeralStorage, resourceMemory } from '../../model/resource-names.js';
import type { NodeUsage } from './node-usage.js';
import type { PodDemand } from './pod-demand.js';
import { resourceAmount, type Resource } from './resource.js';

/** `config.ResourceSpec`: a resource a score considers, and its weight. */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** The default profile's resources for both scores: cpu and memory, weight 1 each. */
export const defaultScoringResources: readonly ResourceSpec[] = Object.freeze([
  Object.freeze({ name: resourceCPU, weight: 1 }),
  Object.freeze({ name: resourceMemory, weight: 1 }),
]);

/** `calculatePodResourceRequest`: the incoming pod's request of `name` (non-zero defaults unless `useRequested`). */
export function podScoreRequest(pod: PodDemand, name: string, useRequested: boolean): number {
  if (!useRequested && name === resourceCPU) return pod.scoreMilliCPU;
  if (!useRequested && name === resourceMemory) return pod.scoreMemory;
  return name === 'pods' ? 0 : resourceAmount(pod.request, name);
}

/** `calculateResourceAllocatableRequest`: [allocatable, requested including the pod]. */
export function allocatableAndRequested(name: string, podRequest: number, usage: NodeUsage, allocatable: Resource, useRequested: boolean): [number, number] {
  if (podRequest === 0 && isScalarResourceName(name)) return [0, 0];
  switch (name) {
    case resourceCPU:
      return [allocatable.milliCPU, (useRequested ? usage.milliCPU : usage.nonZeroMilliCPU) + podRequest];
    case resourceMemory:
      return [allocatable.memory, (useRequested ? usage.memory : usage.nonZeroMemory) + podRequest];
    case resourceEphemeralStorage:
      return [allocatable.ephemeralStorage, usage.ephemeralStorage + podRequest];
    default: {
      const capacity = allocatable.scalar.get(name);
      return capacity === undefined ? [0, 0] : [capacity, usage.requestedScalar(name) + podRequest];
    }
  }
}
