/**
 * NodePorts and NodeResourcesFit through the engine, both evaluators, with the upstream cases they
 * pin: pkg/scheduler/framework/plugins/noderesources/fit_test.go (TestEnoughRequests) and
 * nodeports/node_ports_test.go (TestNodePorts), and FitError.Error's histogram (framework/types.go).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine, type EngineOptions } from './engine.js';
import { incomingPod, nodeWithAllocatable, runningPod } from '../testing/cluster-pod-fixtures.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node } from '../model/types.js';
import { newDaemonSet } from '../testing/daemonset-fixtures.js';

const evaluators = ['indexed', 'reference'] as const;
const both = (nodes: readonly Node[], pods: readonly PodObject[] | undefined, body: (engine: ReturnType<typeof createEngine>, evaluator: string) => void): void => {
  for (const evaluator of evaluators) {
    const options: EngineOptions = pods === undefined ? { evaluator } : { evaluator, pods };
    body(createEngine({ nodes, ...options }), evaluator);
  }
};

const small = (name: string): Node => nodeWithAllocatable(name, { cpu: '10', memory: '20', pods: '32' });
const threeNodes = ['a', 'b', 'c'].map(small);
const busy = threeNodes.map((n) => runningPod(`busy-${n.name}`, n.name, [{ requests: { cpu: '8', memory: '19' } }]));

test('fit_test.go "too many resources fails": every short resource is a reason, and the histogram counts each', () => {
  both(threeNodes, busy, (engine, evaluator) => {
    const answer = engine.eligible(incomingPod([{ requests: { cpu: '3', memory: '2' } }]));
    assert.equal(answer.eligible, [], evaluator);
    assert.is(answer.message, '0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory.', evaluator);
    assert.equal(answer.ineligible[0]!.reasons, ['Insufficient cpu', 'Insufficient memory'], evaluator);
    assert.equal(answer.ineligible[0]!.details, ['requests cpu 3, node has 2 free of 10 allocatable', 'requests memory 2, node has 1 free of 20 allocatable'], evaluator);
  });
});

test('fit_test.go "no resources requested always fits": only the pod count is checked', () => {
  both(threeNodes, busy, (engine, evaluator) => {
    assert.is(engine.eligible(incomingPod([{}])).message, '3/3 nodes are available.', evaluator);
  });
  const full = [nodeWithAllocatable('a', { cpu: '10', memory: '20', pods: '1' })];
  both(full, [runningPod('p', 'a', [{}])], (engine, evaluator) => {
    assert.is(engine.eligible(incomingPod([{}])).message, '0/1 nodes are available: 1 Too many pods.', evaluator);
  });
});

test('fit_test.go "equal edge case": a request equal to what is free fits', () => {
  both(threeNodes, busy, (engine, evaluator) => {
    assert.is(engine.eligibleCount(incomingPod([{ requests: { cpu: '2', memory: '1' } }])), 3, evaluator);
  });
});

test('fit_test.go "extended resource capacity enforced": Insufficient example.com/aaa', () => {
  const nodes = [nodeWithAllocatable('a', { cpu: '10', memory: '20', pods: '32', 'example.com/aaa': '5' })];
  both(nodes, [runningPod('p', 'a', [{ requests: { 'example.com/aaa': '2' } }])], (engine, evaluator) => {
    const answer = engine.eligible(incomingPod([{ requests: { 'example.com/aaa': '4' } }]));
    assert.is(answer.message, '0/1 nodes are available: 1 Insufficient example.com/aaa.', evaluator);
    assert.equal(answer.ineligible[0]!.details, ['requests example.com/aaa 4, node has 3 free of 5 allocatable'], evaluator);
  });
});

test('finished and unbound pods hold nothing (the scheduler cache lists assigned, unfinished pods)', () => {
  const pods = [runningPod('done', 'a', [{ requests: { cpu: '9' } }], { phase: 'Succeeded' }), runningPod('failed', 'a', [{ requests: { cpu: '9' } }], { phase: 'Failed' }), runningPod('pending', '', [{ requests: { cpu: '9' } }], { phase: 'Pending' })];
  both([small('a')], pods, (engine, evaluator) => {
    assert.is(engine.eligibleCount(incomingPod([{ requests: { cpu: '5' } }])), 1, evaluator);
  });
});

test('node_ports_test.go: same port and protocol conflicts, another protocol or IP does not, 0.0.0.0 conflicts with every IP', () => {
  const nodes = ['a', 'b', 'c', 'd'].map(small);
  const pods = [
    runningPod('tcp', 'a', [{ hostPorts: [{ hostPort: 8080 }] }]),
    runningPod('udp', 'b', [{ hostPorts: [{ hostPort: 8080, protocol: 'UDP' }] }]),
    runningPod('ip', 'c', [{ hostPorts: [{ hostPort: 8080, hostIP: '127.0.0.1' }] }]),
  ];
  both(nodes, pods, (engine, evaluator) => {
    const anyIP = engine.eligible(incomingPod([{ hostPorts: [{ hostPort: 8080 }] }]));
    assert.equal(anyIP.eligible, ['b', 'd'], evaluator);
    assert.is(anyIP.message, "2/4 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.", evaluator);
    assert.equal(anyIP.ineligible[0]!.details, ['host port 8080/TCP is already in use on the node'], evaluator);
    const otherIP = engine.eligible(incomingPod([{ hostPorts: [{ hostPort: 8080, hostIP: '127.0.0.2' }] }]));
    assert.equal(otherIP.eligible, ['b', 'c', 'd'], evaluator);
  });
});

test('NodePorts comes before NodeResourcesFit: a node failing both records only the port conflict', () => {
  const pods = [runningPod('p', 'a', [{ requests: { cpu: '9' }, hostPorts: [{ hostPort: 9100 }] }])];
  both([small('a')], pods, (engine, evaluator) => {
    const answer = engine.eligible(incomingPod([{ requests: { cpu: '2' }, hostPorts: [{ hostPort: 9100 }] }]));
    assert.is(answer.message, "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.", evaluator);
    assert.equal(answer.ineligible[0]!.reasons, ["node(s) didn't have free ports for the requested pod ports", 'Insufficient cpu'], evaluator);
  });
});

test('a node failing an earlier filter is not counted under the resource reasons', () => {
  const nodes = [small('a'), nodeFromShape('b')];
  both(nodes, busy.slice(0, 1), (engine, evaluator) => {
    const answer = engine.eligible(incomingPod([{ requests: { cpu: '3' } }], { nodeSelector: { zone: 'x' } }));
    assert.is(answer.message, "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", evaluator);
  });
});

function nodeFromShape(name: string): Node {
  return nodeWithAllocatable(name, { cpu: '1', memory: '1', pods: '1' });
}

test('without pods the resource filters are not evaluated, and the engine says so', () => {
  both(threeNodes, undefined, (engine, evaluator) => {
    assert.is(engine.podsGiven, false, evaluator);
    assert.is(engine.eligibleCount(incomingPod([{ requests: { cpu: '100' } }])), 3, evaluator);
  });
  both(threeNodes, [], (engine, evaluator) => {
    assert.is(engine.podsGiven, true, evaluator);
    assert.is(engine.eligible(incomingPod([{ requests: { cpu: '11' } }])).message, '0/3 nodes are available: 3 Insufficient cpu.', evaluator);
  });
});

test('pod churn: bind, move, finish and delete update the answer in place', () => {
  both([small('a'), small('b')], [], (engine, evaluator) => {
    const wants = incomingPod([{ requests: { cpu: '6' } }]);
    assert.is(engine.eligibleCount(wants), 2, evaluator);
    engine.upsertPod(runningPod('p', 'a', [{ requests: { cpu: '5' } }]));
    assert.equal(engine.eligible(wants).eligible, ['b'], evaluator);
    assert.is(engine.nodeUsage('a').milliCPU, 5000, evaluator);
    engine.upsertPod(runningPod('p', 'b', [{ requests: { cpu: '5' } }]));
    assert.equal(engine.eligible(wants).eligible, ['a'], evaluator);
    assert.is(engine.nodeUsage('a').milliCPU, 0, evaluator);
    engine.upsertPod(runningPod('p', 'b', [{ requests: { cpu: '5' } }], { phase: 'Succeeded' }));
    assert.is(engine.eligibleCount(wants), 2, evaluator);
    engine.upsertPod(runningPod('p', 'b', [{ requests: { cpu: '5' } }]));
    assert.is(engine.podCount, 1, evaluator);
    assert.is(engine.removePod('default', 'p'), true, evaluator);
    assert.is(engine.removePod('default', 'p'), false, evaluator);
    assert.is(engine.eligibleCount(wants), 2, evaluator);
  });
});

test('a node replaced with less allocatable, or added after its pods, is judged on its new row', () => {
  both([small('a')], [runningPod('p', 'b', [{ requests: { cpu: '5' } }])], (engine, evaluator) => {
    const wants = incomingPod([{ requests: { cpu: '6' } }]);
    engine.upsertNode(small('b'));
    assert.equal(engine.eligible(wants).eligible, ['a'], evaluator);
    engine.upsertNode(nodeWithAllocatable('a', { cpu: '5', memory: '20', pods: '32' }));
    assert.equal(engine.eligible(wants, { explain: 'groups' }).message, '0/2 nodes are available: 2 Insufficient cpu.', evaluator);
  });
});

test('grouped explanations tell nodes apart by their numbers', () => {
  const nodes = [small('a'), small('b'), small('c')];
  const pods = [runningPod('p', 'a', [{ requests: { cpu: '9' } }]), runningPod('q', 'b', [{ requests: { cpu: '9' } }])];
  both(nodes, pods, (engine, evaluator) => {
    const answer = engine.eligible(incomingPod([{ requests: { cpu: '11' } }]), { explain: 'groups' });
    assert.equal(answer.groups.map((g) => [g.count, g.details]), [
      [2, ['requests cpu 11, node has 1 free of 10 allocatable']],
      [1, ['requests cpu 11, node has 10 free of 10 allocatable']],
    ], evaluator);
  });
});

test('the DaemonSet plan stays the controller\'s: it ignores resources and host ports (daemon_controller.go nodeShouldRunDaemonPod)', () => {
  const ds = newDaemonSet({ spec: { containers: [{ name: 'exporter', image: 'e', resources: { requests: { cpu: '100' } }, ports: [{ containerPort: 9100, hostPort: 9100 }] }] } });
  const pods = threeNodes.map((n) => runningPod(`other-${n.name}`, n.name, [{ requests: { cpu: '10' }, hostPorts: [{ hostPort: 9100 }] }]));
  both(threeNodes, pods, (engine, evaluator) => {
    const plan = engine.daemonset(ds, [], { now: 0 });
    assert.equal([...plan.create].sort(), ['a', 'b', 'c'], evaluator);
  });
});

test('notEvaluated: requests and host ports are listed without pods, and not once pods are given', () => {
  const w = incomingPod([{ requests: { cpu: '1' }, hostPorts: [{ hostPort: 9100 }] }]);
  const without = createEngine({ nodes: threeNodes }).eligible(w).notEvaluated.map((n) => n.field);
  assert.ok(without.some((f) => f.includes('resources.requests')) && without.some((f) => f.includes('hostPort')), JSON.stringify(without));
  assert.equal(createEngine({ nodes: threeNodes, pods: [] }).eligible(w).notEvaluated, []);
});

test.run();
