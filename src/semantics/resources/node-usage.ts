/**
 * What the pods assigned to a node use there, kept as kube-scheduler's `NodeInfo` keeps it
 * (`Requested`, `NonZeroRequested`, the pod count, `UsedPorts`), updated in O(1) per pod
 * (O(resources + ports) of that pod) by `add` / `remove`.
 *
 * Sums stay exact: a sum that would pass 2^53-1 continues in BigInt for that resource only, and
 * the number reads `AMOUNT_MAX` until removals bring it back; adding then removing a pod always
 * restores the previous numbers exactly.
 */
import { resourceCPU, resourceEphemeralStorage, resourceMemory } from '../../model/resource-names.js';
import { HostPortUsage } from '../host-ports.js';
import type { PodDemand } from './pod-demand.js';
import { AMOUNT_MAX } from './resource.js';

const nonZeroCPUKey = '#nonzero-cpu';
const nonZeroMemoryKey = '#nonzero-memory';

/** The usage of one node. */
export class NodeUsage {
  /** `Requested`. */
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  readonly scalar = new Map<string, number>();
  /** `NonZeroRequested`: scoring's view, 100m / 200Mi for containers without requests. */
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  /** `len(NodeInfo.Pods)`. */
  podCount = 0;
  /** `UsedPorts`. */
  readonly ports = new HostPortUsage();
  /** Exact sums of the resources whose total passed AMOUNT_MAX. */
  private overflow: Map<string, bigint> | undefined;

  /** A pod bound to the node (`NodeInfo.AddPod`). */
  add(demand: PodDemand): void {
    this.apply(demand, 1);
    for (const p of demand.hostPorts) this.ports.add(p);
  }

  /** A pod gone from the node (`NodeInfo.RemovePod`): deleted, finished, or moved. */
  remove(demand: PodDemand): void {
    this.apply(demand, -1);
    for (const p of demand.hostPorts) this.ports.remove(p);
  }

  /** A copy to change without touching this one: the usage of the node with some pods gone and others added. */
  clone(): NodeUsage {
    const copy = new NodeUsage();
    copy.milliCPU = this.milliCPU;
    copy.memory = this.memory;
    copy.ephemeralStorage = this.ephemeralStorage;
    for (const [name, v] of this.scalar) copy.scalar.set(name, v);
    copy.nonZeroMilliCPU = this.nonZeroMilliCPU;
    copy.nonZeroMemory = this.nonZeroMemory;
    copy.podCount = this.podCount;
    copy.ports.addAll(this.ports);
    if (this.overflow) copy.overflow = new Map(this.overflow);
    return copy;
  }

  /** The node's requested amount of a scalar resource (0 when none). */
  requestedScalar(name: string): number {
    return this.scalar.get(name) ?? 0;
  }

  private apply(d: PodDemand, sign: 1 | -1): void {
    const r = d.request;
    this.podCount += sign;
    this.milliCPU = this.sum(resourceCPU, this.milliCPU, sign * r.milliCPU);
    this.memory = this.sum(resourceMemory, this.memory, sign * r.memory);
    this.ephemeralStorage = this.sum(resourceEphemeralStorage, this.ephemeralStorage, sign * r.ephemeralStorage);
    this.nonZeroMilliCPU = this.sum(nonZeroCPUKey, this.nonZeroMilliCPU, sign * d.nonZeroMilliCPU);
    this.nonZeroMemory = this.sum(nonZeroMemoryKey, this.nonZeroMemory, sign * d.nonZeroMemory);
    for (const [name, v] of r.scalar) {
      const next = this.sum(name, this.scalar.get(name) ?? 0, sign * v);
      if (next === 0 && !this.overflow?.has(name)) this.scalar.delete(name);
      else this.scalar.set(name, next);
    }
  }

  /** `current + delta`, exact: the hot path is one addition and one range check. */
  private sum(key: string, current: number, delta: number): number {
    const exact = this.overflow?.get(key);
    if (exact === undefined) {
      const next = current + delta;
      // Both operands are safe integers, so a result inside the range is exact.
      if (next <= AMOUNT_MAX && next >= -AMOUNT_MAX) return next;
      return this.spill(key, BigInt(current) + BigInt(delta));
    }
    return this.spill(key, exact + BigInt(delta));
  }

  private spill(key: string, total: bigint): number {
    if (total <= BigInt(AMOUNT_MAX) && total >= -BigInt(AMOUNT_MAX)) {
      this.overflow?.delete(key);
      return Number(total);
    }
    (this.overflow ??= new Map()).set(key, total);
    return total > 0n ? AMOUNT_MAX : -AMOUNT_MAX;
  }
}
