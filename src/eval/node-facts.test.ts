import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeFacts } from './node-facts.js';
import { fixtureNodes, makeNode, nodeFromObject } from '../testing/placement-fixtures.js';

test('the documented shape, from a whole Node object', () => {
  const node = nodeFromObject({
    metadata: { name: 'gpu-1', labels: { 'topology.kubernetes.io/zone': 'z1' }, annotations: { 'example.com/owner': 'ml' } },
    spec: { unschedulable: true, taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', timeAdded: '2024-01-01T00:00:00Z' }] },
    status: { allocatable: { cpu: '8', 'nvidia.com/gpu': '2', pods: 110 }, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
  });
  assert.equal(JSON.parse(JSON.stringify(nodeFacts(node))), {
    name: 'gpu-1',
    labels: { 'topology.kubernetes.io/zone': 'z1' },
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    unschedulable: true,
    conditions: [{ type: 'Ready', status: 'True' }],
    annotations: { 'example.com/owner': 'ml' },
    allocatable: { cpu: '8', 'nvidia.com/gpu': '2', pods: '110' },
  });
});

test('annotations and allocatable are absent when the node has none', () => {
  const facts = nodeFacts(makeNode({ name: 'bare' }));
  assert.not.ok('annotations' in facts);
  assert.not.ok('allocatable' in facts);
  assert.equal(facts.taints, []);
  assert.equal(facts.conditions, []);
});

test('maps have no prototype: __proto__ and constructor are plain keys', () => {
  const labels = JSON.parse('{"__proto__": "a", "constructor": "b"}') as Record<string, string>;
  const facts = nodeFacts(makeNode({ name: 'p', labels }));
  assert.is(Object.getPrototypeOf(facts.labels), null);
  assert.is(Object.getPrototypeOf(facts), null);
  assert.equal(Object.keys(facts.labels).sort(), ['__proto__', 'constructor']);
  assert.is(facts.labels['__proto__'], 'a');
  assert.is(facts.labels['constructor'], 'b');
  const plain = nodeFacts(makeNode({ name: 'q' }));
  assert.is(plain.labels['constructor'], undefined);
  assert.is(plain.labels['toString'], undefined);
});

test('frozen and cached per node object', () => {
  const node = makeNode({ name: 'f', labels: { a: 'b' } });
  const facts = nodeFacts(node);
  assert.ok(Object.isFrozen(facts) && Object.isFrozen(facts.labels) && Object.isFrozen(facts.taints));
  assert.is(nodeFacts(node), facts);
  assert.is.not(nodeFacts(makeNode({ name: 'f', labels: { a: 'b' } })), facts);
});

test('real fixture nodes: GPU allocatable and conditions come through', () => {
  const byName = new Map(fixtureNodes().map((n) => [n.name, nodeFacts(n)]));
  assert.is(byName.get('nori')?.allocatable?.['nvidia.com/gpu'], '1');
  assert.is(byName.get('minikube')?.allocatable?.['nvidia.com/gpu'], undefined);
  assert.ok(byName.get('minikube')?.conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
  assert.equal(byName.get('kind-control-plane')?.taints, [{ key: 'node-role.kubernetes.io/master', value: '', effect: 'NoSchedule' }]);
});

test.run();
