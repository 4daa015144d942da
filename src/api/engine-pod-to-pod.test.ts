/**
 * The engine's answers with PodTopologySpread and InterPodAffinity wired in, on cases ported from
 * kube-scheduler v1.35: plugins/podtopologyspread/filtering_test.go (TestSingleConstraint,
 * TestMultipleConstraints) and plugins/interpodaffinity/filtering_test.go
 * (TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes), checked on both evaluators,
 * with the FitError message `FitError.Error` builds (framework/types.go): each node counted under
 * the first filter that fails it, PodTopologySpread before InterPodAffinity.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Node } from '../model/types.js';
import { nodeWithAllocatable } from '../testing/cluster-pod-fixtures.js';
import { incomingWorkload, makePod, runningPod, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { createEngine } from './engine.js';

const running = runningPod;
const workload = incomingWorkload;

/** Eligible nodes and the message, from both evaluators (which must agree). */
function place(pod: PodBuilder, nodes: Node[], pods: PodBuilder[]): { eligible: string[]; message: string } {
  const out = (['indexed', 'reference'] as const).map((evaluator) => {
    const answer = createEngine({ nodes, pods: pods.map(running), evaluator }).eligible(workload(pod));
    return { eligible: [...answer.eligible], message: answer.message };
  });
  assert.equal(out[0], out[1], 'indexed and reference agree');
  return out[0]!;
}

/** `st.MakeNode()` with room for pods: NodeResourcesFit is not what these cases are about. */
const makeNode = (name: string, labels: Record<string, string>): Node => nodeWithAllocatable(name, { cpu: '4', memory: '8Gi', pods: '110' }, labels);
const foo = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const zoned = (name: string, zone: string): Node => makeNode(name, { zone, node: name });
const spreadNodes = (): Node[] => [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')];
const foos = (node: string, n: number): PodBuilder[] => Array.from({ length: n }, (_, i) => makePod().name(`${node}-p${i}`).namespace('default').label('foo', '').node(node));

test('TestSingleConstraint "pods spread across nodes as 2/1/0/3, only node-x fits"', () => {
  const pod = makePod().namespace('default').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', foo);
  const r = place(pod, spreadNodes(), [...foos('node-a', 2), ...foos('node-b', 1), ...foos('node-y', 3)]);
  assert.equal(r.eligible, ['node-x']);
  assert.is(r.message, "1/4 nodes are available: 3 node(s) didn't match pod topology spread constraints.");
});

test('TestSingleConstraint "pods spread across zones as 3/3, all nodes fit"', () => {
  const pod = makePod().namespace('default').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', foo);
  const r = place(pod, spreadNodes(), [...foos('node-a', 1), ...foos('node-b', 2), ...foos('node-x', 2), ...foos('node-y', 1)]);
  assert.equal(r.eligible, ['node-a', 'node-b', 'node-x', 'node-y']);
});

test('TestSingleConstraint "pods spread across zones as 1/2 due to absence of label \'zone\' on node-b": node-b is missing the label', () => {
  const nodes = [zoned('node-a', 'zone1'), makeNode('node-b', { zon: 'zone1', node: 'node-b' }), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')];
  const pod = makePod().namespace('default').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', foo);
  const r = place(pod, nodes, [...foos('node-a', 1), ...foos('node-x', 2)]);
  assert.equal(r.eligible, ['node-a']);
  assert.is(r.message, "1/4 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), 2 node(s) didn't match pod topology spread constraints.");
});

test('TestMultipleConstraints "two constraints on zone and node, spreads = [3/3, 2/1/0/3]": only node-x fits', () => {
  const pod = makePod().namespace('default').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', foo).spreadConstraint(1, 'node', 'DoNotSchedule', foo);
  const r = place(pod, spreadNodes(), [...foos('node-a', 2), ...foos('node-b', 1), ...foos('node-y', 3)]);
  assert.equal(r.eligible, ['node-x']);
});

test('TestRequiredAffinitySingleNode "satisfies the PodAffinity with In operator that matches the existing pod", and "does not satisfy it because of a different namespace"', () => {
  const nodes = [makeNode('node1', { region: 'r1', zone: 'z11' })];
  const existing = makePod().name('e').namespace('default').label('service', 'securityscan').node('node1');
  const pod = makePod().namespace('default').podAffinityIn('service', 'region', ['securityscan', 'value2'], 'required');
  assert.equal(place(pod, nodes, [existing]).eligible, ['node1']);
  const other = makePod().namespace('other').podAffinityIn('service', 'region', ['securityscan', 'value2'], 'required');
  // The only node fails; the pod itself does not match its term, so the first-pod rule does not apply.
  const r = place(other, nodes, [existing]);
  assert.equal(r.eligible, []);
  assert.is(r.message, "0/1 nodes are available: 1 node(s) didn't match pod affinity rules.");
});

test('TestRequiredAffinitySingleNode "existing pod\'s anti-affinity matches the incoming pod": it may not join that domain', () => {
  const nodes = [makeNode('node1', { region: 'r1', zone: 'z11' }), makeNode('node2', { region: 'r2', zone: 'z21' })];
  const existing = makePod().name('e').namespace('default').node('node1').podAntiAffinityIn('service', 'zone', ['securityscan'], 'required');
  const r = place(makePod().namespace('default').label('service', 'securityscan'), nodes, [existing]);
  assert.equal(r.eligible, ['node2']);
  assert.is(r.message, "1/2 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.");
});

test('TestRequiredAffinityMultipleNodes: nodeA and nodeB share the region; the matching pod on nodeA admits both, not nodeC', () => {
  const nodes = [makeNode('nodeA', { region: 'r1', hostname: 'h1' }), makeNode('nodeB', { region: 'r1', hostname: 'h2' }), makeNode('nodeC', { region: 'r2', hostname: 'h3' })];
  const existing = makePod().name('e').namespace('default').label('foo', 'bar').node('nodeA');
  const r = place(makePod().namespace('default').podAffinityIn('foo', 'region', ['bar'], 'required'), nodes, [existing]);
  assert.equal(r.eligible, ['nodeA', 'nodeB']);
});

test('a node failing both filters counts once, under PodTopologySpread (the framework stops at the first failing filter)', () => {
  const nodes = [zoned('a', 'z1'), zoned('b', 'z2')];
  const pods = [1, 2].map((i) => makePod().name(`w${i}`).namespace('default').label('app', 'web').node('a'));
  const pod = makePod().namespace('default').label('app', 'web').spreadConstraint(1, 'zone', 'DoNotSchedule', { matchLabels: { app: 'web' } }).podAntiAffinityIn('app', 'zone', ['web'], 'required');
  const r = place(pod, nodes, pods);
  assert.equal(r.eligible, ['b']);
  assert.is(r.message, "1/2 nodes are available: 1 node(s) didn't match pod topology spread constraints.");
});

test.run();
