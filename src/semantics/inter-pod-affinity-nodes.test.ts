/**
 * InterPodAffinity over several nodes, ported from kube-scheduler v1.35 interpodaffinity
 * filtering_test.go: TestRequiredAffinityMultipleNodes, TestGetTPMapMatchingIncomingAffinityAntiAffinity
 * and the counts TestPreFilterStateAddRemovePod expects once a pod is added; plus the
 * explanations and the not-evaluated namespaceSelector.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Node } from '../model/types.js';
import { cluster, makeNode, makePod, namespace, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { describePodAffinityFailure } from './inter-pod-affinity-explain.js';
import { filterPodAffinity, preparePodAffinity, reasonExistingPodsAntiAffinity as existing, reasonPodAffinityRules as affinity, reasonPodAntiAffinityRules as anti } from './inter-pod-affinity-filter.js';
import type { TopologyCounts } from './topology-counts.js';

function run(pod: PodBuilder, pods: PodBuilder[], nodes: Node[]): (string | undefined)[] | 'skip' {
  const state = preparePodAffinity(pod.incoming(), cluster(nodes, pods, { namespaces: [namespace('NS1')] }));
  return state.skip ? 'skip' : nodes.map((node) => filterPodAffinity(state, node)?.reason);
}

const china = { region: 'China' };
const chinaAz1 = { region: 'China', az: 'az1' };
const india = { region: 'India' };
const rz = (name: string, zone: string, region = 'r1'): Node => makeNode(name, { region, zone, hostname: name });

const cases: [string, PodBuilder, PodBuilder[], Node[], (string | undefined)[] | 'skip'][] = [
  [
    'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
    makePod().podAffinityIn('foo', 'region', ['bar'], 'required'),
    [makePod().name('p1').node('node1').labels({ foo: 'bar' })],
    [makeNode('node1', china), makeNode('node2', chinaAz1), makeNode('node3', india)],
    [undefined, undefined, affinity],
  ],
  [
    "The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
    makePod().labels({ foo: 'bar', service: 'securityscan' }).podAffinityIn('foo', 'zone', ['bar'], 'required').podAffinityIn('service', 'zone', ['securityscan'], 'required'),
    [makePod().name('p1').node('nodeA').labels({ foo: 'bar' })],
    [makeNode('nodeA', { zone: 'az1', hostname: 'h1' }), makeNode('nodeB', { zone: 'az2', hostname: 'h2' })],
    [undefined, undefined],
  ],
  [
    'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
    makePod().labels({ foo: 'bar', service: 'securityscan' }).podAffinityIn('foo', 'zone', ['bar'], 'required').podAffinityIn('service', 'zone', ['securityscan'], 'required'),
    [makePod().name('p1').node('nodeA').labels({ foo: 'bar' })],
    [makeNode('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), makeNode('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
    [affinity, affinity],
  ],
  [
    'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
    makePod().podAntiAffinityIn('foo', 'region', ['abc'], 'required'),
    [makePod().node('nodeA').labels({ foo: 'abc' })],
    [makeNode('nodeA', { region: 'r1', hostname: 'nodeA' }), makeNode('nodeB', { region: 'r1', hostname: 'nodeB' })],
    [anti, anti],
  ],
  [
    'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
    makePod().podAntiAffinityIn('foo', 'region', ['abc'], 'required').podAntiAffinityIn('service', 'zone', ['securityscan'], 'required'),
    [makePod().node('nodeA').labels({ foo: 'abc', service: 'securityscan' })],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [anti, anti],
  ],
  [
    'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
    makePod().podAntiAffinityIn('foo', 'region', ['abc'], 'required'),
    [makePod().node('nodeA').labels({ foo: 'abc' })],
    [makeNode('nodeA', china), makeNode('nodeB', chinaAz1), makeNode('nodeC', india)],
    [anti, anti, undefined],
  ],
  [
    'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)',
    makePod().namespace('NS1').labels({ foo: '123' }).podAntiAffinityIn('foo', 'region', ['bar'], 'required'),
    [makePod().node('nodeA').namespace('NS1').labels({ foo: 'bar' }), makePod().node('nodeC').namespace('NS2').podAntiAffinityIn('foo', 'region', ['123'], 'required')],
    [makeNode('nodeA', china), makeNode('nodeB', chinaAz1), makeNode('nodeC', india)],
    [anti, anti, undefined],
  ],
  [
    "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
    makePod().label('foo', ''),
    [makePod().node('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', 'required')],
    [rz('nodeA', 'z1'), rz('nodeB', 'z1')],
    'skip',
  ],
  [
    "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
    makePod().node('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', 'required'),
    [makePod().node('nodeA').labels({ foo: '' })],
    [rz('nodeA', 'z1'), rz('nodeB', 'z1')],
    [undefined, undefined],
  ],
  [
    "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
    makePod().label('foo', '').label('bar', ''),
    [makePod().node('nodeA').podAntiAffinityExists('foo', 'zone', 'required'), makePod().node('nodeA').podAntiAffinityExists('bar', 'region', 'required')],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [existing, existing],
  ],
  [
    "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
    makePod().podAntiAffinityExists('foo', 'zone', 'required').podAntiAffinityExists('bar', 'region', 'required'),
    [makePod().node('nodeA').labels({ foo: '' }), makePod().node('nodeB').labels({ bar: '' })],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [anti, anti],
  ],
  [
    "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
    makePod().label('foo', '').label('bar', ''),
    [makePod().node('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', 'required').podAntiAffinityExists('bar', 'zone', 'required')],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [existing, undefined],
  ],
  [
    "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
    makePod().podAntiAffinityExists('foo', 'invalid-node-label', 'required').podAntiAffinityExists('bar', 'zone', 'required'),
    [makePod().name('podA').node('nodeA').labels({ foo: '', bar: '' })],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [anti, undefined],
  ],
  [
    "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
    makePod().label('foo', '').label('bar', ''),
    [makePod().node('nodeA').podAntiAffinityExists('foo', 'region', 'required').podAntiAffinityExists('bar', 'zone', 'required')],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [existing, existing],
  ],
  [
    "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
    makePod().podAntiAffinityExists('foo', 'region', 'required').podAntiAffinityExists('bar', 'zone', 'required'),
    [makePod().node('nodeA').labels({ foo: '', bar: '' })],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [anti, anti],
  ],
  [
    "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
    makePod().label('foo', '').label('bar', ''),
    [
      makePod().node('nodeA').podAntiAffinityExists('foo', 'zone', 'required').podAntiAffinityExists('labelA', 'zone', 'required'),
      makePod().node('nodeB').podAntiAffinityExists('bar', 'zone', 'required').podAntiAffinityExists('labelB', 'zone', 'required'),
    ],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2'), rz('nodeC', 'z3')],
    [existing, existing, undefined],
  ],
  [
    "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
    makePod().podAffinityExists('foo', 'region', 'required').podAffinityExists('bar', 'zone', 'required'),
    [makePod().name('pod1').labels({ foo: '', bar: '' }).node('nodeA')],
    [rz('nodeA', 'z1'), rz('nodeB', 'z1')],
    [undefined, undefined],
  ],
  [
    "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
    makePod().podAffinityExists('foo', 'region', 'required').podAffinityExists('bar', 'zone', 'required'),
    [makePod().node('nodeA').name('pod1').labels({ foo: '' }), makePod().node('nodeB').name('pod2').labels({ bar: '' })],
    [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
    [affinity, affinity],
  ],
];

for (const [name, pod, pods, nodes, want] of cases) {
  test(`TestRequiredAffinityMultipleNodes: ${name}`, () => assert.equal(run(pod, pods, nodes), want));
}

/** The counts as plain `key=value: n` entries, for comparison with upstream's maps. */
function flat(counts: TopologyCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, values] of counts) for (const [value, domain] of values) out[`${key}=${value}`] = domain.count;
  return out;
}

const nodeA = makeNode('nodeA', { hostname: 'nodeA' });
const normal = (...labels: string[]): PodBuilder => makePod().name('normal').node('nodeA').labels(Object.fromEntries(labels.map((l) => [l, ''])));
const incomingCases: [string, PodBuilder[], PodBuilder, Record<string, number>, Record<string, number>][] = [
  ['nil test', [], makePod().name('aaa-normal'), {}, {}],
  ["incoming pod without affinity/anti-affinity causes a no-op", [normal('aaa')], makePod().name('aaa-normal'), {}, {}],
  ["no pod has label that violates incoming pod's affinity and anti-affinity", [normal('bbb')], makePod().podAffinityExists('aaa', 'hostname', 'required').podAntiAffinityExists('aaa', 'hostname', 'required'), {}, {}],
  ["existing pod matches incoming pod's affinity and anti-affinity - single term case", [normal('aaa')], makePod().podAffinityExists('aaa', 'hostname', 'required').podAntiAffinityExists('aaa', 'hostname', 'required'), { 'hostname=nodeA': 1 }, { 'hostname=nodeA': 1 }],
  [
    "existing pod matches incoming pod's affinity and anti-affinity - multiple terms case",
    [normal('aaa', 'bbb')],
    makePod().podAffinityExists('aaa', 'hostname', 'required').podAffinityExists('bbb', 'hostname', 'required').podAntiAffinityExists('aaa', 'hostname', 'required'),
    { 'hostname=nodeA': 2 },
    { 'hostname=nodeA': 1 },
  ],
  [
    "existing pod not match incoming pod's affinity but matches anti-affinity",
    [normal('aaa')],
    makePod().podAffinityExists('aaa', 'hostname', 'required').podAffinityExists('bbb', 'hostname', 'required').podAntiAffinityExists('aaa', 'hostname', 'required').podAntiAffinityExists('bbb', 'hostname', 'required'),
    {},
    { 'hostname=nodeA': 1 },
  ],
  [
    "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1",
    [normal('aaa', 'bbb')],
    makePod().podAffinityExists('aaa', 'hostname', 'required').podAffinityExists('ccc', 'hostname', 'required').podAntiAffinityExists('aaa', 'hostname', 'required').podAntiAffinityExists('ccc', 'hostname', 'required'),
    {},
    { 'hostname=nodeA': 1 },
  ],
];

for (const [name, pods, pod, wantAffinity, wantAnti] of incomingCases) {
  test(`TestGetTPMapMatchingIncomingAffinityAntiAffinity: ${name}`, () => {
    const state = preparePodAffinity(pod.incoming(), cluster([nodeA], pods));
    assert.equal([flat(state.affinityCounts), flat(state.antiAffinityCounts)], [wantAffinity, wantAnti]);
  });
}

test('TestPreFilterStateAddRemovePod: counts with the added pod (anti-affinity terms updated correctly after adding a pod)', () => {
  const nodes = [makeNode('nodeA', { region: 'r1', zone: 'z11' }), makeNode('nodeB', { region: 'r1', zone: 'z12' }), makeNode('nodeC', { region: 'r2', zone: 'z21' })];
  const complex = (b: PodBuilder, anti: boolean): PodBuilder =>
    b.term(anti, 'required', { labelSelector: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'buzz'] }] }, topologyKey: 'region' })
      .term(anti, 'required', { labelSelector: { matchExpressions: [{ key: 'service', operator: 'NotIn', values: ['bar', 'security', 'test'] }] }, topologyKey: 'zone' });
  const p1 = makePod().name('p1').labels({ foo: 'bar' }).node('nodeA');
  const p2 = (): PodBuilder => makePod().name('p2').node('nodeC').podAntiAffinityIn('foo', 'region', ['bar'], 'required');
  const fooBar = makePod().name('pending').labels({ foo: 'bar' }).podAntiAffinityIn('foo', 'region', ['bar'], 'required');
  const added = makePod().name('addedPod').labels({ foo: 'bar' }).node('nodeB').podAntiAffinityIn('foo', 'region', ['bar'], 'required');
  assert.equal(flat(preparePodAffinity(fooBar.incoming(), cluster(nodes, [p1, p2(), added])).antiAffinityCounts), { 'region=r1': 2 });
  const pendingComplex = complex(makePod().name('pending').labels({ foo: 'bar' }), true);
  const addedComplex = complex(makePod().name('addedPod').labels({ foo: 'bar' }).node('nodeA'), true);
  assert.equal(flat(preparePodAffinity(pendingComplex.incoming(), cluster(nodes, [p1, p2(), addedComplex])).antiAffinityCounts), { 'region=r1': 2, 'zone=z11': 2, 'zone=z21': 1 });
  const pendingAffinity = complex(makePod().name('pending').labels({ foo: 'bar' }), false);
  const p2Both = complex(p2(), false);
  const state = preparePodAffinity(pendingAffinity.incoming(), cluster(nodes, [p1, p2Both, addedComplex]));
  assert.equal([flat(state.antiAffinityCounts), flat(state.affinityCounts)], [{}, { 'region=r1': 2, 'zone=z11': 2 }]);
});

test('explanations name the term, the domain and the pods', () => {
  const nodes = [rz('a', 'z1'), rz('b', 'z2')];
  const pods = [1, 2, 3, 4].map((i) => makePod().name(`web-${i}`).namespace('shop').label('app', 'web').node('a'));
  const antiPod = makePod().namespace('shop').label('app', 'web').podAntiAffinityIn('app', 'zone', ['web'], 'required');
  const state = preparePodAffinity(antiPod.incoming(), cluster(nodes, pods));
  const failure = filterPodAffinity(state, nodes[0] as Node);
  assert.ok(failure);
  assert.equal(describePodAffinityFailure(state, failure), [
    "zone=z1 already runs pod(s) matching the pod's required anti-affinity: shop/web-1, shop/web-2, shop/web-3 (+1 more); required pod anti-affinity term 0 (app in (web) in namespace shop, topologyKey zone)",
  ]);
  const withAffinity = makePod().namespace('shop').label('app', 'api').podAffinityIn('app', 'zone', ['web'], 'required');
  const affinityState = preparePodAffinity(withAffinity.incoming(), cluster(nodes, pods));
  const missing = filterPodAffinity(affinityState, nodes[1] as Node);
  assert.ok(missing);
  assert.equal(describePodAffinityFailure(affinityState, missing), [
    'no pod matching all required pod affinity terms runs in zone=z2: required pod affinity term 0 (app in (web) in namespace shop, topologyKey zone); matching pods run in zone=z1',
  ]);
});

test('a namespaceSelector without Namespace objects is reported as not evaluated, never guessed', () => {
  const pod = makePod().namespace('a').term(true, 'required', { labelSelector: { matchLabels: { app: 'x' } }, namespaceSelector: { matchLabels: { team: 't' } }, topologyKey: 'zone' });
  const state = preparePodAffinity(pod.incoming(), cluster([rz('n', 'z1')], [makePod().namespace('b').label('app', 'x').node('n')]));
  assert.equal(state.notEvaluated, [
    {
      field: 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector',
      what: 'pod affinity namespaceSelector (InterPodAffinity): Namespace objects were not supplied; only the listed namespaces were considered',
    },
  ]);
  const everywhere = makePod().namespace('a').term(true, 'required', { labelSelector: { matchLabels: { app: 'x' } }, namespaceSelector: {}, topologyKey: 'zone' });
  assert.equal(preparePodAffinity(everywhere.incoming(), cluster([rz('n', 'z1')], [])).notEvaluated, [], '{} needs no Namespace objects');
});

test('matchLabelKeys: the pod is placed as the API server admits it (the key becomes a requirement on its own value)', () => {
  const nodes = [rz('a', 'z1'), rz('b', 'z2')];
  const pods = [makePod().name('old').labels({ app: 'web', 'pod-template-hash': 'v1' }).node('a'), makePod().name('new').labels({ app: 'web', 'pod-template-hash': 'v2' }).node('b')];
  const pod = makePod().labels({ app: 'web', 'pod-template-hash': 'v2' }).term(true, 'required', { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone', matchLabelKeys: ['pod-template-hash'] });
  assert.equal(run(pod, pods, nodes), [undefined, anti]);
});

test('v1.35 counts kubernetes.io/hostname by label value like any key (v1.36 added a per-node fast path): two nodes sharing a hostname value share a domain', () => {
  const host = 'kubernetes.io/hostname';
  const nodes = [makeNode('a', { [host]: 'shared' }), makeNode('b', { [host]: 'shared' }), makeNode('c', {})];
  const web = makePod().name('web-1').label('app', 'web').node('a');
  assert.equal(run(makePod().label('app', 'web').podAntiAffinityIn('app', host, ['web'], 'required'), [web], nodes), [anti, anti, undefined]);
  const guard = makePod().name('guard').node('a').podAntiAffinityIn('app', host, ['web'], 'required');
  assert.equal(run(makePod().label('app', 'web'), [guard], nodes), [existing, existing, undefined]);
});

test.run();
