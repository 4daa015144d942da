/**
 * NodePorts over the store (framework/plugins/nodeports, `fitsPorts` → HostPortInfo.CheckConflict):
 * the nodes of a candidate set where a requested host port is taken, found through the
 * (protocol, port) → nodes index or node by node over the candidates, whichever is smaller —
 * the same nodes either way.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClusterPods } from '../node-index/cluster-pods.js';
import { collectBits, setBit } from '../node-index/bitset.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { nodeWithAllocatable, runningPod } from '../testing/cluster-pod-fixtures.js';
import { addPortConflicts } from './resource-filters.js';

const names = ['a', 'b', 'c', 'd', 'e', 'f'];
const index = buildNodeIndex(names.map((n) => nodeWithAllocatable(n, { cpu: '4', pods: '10' })));
const store = new ClusterPods(index);
// 9100 held on every node but f (TCP on any IP); 53/UDP on c only; 8080 on e for 10.0.0.1 only.
store.setPods([
  ...names.slice(0, 5).map((n) => runningPod(`exporter-${n}`, n, [{ hostPorts: [{ hostPort: 9100 }] }])),
  runningPod('dns', 'c', [{ hostPorts: [{ hostPort: 53, protocol: 'UDP' }] }]),
  runningPod('web', 'e', [{ hostPorts: [{ hostPort: 8080, hostIP: '10.0.0.1' }] }]),
]);

function conflicts(port: { hostIP: string; protocol: string; port: number }, among: readonly string[]): string[] {
  const set = new Uint32Array(index.words);
  for (const n of among) setBit(set, index.idOf(n)!);
  const out = new Uint32Array(index.words);
  addPortConflicts(port, store, set, out);
  const ids = new Int32Array(index.highWater);
  const count = collectBits(out, index.liveWords, ids);
  return [...ids.subarray(0, count)].map((id) => index.nodes[id]!.name);
}

test('a port held on more nodes than the candidates: judged node by node over the candidates', () => {
  assert.is(store.portHolderCount('TCP', 9100), 5);
  assert.equal(conflicts({ hostIP: '0.0.0.0', protocol: 'TCP', port: 9100 }, ['b', 'f']), ['b']);
});

test('a port held on fewer nodes than the candidates: found through the index', () => {
  assert.equal(conflicts({ hostIP: '0.0.0.0', protocol: 'UDP', port: 53 }, names), ['c']);
  assert.equal(conflicts({ hostIP: '0.0.0.0', protocol: 'TCP', port: 53 }, names), [], 'another protocol is another port');
});

test('host IPs as CheckConflict compares them: 0.0.0.0 conflicts with any IP, another IP only with itself', () => {
  // Node by node: a port held on 0.0.0.0 is taken for every IP.
  assert.equal(conflicts({ hostIP: '10.0.0.2', protocol: 'TCP', port: 9100 }, ['b', 'f']), ['b']);
  // Through the index.
  for (const among of [['e'], names]) {
    assert.equal(conflicts({ hostIP: '0.0.0.0', protocol: 'TCP', port: 8080 }, among), ['e']);
    assert.equal(conflicts({ hostIP: '10.0.0.1', protocol: 'TCP', port: 8080 }, among), ['e']);
    assert.equal(conflicts({ hostIP: '10.0.0.2', protocol: 'TCP', port: 8080 }, among), []);
  }
});

test.run();
