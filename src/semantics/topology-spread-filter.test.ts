/**
 * PodTopologySpread PreFilter and Filter, ported from kube-scheduler v1.35
 * pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go: TestSingleConstraint (with
 * its minDomains and node inclusion policy cases) and TestMultipleConstraints. In v1.35 the node
 * inclusion policies are always on (NodeInclusionPolicyInPodTopologySpread is GA), which gives
 * the same results as the upstream cases run without them (Honor node affinity, Ignore taints).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Node } from '../model/types.js';
import { cluster, exists, makeNode, makePod, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { describeTopologySpreadFailure, filterTopologySpread, prepareTopologySpread, reasonTopologySpread, reasonTopologySpreadMissingLabel } from './topology-spread-filter.js';

type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

function codes(pod: PodBuilder, nodes: Node[], pods: PodBuilder[]): Record<string, Code | 'Error'> {
  const state = prepareTopologySpread(pod.incoming(), cluster(nodes, pods));
  return Object.fromEntries(nodes.map((node) => [node.name, filterTopologySpread(state, node)?.code ?? 'Success']));
}

const foo = exists('foo');
const bar = exists('bar');
const taints = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }];
const zn = (name: string, zone: string): Node => makeNode(name, { zone, node: name });
const fourNodes = (): Node[] => [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2'), zn('node-y', 'zone2')];
const p = (name: string, node: string, ...labels: string[]): PodBuilder => makePod().name(name).node(node).labels(Object.fromEntries(labels.map((l) => [l, ''])));
const spread2103 = (): PodBuilder[] => [p('p-a1', 'node-a', 'foo'), p('p-a2', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo'), p('p-y2', 'node-y', 'foo'), p('p-y3', 'node-y', 'foo')];
const incoming = (...labels: string[]): PodBuilder => makePod().name('p').labels(Object.fromEntries(labels.map((l) => [l, ''])));
const S = 'Success';
const U = 'Unschedulable';
const UU = 'UnschedulableAndUnresolvable';
const abxy = (a: Code, b: Code, x: Code, y: Code): Record<string, Code> => ({ 'node-a': a, 'node-b': b, 'node-x': x, 'node-y': y });
const abc = (a: Code, b: Code, c: Code): Record<string, Code> => ({ 'node-a': a, 'node-b': b, 'node-c': c });
const nodeOnly = (name: string, labels: Record<string, string> = {}, withTaints = false): Node => makeNode(name, { node: name, ...labels }, withTaints ? taints : []);
const inclusionNodes = (yTainted = false): Node[] => [nodeOnly('node-a', { foo: '' }), nodeOnly('node-b', { foo: '' }), nodeOnly('node-x', { foo: '' }), nodeOnly('node-y', {}, yTainted)];
const inclusionPods = (): PodBuilder[] => [p('p-b1', 'node-a', 'foo'), p('p-b2', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')];

const single: [string, PodBuilder, Node[], PodBuilder[], Record<string, Code>][] = [
  ['no existing pods', incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', foo), fourNodes(), [], abxy(S, S, S, S)],
  ["no existing pods, incoming pod doesn't match itself", incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', exists('bar')), fourNodes(), [], abxy(S, S, S, S)],
  [
    'existing pods in a different namespace do not count',
    incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', foo),
    fourNodes(),
    [p('p-a1', 'node-a', 'foo').namespace('ns1'), p('p-b1', 'node-a', 'foo').namespace('ns2'), p('p-x1', 'node-x', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(S, S, U, U),
  ],
  ['existing pods do not match null selector', incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', null), fourNodes(), [p('p-x1', 'node-x', 'foo'), p('p-y1', 'node-y', 'foo')], abxy(S, S, S, S)],
  ['pods spread across zones as 3/3, all nodes fit', incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', foo), fourNodes(), spread2103(), abxy(S, S, S, S)],
  [
    "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
    incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', foo),
    [zn('node-a', 'zone1'), makeNode('node-b', { zon: 'zone1', node: 'node-b' }), zn('node-x', 'zone2'), zn('node-y', 'zone2')],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-x1', 'node-x', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(S, UU, U, U),
  ],
  ["pod cannot be scheduled as all nodes don't have label 'rack'", incoming('foo').spreadConstraint(1, 'rack', 'DoNotSchedule', foo), [zn('node-a', 'zone1'), zn('node-x', 'zone2')], [], { 'node-a': UU, 'node-x': UU }],
  ['pods spread across nodes as 2/1/0/3, only node-x fits', incoming('foo').spreadConstraint(1, 'node', 'DoNotSchedule', foo), fourNodes(), spread2103(), abxy(U, U, S, U)],
  ['pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit', incoming('foo').spreadConstraint(2, 'node', 'DoNotSchedule', foo), fourNodes(), spread2103(), abxy(U, S, S, U)],
  ["pods spread across nodes as 2/1/0/3, but pod doesn't match itself", incoming('bar').spreadConstraint(1, 'node', 'DoNotSchedule', foo), fourNodes(), spread2103(), abxy(U, S, S, U)],
  [
    'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
    incoming('foo').nodeAffinity('node', 'In', ['node-a', 'node-y']).spreadConstraint(1, 'node', 'DoNotSchedule', foo),
    fourNodes(),
    spread2103(),
    abxy(S, S, S, U),
  ],
  [
    'terminating Pods should be excluded',
    incoming('foo').spreadConstraint(1, 'node', 'DoNotSchedule', foo),
    [nodeOnly('node-a'), nodeOnly('node-b')],
    [p('p-a', 'node-a', 'foo').terminating(), p('p-b', 'node-b', 'foo')],
    { 'node-a': S, 'node-b': U },
  ],
  [
    'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
    incoming('foo').nodeAffinity('node', 'NotIn', ['node-b']).spreadConstraint(1, 'zone', 'DoNotSchedule', foo),
    fourNodes(),
    [p('p-b1', 'node-b', 'foo'), p('p-b2', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(S, S, U, U),
  ],
  [
    'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
    incoming('foo').spreadConstraint(2, 'node', 'DoNotSchedule', foo, 4),
    [nodeOnly('node-a'), nodeOnly('node-b'), nodeOnly('node-c')],
    [p('p-a1', 'node-a', 'foo'), p('p-a2', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-b2', 'node-b', 'foo'), p('p-c1', 'node-c', 'foo')],
    abc(U, U, S),
  ],
  [
    'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
    incoming('foo').spreadConstraint(2, 'node', 'DoNotSchedule', foo, 2),
    [nodeOnly('node-a'), nodeOnly('node-b'), nodeOnly('node-c')],
    [p('p-a1', 'node-a', 'foo'), p('p-a2', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-b2', 'node-b', 'foo'), p('p-c1', 'node-c', 'foo')],
    abc(S, S, S),
  ],
  [
    'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
    incoming('foo').spreadConstraint(2, 'zone', 'DoNotSchedule', foo, 3),
    fourNodes(),
    [p('p-b1', 'node-a', 'foo'), p('p-b2', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(U, U, S, S),
  ],
  [
    'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
    incoming('foo').spreadConstraint(2, 'zone', 'DoNotSchedule', foo, 1),
    fourNodes(),
    [p('p-b1', 'node-a', 'foo'), p('p-b2', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(S, S, S, S),
  ],
  ['NodeAffinityPolicy honored with labelSelectors', incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', foo), inclusionNodes(), inclusionPods(), abxy(U, U, S, S)],
  ['NodeAffinityPolicy ignored with labelSelectors', incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, 'Ignore'), inclusionNodes(), inclusionPods(), abxy(U, U, S, U)],
  ['NodeAffinityPolicy honored with nodeAffinity', incoming('foo').nodeAffinity('foo', 'In', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', foo), inclusionNodes(), inclusionPods(), abxy(U, U, S, S)],
  ['NodeAffinityPolicy ignored with nodeAffinity', incoming('foo').nodeAffinity('foo', 'In', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, 'Ignore'), inclusionNodes(), inclusionPods(), abxy(U, U, S, U)],
  ['NodeTaintsPolicy honored', incoming('foo').spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, undefined, 'Honor'), inclusionNodes(true), inclusionPods(), abxy(U, U, S, S)],
  ['NodeTaintsPolicy ignored', incoming('foo').spreadConstraint(1, 'node', 'DoNotSchedule', foo), inclusionNodes(true), inclusionPods(), abxy(U, U, S, U)],
];

for (const [name, pod, nodes, pods, want] of single) {
  test(`TestSingleConstraint: ${name}`, () => assert.equal(codes(pod, nodes, pods), want));
}

const zoneAndNode = (selector2 = foo, labels = ['foo']): PodBuilder => incoming(...labels).spreadConstraint(1, 'zone', 'DoNotSchedule', foo).spreadConstraint(1, 'node', 'DoNotSchedule', selector2);
const zfoo = (name: string, zone: string, fooLabel = true, withTaints = false): Node => makeNode(name, { zone, node: name, ...(fooLabel ? { foo: '' } : {}) }, withTaints ? taints : []);
const multiple: [string, PodBuilder, Node[], PodBuilder[], Record<string, Code>][] = [
  ['two Constraints on zone and node, spreads = [3/3, 2/1/0/3]', zoneAndNode(), fourNodes(), spread2103(), abxy(U, U, S, U)],
  ['two Constraints on zone and node, spreads = [3/4, 2/1/0/4]', zoneAndNode(), fourNodes(), [...spread2103(), p('p-y4', 'node-y', 'foo')], abxy(U, U, U, U)],
  ['Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]', zoneAndNode(bar, ['foo', 'bar']), fourNodes(), [p('p-a1', 'node-a', 'foo'), p('p-y1', 'node-y', 'bar')], abxy(U, U, S, U)],
  ['Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]', zoneAndNode(bar, ['foo', 'bar']), fourNodes(), [p('p-a1', 'node-a', 'foo'), p('p-x1', 'node-x', 'bar'), p('p-y1', 'node-y', 'bar')], abxy(U, U, U, U)],
  [
    'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
    zoneAndNode(bar, ['foo', 'bar']),
    fourNodes(),
    [p('p-a1', 'node-a', 'foo'), p('p-a2', 'node-a', 'foo', 'bar'), p('p-y1', 'node-y', 'foo'), p('p-y2', 'node-y', 'foo', 'bar'), p('p-y3', 'node-y', 'foo')],
    abxy(U, S, U, U),
  ],
  [
    "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
    zoneAndNode(bar, ['bar']),
    fourNodes(),
    [p('p-a1', 'node-a', 'foo'), p('p-x1', 'node-x', 'bar'), p('p-y1', 'node-y', 'bar')],
    abxy(S, S, U, U),
  ],
  [
    "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
    zoneAndNode(),
    [zn('node-a', 'zone1'), zn('node-b', 'zone1'), makeNode('node-x', { zone: 'zone2' }), zn('node-y', 'zone2')],
    [p('p-a1', 'node-a', 'foo'), p('p-y3', 'node-y', 'foo')],
    abxy(U, S, UU, U),
  ],
  [
    'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
    incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', foo).spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, 'Ignore'),
    [zfoo('node-a', 'zone1'), zfoo('node-b', 'zone1'), zfoo('node-x', 'zone2'), zfoo('node-y', 'zone2', false)],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(U, U, S, U),
  ],
  [
    'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
    incoming('foo').spreadConstraint(1, 'zone', 'DoNotSchedule', foo, undefined, undefined, 'Honor').spreadConstraint(1, 'node', 'DoNotSchedule', foo),
    [zfoo('node-a', 'zone1'), zfoo('node-b', 'zone1'), zfoo('node-x', 'zone2'), zfoo('node-y', 'zone2', false, true)],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(U, U, S, U),
  ],
  [
    'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', foo).spreadConstraint(1, 'node', 'DoNotSchedule', foo),
    [zfoo('node-a', 'zone1'), zfoo('node-b', 'zone1', false), zfoo('node-x', 'zone2'), zfoo('node-y', 'zone2', true, true)],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(U, S, S, U),
  ],
  [
    'two node inclusion Constraints, zone: honor/honor, node: ignore/ignore',
    incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', foo, undefined, undefined, 'Honor').spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, 'Ignore'),
    [zfoo('node-a', 'zone1'), zfoo('node-b', 'zone1', false), zfoo('node-x', 'zone2'), zfoo('node-y', 'zone2', true, true)],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-y1', 'node-y', 'foo')],
    abxy(U, U, S, U),
  ],
];

for (const [name, pod, nodes, pods, want] of multiple) {
  test(`TestMultipleConstraints: ${name}`, () => assert.equal(codes(pod, nodes, pods), want));
}

test('reasons and details: the skew in numbers a person can act on; the missing label', () => {
  const nodes = [makeNode('a', { zone: 'us-east-1a' }), makeNode('b', { zone: 'us-east-1b' }), makeNode('c', {})];
  const pods = [1, 2, 3, 4].map((i) => makePod().name(`web-${i}`).label('app', 'web').node('a'));
  const pod = makePod().label('app', 'web').spreadConstraint(1, 'zone', 'DoNotSchedule', { matchLabels: { app: 'web' } });
  const state = prepareTopologySpread(pod.incoming(), cluster(nodes, pods));
  assert.equal([...(state.domains[0] ?? [])], [['us-east-1a', 4], ['us-east-1b', 0]]);
  const skew = filterTopologySpread(state, nodes[0] as Node);
  assert.is(skew?.reason, reasonTopologySpread);
  assert.equal(skew && describeTopologySpreadFailure(skew), ['zone us-east-1a already has 4 pod(s) matching app=web; max skew 1 allows 0 (the least loaded zone has 0; topologySpreadConstraints[0])']);
  const missing = filterTopologySpread(state, nodes[2] as Node);
  assert.is(missing?.reason, reasonTopologySpreadMissingLabel);
  assert.equal(missing && describeTopologySpreadFailure(missing), ['node has no label zone (topologySpreadConstraints[0])']);
});

test('an {} selector counts no existing pod but matches the incoming pod itself; matchLabelKeys narrow it to the pod\'s value', () => {
  const nodes = [makeNode('a', { zone: 'z1' }), makeNode('b', { zone: 'z2' })];
  const pods = [makePod().name('x').labels({ app: 'web', v: '1' }).node('a'), makePod().name('y').labels({ app: 'web', v: '2' }).node('a')];
  const everything = prepareTopologySpread(makePod().label('app', 'web').spreadConstraint(1, 'zone', 'DoNotSchedule', {}).incoming(), cluster(nodes, pods));
  assert.equal([[...(everything.domains[0] ?? [])], everything.selfMatch], [[['z1', 0], ['z2', 0]], [true]]);
  const keyed = prepareTopologySpread(makePod().labels({ app: 'web', v: '1' }).spreadConstraint(1, 'zone', 'DoNotSchedule', {}, undefined, undefined, undefined, ['v']).incoming(), cluster(nodes, pods));
  assert.equal([...(keyed.domains[0] ?? [])], [['z1', 1], ['z2', 0]]);
});

test('a selector that does not parse fails PreFilter with an error for every node', () => {
  const pod = makePod().spreadConstraint(1, 'zone', 'DoNotSchedule', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] });
  const state = prepareTopologySpread(pod.incoming(), cluster([makeNode('a', { zone: 'z' })]));
  assert.equal(filterTopologySpread(state, makeNode('a', { zone: 'z' })), {
    kind: 'error',
    code: 'Error',
    reason: `get constraints from pod: obtaining pod's hard topology spread constraints: "Gt" is not a valid label selector operator`,
  });
});

test.run();
