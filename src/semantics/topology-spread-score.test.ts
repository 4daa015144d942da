/**
 * PodTopologySpread scoring, ported from kube-scheduler v1.35 podtopologyspread/scoring_test.go
 * TestPodTopologySpreadScore (system defaulting, as the default profile), with the node inclusion
 * policies and matchLabelKeys on as v1.35 ships them; plus the default selector of
 * helper.DefaultSelector. Expected lists are the normalized scores of the feasible nodes in order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SelectingObject } from '../model/pod-affinity-types.js';
import type { Node } from '../model/types.js';
import { cluster, exists, makeNode, makePod, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { defaultSpreadSelector } from './default-spread-selector.js';
import { describeSelector } from './label-selector.js';
import { scoreTopologySpread } from './topology-spread-score.js';

const host = 'kubernetes.io/hostname';
const foo = exists('foo');
const bar = exists('bar');
const taints = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }];

function scores(pod: PodBuilder, nodes: Node[], failed: Node[], pods: PodBuilder[], selectingObjects?: SelectingObject[]): number[] | string {
  const result = scoreTopologySpread(pod.incoming(), cluster([...nodes, ...failed], pods, selectingObjects ? { selectingObjects } : {}), nodes);
  return result.status === 'scored' ? nodes.map((n) => result.normalized.get(n.name) ?? -1) : result.status;
}

const p = (name: string, node: string, ...labels: string[]): PodBuilder => makePod().name(name).node(node).labels(Object.fromEntries(labels.map((l) => [l, ''])));
const incoming = (...labels: string[]): PodBuilder => makePod().name('p').labels(Object.fromEntries(labels.map((l) => [l, ''])));
const hn = (name: string, extra: Record<string, string> = {}): Node => makeNode(name, { [host]: name, ...extra });
const zh = (name: string, zone: string): Node => hn(name, { zone });
const pods = (spec: Record<string, number>, label = 'foo'): PodBuilder[] =>
  Object.entries(spec).flatMap(([node, n]) => Array.from({ length: n }, (_, i) => p(`p-${node.slice(-1)}${i + 1}`, node, label)));
const abcd = (): Node[] => ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => hn(n));

const cases: [string, PodBuilder, Node[], Node[], PodBuilder[], number[] | string, SelectingObject[]?][] = [
  ['one constraint on node, no existing pods', incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo), [hn('node-a'), hn('node-b')], [], [], [100, 100]],
  ['one constraint on node, only one node is candidate', incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo), [hn('node-a')], [hn('node-b')], pods({ 'node-a': 2, 'node-b': 1 }), [100]],
  ['one constraint on node, all nodes have the same number of matching pods', incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo), [hn('node-a'), hn('node-b')], [], pods({ 'node-a': 1, 'node-b': 1 }), [100, 100]],
  ['one constraint on node, all 4 nodes are candidates', incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo), abcd(), [], pods({ 'node-a': 2, 'node-b': 1, 'node-d': 3 }), [20, 60, 100, 0]],
  ['one constraint on node, null selector', incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', null), abcd(), [], pods({ 'node-a': 2, 'node-b': 1, 'node-d': 3 }), [100, 100, 100, 100]],
  ['one constraint on node, all 4 nodes are candidates, maxSkew=2', incoming('foo').spreadConstraint(2, host, 'ScheduleAnyway', foo), abcd(), [], pods({ 'node-a': 2, 'node-b': 1, 'node-d': 3 }), [33, 66, 100, 16]],
  ['one constraint on node, all 4 nodes are candidates, maxSkew=3', incoming('foo').spreadConstraint(3, host, 'ScheduleAnyway', foo), abcd(), [], pods({ 'node-a': 4, 'node-b': 3, 'node-c': 2, 'node-d': 1 }), [44, 66, 77, 100]],
  [
    "system defaulting, nodes don't have zone, pods match service",
    incoming('foo'),
    abcd(),
    [],
    pods({ 'node-a': 4, 'node-b': 3, 'node-c': 2, 'node-d': 1 }),
    [44, 66, 77, 100],
    [{ kind: 'Service', namespace: '', name: 'svc', selectorMap: new Map([['foo', '']]) }],
  ],
  ['one constraint on node, 3 out of 4 nodes are candidates', incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo), [hn('node-a'), hn('node-b'), hn('node-x')], [hn('node-y')], pods({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 }), [33, 83, 100]],
  [
    "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
    incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo),
    [hn('node-a'), makeNode('node-b', { n: 'node-b' }), hn('node-x')],
    [hn('node-y')],
    pods({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 }),
    [16, 0, 100],
  ],
  [
    'one constraint on zone, 3 out of 4 nodes are candidates',
    incoming('foo').spreadConstraint(1, 'zone', 'ScheduleAnyway', foo),
    [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2')],
    [zh('node-y', 'zone2')],
    pods({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 }),
    [75, 75, 100],
  ],
  [
    'two Constraints on zone and node, 2 out of 4 nodes are candidates',
    incoming('foo').spreadConstraint(1, 'zone', 'ScheduleAnyway', foo).spreadConstraint(1, host, 'ScheduleAnyway', foo),
    [zh('node-a', 'zone1'), zh('node-x', 'zone2')],
    [zh('node-b', 'zone1'), zh('node-y', 'zone2')],
    pods({ 'node-a': 2, 'node-b': 1, 'node-x': 2, 'node-y': 4 }),
    [100, 63],
  ],
];

const fourZoned = (): Node[] => [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2'), zh('node-y', 'zone2')];
cases.push(
  [
    'two Constraints on zone and node, with different labelSelectors',
    incoming('foo', 'bar').spreadConstraint(1, 'zone', 'ScheduleAnyway', foo).spreadConstraint(1, host, 'ScheduleAnyway', bar),
    fourZoned(),
    [],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo', 'bar'), p('p-y1', 'node-y', 'foo'), p('p-y2', 'node-y', 'bar')],
    [60, 20, 100, 60],
  ],
  [
    'two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods',
    incoming('foo', 'bar').spreadConstraint(1, 'zone', 'ScheduleAnyway', foo).spreadConstraint(1, host, 'ScheduleAnyway', bar),
    fourZoned(),
    [],
    [p('p-b1', 'node-b', 'bar'), p('p-x1', 'node-x', 'foo'), p('p-y1', 'node-y', 'foo', 'bar')],
    [100, 60, 40, 0],
  ],
  [
    'two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates',
    incoming('foo', 'bar').spreadConstraint(1, 'zone', 'ScheduleAnyway', foo).spreadConstraint(1, host, 'ScheduleAnyway', bar),
    [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2')],
    [zh('node-y', 'zone2')],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo', 'bar'), p('p-y1', 'node-y', 'foo'), p('p-y2', 'node-y', 'bar')],
    [50, 25, 100],
  ],
  [
    'existing pods in a different namespace do not count',
    incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo),
    [hn('node-a'), hn('node-b')],
    [],
    [p('p-a1', 'node-a', 'foo').namespace('ns1'), p('p-a2', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo'), p('p-b2', 'node-b', 'foo')],
    [100, 33],
  ],
  ['terminating Pods should be excluded', incoming('foo').spreadConstraint(1, host, 'ScheduleAnyway', foo), [hn('node-a'), hn('node-b')], [], [p('p-a', 'node-a', 'foo').terminating(), p('p-b', 'node-b', 'foo')], [100, 0]],
  [
    'minDomains has no effect when ScheduleAnyway',
    incoming('foo').spreadConstraint(2, 'node', 'ScheduleAnyway', foo, 10),
    ['node-a', 'node-b', 'node-c'].map((n) => makeNode(n, { node: n })),
    [],
    pods({ 'node-a': 2, 'node-b': 2, 'node-c': 1 }),
    [75, 75, 100],
  ],
);

const inclusionPods = (): PodBuilder[] => pods({ 'node-a': 2, 'node-b': 1, 'node-c': 1 });
const nodeFoo = (tainted = false): Node[] => [makeNode('node-a', { node: 'node-a', foo: '' }), makeNode('node-b', { node: 'node-b', foo: '' }), makeNode('node-c', { node: 'node-c' }, tainted ? taints : [])];
const plain = (tainted = false): Node[] => [makeNode('node-a', { node: 'node-a' }), makeNode('node-b', { node: 'node-b' }), makeNode('node-c', { node: 'node-c' }, tainted ? taints : [])];
cases.push(
  ['NodeAffinityPolicy honoed with labelSelectors', incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', foo), nodeFoo(), [], inclusionPods(), [0, 33, 100]],
  ['NodeAffinityPolicy ignored with labelSelectors', incoming('foo').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', foo, undefined, 'Ignore'), nodeFoo(), [], inclusionPods(), [66, 100, 100]],
  ['NodeAffinityPolicy honoed with nodeAffinity', incoming('foo').nodeAffinity('foo', 'In', ['']).spreadConstraint(1, 'node', 'ScheduleAnyway', foo), nodeFoo(), [], inclusionPods(), [0, 33, 100]],
  ['NodeAffinityPolicy ignored with nodeAffinity', incoming('foo').nodeAffinity('foo', 'In', ['']).spreadConstraint(1, 'node', 'ScheduleAnyway', foo, undefined, 'Ignore'), nodeFoo(), [], inclusionPods(), [66, 100, 100]],
  ['NodeTaintsPolicy honored', incoming('foo').spreadConstraint(1, 'node', 'ScheduleAnyway', foo, undefined, undefined, 'Honor'), plain(true), [], inclusionPods(), [0, 33, 100]],
  ['NodeTaintsPolicy ignored', incoming('foo').spreadConstraint(1, 'node', 'ScheduleAnyway', foo), plain(true), [], inclusionPods(), [66, 100, 100]],
  [
    'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
    incoming('foo', 'bar').spreadConstraint(1, 'zone', 'ScheduleAnyway', {}, undefined, undefined, undefined, ['foo']).spreadConstraint(1, host, 'ScheduleAnyway', {}, undefined, undefined, undefined, ['bar']),
    [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-c', 'zone2'), zh('node-d', 'zone2')],
    [],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo', 'bar'), p('p-y1', 'node-c', 'foo'), p('p-y2', 'node-c', 'bar')],
    [60, 20, 60, 100],
  ],
  [
    "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
    incoming('foo', 'bar', 'baz').spreadConstraint(1, 'zone', 'ScheduleAnyway', foo).spreadConstraint(1, host, 'ScheduleAnyway', bar, undefined, undefined, undefined, ['baz']),
    [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-c', 'zone2'), zh('node-d', 'zone2')],
    [],
    [p('p-a1', 'node-a', 'foo'), p('p-b1', 'node-b', 'foo', 'bar', 'baz'), p('p-c1', 'node-c', 'foo'), p('p-c2', 'node-c', 'bar'), p('p-d3', 'node-c', 'bar', 'baz')],
    [60, 20, 60, 100],
  ],
);

for (const [name, pod, nodes, failed, existing, want, objects] of cases) {
  test(`TestPodTopologySpreadScore: ${name}`, () => assert.equal(scores(pod, nodes, failed, existing, objects), want));
}

test('system defaults: skipped without selecting objects, and the missing Services are reported', () => {
  const result = scoreTopologySpread(incoming('foo').incoming(), cluster(abcd(), pods({ 'node-a': 1 })), abcd());
  assert.is(result.status, 'skip');
  assert.equal(result.status === 'skip' ? result.notEvaluated.map((n) => n.what) : [], ['Services were not supplied: their selectors are not part of the default spreading selector']);
  assert.is(scores(incoming('foo').spreadConstraint(1, host, 'DoNotSchedule', foo), abcd(), [], []), 'skip', 'a pod with constraints of its own gets no defaults');
});

test('DefaultSelector: services in the namespace that select the pod, plus its controller (RC labels merged, RS/SS requirements added)', () => {
  const labels = new Map([['app', 'web'], ['tier', 'front']]);
  const base = { namespace: 'shop', labels, placement: makePod().incoming().placement, specPath: 'spec.', controllerAddedLabels: [] };
  const objects: SelectingObject[] = [
    { kind: 'Service', namespace: 'shop', name: 'web', selectorMap: new Map([['app', 'web']]) },
    { kind: 'Service', namespace: 'shop', name: 'nil', selectorMap: undefined },
    { kind: 'Service', namespace: 'other', name: 'web', selectorMap: new Map([['tier', 'front']]) },
    { kind: 'ReplicaSet', namespace: 'shop', name: 'web-1', selector: { matchLabels: new Map([['tier', 'front']]), isEmptyObject: false } },
  ];
  const viaRef = defaultSpreadSelector({ ...base, controller: { ref: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1' } } }, objects);
  assert.equal([describeSelector(viaRef.selector), viaRef.caveats], ['app=web,tier=front', []]);
  const wrongGroup = defaultSpreadSelector({ ...base, controller: { ref: { apiVersion: 'extensions/v1beta1', kind: 'ReplicaSet', name: 'web-1' } } }, objects);
  assert.is(describeSelector(wrongGroup.selector), 'app=web');
  const deployment = defaultSpreadSelector({ ...base, controller: { object: { kind: 'ReplicaSet', namespace: 'shop', name: 'web', selector: { matchLabels: new Map([['app', 'web']]), isEmptyObject: false } }, unknownRequirement: 'pod-template-hash' } }, []);
  assert.equal(deployment.caveats, ["the pods' ReplicaSet also selects pod-template-hash=<value set per revision>, which a template cannot show; spreading counts pods of every revision"]);
});

test.run();
