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

/** Everything a store shows about its nodes: rows, usage, port holders, size. */
function snapshot(store: ClusterPods, index: ReturnType<typeof buildNodeIndex>): unknown {
  return {
    size: store.size,
    rows: ['a', 'b'].map((name) => {
      const id = index.idOf(name)!;
      const usage = store.usageAt(id);
      return [store.freeMilliCPU[id], store.freeMemory[id], store.freePods[id], usage.podCount, usage.nonZeroMilliCPU, usage.requestedScalar('nvidia.com/gpu')];
    }),
    port80: [...store.nodesHoldingPort('TCP', 80)].sort(),
    port9100: [...store.nodesHoldingPort('TCP', 9100)].sort(),
  };
}

test('long churn (pods moved, removed and re-added under their names, past the idle-entry sweeps) equals a store built from the final pods', () => {
  const shapes = [
    [{ requests: { cpu: '100m' }, hostPorts: [{ hostPort: 80 }] }],
    [{ requests: { memory: '1Gi', 'nvidia.com/gpu': '1' } }],
    [{ hostPorts: [{ hostPort: 9100 }] }],
    [{}],
  ];
  const index = buildNodeIndex(nodes());
  const store = new ClusterPods(index);
  store.setPods([]);
  const live = new Map<string, ReturnType<typeof runningPod>>();
  // A fixed linear congruential sequence: the same churn every run.
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let step = 0; step < 5000; step++) {
    const name = `p${next(400)}`;
    if (next(3) !== 0) {
      store.removePod('default', name);
      live.delete(name);
    } else {
      const pod = runningPod(name, ['a', 'b', ''][next(3)]!, shapes[next(shapes.length)]!, { phase: next(10) === 0 ? 'Succeeded' : 'Running' });
      store.upsertPod(pod);
      live.set(name, pod);
    }
  }
  const rebuiltIndex = buildNodeIndex(nodes());
  const rebuilt = new ClusterPods(rebuiltIndex);
  rebuilt.setPods([...live.values()]);
  assert.equal(snapshot(store, index), snapshot(rebuilt, rebuiltIndex));
  for (const name of live.keys()) assert.is(store.pod('default', name), live.get(name));
  assert.is(store.pod('default', 'p-never'), undefined);
});

test.run();
