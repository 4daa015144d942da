/**
 * NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go, v1.35): the standard
 * deviation of the requested fractions (`requested / allocatable` with the pod's own request,
 * capped at 1) over the resources the node has, scored `int((1 - std) * 100)`. A best-effort pod
 * (requesting none of the resources) skips the plugin (PreScore `Skip`). Raw score; not normalized.
 * v1.36 changed the formula; this is v1.35's.
 */
import { allocatableAndRequested, defaultScoringResources, podScoreRequest, type ResourceSpec } from './allocation-request.js';
import { maxNodeScore } from './least-allocated.js';
import type { NodeUsage } from './node-usage.js';
import type { PodDemand } from './pod-demand.js';
import type { Resource } from './resource.js';

/** `balancedResourceScorer` over parallel lists (a resource with allocatable 0 is left out). */
export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let totalFraction = 0;
  requested.forEach((req, i) => {
    const capacity = allocatable[i] ?? 0;
    if (capacity === 0) return;
    const fraction = Math.min(req / capacity, 1);
    totalFraction += fraction;
    fractions.push(fraction);
  });
  let std = 0;
  // Two resources: std is half the difference; more: the population standard deviation.
  if (fractions.length === 2) std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  else if (fractions.length > 2) {
    const mean = totalFraction / fractions.length;
    let sum = 0;
    for (const f of fractions) sum = sum + (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * maxNodeScore);
}

/**
 * `balancedResourceScorer` for exactly two resources (the default cpu and memory), without the
 * lists: the same arithmetic, in the same order, for the indexed scorer's per-node loop.
 */
export function balancedPairScore(requested0: number, capacity0: number, requested1: number, capacity1: number): number {
  if (capacity0 === 0 || capacity1 === 0) return maxNodeScore;
  const f0 = Math.min(requested0 / capacity0, 1);
  const f1 = Math.min(requested1 / capacity1, 1);
  return Math.trunc((1 - Math.abs((f0 - f1) / 2)) * maxNodeScore);
}

/** The BalancedAllocation score of a node for the pod; `undefined` when the plugin skips (best-effort pod). */
export function balancedAllocationScore(pod: PodDemand, usage: NodeUsage, allocatable: Resource, resources: readonly ResourceSpec[] = defaultScoringResources): number | undefined {
  const podRequests = resources.map((spec) => podScoreRequest(pod, spec.name, true));
  if (podRequests.every((r) => r === 0)) return undefined;
  const requested: number[] = [];
  const capacities: number[] = [];
  resources.forEach((spec, i) => {
    const [capacity, req] = allocatableAndRequested(spec.name, podRequests[i] ?? 0, usage, allocatable, true);
    capacities.push(capacity);
    requested.push(capacity === 0 ? 0 : req);
  });
  return balancedResourceScore(requested, capacities);
}
