/**
 * NodeResourcesBalancedAllocation at v1.35 (std formula), ported from
 * noderesources/balanced_allocation_test.go TestNodeResourcesBalancedAllocation (the non-DRA cases).
 * `makeNode(name, milliCPU, memory, scalar)` gives allocatable milli-cpu, bytes and scalars.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { allocatable, demandOf, makePod, usageOf } from '../../testing/resource-fixtures.js';
import type { ResourceSpec } from './allocation-request.js';
import { balancedAllocationScore, balancedPairScore, balancedResourceScore } from './balanced-allocation.js';

const makeNode = (milliCPU: number, memory: number, scalar: Record<string, string> = {}): Record<string, string> => ({ cpu: `${milliCPU}m`, memory: `${memory}`, pods: '100', ...scalar });
const container = (requests: Record<string, string>): JsonObject => ({ name: 'c', resources: { requests, limits: Object.fromEntries(Object.entries(requests).filter(([k]) => k.includes('/'))) } });
const cpuOnly = { containers: [container({ cpu: '1000m', memory: '0' }), container({ cpu: '2000m', memory: '0' })] };
const cpuAndMemory = { containers: [container({ cpu: '1000m', memory: '2000' }), container({ cpu: '2000m', memory: '3000' })] };
const cpuAndMemoryAndGPU = { containers: [container({ cpu: '1000m', memory: '2000' }), container({ cpu: '2000m', memory: '3000', 'nvidia.com/gpu': '3' })] };
const withGPU: ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'nvidia.com/gpu', weight: 1 }];

function scores(pod: JsonObject, nodes: Record<string, string>[], existing: JsonObject[][], resources?: ResourceSpec[]): (number | undefined)[] {
  const demand = demandOf(pod);
  return nodes.map((n, i) => balancedAllocationScore(demand, usageOf(...(existing[i] ?? [])), allocatable(n), resources));
}

test('TestNodeResourcesBalancedAllocation: nothing scheduled, nothing requested, skip in PreScore', () => {
  assert.equal(scores(makePod(), [makeNode(4000, 10000), makeNode(4000, 10000)], []), [undefined, undefined]);
});

test('TestNodeResourcesBalancedAllocation: nothing scheduled, resources requested, differently sized nodes', () => {
  assert.equal(scores(cpuAndMemory, [makeNode(4000, 10000), makeNode(6000, 10000)], []), [87, 100]);
});

test('TestNodeResourcesBalancedAllocation: resources requested, pods scheduled with resources (and if PreScore not called)', () => {
  assert.equal(scores(cpuAndMemory, [makeNode(10000, 20000), makeNode(10000, 20000)], [[cpuOnly], [cpuAndMemory]]), [82, 95]);
});

test('TestNodeResourcesBalancedAllocation: resources requested, pods scheduled with resources, differently sized nodes', () => {
  assert.equal(scores(cpuAndMemory, [makeNode(10000, 20000), makeNode(10000, 50000)], [[cpuOnly], [cpuAndMemory]]), [82, 80]);
});

test('TestNodeResourcesBalancedAllocation: requested resources at node capacity', () => {
  assert.equal(scores(cpuOnly, [makeNode(6000, 10000), makeNode(6000, 10000)], [[cpuOnly], [cpuAndMemory]]), [50, 75]);
});

test('TestNodeResourcesBalancedAllocation: include scalar resource on a node for balanced resource allocation', () => {
  const gpu = { 'nvidia.com/gpu': '8' };
  const pod = { containers: [container({ memory: '0', 'nvidia.com/gpu': '1' })] };
  assert.equal(scores(pod, [makeNode(3500, 40000, gpu), makeNode(3500, 40000, gpu)], [[cpuAndMemoryAndGPU], [cpuAndMemory]], withGPU), [70, 65]);
});

test('TestNodeResourcesBalancedAllocation: node without the scalar resource should skip the scalar resource', () => {
  assert.equal(scores(cpuAndMemory, [makeNode(3500, 40000, { 'nvidia.com/gpu': '8' }), makeNode(3500, 40000)], [], withGPU), [63, 63]);
});

test('BalancedAllocation counts requests as stated (no 100m / 200Mi defaults), unlike LeastAllocated', () => {
  // The node runs a pod without requests: it adds nothing to the fractions here.
  const pod = makePod({ cpu: '1', memory: '1Gi' });
  assert.equal(scores(pod, [makeNode(4000, 4 * 2 ** 30)], [[makePod({})]]), [100]);
});

test('balancedResourceScore: one resource has no deviation; a resource with allocatable 0 is left out', () => {
  assert.is(balancedResourceScore([1], [4]), 100);
  assert.is(balancedResourceScore([4, 0], [4, 0]), 100);
  assert.is(balancedResourceScore([8, 0], [4, 10]), 50);
});

test('balancedPairScore is balancedResourceScore over two resources, capped fractions and missing allocatable included', () => {
  const values = [0, 1, 3, 7, 10, 2 ** 40, 2 ** 53 - 1];
  for (const r0 of values) for (const c0 of values) for (const r1 of values) for (const c1 of values) {
    assert.is(balancedPairScore(r0, c0, r1, c1), balancedResourceScore([r0, r1], [c0, c1]), `${r0}/${c0}, ${r1}/${c1}`);
  }
});

test.run();
