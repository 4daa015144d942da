/**
 * The scheduler's `framework.Resource`: milli-cpu, bytes of memory and ephemeral storage, the
 * allowed pod count, and every scalar resource (extended, hugepages, `kubernetes.io/…`), as
 * `Resource.Add` / `SetMaxResource` convert a resource list (cpu by `MilliValue`, the rest by
 * `Value`, other names ignored).
 *
 * Amounts are JS numbers for typed columns: exact integers up to 2^53-1 (8 PiB of memory, 9·10^12
 * cores), saturated at ±AMOUNT_MAX beyond. A comparison keeps upstream's outcome unless two of the
 * values it involves are past 2^53 (a pod requesting 9 PiB still does not fit a 1 TiB node).
 */
import { quantityMilliValue, quantityValue } from '../../model/quantity.js';
import { isScalarResourceName, resourceCPU, resourceEphemeralStorage, resourceMemory, resourcePods } from '../../model/resource-names.js';
import type { ResourceList } from '../../model/resource-types.js';
import type { Amounts } from './pod-requests.js';

/** The largest amount kept exactly; larger values saturate here. */
export const AMOUNT_MAX = Number.MAX_SAFE_INTEGER;

/** An exact int64 amount as a number, saturated at ±AMOUNT_MAX. */
export function toAmount(n: bigint): number {
  return n > BigInt(AMOUNT_MAX) ? AMOUNT_MAX : n < -BigInt(AMOUNT_MAX) ? -AMOUNT_MAX : Number(n);
}

/** `framework.Resource`. Scalar entries iterate in name order, so reasons come out the same every run. */
export interface Resource {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  readonly allowedPodNumber: number;
  readonly scalar: ReadonlyMap<string, number>;
}

/** An empty resource (what a node without `status.allocatable` has). */
export const emptyResource: Resource = Object.freeze({ milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() });

const milli = (nanos: bigint): number => toAmount(quantityMilliValue({ nanos, format: 'DecimalSI' }));
const units = (nanos: bigint): number => toAmount(quantityValue({ nanos, format: 'DecimalSI' }));

/** `Resource.Add` onto an empty resource (equally `SetMaxResource`): exact amounts → scheduler units. */
export function resourceFromAmounts(amounts: ReadonlyMap<string, bigint>): Resource {
  let milliCPU = 0;
  let memory = 0;
  let ephemeralStorage = 0;
  let allowedPodNumber = 0;
  const scalar: [string, number][] = [];
  for (const [name, nanos] of amounts) {
    if (name === resourceCPU) milliCPU = milli(nanos);
    else if (name === resourceMemory) memory = units(nanos);
    else if (name === resourceEphemeralStorage) ephemeralStorage = units(nanos);
    else if (name === resourcePods) allowedPodNumber = units(nanos);
    else if (isScalarResourceName(name)) scalar.push([name, units(nanos)]);
  }
  scalar.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { milliCPU, memory, ephemeralStorage, allowedPodNumber, scalar: new Map(scalar) };
}

/** `NewResource(node.Status.Allocatable)`: what a node offers. */
export function allocatableResource(allocatable: ResourceList | undefined): Resource {
  if (!allocatable || allocatable.size === 0) return emptyResource;
  const amounts: Amounts = new Map([...allocatable].map(([name, q]) => [name, q.nanos]));
  return resourceFromAmounts(amounts);
}

/** The amount of `name` in scheduler units (milli-cpu for `cpu`), 0 when absent or ignored. */
export function resourceAmount(r: Resource, name: string): number {
  switch (name) {
    case resourceCPU:
      return r.milliCPU;
    case resourceMemory:
      return r.memory;
    case resourceEphemeralStorage:
      return r.ephemeralStorage;
    case resourcePods:
      return r.allowedPodNumber;
    default:
      return r.scalar.get(name) ?? 0;
  }
}
