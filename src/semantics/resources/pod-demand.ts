/**
 * What a pod asks of a node, computed once per pod: the filter's request (`computePodResourceRequest`),
 * what it adds to a node's `NonZeroRequested` when it runs there (`PodInfo.calculateResource`),
 * what scoring counts for it as the incoming pod (`calculatePodResourceRequest` with the non-zero
 * defaults), and its host ports (`GetHostPorts`).
 */
import { quantityMilliValue, quantityValue } from '../../model/quantity.js';
import { resourceCPU, resourceMemory } from '../../model/resource-names.js';
import type { PodResources } from '../../model/resource-types.js';
import { podHostPorts, type HostPort } from '../host-ports.js';
import {
  defaultCPURequestNanos,
  defaultMemoryRequestNanos,
  defaultNonZeroRequests,
  isPodLevelRequestsSet,
  podRequests,
  type Amounts,
  type PodResourceOptions,
} from './pod-requests.js';
import { resourceFromAmounts, toAmount, type Resource } from './resource.js';

/** A pod's resource demand in scheduler units. */
export interface PodDemand {
  /** `PodRequests` as `Resource`: what NodeResourcesFit checks and what the pod adds to `Requested`. */
  readonly request: Resource;
  /** What the pod adds to a node's `NonZeroRequested` (cpu, memory) when it runs there. */
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  /** What LeastAllocated counts for the pod when it is the one being placed (cpu, memory). */
  readonly scoreMilliCPU: number;
  readonly scoreMemory: number;
  /** Host ports the pod binds, sanitized. */
  readonly hostPorts: readonly HostPort[];
}

const milliOf = (amounts: Amounts): number => toAmount(quantityMilliValue({ nanos: amounts.get(resourceCPU) ?? 0n, format: 'DecimalSI' }));
const bytesOf = (amounts: Amounts): number => toAmount(quantityValue({ nanos: amounts.get(resourceMemory) ?? 0n, format: 'DecimalSI' }));

/**
 * `getNonMissingContainerRequests`: without pod-level requests, 100m / 200Mi for every container
 * that states no cpu / memory request; with them, only for a resource set at neither level.
 */
function nonMissingForNodeInfo(requests: Amounts, podLevelSet: boolean): ReadonlyMap<string, bigint> {
  if (!podLevelSet) return defaultNonZeroRequests;
  const out = new Map<string, bigint>();
  if (!requests.has(resourceCPU)) out.set(resourceCPU, defaultCPURequestNanos);
  if (!requests.has(resourceMemory)) out.set(resourceMemory, defaultMemoryRequestNanos);
  return out;
}

/** Computes a pod's demand; `options.podLevelResources` defaults to v1.35's gate default (on). */
export function computePodDemand(pod: PodResources, options: PodResourceOptions = {}): PodDemand {
  const podLevel = options.podLevelResources ?? true;
  const skipPodLevelResources = !podLevel;
  const requests = podRequests(pod, { skipPodLevelResources });
  const nonMissing = nonMissingForNodeInfo(requests, podLevel && isPodLevelRequestsSet(pod));
  const nonZero = nonMissing.size > 0 ? podRequests(pod, { skipPodLevelResources, nonMissingContainerRequests: nonMissing }) : requests;
  // The scorer always applies both defaults, whatever the pod-level requests.
  const forScore = podRequests(pod, { skipPodLevelResources, nonMissingContainerRequests: defaultNonZeroRequests });
  return {
    request: resourceFromAmounts(requests),
    nonZeroMilliCPU: milliOf(nonZero),
    nonZeroMemory: bytesOf(nonZero),
    scoreMilliCPU: milliOf(forScore),
    scoreMemory: bytesOf(forScore),
    hostPorts: podHostPorts(pod),
  };
}

/** Does the pod request nothing that NodeResourcesFit checks (the pod count aside)? */
export function requestsNothing(r: Resource): boolean {
  return r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar.size === 0;
}
