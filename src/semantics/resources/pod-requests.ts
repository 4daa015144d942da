/**
 * A pod's effective request, as k8s.io/component-helpers/resource `PodRequests` computes it:
 * regular containers summed; init containers by maximum, where a restartable init container
 * (a sidecar, `restartPolicy: Always`) keeps running, so it adds to the regular containers and to
 * every init container that starts after it; pod-level `spec.resources.requests` replace the
 * container total for cpu, memory and hugepages (gate PodLevelResources, on by default in v1.35);
 * `spec.overhead` on top. Amounts are exact nano-units (BigInt), summed before any rounding, as
 * upstream sums Quantities.
 */
import { isSupportedPodLevelResource, resourceCPU, resourceMemory } from '../../model/resource-names.js';
import type { ContainerResources, PodResources, ResourceList } from '../../model/resource-types.js';

/** Resource name → exact amount in nano-units. */
export type Amounts = Map<string, bigint>;

/** The feature gates that change how a pod's request is computed. */
export interface PodResourceOptions {
  /** Gate PodLevelResources (beta, on by default in v1.35). */
  readonly podLevelResources?: boolean;
}

/** `PodResourcesOptions` of component-helpers, the fields placement uses. */
export interface PodRequestsOptions {
  readonly skipPodLevelResources?: boolean;
  readonly excludeOverhead?: boolean;
  /** A request a container does not state (absent, not zero) is taken as this amount. */
  readonly nonMissingContainerRequests?: ReadonlyMap<string, bigint>;
}

/** `schedutil.DefaultMilliCPURequest`: 100m, in nano-units. */
export const defaultCPURequestNanos = 100_000_000n;
/** `schedutil.DefaultMemoryRequest`: 200Mi, in nano-units. */
export const defaultMemoryRequestNanos = 200n * 1024n * 1024n * 1_000_000_000n;
/** The requests scoring assumes for a container that states none (`NonMissingContainerRequests`). */
export const defaultNonZeroRequests: ReadonlyMap<string, bigint> = new Map([[resourceCPU, defaultCPURequestNanos], [resourceMemory, defaultMemoryRequestNanos]]);

function addInto(into: Amounts, list: ReadonlyMap<string, bigint>): void {
  for (const [name, v] of list) into.set(name, (into.get(name) ?? 0n) + v);
}

/** `maxResourceList`: every key of `list` lands in `into`, at the larger value. */
function maxInto(into: Amounts, list: ReadonlyMap<string, bigint>): void {
  for (const [name, v] of list) {
    const current = into.get(name);
    if (current === undefined || v > current) into.set(name, v);
  }
}

const toAmounts = (list: ResourceList): Amounts => new Map([...list].map(([name, q]) => [name, q.nanos]));

/** A container's requests, with `applyNonMissing`. */
function containerRequests(c: ContainerResources, nonMissing: ReadonlyMap<string, bigint> | undefined): Amounts {
  const out = toAmounts(c.requests);
  for (const [name, v] of nonMissing ?? []) if (!c.requests.has(name)) out.set(name, v);
  return out;
}

/** `AggregateContainerRequests` (spec only): the sidecar-aware container total. */
export function aggregateContainerRequests(pod: PodResources, nonMissing?: ReadonlyMap<string, bigint>): Amounts {
  const result: Amounts = new Map();
  for (const c of pod.containers) addInto(result, containerRequests(c, nonMissing));
  // While init container i runs, the sidecars started before it run too.
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  for (const c of pod.initContainers) {
    const own = containerRequests(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      addInto(result, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      addInto(own, sidecars);
      maxInto(initMax, own);
    }
  }
  maxInto(result, initMax);
  return result;
}

/**
 * The pod-level requests the API server stores (`defaultPodRequests`, gate PodLevelResources):
 * when pod-level limits are set, a supported resource without a pod-level request gets the
 * containers' total when they request it, else the pod-level limit.
 */
export function effectivePodLevelRequests(pod: PodResources): ResourceList | undefined {
  if (!pod.podLimits || pod.podLimits.size === 0) return pod.podRequests;
  const out = new Map(pod.podRequests ?? []);
  const containerTotals = aggregateContainerRequests(pod);
  for (const [name, nanos] of containerTotals) {
    if (!out.has(name) && isSupportedPodLevelResource(name)) out.set(name, { nanos, format: 'DecimalSI' });
  }
  for (const [name, q] of pod.podLimits) if (!out.has(name) && isSupportedPodLevelResource(name)) out.set(name, q);
  return out.size > 0 ? out : pod.podRequests;
}

/** `IsPodLevelRequestsSet`: some pod-level request names a supported resource. */
export function isPodLevelRequestsSet(pod: PodResources): boolean {
  const requests = effectivePodLevelRequests(pod);
  return requests !== undefined && [...requests.keys()].some(isSupportedPodLevelResource);
}

/** `PodRequests`: the pod's total request per resource name. */
export function podRequests(pod: PodResources, options: PodRequestsOptions = {}): Amounts {
  const reqs = aggregateContainerRequests(pod, options.nonMissingContainerRequests);
  if (!options.skipPodLevelResources && isPodLevelRequestsSet(pod)) {
    for (const [name, q] of effectivePodLevelRequests(pod) ?? []) if (isSupportedPodLevelResource(name)) reqs.set(name, q.nanos);
  }
  if (!options.excludeOverhead && pod.overhead) addInto(reqs, toAmounts(pod.overhead));
  return reqs;
}
