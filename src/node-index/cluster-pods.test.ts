/**
 * The cluster-pods store keeps what upstream's scheduler cache keeps per node (`NodeInfo.AddPod` /
 * `RemovePod`, pkg/scheduler/backend/cache/cache.go `updatePod` = remove + add): after any sequence of
 * changes, every node's usage and free-capacity row equal those of a store built from the final pods.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClusterPods } from './cluster-pods.js';
import { buildNodeIndex } from './node-index.js';
import { nodeWithAllocatable, runningPod } from '../testing/cluster-pod-fixtures.js';

const nodes = () => [nodeWithAllocatable('a', { cpu: '4', memory: '8Gi', pods: '10' }), nodeWithAllocatable('b', { cpu: '2', memory: '4Gi', pods: '10', 'nvidia.com/gpu': '1' })];

test('rows are allocatable minus the requests of assigned, unfinished pods', () => {
  const index = buildNodeIndex(nodes());
  const store = new ClusterPods(index);
  assert.is(store.given, false);
  store.setPods([
    runningPod('p', 'a', [{ requests: { cpu: '500m', memory: '1Gi' } }]),
    runningPod('q', 'a', [{ requests: { cpu: '1' } }], { phase: 'Succeeded' }),
    runningPod('g', 'b', [{ requests: { 'nvidia.com/gpu': '1' }, hostPorts: [{ hostPort: 9100 }] }]),
  ]);
  const a = index.idOf('a')!;
  const b = index.idOf('b')!;
  assert.is(store.freeMilliCPU[a], 3500);
  assert.is(store.freeMemory[a], 7 * 1024 ** 3);
  assert.is(store.freePods[a], 9);
  assert.is(store.usageAt(b).requestedScalar('nvidia.com/gpu'), 1);
  assert.equal([...store.nodesHoldingPort('TCP', 9100)], ['b']);
  assert.is(store.size, 3);
});

test('a pod moved, finished or removed frees what it held; a node added later picks up its pods', () => {
  const index = buildNodeIndex(nodes());
  const store = new ClusterPods(index);
  store.setPods([runningPod('p', 'a', [{ requests: { cpu: '1' }, hostPorts: [{ hostPort: 80 }] }]), runningPod('x', 'c', [{ requests: { cpu: '1' } }])]);
  const v = store.version;
  store.upsertPod(runningPod('p', 'b', [{ requests: { cpu: '1' }, hostPorts: [{ hostPort: 80 }] }]));
  assert.ok(store.version > v);
  assert.is(store.freeMilliCPU[index.idOf('a')!], 4000);
  assert.is(store.freeMilliCPU[index.idOf('b')!], 1000);
  assert.equal([...store.nodesHoldingPort('TCP', 80)], ['b']);
  store.upsertPod(runningPod('p', 'b', [{ requests: { cpu: '1' } }], { phase: 'Failed' }));
  assert.equal([...store.nodesHoldingPort('TCP', 80)], []);
  assert.is(store.freeMilliCPU[index.idOf('b')!], 2000);
  assert.is(store.removePod('default', 'p'), true);
  assert.is(store.removePod('default', 'p'), false);
  index.upsert(nodeWithAllocatable('c', { cpu: '3', pods: '5' }));
  store.nodeChanged('c');
  assert.is(store.freeMilliCPU[index.idOf('c')!], 2000);
  assert.is(store.freePods[index.idOf('c')!], 4);
});

test.run();
