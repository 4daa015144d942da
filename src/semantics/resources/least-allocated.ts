/**
 * NodeResourcesFit's score with the default LeastAllocated strategy (noderesources/least_allocated.go):
 * per resource `(allocatable - requested) * 100 / allocatable` (0 when over), weighted mean, integer
 * arithmetic. Raw score 0..100; the plugin does not normalize.
 */
import { allocatableAndRequested, defaultScoringResources, podScoreRequest, type ResourceSpec } from './allocation-request.js';
import { floorDiv } from './floor-div.js';
import type { NodeUsage } from './node-usage.js';
import type { PodDemand } from './pod-demand.js';
import type { Resource } from './resource.js';

/** `MaxNodeScore`. */
export const maxNodeScore = 100;

/** `leastRequestedScore`: the unrequested share of capacity, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return floorDiv((capacity - requested) * maxNodeScore, capacity);
}

/** The NodeResourcesFit score of a node for the pod (LeastAllocated; cpu and memory by default). */
export function leastAllocatedScore(pod: PodDemand, usage: NodeUsage, allocatable: Resource, resources: readonly ResourceSpec[] = defaultScoringResources): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (const spec of resources) {
    const [capacity, requested] = allocatableAndRequested(spec.name, podScoreRequest(pod, spec.name, false), usage, allocatable, false);
    if (capacity === 0) continue;
    nodeScore += leastRequestedScore(requested, capacity) * spec.weight;
    weightSum += spec.weight;
  }
  return weightSum === 0 ? 0 : floorDiv(nodeScore, weightSum);
}
