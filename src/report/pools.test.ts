import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countBits } from '../node-index/bitset.js';
import { makeNode, nodeFromObject } from '../testing/placement-fixtures.js';
import { assignPools, defaultPoolLabels, isNotReady, maxPools, noPoolName } from './pools.js';

const karpenter = 'karpenter.sh/nodepool';
const eks = 'eks.amazonaws.com/nodegroup';
const type = 'node.kubernetes.io/instance-type';

test('each node joins the pool of the first default label it has: Karpenter, then EKS, ..., then the instance type', () => {
  const nodes = [
    makeNode({ name: 'a', labels: { [karpenter]: 'general', [type]: 'm5.large' } }),
    makeNode({ name: 'b', labels: { [eks]: 'system', [type]: 'm5.large' } }),
    makeNode({ name: 'c', labels: { [type]: 'm5.large' } }),
    makeNode({ name: 'd', labels: { [karpenter]: 'general' } }),
    makeNode({ name: 'e' }),
  ];
  const { pools, poolOf, members } = assignPools(nodes);
  assert.equal(pools.map((p) => [p.name, p.label, p.nodes]), [['general', karpenter, 2], ['system', eks, 1], ['m5.large', type, 1], [noPoolName, '', 1]]);
  assert.equal([...poolOf], [0, 1, 2, 0, 3]);
  assert.equal(members.map((m) => countBits(m, m.length)), [2, 1, 1, 1]);
});

test('a value two labels share names both pools label=value; "__proto__" is an ordinary value', () => {
  const nodes = [makeNode({ name: 'a', labels: { [karpenter]: 'gpu' } }), makeNode({ name: 'b', labels: { [eks]: 'gpu' } }), makeNode({ name: 'c', labels: { [eks]: '__proto__' } })];
  assert.equal(assignPools(nodes).pools.map((p) => p.name), [`${karpenter}=gpu`, '__proto__', `${eks}=gpu`]);
});

test('--group-by one label: nodes without it form the unlabelled pool; pools are ordered by name, numbers numerically', () => {
  const nodes = ['pool-10', 'pool-9', 'pool-10'].map((v, i) => makeNode({ name: `n${i}`, labels: { team: v } })).concat(makeNode({ name: 'x' }));
  const { pools, labels } = assignPools(nodes, ['team']);
  assert.equal(labels, ['team']);
  assert.equal(pools.map((p) => [p.name, p.nodes]), [['pool-9', 1], ['pool-10', 2], [noPoolName, 1]]);
});

test('cordoned (spec.unschedulable) and not-ready (Ready condition present and not True) nodes are counted per pool', () => {
  const ready = (status: string) => ({ status: { conditions: [{ type: 'Ready', status }] } });
  const nodes = [
    nodeFromObject({ metadata: { name: 'a', labels: { [type]: 't' } }, spec: { unschedulable: true }, ...ready('True') }),
    nodeFromObject({ metadata: { name: 'b', labels: { [type]: 't' } }, ...ready('False') }),
    nodeFromObject({ metadata: { name: 'c', labels: { [type]: 't' } }, ...ready('Unknown') }),
    nodeFromObject({ metadata: { name: 'd', labels: { [type]: 't' } } }),
  ];
  assert.equal(nodes.map(isNotReady), [false, true, true, false]);
  const [pool] = assignPools(nodes).pools;
  assert.equal([pool!.nodes, pool!.cordoned, pool!.notReady], [4, 1, 2]);
});

test('a label with a value per node (the hostname) draws at most maxPools pools: the smallest merge into one', () => {
  const nodes = Array.from({ length: maxPools + 50 }, (_, i) => makeNode({ name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}` } }));
  const wide = assignPools(nodes, ['kubernetes.io/hostname']);
  assert.is(wide.pools.length, maxPools);
  const merged = wide.pools.at(-1)!;
  assert.equal([merged.name, merged.merged, merged.nodes, merged.label], ['(51 smaller pools)', 51, 51, '']);
  assert.is(wide.pools.reduce((sum, p) => sum + p.nodes, 0), nodes.length);
  assert.equal(wide.members.map((m) => countBits(m, m.length)), wide.pools.map((p) => p.nodes));
  assert.ok([...wide.poolOf].every((p, position) => wide.members[p]![position >>> 5]! & (1 << (position & 31))));
});

test('defaultPoolLabels: the provider pool labels, then the instance type', () => {
  assert.equal(defaultPoolLabels, [karpenter, eks, 'cloud.google.com/gke-nodepool', 'kubernetes.azure.com/agentpool', type]);
});

test.run();
