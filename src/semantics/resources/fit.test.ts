/**
 * NodeResourcesFit filter, ported from pkg/scheduler/framework/plugins/noderesources/fit_test.go
 * (TestEnoughRequests, TestNotEnoughRequests, TestStorageRequests), plus the details lines.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { allocatable, demandOf, newResourceInitPod, newResourcePod, usageOf, type Usage } from '../../testing/resource-fixtures.js';
import { describeInsufficientResource } from './fit-details.js';
import { fitsRequest, insufficientResourceReason, type FitArgs, type InsufficientResource } from './fit.js';

const extendedA = 'example.com/aaa';
const extendedB = 'example.com/bbb';
const kubernetesIOA = 'kubernetes.io/something';
const kubernetesIOB = 'subdomain.kubernetes.io/something';
const hugePageA = 'hugepages-2Mi';

/** fit_test.go `makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA)`. */
function makeAllocatable(milliCPU: number, memory: number, pods: number, extended: number, storage: number, hugePage: number): ReturnType<typeof allocatable> {
  return allocatable({ cpu: `${milliCPU}m`, memory: `${memory}`, pods: `${pods}`, [extendedA]: `${extended}`, 'ephemeral-storage': `${storage}`, [hugePageA]: `${hugePage}` });
}

type Want = [resourceName: string, requested: number, used: number, capacity: number];

function run(pod: JsonObject, nodePods: JsonObject[], node: ReturnType<typeof allocatable>, args: FitArgs = {}): InsufficientResource[] {
  return fitsRequest(demandOf(pod).request, node, usageOf(...nodePods), args);
}

const short = (rs: InsufficientResource[]): [string, string, number, number, number][] => rs.map((r) => [r.resourceName, r.reason, r.requested, r.used, r.capacity]);
const want = (...ws: Want[]): [string, string, number, number, number][] =>
  ws.map(([name, requested, used, capacity]) => [name, name === 'pods' ? 'Too many pods' : insufficientResourceReason(name), requested, used, capacity]);

const r = (u: Usage): Usage => u;
const enough: [string, JsonObject, JsonObject, FitArgs, ReturnType<typeof want>][] = [
  ['no resources requested always fits', {}, newResourcePod(r({ milliCPU: 10, memory: 20 })), {}, []],
  ['too many resources fails', newResourcePod({ milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 10, memory: 20 }), {}, want(['cpu', 1, 10, 10], ['memory', 1, 20, 20])],
  ['too many resources fails due to init container cpu', newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 3, memory: 1 }), newResourcePod({ milliCPU: 8, memory: 19 }), {}, want(['cpu', 3, 8, 10])],
  ['too many resources fails due to highest init container cpu', newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 3, memory: 1 }, { milliCPU: 2, memory: 1 }), newResourcePod({ milliCPU: 8, memory: 19 }), {}, want(['cpu', 3, 8, 10])],
  ['too many resources fails due to init container memory', newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 3 }), newResourcePod({ milliCPU: 9, memory: 19 }), {}, want(['memory', 3, 19, 20])],
  ['too many resources fails due to highest init container memory', newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 3 }, { milliCPU: 1, memory: 2 }), newResourcePod({ milliCPU: 9, memory: 19 }), {}, want(['memory', 3, 19, 20])],
  ["init container fits because it's the max, not sum, of containers and init containers", newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 9, memory: 19 }), {}, []],
  ["multiple init containers fit because it's the max, not sum, of containers and init containers", newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 1 }, { milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 9, memory: 19 }), {}, []],
  ['both resources fit', newResourcePod({ milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 5 }), {}, []],
  ['one resource memory fits', newResourcePod({ milliCPU: 2, memory: 1 }), newResourcePod({ milliCPU: 9, memory: 5 }), {}, want(['cpu', 2, 9, 10])],
  ['one resource cpu fits', newResourcePod({ milliCPU: 1, memory: 2 }), newResourcePod({ milliCPU: 5, memory: 19 }), {}, want(['memory', 2, 19, 20])],
  ['equal edge case', newResourcePod({ milliCPU: 5, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 19 }), {}, []],
  ['equal edge case for init container', newResourceInitPod(newResourcePod({ milliCPU: 4, memory: 1 }), { milliCPU: 5, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 19 }), {}, []],
  ['extended resource fits', newResourcePod({ scalar: { [extendedA]: 1 } }), newResourcePod({}), {}, []],
  ['extended resource fits for init container', newResourceInitPod(newResourcePod({}), { scalar: { [extendedA]: 1 } }), newResourcePod({}), {}, []],
  ['extended resource capacity enforced', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedA]: 10 } }), newResourcePod({ scalar: { [extendedA]: 0 } }), {}, want([extendedA, 10, 0, 5])],
  ['extended resource capacity enforced for init container', newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedA]: 10 } }), newResourcePod({ scalar: { [extendedA]: 0 } }), {}, want([extendedA, 10, 0, 5])],
  ['extended resource allocatable enforced', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedA]: 1 } }), newResourcePod({ scalar: { [extendedA]: 5 } }), {}, want([extendedA, 1, 5, 5])],
  ['extended resource allocatable enforced for init container', newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedA]: 1 } }), newResourcePod({ scalar: { [extendedA]: 5 } }), {}, want([extendedA, 1, 5, 5])],
  ['extended resource allocatable enforced for multiple containers', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedA]: 3 } }, { milliCPU: 1, memory: 1, scalar: { [extendedA]: 3 } }), newResourcePod({ scalar: { [extendedA]: 2 } }), {}, want([extendedA, 6, 2, 5])],
  ['extended resource allocatable admits multiple init containers', newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedA]: 3 } }, { milliCPU: 1, memory: 1, scalar: { [extendedA]: 3 } }), newResourcePod({ scalar: { [extendedA]: 2 } }), {}, []],
  ['extended resource allocatable enforced for multiple init containers', newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedA]: 6 } }, { milliCPU: 1, memory: 1, scalar: { [extendedA]: 3 } }), newResourcePod({ scalar: { [extendedA]: 2 } }), {}, want([extendedA, 6, 2, 5])],
  ['extended resource allocatable enforced for unknown resource', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedB]: 1 } }), newResourcePod({}), {}, want([extendedB, 1, 0, 0])],
  ['extended resource allocatable enforced for unknown resource for init container', newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [extendedB]: 1 } }), newResourcePod({}), {}, want([extendedB, 1, 0, 0])],
  ['kubernetes.io resource capacity enforced', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [kubernetesIOA]: 10 } }), newResourcePod({}), {}, want([kubernetesIOA, 10, 0, 0])],
  ['kubernetes.io resource capacity enforced for init container', newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [kubernetesIOB]: 10 } }), newResourcePod({}), {}, want([kubernetesIOB, 10, 0, 0])],
  ['hugepages resource capacity enforced', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [hugePageA]: 10 } }), newResourcePod({ scalar: { [hugePageA]: 0 } }), {}, want([hugePageA, 10, 0, 5])],
  ['hugepages resource capacity enforced for init container', newResourceInitPod(newResourcePod({}), { milliCPU: 1, memory: 1, scalar: { [hugePageA]: 10 } }), newResourcePod({ scalar: { [hugePageA]: 0 } }), {}, want([hugePageA, 10, 0, 5])],
  ['hugepages resource allocatable enforced for multiple containers', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [hugePageA]: 3 } }, { milliCPU: 1, memory: 1, scalar: { [hugePageA]: 3 } }), newResourcePod({ scalar: { [hugePageA]: 2 } }), {}, want([hugePageA, 6, 2, 5])],
  ['skip checking ignored extended resource', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedB]: 1 } }), newResourcePod({}), { ignoredResources: new Set([extendedB]) }, []],
  ['resources + pod overhead fits', { ...newResourcePod({ milliCPU: 1, memory: 1 }), overhead: { cpu: '3m', memory: '13' } }, newResourcePod({ milliCPU: 5, memory: 5 }), {}, []],
  ['requests + overhead does not fit for memory', { ...newResourcePod({ milliCPU: 1, memory: 1 }), overhead: { cpu: '1m', memory: '15' } }, newResourcePod({ milliCPU: 5, memory: 5 }), {}, want(['memory', 16, 5, 20])],
  ['skip checking ignored extended resource via resource groups', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedB]: 1, [kubernetesIOA]: 1 } }), newResourcePod({}), { ignoredResourceGroups: new Set(['example.com']) }, want([kubernetesIOA, 1, 0, 0])],
  ['skip checking extended resource request with quantity zero via resource groups', newResourcePod({ milliCPU: 1, memory: 1, scalar: { [extendedA]: 0 } }), newResourcePod({ scalar: { [extendedA]: 6 } }), {}, []],
  ['skip checking resource request with quantity zero', newResourcePod({ scalar: { [extendedA]: 1 } }), newResourcePod({ milliCPU: 20, memory: 30, scalar: { [extendedA]: 1 } }), {}, []],
];

for (const [name, pod, nodePod, args, expected] of enough) {
  test(`TestEnoughRequests: ${name}`, () => {
    assert.equal(short(run(pod, [nodePod], makeAllocatable(10, 20, 32, 5, 20, 5), args)), expected);
  });
}

const notEnough: [string, JsonObject, JsonObject][] = [
  ["even without specified resources, predicate fails when there's no space for additional pod", {}, newResourcePod({ milliCPU: 10, memory: 20 })],
  ["even if both resources fit, predicate fails when there's no space for additional pod", newResourcePod({ milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 5 })],
  ["even for equal edge case, predicate fails when there's no space for additional pod", newResourcePod({ milliCPU: 5, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 19 })],
  ["even for equal edge case, predicate fails when there's no space for additional pod due to init container", newResourceInitPod(newResourcePod({ milliCPU: 5, memory: 1 }), { milliCPU: 5, memory: 1 }), newResourcePod({ milliCPU: 5, memory: 19 })],
];
for (const [name, pod, nodePod] of notEnough) {
  test(`TestNotEnoughRequests: ${name}`, () => {
    assert.equal(short(run(pod, [nodePod], makeAllocatable(10, 20, 1, 0, 0, 0))), want(['pods', 1, 1, 1]));
  });
}

const storage: [string, JsonObject, JsonObject, ReturnType<typeof want>][] = [
  ['empty storage requested, and pod fits', newResourcePod({ milliCPU: 1, memory: 1 }), newResourcePod({ milliCPU: 2, memory: 10 }), []],
  ['storage ephemeral local storage request exceeds allocatable', newResourcePod({ ephemeralStorage: 25 }), newResourcePod({ milliCPU: 2, memory: 2 }), want(['ephemeral-storage', 25, 0, 20])],
  ['ephemeral local storage is sufficient', newResourceInitPod(newResourcePod({ ephemeralStorage: 5 })), newResourcePod({ milliCPU: 2, memory: 2, ephemeralStorage: 10 }), []],
  ['pod fits', newResourcePod({ ephemeralStorage: 10 }), newResourcePod({ milliCPU: 2, memory: 2 }), []],
];
for (const [name, pod, nodePod, expected] of storage) {
  test(`TestStorageRequests: ${name}`, () => {
    assert.equal(short(run(pod, [nodePod], makeAllocatable(10, 20, 32, 5, 20, 5))), expected);
  });
}

test('fitsRequest: Unresolvable marks a request above allocatable itself (v1.35 InsufficientResource)', () => {
  const node = makeAllocatable(10, 20, 32, 5, 20, 5);
  const got = run(newResourcePod({ milliCPU: 11, memory: 1 }), [newResourcePod({ milliCPU: 5 })], node);
  assert.equal(got.map((x) => [x.resourceName, x.unresolvable]), [['cpu', true]]);
  assert.equal(run(newResourcePod({ milliCPU: 6 }), [newResourcePod({ milliCPU: 5 })], node).map((x) => x.unresolvable), [false]);
});

test('fitsRequest: a node without status.allocatable fits no pod (Too many pods), as upstream', () => {
  assert.equal(short(fitsRequest(demandOf({}).request, allocatable({}), usageOf())), want(['pods', 1, 0, 0]));
});

test('fitsRequest: existing pods over-committing cpu do not fail a pod that requests no cpu', () => {
  const node = makeAllocatable(10, 20, 32, 5, 20, 5);
  assert.equal(short(run(newResourcePod({ memory: 1 }), [newResourcePod({ milliCPU: 50 })], node)), []);
});

test('describeInsufficientResource: numbers in kubectl units', () => {
  const node = allocatable({ cpu: '4', memory: '16Gi', pods: '110', 'nvidia.com/gpu': '1' });
  const nodePods = [{ containers: [{ name: 'a', resources: { requests: { cpu: '2500m', memory: '15Gi', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } } }] }];
  const pod = { containers: [{ name: 'b', resources: { requests: { cpu: '2', memory: '2Gi', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } } }] };
  assert.equal(run(pod, nodePods, node).map(describeInsufficientResource), [
    'requests cpu 2, node has 1500m free of 4 allocatable',
    'requests memory 2Gi, node has 1Gi free of 16Gi allocatable',
    'requests nvidia.com/gpu 1, node has none free of 1 allocatable (its pods request 1)',
  ]);
  assert.equal(run({}, [{}, {}], allocatable({ pods: '2' })).map(describeInsufficientResource), ['node already runs 2 pods, its allocatable pods is 2']);
});

test.run();
