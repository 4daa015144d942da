/**
 * NodeResourcesFit LeastAllocated score, ported from noderesources/least_allocated_test.go
 * (TestLeastAllocatedScoringStrategy) and fit_test.go (TestFitScore, LeastAllocated cases).
 * st.MakeNode().Capacity sets allocatable; "cpu": "4000" is 4000 cores.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { allocatable, demandOf, makePod, usageOf } from '../../testing/resource-fixtures.js';
import type { ResourceSpec } from './allocation-request.js';
import { leastAllocatedScore, leastRequestedScore } from './least-allocated.js';

const extendedRes = 'abc.com/xyz';
const extendedResourceSet: ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: extendedRes, weight: 1 }];

interface Case {
  pod: JsonObject;
  nodes: Record<string, string>[];
  existing?: JsonObject[][];
  resources?: ResourceSpec[];
  want: number[];
}

function scores(c: Case): number[] {
  const demand = demandOf(c.pod);
  return c.nodes.map((n, i) => leastAllocatedScore(demand, usageOf(...(c.existing?.[i] ?? [])), allocatable(n), c.resources));
}

const n = (cpu: string, memory: string, extra: Record<string, string> = {}): Record<string, string> => ({ cpu, memory, ...extra });
const cases: [string, Case][] = [
  ['nothing scheduled, nothing requested', { pod: makePod(), nodes: [n('4000', '10000'), n('4000', '10000')], want: [100, 100] }],
  ['nothing scheduled, resources requested, differently sized nodes', {
    pod: makePod({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }), nodes: [n('4000', '10000'), n('6000', '10000')], want: [37, 50],
  }],
  ['no resources requested, pods scheduled', {
    pod: makePod(), nodes: [n('4000', '10000'), n('4000', '10000')], existing: [[makePod(), makePod()], [makePod(), makePod()]], want: [100, 100],
  }],
  ['no resources requested, pods scheduled with resources', {
    pod: makePod(), nodes: [n('10000', '20000'), n('10000', '20000')],
    existing: [[makePod({ cpu: '3000', memory: '0' }), makePod({ cpu: '3000', memory: '0' })], [makePod({ cpu: '3000', memory: '0' }), makePod({ cpu: '3000', memory: '5000' })]],
    want: [70, 57],
  }],
  ['resources requested, pods scheduled with resources', {
    pod: makePod({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }), nodes: [n('10000', '20000'), n('10000', '20000')],
    existing: [[makePod({ cpu: '3000', memory: '0' })], [makePod({ cpu: '3000', memory: '5000' })]], want: [57, 45],
  }],
  ['resources requested, pods scheduled with resources, differently sized nodes', {
    pod: makePod({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }), nodes: [n('10000', '20000'), n('10000', '50000')],
    existing: [[makePod({ cpu: '3000', memory: '0' })], [makePod({ cpu: '3000', memory: '5000' })]], want: [57, 60],
  }],
  ['requested resources exceed node capacity', {
    pod: makePod({ cpu: '3000', memory: '0' }), nodes: [n('4000', '10000'), n('4000', '10000')],
    existing: [[makePod({ cpu: '3000', memory: '0' })], [makePod({ cpu: '3000', memory: '5000' })]], want: [50, 25],
  }],
  ['zero node resources, pods scheduled with resources', {
    pod: makePod(), nodes: [{}, {}], existing: [[makePod({ cpu: '3000', memory: '0' })], [makePod({ cpu: '3000', memory: '5000' })]], want: [0, 0],
  }],
  ['nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes', {
    pod: makePod({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }), nodes: [n('4000', '10000'), n('6000', '10000')],
    resources: [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }], want: [41, 50],
  }],
  ['bypass extended resource if the pod does not request', {
    pod: makePod({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }), nodes: [n('6000', '10000'), n('6000', '10000', { [extendedRes]: '4' })],
    resources: extendedResourceSet, want: [50, 50],
  }],
  ['honor extended resource if the pod requests', {
    pod: makePod({ cpu: '3000', memory: '5000', [extendedRes]: '2' }), nodes: [n('6000', '10000', { [extendedRes]: '4' }), n('6000', '10000', { [extendedRes]: '10' })],
    resources: extendedResourceSet, want: [50, 60],
  }],
  ["if the node doesn't have a resource", {
    pod: makePod({ cpu: '3000', memory: '4000' }), nodes: [n('6000', '10000'), n('6000', '10000', { [extendedRes]: '4' })],
    resources: [{ name: extendedRes, weight: 2 }, { name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }], want: [55, 55],
  }],
];
for (const [name, c] of cases) test(`TestLeastAllocatedScoringStrategy: ${name}`, () => assert.equal(scores(c), c.want));

test('TestFitScore: test case for ScoringStrategy LeastAllocated', () => {
  assert.equal(scores({
    pod: makePod({ cpu: '1000', memory: '2000' }), nodes: [n('4000', '10000'), n('6000', '10000')],
    existing: [[makePod({ cpu: '2000', memory: '4000' })], [makePod({ cpu: '1000', memory: '2000' })]], want: [],
  }), [32, 63]);
});

test('scoring counts 100m / 200Mi for containers without requests, on the node and for the pod', () => {
  // Node: 1 core, 1000Mi. One existing pod without requests counts as 100m / 200Mi; so does the pod.
  const node = allocatable({ cpu: '1', memory: '1000Mi' });
  const score = leastAllocatedScore(demandOf(makePod({})), usageOf(makePod({})), node);
  assert.is(score, Math.floor((Math.floor((800 * 100) / 1000) + Math.floor((600 * 100) / 1000)) / 2));
});

test('leastRequestedScore: integer arithmetic, exact for terabyte-sized nodes too', () => {
  assert.is(leastRequestedScore(1, 3), 66);
  assert.is(leastRequestedScore(4, 3), 0);
  assert.is(leastRequestedScore(0, 0), 0);
  const tib = 2 ** 40;
  assert.is(leastRequestedScore(tib * 2 - 1, tib * 4), 50);
  assert.is(leastRequestedScore(tib * 2 + 1, tib * 4), 49);
});

test.run();
