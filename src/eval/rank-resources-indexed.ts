/**
 * NodeResourcesFit, NodeResourcesBalancedAllocation and ImageLocality over the eligible ids of the
 * index: allocatable cpu and memory read from typed columns (decoded once per node object, not
 * once per ranking), the two resource scores as one arithmetic loop, and ImageLocality only where
 * the pod's images are — from the image states' holder sets when they are smaller than the
 * eligible set. Same answers as `scoreResourcesPerNode` (property-tested).
 */
import { hasBit, type Bits } from '../node-index/bitset.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { Node } from '../model/types.js';
import { balancedPairScore } from '../semantics/resources/balanced-allocation.js';
import { imageLocalityPriority, nodeImageNames, scaledImageScore } from '../semantics/resources/image-locality.js';
import { leastRequestedScore } from '../semantics/resources/least-allocated.js';
import { allocatableResource } from '../semantics/resources/resource.js';
import type { ResourceScores, ScoringPod, UsageOf } from './resource-scores.js';

/** Per node id: allocatable cpu and memory and the image names, refreshed when the id's node object changes. */
export class ScoringColumns {
  milliCPU = new Float64Array(32);
  memory = new Float64Array(32);
  private imageNames: (ReadonlySet<string> | undefined)[] = [];
  private seen: (Node | undefined)[] = [];

  /** Brings the entries of `ids[0..count)` up to date: nodes are immutable, so identity tells a replaced node. */
  refresh(index: NodeIndex, ids: Int32Array, count: number): void {
    if (this.milliCPU.length < index.highWater) this.grow(index.highWater);
    for (let k = 0; k < count; k++) {
      const id = ids[k]!;
      const node = index.nodes[id]!;
      if (this.seen[id] === node) continue;
      const allocatable = allocatableResource(node.allocatable);
      this.milliCPU[id] = allocatable.milliCPU;
      this.memory[id] = allocatable.memory;
      this.imageNames[id] = undefined;
      this.seen[id] = node;
    }
  }

  /** The image names of the node at `id` (its `NodeInfo.ImageStates` keys), built on first use. */
  imagesOf(index: NodeIndex, id: number): ReadonlySet<string> {
    return (this.imageNames[id] ??= nodeImageNames(index.nodes[id]!.images));
  }

  private grow(size: number): void {
    const capacity = Math.max(size, this.milliCPU.length * 2);
    const cpu = new Float64Array(capacity);
    cpu.set(this.milliCPU);
    const memory = new Float64Array(capacity);
    memory.set(this.memory);
    this.milliCPU = cpu;
    this.memory = memory;
  }
}

/** The position of `id` in the ascending `ids[0..count)`, or -1. */
function positionOf(ids: Int32Array, count: number, id: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = ids[mid]!;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** ImageLocality's sums of scaled image sizes, by position among the eligible ids (0 where no image is held). */
function imageSums(pod: ScoringPod, index: NodeIndex, eligible: Bits, ids: Int32Array, count: number, columns: ScoringColumns): Float64Array {
  const sums = new Float64Array(count);
  const spread = index.images;
  // One addition per container, in the pod's container order, as `sumImageScores` adds them.
  for (const name of pod.images) {
    const holders = spread.nodesHolding(name);
    const state = spread.summary(name);
    if (!holders || !state) continue;
    const add = scaledImageScore(state.size, state.numNodes, index.size);
    // A holder costs a name lookup and a search, an eligible node one set lookup: walk the holders
    // only when they are far fewer. Nameless nodes (invalid input) cannot be found by name.
    if (holders.size * 8 < count && !holders.has('')) {
      for (const holder of holders) {
        const id = index.idOf(holder);
        if (id !== undefined && hasBit(eligible, id)) sums[positionOf(ids, count, id)]! += add;
      }
    } else {
      for (let k = 0; k < count; k++) if (columns.imagesOf(index, ids[k]!).has(name)) sums[k]! += add;
    }
  }
  return sums;
}

/** The three plugins' scores of `ids[0..count)` (the eligible ids in order). */
export function scoreResourcesIndexed(pod: ScoringPod, index: NodeIndex, eligible: Bits, ids: Int32Array, count: number, usageOf: UsageOf, columns: ScoringColumns): ResourceScores {
  columns.refresh(index, ids, count);
  const d = pod.demand;
  // BalancedAllocation's PreScore skips a pod requesting neither cpu nor memory (as stated, no defaults).
  const skipBalanced = d.request.milliCPU === 0 && d.request.memory === 0;
  const fit = new Array<number>(count);
  const balanced = skipBalanced ? undefined : new Array<number>(count);
  const { milliCPU, memory } = columns;
  for (let k = 0; k < count; k++) {
    const id = ids[k]!;
    const cpuCapacity = milliCPU[id]!;
    const memoryCapacity = memory[id]!;
    const usage = usageOf(id);
    // leastAllocatedScore over cpu and memory, weight 1 each: a resource with allocatable 0 is left out.
    let sum = 0;
    let weights = 0;
    if (cpuCapacity !== 0) {
      sum += leastRequestedScore((usage ? usage.nonZeroMilliCPU : 0) + d.scoreMilliCPU, cpuCapacity);
      weights++;
    }
    if (memoryCapacity !== 0) {
      sum += leastRequestedScore((usage ? usage.nonZeroMemory : 0) + d.scoreMemory, memoryCapacity);
      weights++;
    }
    fit[k] = weights === 0 ? 0 : Math.floor(sum / weights);
    if (balanced) {
      const cpu = (usage ? usage.milliCPU : 0) + d.request.milliCPU;
      const mem = (usage ? usage.memory : 0) + d.request.memory;
      balanced[k] = balancedPairScore(cpu, cpuCapacity, mem, memoryCapacity);
    }
  }
  const image = new Array<number>(count).fill(0);
  if (pod.images.length > 0 && index.images.size > 0) {
    const sums = imageSums(pod, index, eligible, ids, count, columns);
    // A node holding none of the images sums to 0, which scores 0 (below the 23Mi threshold).
    for (let k = 0; k < count; k++) if (sums[k] !== 0) image[k] = imageLocalityPriority(sums[k]!, pod.images.length);
  }
  return { fit, balanced, image };
}
