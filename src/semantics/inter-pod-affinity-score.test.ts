/**
 * InterPodAffinity scoring, ported from kube-scheduler v1.35 interpodaffinity/scoring_test.go:
 * TestPreferredAffinity and TestPreferredAffinityWithHardPodAffinitySymmetricWeight. Each test
 * names the upstream case; expected lists are the normalized scores of the nodes in order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { cluster, makeNode, makePod, namespace, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { scorePodAffinity, type PodAffinityScoreOptions } from './inter-pod-affinity-score.js';

const namespaces = [
  namespace('subteam1.team1', { team: 'team1' }),
  namespace('subteam2.team1', { team: 'team1' }),
  namespace('subteam1.team2', { team: 'team2' }),
  namespace('subteam2.team2', { team: 'team2' }),
];

function scores(pod: PodBuilder, pods: PodBuilder[], nodes: Node[], options?: Partial<PodAffinityScoreOptions>): number[] | string {
  const result = scorePodAffinity(pod.incoming(), cluster(nodes, pods, { namespaces }), nodes, { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false, ...options });
  if (result.status === 'scored') return nodes.map((n) => result.normalized.get(n.name) ?? -1);
  return result.status === 'error' ? `error: ${result.message}` : 'skip';
}

const china = { region: 'China' };
const india = { region: 'India' };
const az1 = { az: 'az1' };
const az2 = { az: 'az2' };
const chinaAz1 = { region: 'China', az: 'az1' };
const s1 = { security: 'S1' };
const s2 = { security: 'S2' };
const expr = (key: string, operator: string, values?: string[]): JsonObject => ({ key, operator, ...(values ? { values } : {}) });
const term = (topologyKey: string, ...expressions: JsonObject[]): JsonObject => ({ labelSelector: { matchExpressions: expressions }, topologyKey });
const teamSelector = { matchExpressions: [expr('team', 'In', ['team1'])] };

type Shape = (b: PodBuilder) => PodBuilder;
const stayWithS1InRegion: Shape = (b) => b.term(false, 'preferred', term('region', expr('security', 'In', ['S1'])), 5);
const stayWithS2InRegion: Shape = (b) => b.term(false, 'preferred', term('region', expr('security', 'In', ['S2'])), 6);
const affinity3: Shape = (b) =>
  b.term(false, 'preferred', term('region', expr('security', 'NotIn', ['S1']), expr('security', 'In', ['S2'])), 8).term(false, 'preferred', term('region', expr('security', 'Exists'), expr('wrongkey', 'DoesNotExist')), 2);
const hardAffinity: Shape = (b) =>
  b.term(false, 'required', term('region', expr('security', 'In', ['S1', 'value2']))).term(false, 'required', term('region', expr('security', 'Exists'), expr('wrongkey', 'DoesNotExist')));
const awayFromS1InAz: Shape = (b) => b.term(true, 'preferred', term('az', expr('security', 'In', ['S1'])), 5);
const awayFromS2InAz: Shape = (b) => b.term(true, 'preferred', term('az', expr('security', 'In', ['S2'])), 5);
const stayWithS1InRegionAwayFromS2InAz: Shape = (b) => b.term(false, 'preferred', term('region', expr('security', 'In', ['S1'])), 8).term(true, 'preferred', term('az', expr('security', 'In', ['S2'])), 5);
const withNamespaces = (anti: boolean): Shape => (b) => b.term(anti, 'preferred', { ...term('region', expr('security', 'In', ['S1'])), namespaces: ['subteam2.team2'], namespaceSelector: teamSelector }, 5);
const affinityNamespaceSelector = withNamespaces(false);
const antiAffinityNamespaceSelector = withNamespaces(true);

const pod = (labels: Record<string, string> = {}, shape: Shape = (b) => b, ns = ''): PodBuilder => shape(makePod().namespace(ns).labels(labels));
const on = (node: string, labels: Record<string, string> = {}, shape: Shape = (b) => b, ns = ''): PodBuilder => shape(makePod().namespace(ns).labels(labels).node(node));
const nodes = (...labels: Record<string, string>[]): Node[] => labels.map((l, i) => makeNode(`node${i + 1}`, l));

const cases: [string, PodBuilder, PodBuilder[], Node[], number[] | string, Partial<PodAffinityScoreOptions>?][] = [
  ['all nodes are same priority as Affinity is nil', pod(s1), [], nodes(china, india, az1), 'skip'],
  [
    'Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn\'t match either pods in nodes or in topology key',
    pod(s1, stayWithS1InRegion),
    [on('node1', s1), on('node2', s2), on('node3', s1)],
    nodes(china, india, az1),
    [100, 0, 0],
  ],
  ['All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score', pod({}, stayWithS1InRegion), [on('node1', s1)], nodes(china, chinaAz1, india), [100, 100, 0]],
  [
    'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
    pod(s1, stayWithS2InRegion),
    [on('node1', s2), on('node1', s2), on('node2', s2), on('node3', s2), on('node4', s2), on('node5', s2)],
    nodes(china, india, china, china, india),
    [100, 0, 100, 100, 0],
  ],
  ['Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ', pod(s1, affinity3), [on('node1', s1), on('node2', s2), on('node3', s1)], nodes(china, india, az1), [20, 100, 0]],
  [
    'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
    pod(s2),
    [on('node1', s1, stayWithS1InRegion), on('node2', s2, stayWithS2InRegion)],
    nodes(china, india, az1),
    [0, 100, 0],
  ],
  ['Affinity symmetry with namespace selector', pod(s1, undefined, 'subteam1.team1'), [on('node1', s1, affinityNamespaceSelector), on('node2', s2, stayWithS2InRegion)], nodes(china, india, az1), [100, 0, 0]],
  ['AntiAffinity symmetry with namespace selector', pod(s1, undefined, 'subteam1.team1'), [on('node1', s1, antiAffinityNamespaceSelector), on('node2', s2, stayWithS2InRegion)], nodes(china, india, az1), [0, 100, 100]],
  ['Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry', pod(s1), [on('node1', s1, hardAffinity), on('node2', s2, hardAffinity)], nodes(china, india, az1), [100, 100, 0]],
  ['Anti Affinity: pod that does not match existing pods in node will get high score ', pod(s1, awayFromS1InAz), [on('node1', s1), on('node2', s2)], nodes(az1, china), [0, 100]],
  ['Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ', pod(s1, awayFromS1InAz), [on('node1', s1), on('node2', s1)], nodes(az1, china), [0, 100]],
  [
    'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
    pod(s1, awayFromS1InAz),
    [on('node1', s1), on('node1', s1), on('node2', s2)],
    nodes(az1, india),
    [0, 100],
  ],
  ['Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score', pod(s2), [on('node1', s1, awayFromS2InAz), on('node2', s2, awayFromS1InAz)], nodes(az1, az2), [0, 100]],
  [
    'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
    pod(s1, stayWithS1InRegionAwayFromS2InAz),
    [on('node1', s1), on('node2', s1)],
    nodes(china, az1),
    [100, 0],
  ],
  [
    'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
    pod(s1, stayWithS1InRegionAwayFromS2InAz),
    [on('node1', s1), on('node1', s1), on('node2', s1), on('node3', s1), on('node3', s1), on('node4', s1), on('node5', s1)],
    nodes(chinaAz1, india, china, china, india),
    [100, 0, 100, 100, 0],
  ],
  [
    'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
    pod(s1, stayWithS1InRegionAwayFromS2InAz),
    [on('node1', s1), on('node2', s2), on('node3', {}, stayWithS1InRegionAwayFromS2InAz), on('node4', {}, awayFromS1InAz)],
    nodes(china, az1, india, az2),
    [100, 0, 100, 0],
  ],
  ["Avoid panic when partial nodes in a topology don't have pods with affinity", pod(s1), [on('node1', s1), on('node2', {}, stayWithS1InRegionAwayFromS2InAz)], nodes(china, china), [0, 0]],
  [
    'Affinity with pods matching NamespaceSelector',
    pod(s1, affinityNamespaceSelector, 'subteam1.team1'),
    [on('node1', s1, undefined, 'subteam1.team1'), on('node1', s1, undefined, 'subteam1.team1'), on('node1', s1, undefined, 'subteam1.team2'), on('node2', s1, undefined, 'subteam2.team1')],
    nodes(china, india),
    [100, 0],
  ],
  [
    'Affinity with pods matching both NamespaceSelector and Namespaces fields',
    pod(s1, affinityNamespaceSelector, 'subteam1.team1'),
    [on('node1', s1, undefined, 'subteam1.team1'), on('node1', s1, undefined, 'subteam1.team1'), on('node1', s1, undefined, 'subteam2.team2'), on('node2', s1, undefined, 'subteam2.team1')],
    nodes(china, india),
    [100, 0],
  ],
  [
    'Affinity with pods matching NamespaceSelector (anti-affinity)',
    pod(s1, antiAffinityNamespaceSelector, 'subteam1.team1'),
    [on('node1', s1, undefined, 'subteam1.team1'), on('node1', s1, undefined, 'subteam1.team1'), on('node1', s1, undefined, 'subteam1.team2'), on('node2', s1, undefined, 'subteam2.team1')],
    nodes(china, india),
    [0, 100],
  ],
  ['Ignore preferred terms of existing pods', pod(s2), [on('node1', s1, stayWithS1InRegionAwayFromS2InAz), on('node2', s2, stayWithS2InRegion)], nodes(china, india), 'skip', { ignorePreferredTermsOfExistingPods: true }],
  ['Do not ignore preferred terms of existing pods', pod(s2), [on('node1', s1, stayWithS1InRegionAwayFromS2InAz), on('node2', s2, stayWithS2InRegion)], nodes(china, india), [0, 100]],
  ['No nodes to score', pod(s2), [], [], 'skip'],
];

for (const [name, incoming, pods, nodeList, want, options] of cases) {
  test(`TestPreferredAffinity: ${name}`, () => assert.equal(scores(incoming, pods, nodeList, options), want));
}

test('TestPreferredAffinity: invalid Affinity and AntiAffinity fail PreScore', () => {
  const bad = (anti: boolean): PodBuilder => makePod().term(anti, 'preferred', term(anti ? 'az' : 'region', expr('security', 'In', ['{{.bad-value.}}'])), 8);
  for (const anti of [false, true]) {
    const result = scores(bad(anti), [], nodes(china, china));
    assert.ok(typeof result === 'string' && result.startsWith('error: failed to parse pod: preferred') && result.includes('Invalid value: "{{.bad-value.}}"'), String(result));
  }
});

const hardPodAffinity: Shape = (b) =>
  b.term(false, 'required', { ...term('region', expr('service', 'In', ['S1'])), namespaces: ['', 'subteam2.team2'], namespaceSelector: teamSelector });
const symmetric: [string, string, number, number[] | string][] = [
  ['with default weight', '', 1, [100, 100, 0]],
  ['with zero weight', '', 0, 'skip'],
  ['with no matching namespace', 'subteam1.team2', 1, 'skip'],
  ['with matching NamespaceSelector', 'subteam1.team1', 1, [100, 100, 0]],
  ['with matching Namespaces', 'subteam2.team2', 1, [100, 100, 0]],
];
for (const [name, ns, weight, want] of symmetric) {
  test(`TestPreferredAffinityWithHardPodAffinitySymmetricWeight: ${name}`, () => {
    const existing = [on('node1', {}, hardPodAffinity), on('node2', {}, hardPodAffinity)];
    assert.equal(scores(pod({ service: 'S1' }, undefined, ns), existing, nodes(china, india, az1), { hardPodAffinityWeight: weight }), want);
  });
}

test('raw scores are exposed beside the normalized ones (Score before NormalizeScore)', () => {
  const result = scorePodAffinity(pod(s1, affinity3).incoming(), cluster(nodes(china, india, az1), [on('node1', s1), on('node2', s2), on('node3', s1)]), nodes(china, india, az1));
  assert.ok(result.status === 'scored');
  assert.equal([...result.raw], [['node1', 2], ['node2', 10], ['node3', 0]]);
});

test.run();
