/**
 * A details line for an insufficient resource, in the units `kubectl describe node` prints
 * (cpu in cores or millicores, memory and storage in binary units): something a person can act on,
 * e.g. `requests cpu 2, node has 1500m free of 4 allocatable`.
 */
import { formatQuantity } from '../../model/quantity-format.js';
import { newMilliQuantity, newQuantity } from '../../model/quantity.js';
import { isHugePageResourceName, resourceCPU, resourceEphemeralStorage, resourceMemory, resourcePods } from '../../model/resource-names.js';
import type { InsufficientResource } from './fit.js';

/** An amount of `name` in scheduler units, printed as a quantity (`1500m`, `16Gi`, `2`). */
export function formatAmount(name: string, amount: number): string {
  const n = BigInt(amount);
  if (name === resourceCPU) return formatQuantity(newMilliQuantity(n, 'DecimalSI'));
  const binary = name === resourceMemory || name === resourceEphemeralStorage || isHugePageResourceName(name);
  return formatQuantity(newQuantity(n, binary ? 'BinarySI' : 'DecimalSI'));
}

/** Why the resource does not fit, in numbers. */
export function describeInsufficientResource(r: InsufficientResource): string {
  const name = r.resourceName;
  if (name === resourcePods) return `node already runs ${r.used} pods, its allocatable pods is ${r.capacity}`;
  const free = r.capacity - r.used;
  const head = `requests ${name} ${formatAmount(name, r.requested)}, node has`;
  const tail = `of ${formatAmount(name, r.capacity)} allocatable`;
  if (free > 0) return `${head} ${formatAmount(name, free)} free ${tail}`;
  return `${head} none free ${tail} (its pods request ${formatAmount(name, r.used)})`;
}
