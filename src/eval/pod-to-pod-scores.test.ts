/**
 * The indexed pod-to-pod scores on cases ported from kube-scheduler v1.35:
 * interpodaffinity/scoring_test.go (TestPreferredAffinity,
 * TestPreferredAffinityWithHardPodAffinitySymmetricWeight) and podtopologyspread/scoring_test.go
 * (TestPodTopologySpreadScore), plus the default profile's weights and the PreScore outcomes.
 * The semantics layer answers the same cases node by node (src/semantics/*-score.test.ts);
 * properties/pod-to-pod-scores.test.ts checks the two agree on generated clusters.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { collectBits } from '../node-index/bitset.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { PodLabelIndex } from '../node-index/pod-label-index.js';
import type { SelectingObject } from '../model/pod-affinity-types.js';
import { cluster, exists, makeNode, makePod, namespace, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import type { IndexedPluginScores } from './indexed-plugin-scores.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import { scorePodToPod, type PodToPodScores } from './pod-to-pod-scores.js';

/** Scores `pod` over `feasible`, with `others` in the cluster but not feasible. */
function run(pod: PodBuilder, feasible: Node[], pods: PodBuilder[], others: Node[] = [], extra: Parameters<typeof cluster>[2] = {}): PodToPodScores {
  const c = cluster([...feasible, ...others], pods, extra);
  const nodes = buildNodeIndex(c.nodes);
  const indexes: PodToPodIndexes = { nodes, pods: new PodLabelIndex(nodes, c.pods), objects: c };
  const bits = new Uint32Array(nodes.words);
  for (const n of feasible) bits[nodes.idOf(n.name)! >>> 5]! |= 1 << (nodes.idOf(n.name)! & 31);
  const ids = new Int32Array(nodes.size);
  return scorePodToPod(pod.incoming(), indexes, { bits, ids, count: collectBits(bits, nodes.liveWords, ids) });
}

const normalized = (r: IndexedPluginScores): number[] | string => (r.status === 'scored' ? [...r.normalized] : r.status === 'error' ? `error: ${r.message}` : 'skip');

const expr = (key: string, operator: string, values?: string[]): JsonObject => ({ key, operator, ...(values ? { values } : {}) });
const term = (topologyKey: string, ...expressions: JsonObject[]): JsonObject => ({ labelSelector: { matchExpressions: expressions }, topologyKey });
const nodes = (...labels: Record<string, string>[]): Node[] => labels.map((l, i) => makeNode(`node${i + 1}`, l));
const on = (node: string, labels: Record<string, string>): PodBuilder => makePod().name(`${node}-${Object.values(labels).join('')}-${Math.random()}`).labels(labels).node(node);

test('InterPodAffinity, TestPreferredAffinity "Affinity: nodes in one region has more matching pods comparing to other region..."', () => {
  const pod = makePod().labels({ security: 'S1' }).term(false, 'preferred', term('region', expr('security', 'In', ['S2'])), 6);
  const existing = ['node1', 'node1', 'node2', 'node3', 'node4', 'node5'].map((n) => on(n, { security: 'S2' }));
  const r = run(pod, nodes({ region: 'China' }, { region: 'India' }, { region: 'China' }, { region: 'China' }, { region: 'India' }), existing);
  assert.equal(normalized(r.InterPodAffinity), [100, 0, 100, 100, 0]);
});

test('InterPodAffinity, TestPreferredAffinity "Anti Affinity: ... the pod should be scheduled to the node that has no matching pods" (preferred anti-affinity subtracts)', () => {
  const pod = makePod().labels({ security: 'S1' }).term(true, 'preferred', term('region', expr('security', 'In', ['S1'])), 5);
  const r = run(pod, nodes({ region: 'China' }, { region: 'India' }), [on('node1', { security: 'S1' }), on('node2', { security: 'S2' })]);
  assert.equal(normalized(r.InterPodAffinity), [0, 100]);
});

test('InterPodAffinity, TestPreferredAffinityWithHardPodAffinitySymmetricWeight: an existing pod\'s required affinity that selects the incoming pod counts with weight 1', () => {
  const hard = (b: PodBuilder): PodBuilder => b.term(false, 'required', term('region', expr('security', 'In', ['S1'])));
  const r = run(makePod().labels({ security: 'S1' }), nodes({ region: 'China' }, { region: 'India' }, { az: 'az1' }), [hard(on('node1', { security: 'S1' })), hard(on('node2', { security: 'S2' }))]);
  assert.equal(normalized(r.InterPodAffinity), [100, 100, 0]);
});

test('InterPodAffinity: PreScore skips when no term matches anywhere ("all nodes are same priority as Affinity is nil")', () => {
  const r = run(makePod().labels({ security: 'S1' }), nodes({ region: 'China' }, { region: 'India' }), [on('node1', { security: 'S1' })]);
  assert.equal(normalized(r.InterPodAffinity), 'skip');
});

test('InterPodAffinity: a preferred namespaceSelector merges the Namespaces it selects ("Affinity with namespace selector")', () => {
  const pod = makePod().labels({ security: 'S1' }).term(false, 'preferred', { ...term('region', expr('security', 'In', ['S1'])), namespaceSelector: { matchLabels: { team: 'team1' } } }, 5);
  const inTeam1 = on('node1', { security: 'S1' }).namespace('subteam1.team1');
  const inTeam2 = on('node2', { security: 'S1' }).namespace('subteam1.team2');
  const namespaces = [namespace('subteam1.team1', { team: 'team1' }), namespace('subteam1.team2', { team: 'team2' })];
  assert.equal(normalized(run(pod, nodes({ region: 'China' }, { region: 'India' }), [inTeam1, inTeam2], [], { namespaces }).InterPodAffinity), [100, 0]);
  // Without Namespace objects only the listed namespaces count, and the answer says so.
  const without = run(pod, nodes({ region: 'China' }, { region: 'India' }), [inTeam1, inTeam2]);
  assert.equal(normalized(without.InterPodAffinity), 'skip');
  assert.equal(without.InterPodAffinity.status === 'skip' && without.InterPodAffinity.notEvaluated.map((n) => n.field), ['spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaceSelector']);
});

const host = 'kubernetes.io/hostname';
const foo = exists('foo');
const zh = (name: string, zone: string): Node => makeNode(name, { [host]: name, zone });
const fooPods = (spec: Record<string, number>): PodBuilder[] =>
  Object.entries(spec).flatMap(([node, n]) => Array.from({ length: n }, (_, i) => makePod().name(`p-${node}-${i}`).node(node).labels({ foo: '' })));

test('PodTopologySpread, TestPodTopologySpreadScore "one constraint on zone, 3 out of 4 nodes are candidates"', () => {
  const pod = makePod().name('p').labels({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', foo);
  const r = run(pod, [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2')], fooPods({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 }), [zh('node-y', 'zone2')]);
  assert.equal(normalized(r.PodTopologySpread), [75, 75, 100]);
});

test('PodTopologySpread, TestPodTopologySpreadScore "two Constraints on zone and node, 2 out of 4 nodes are candidates"', () => {
  const pod = makePod().name('p').labels({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', foo).spreadConstraint(1, host, 'ScheduleAnyway', foo);
  const r = run(pod, [zh('node-a', 'zone1'), zh('node-x', 'zone2')], fooPods({ 'node-a': 2, 'node-b': 1, 'node-x': 2, 'node-y': 4 }), [zh('node-b', 'zone1'), zh('node-y', 'zone2')]);
  assert.equal(normalized(r.PodTopologySpread), [100, 63]);
});

test('PodTopologySpread, TestPodTopologySpreadScore "terminating Pods should be excluded"', () => {
  const pod = makePod().name('p').labels({ foo: '' }).spreadConstraint(1, host, 'ScheduleAnyway', foo);
  const r = run(pod, [makeNode('node-a', { [host]: 'node-a' }), makeNode('node-b', { [host]: 'node-b' })], [makePod().name('a').node('node-a').labels({ foo: '' }).terminating(), makePod().name('b').node('node-b').labels({ foo: '' })]);
  assert.equal(normalized(r.PodTopologySpread), [100, 0]);
});

test('PodTopologySpread, TestPodTopologySpreadScore "system defaulting, nodes don\'t have zone, pods match service": the defaults spread by hostname', () => {
  const service: SelectingObject = { kind: 'Service', namespace: '', name: 'svc', selectorMap: new Map([['foo', '']]) };
  const feasible = ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => makeNode(n, { [host]: n }));
  const r = run(makePod().name('p').labels({ foo: '' }), feasible, fooPods({ 'node-a': 4, 'node-b': 3, 'node-c': 2, 'node-d': 1 }), [], { selectingObjects: [service] });
  assert.equal(normalized(r.PodTopologySpread), [44, 66, 77, 100]);
});

test('PodTopologySpread: without Services the defaults cannot be built, and the answer says which', () => {
  const feasible = ['node-a', 'node-b'].map((n) => makeNode(n, { [host]: n }));
  const r = run(makePod().name('p').labels({ foo: '' }), feasible, fooPods({ 'node-a': 1 }));
  assert.equal(normalized(r.PodTopologySpread), 'skip');
  assert.equal(r.notEvaluated, [{ field: 'default spreading (PodTopologySpread)', what: 'Services were not supplied: their selectors are not part of the default spreading selector' }]);
});

test('the default profile weighs each plugin 2 (default_plugins.go) and sums them', () => {
  const pod = makePod().name('p').labels({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', foo).term(false, 'preferred', term('zone', expr('foo', 'Exists')), 10);
  const r = run(pod, [zh('node-a', 'zone1'), zh('node-b', 'zone2')], fooPods({ 'node-a': 1 }));
  // node-a: affinity 100, spread 0 (its zone is the crowded one); node-b: affinity 0, spread 100.
  assert.equal([normalized(r.InterPodAffinity), normalized(r.PodTopologySpread)], [[100, 0], [0, 100]]);
  assert.equal(r.weighted, [200, 200]);
});

test('a selector that does not parse fails PreScore with the upstream message', () => {
  const pod = makePod().name('p').labels({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', { matchExpressions: [{ key: 'foo', operator: 'Bogus' }] });
  const r = run(pod, [zh('node-a', 'zone1'), zh('node-b', 'zone2')], []);
  assert.equal(normalized(r.PodTopologySpread), 'error: calculating preScoreState: obtaining pod\'s soft topology spread constraints: "Bogus" is not a valid label selector operator');
});

test.run();
