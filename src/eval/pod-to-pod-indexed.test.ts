/**
 * The indexed pod-to-pod filters on cases ported from kube-scheduler v1.35: podtopologyspread
 * filtering_test.go TestSingleConstraint (minDomains, node inclusion policies) and interpodaffinity
 * filtering_test.go TestRequiredAffinityMultipleNodes (first-pod rule, anti-affinity, symmetry),
 * plus the combined answer's order (PodTopologySpread first) and its details.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Node } from '../model/types.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { PodLabelIndex } from '../node-index/pod-label-index.js';
import { cluster, exists, makeNode, makePod, namespace, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import { filterPodToPod } from './pod-to-pod-indexed.js';

function indexes(nodes: Node[], pods: PodBuilder[], extra: Parameters<typeof cluster>[2] = {}): PodToPodIndexes {
  const c = cluster(nodes, pods, extra);
  const nodeIndex = buildNodeIndex(c.nodes);
  return { nodes: nodeIndex, pods: new PodLabelIndex(nodeIndex, c.pods), objects: c };
}

/** Per node: `filter: reason`, or `ok`. */
function answer(pod: PodBuilder, nodes: Node[], pods: PodBuilder[], extra: Parameters<typeof cluster>[2] = {}): Record<string, string> {
  const ix = indexes(nodes, pods, extra);
  const result = filterPodToPod(pod.incoming(), ix);
  return Object.fromEntries(nodes.map((n) => {
    const r = result.rejectionOf(ix.nodes.idOf(n.name)!);
    return [n.name, r ? `${r.filter}: ${r.reason}` : 'ok'];
  }));
}

const foo = exists('foo');
const spread = "PodTopologySpread: node(s) didn't match pod topology spread constraints";
const affinity = "InterPodAffinity: node(s) didn't match pod affinity rules";
const anti = "InterPodAffinity: node(s) didn't match pod anti-affinity rules";
const existing = "InterPodAffinity: node(s) didn't satisfy existing pods anti-affinity rules";
const p = (name: string, node: string, ...labels: string[]): PodBuilder => makePod().name(name).node(node).labels(Object.fromEntries(labels.map((l) => [l, ''])));
const incoming = (...labels: string[]): PodBuilder => makePod().name('p').labels(Object.fromEntries(labels.map((l) => [l, ''])));
const nodeOnly = (name: string, labels: Record<string, string> = {}, tainted = false): Node =>
  makeNode(name, { node: name, ...labels }, tainted ? [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] : []);
const inclusionNodes = (yTainted = false): Node[] => [nodeOnly('node-a', { foo: '' }), nodeOnly('node-b', { foo: '' }), nodeOnly('node-x', { foo: '' }), nodeOnly('node-y', {}, yTainted)];
const inclusionPods = (): PodBuilder[] => [p('p-b1', 'node-a', 'foo'), p('p-b2', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')];
const abxy = (a: string, b: string, x: string, y: string): Record<string, string> => ({ 'node-a': a, 'node-b': b, 'node-x': x, 'node-y': y });

test('TestSingleConstraint: pods spread across nodes as 2/2/1, maxSkew 2, fewer domains than minDomains: only the third node fits', () => {
  const pods = [p('a1', 'node-a', 'foo'), p('a2', 'node-a', 'foo'), p('b1', 'node-b', 'foo'), p('b2', 'node-b', 'foo'), p('c1', 'node-c', 'foo')];
  const nodes = [nodeOnly('node-a'), nodeOnly('node-b'), nodeOnly('node-c')];
  assert.equal(answer(incoming('foo').spreadConstraint(2, 'node', 'DoNotSchedule', foo, 4), nodes, pods), { 'node-a': spread, 'node-b': spread, 'node-c': 'ok' });
  assert.equal(answer(incoming('foo').spreadConstraint(2, 'node', 'DoNotSchedule', foo, 2), nodes, pods), { 'node-a': 'ok', 'node-b': 'ok', 'node-c': 'ok' });
});

test('TestSingleConstraint: NodeAffinityPolicy honored / ignored with labelSelectors', () => {
  assert.equal(answer(incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', foo), inclusionNodes(), inclusionPods()), abxy(spread, spread, 'ok', 'ok'));
  assert.equal(answer(incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, 'Ignore'), inclusionNodes(), inclusionPods()), abxy(spread, spread, 'ok', spread));
});

test('TestSingleConstraint: NodeTaintsPolicy honored / ignored', () => {
  assert.equal(answer(incoming('foo').spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, undefined, 'Honor'), inclusionNodes(true), inclusionPods()), abxy(spread, spread, 'ok', 'ok'));
  assert.equal(answer(incoming('foo').spreadConstraint(1, 'node', 'DoNotSchedule', foo), inclusionNodes(true), inclusionPods()), abxy(spread, spread, 'ok', spread));
});

test('TestSingleConstraint: a node without the topology key fails with (missing required label)', () => {
  const nodes = [makeNode('node-a', { zone: 'z1' }), makeNode('node-b', {})];
  assert.equal(answer(incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', foo), nodes, []), { 'node-a': 'ok', 'node-b': `${spread} (missing required label)` });
});

test('TestRequiredAffinityMultipleNodes: the first pod of a collection with affinity to itself may go wherever the key exists', () => {
  const pod = makePod().labels({ foo: 'bar', service: 'securityscan' }).podAffinityIn('foo', 'zone', ['bar'], 'required').podAffinityIn('service', 'zone', ['securityscan'], 'required');
  const pods = [makePod().name('p1').node('nodeA').labels({ foo: 'bar' })];
  assert.equal(answer(pod, [makeNode('nodeA', { zone: 'az1' }), makeNode('nodeB', { zone: 'az2' })], pods), { nodeA: 'ok', nodeB: 'ok' });
  assert.equal(answer(pod, [makeNode('nodeA', { zoneLabel: 'az1' }), makeNode('nodeB', { zoneLabel: 'az2' })], pods), { nodeA: affinity, nodeB: affinity });
});

test('TestRequiredAffinityMultipleNodes: affinity to a region with a matching pod; anti-affinity when any term matches', () => {
  const pods = [makePod().name('p1').node('node1').labels({ foo: 'bar' })];
  const nodes = [makeNode('node1', { region: 'China' }), makeNode('node2', { region: 'China', az: 'az1' }), makeNode('node3', { region: 'India' })];
  assert.equal(answer(makePod().podAffinityIn('foo', 'region', ['bar'], 'required'), nodes, pods), { node1: 'ok', node2: 'ok', node3: affinity });
  const antiPod = makePod().podAntiAffinityIn('foo', 'region', ['abc'], 'required').podAntiAffinityIn('service', 'zone', ['securityscan'], 'required');
  const zoned = [makeNode('nodeA', { region: 'r1', zone: 'z1' }), makeNode('nodeB', { region: 'r1', zone: 'z2' })];
  assert.equal(answer(antiPod, zoned, [makePod().name('e').node('nodeA').labels({ foo: 'abc', service: 'securityscan' })]), { nodeA: anti, nodeB: anti });
});

test('TestRequiredAffinityMultipleNodes: an existing pod whose anti-affinity selects the incoming pod blocks its domain (symmetry)', () => {
  const pods = [makePod().name('e').node('nodeA').podAntiAffinityIn('foo', 'zone', ['bar'], 'required')];
  const nodes = [makeNode('nodeA', { zone: 'z1' }), makeNode('nodeB', { zone: 'z1' }), makeNode('nodeC', { zone: 'z2' })];
  assert.equal(answer(makePod().label('foo', 'bar'), nodes, pods), { nodeA: existing, nodeB: existing, nodeC: 'ok' });
  assert.equal(answer(makePod().label('foo', 'baz'), nodes, pods), { nodeA: 'ok', nodeB: 'ok', nodeC: 'ok' });
});

test('PodTopologySpread reports first; the details count the pods in the domain', () => {
  const nodes = [makeNode('a', { zone: 'us-east-1a' }), makeNode('b', { zone: 'us-east-1b' })];
  const pods = [1, 2, 3, 4].map((i) => makePod().name(`web-${i}`).namespace('shop').label('app', 'web').node('a'));
  const pod = makePod().namespace('shop').label('app', 'web').spreadConstraint(1, 'zone', 'DoNotSchedule', { matchLabels: { app: 'web' } }).podAntiAffinityIn('app', 'zone', ['web'], 'required');
  const ix = indexes(nodes, pods);
  const result = filterPodToPod(pod.incoming(), ix);
  assert.equal(result.rejectionOf(ix.nodes.idOf('a')!), {
    filter: 'PodTopologySpread',
    reason: "node(s) didn't match pod topology spread constraints",
    code: 'Unschedulable',
    details: ['zone us-east-1a already has 4 pod(s) matching app=web; max skew 1 allows 0 (the least loaded zone has 0; topologySpreadConstraints[0])'],
  });
  assert.equal(result.rejectionOf(ix.nodes.idOf('b')!), undefined);
  assert.equal([...result.affinityOnly].some((w) => w !== 0), false, 'node a fails both filters: it counts for the first');
});

test('a namespaceSelector is evaluated with Namespace objects and reported as not evaluated without them', () => {
  const nodes = [makeNode('n1', { zone: 'z1' }), makeNode('n2', { zone: 'z2' })];
  const pods = [makePod().name('x').namespace('b').label('app', 'x').node('n1')];
  const pod = makePod().namespace('a').term(true, 'required', { labelSelector: { matchLabels: { app: 'x' } }, namespaceSelector: { matchLabels: { team: 't' } }, topologyKey: 'zone' });
  assert.equal(answer(pod, nodes, pods, { namespaces: [namespace('a'), namespace('b', { team: 't' })] }), { n1: anti, n2: 'ok' });
  const ix = indexes(nodes, pods);
  const result = filterPodToPod(pod.incoming(), ix);
  assert.equal(result.notEvaluated.map((n) => n.field), ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector']);
  assert.equal(result.rejectionOf(ix.nodes.idOf('n1')!), undefined, 'without Namespace objects only the listed namespaces count');
});

test.run();
