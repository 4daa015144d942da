/**
 * InterPodAffinity PreFilter and Filter, ported from kube-scheduler v1.35
 * pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go: TestRequiredAffinitySingleNode,
 * TestRequiredAffinityMultipleNodes, TestGetTPMapMatchingIncomingAffinityAntiAffinity and the
 * expected counts of TestPreFilterStateAddRemovePod. Each test names the upstream case.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { cluster, makeNode, makePod, namespace, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { filterPodAffinity, preparePodAffinity, reasonExistingPodsAntiAffinity as existing, reasonPodAffinityRules as affinity, reasonPodAntiAffinityRules as anti } from './inter-pod-affinity-filter.js';

const teamNamespaces = [
  namespace('subteam1.team1', { team: 'team1' }),
  namespace('subteam2.team1', { team: 'team1' }),
  namespace('subteam1.team2', { team: 'team2' }),
  namespace('subteam2.team2', { team: 'team2' }),
];

/** Runs PreFilter then Filter on every node; `skip` when PreFilter returns Skip. */
function run(pod: PodBuilder, pods: PodBuilder[], nodes: Node[], namespaces = teamNamespaces): (string | undefined)[] | 'skip' {
  const state = preparePodAffinity(pod.incoming(), cluster(nodes, pods, { namespaces }));
  if (state.skip) return 'skip';
  return nodes.map((node) => filterPodAffinity(state, node)?.reason);
}

const podLabel = { service: 'securityscan' };
const podLabel2 = { security: 'S1' };
const node1 = makeNode('node1', { region: 'r1', zone: 'z11' });
const existingPod = (): PodBuilder => makePod().labels(podLabel).node('node1');
const serviceIn = (values: string[]): JsonObject => ({ matchExpressions: [{ key: 'service', operator: 'In', values }] });

const single: [string, PodBuilder, PodBuilder[], (string | undefined) | 'skip'][] = [
  ['A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods', makePod(), [], 'skip'],
  ['satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod', makePod().labels(podLabel2).podAffinityIn('service', 'region', ['securityscan', 'value2'], 'required'), [existingPod()], undefined],
  ['satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod', makePod().labels(podLabel2).podAffinityNotIn('service', 'region', ['securityscan3', 'value3'], 'required'), [existingPod()], undefined],
  ['Does not satisfy the PodAffinity with labelSelector because of diff Namespace', makePod().labels(podLabel2).term(false, 'required', { labelSelector: serviceIn(['securityscan', 'value2']), namespaces: ['DiffNameSpace'] }), [makePod().namespace('ns').label('service', 'securityscan').node('node1')], affinity],
  ["Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod", makePod().labels(podLabel).podAffinityIn('service', '', ['antivirusscan', 'value2'], 'required'), [existingPod()], affinity],
  [
    'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution',
    makePod()
      .labels(podLabel2)
      .term(false, 'required', { labelSelector: { matchExpressions: [{ key: 'service', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, topologyKey: 'region' })
      .term(false, 'required', { labelSelector: { matchExpressions: [{ key: 'service', operator: 'In', values: ['securityscan'] }, { key: 'service', operator: 'NotIn', values: ['WrongValue'] }] }, topologyKey: 'region' }),
    [existingPod()],
    undefined,
  ],
  [
    "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
    makePod()
      .labels(podLabel2)
      .term(false, 'required', { labelSelector: { matchExpressions: [{ key: 'service', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, topologyKey: 'region' })
      .term(false, 'required', { labelSelector: { matchExpressions: [{ key: 'service', operator: 'In', values: ['securityscan2'] }, { key: 'service', operator: 'NotIn', values: ['WrongValue'] }] }, topologyKey: 'region' }),
    [existingPod()],
    affinity,
  ],
  ['satisfies the PodAffinity and PodAntiAffinity with the existing pod', makePod().labels(podLabel2).podAffinityIn('service', 'region', ['securityscan', 'value2'], 'required').podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], 'required'), [existingPod()], undefined],
  [
    'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
    makePod().labels(podLabel2).podAffinityIn('service', 'region', ['securityscan', 'value2'], 'required').podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], 'required'),
    [existingPod().podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], 'required')],
    undefined,
  ],
  ["satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod", makePod().labels(podLabel2).podAffinityIn('service', 'region', ['securityscan', 'value2'], 'required').podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], 'required'), [existingPod()], anti],
  [
    "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
    makePod().labels(podLabel).podAffinityIn('service', 'region', ['securityscan', 'value2'], 'required').podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], 'required'),
    [existingPod().podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], 'required')],
    existing,
  ],
  ["pod matches its own Label in PodAffinity and that matches the existing pod Labels", makePod().labels(podLabel).podAffinityNotIn('service', 'region', ['securityscan', 'value2'], 'required'), [makePod().label('service', 'securityscan').node('node2')], affinity],
  [
    "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
    makePod().labels(podLabel),
    [existingPod().podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], 'required')],
    existing,
  ],
  [
    'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
    makePod().labels(podLabel),
    [existingPod().podAntiAffinityNotIn('service', 'zone', ['securityscan', 'value2'], 'required')],
    'skip',
  ],
  [
    "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
    makePod().labels(podLabel).podAntiAffinityExists('service', 'region', 'required').podAntiAffinityExists('security', 'region', 'required'),
    [makePod().node('node1').labels(podLabel2).podAntiAffinityExists('security', 'zone', 'required')],
    anti,
  ],
  [
    'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
    makePod().labels(podLabel).podAntiAffinityExists('service', 'zone', 'required').podAntiAffinityExists('security', 'zone', 'required'),
    [makePod().node('node1').labels(podLabel2).podAntiAffinityExists('security', 'zone', 'required')],
    anti,
  ],
  [
    'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
    makePod().labels(podLabel2).podAntiAffinityExists('security', 'zone', 'required'),
    [makePod().node('node1').labels(podLabel).podAntiAffinityExists('service', 'zone', 'required').podAntiAffinityExists('security', 'zone', 'required')],
    existing,
  ],
  [
    'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
    makePod().labels({ abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', 'required').podAntiAffinityExists('def', 'zone', 'required'),
    [makePod().node('node1').labels({ def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', 'required').podAntiAffinityExists('def', 'zone', 'required')],
    anti,
  ],
  [
    'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
    makePod().labels({ def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', 'required').podAntiAffinityExists('def', 'zone', 'required'),
    [makePod().node('node1').labels({ abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', 'required').podAntiAffinityExists('def', 'zone', 'required')],
    anti,
  ],
];

const teamSelector = { matchExpressions: [{ key: 'team', operator: 'In', values: ['team1'] }] };
const nsPod = (ns: string): PodBuilder => makePod().namespace(ns).labels(podLabel).node('node1');
single.push(
  ['affinity with NamespaceSelector', makePod().labels(podLabel2).term(false, 'required', { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: teamSelector, topologyKey: 'region' }), [nsPod('subteam1.team1')], undefined],
  ['affinity with non-matching NamespaceSelector', makePod().labels(podLabel2).term(false, 'required', { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: teamSelector, topologyKey: 'region' }), [nsPod('subteam1.team2')], affinity],
  ['anti-affinity with matching NamespaceSelector', makePod().namespace('subteam1.team1').labels(podLabel2).term(true, 'required', { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: teamSelector, topologyKey: 'zone' }), [nsPod('subteam2.team1')], anti],
  ['anti-affinity with matching all NamespaceSelector', makePod().namespace('subteam1.team1').labels(podLabel2).term(true, 'required', { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: {}, topologyKey: 'zone' }), [nsPod('subteam2.team1')], anti],
  ['anti-affinity with non-matching NamespaceSelector', makePod().namespace('subteam1.team1').labels(podLabel2).term(true, 'required', { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: teamSelector, topologyKey: 'zone' }), [nsPod('subteam1.team2')], undefined],
);

for (const [name, pod, pods, want] of single) {
  test(`TestRequiredAffinitySingleNode: ${name}`, () => {
    assert.equal(run(pod, pods, [node1]), want === 'skip' ? 'skip' : [want]);
  });
}

test('TestRequiredAffinitySingleNode: PodAffinity fails PreFilter with an invalid affinity label syntax', () => {
  const pod = makePod().labels(podLabel).podAffinityIn('service', 'region', ['{{.bad-value.}}'], 'required').podAffinityIn('service', 'node', ['antivirusscan', 'value2'], 'required');
  const state = preparePodAffinity(pod.incoming(), cluster([node1]));
  const failure = filterPodAffinity(state, node1);
  assert.is(failure?.code, 'UnschedulableAndUnresolvable');
  assert.is(
    failure?.reason,
    `parsing pod: requiredAffinityTerms: values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  );
});

test.run();
