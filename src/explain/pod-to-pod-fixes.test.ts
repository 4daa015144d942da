/**
 * `why`'s changes for the pod-to-pod filters on small clusters: maxSkew read off PreFilter's
 * counts (podtopologyspread/filtering.go: `matchNum + selfMatchNum - minMatchNum > MaxSkew`),
 * ScheduleAnyway (`filterTopologySpreadConstraints` keeps DoNotSchedule only), minDomains
 * (`minMatchNum` is 0 while fewer domains than minDomains exist), and for InterPodAffinity
 * (interpodaffinity/filtering.go `satisfyPodAntiAffinity`, `satisfyPodAffinity`) dropping a
 * required term or changing its topology key. And how `why` ranks them beside its other fixes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePod } from '../compile/compile-pod.js';
import type { Node } from '../model/types.js';
import { countBits } from '../node-index/bitset.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { PodLabelIndex } from '../node-index/pod-label-index.js';
import type { PodToPodIndexes } from '../eval/pod-to-pod-context.js';
import { filterPodToPod } from '../eval/pod-to-pod-indexed.js';
import { cluster, makeNode, makePod, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { gatesOff } from '../testing/placement-fixtures.js';
import { passingSets } from './passing-sets.js';
import { podToPodChanges, type PodToPodChange } from './pod-to-pod-fixes.js';
import { why } from './why.js';

const zoneKey = 'topology.kubernetes.io/zone';
const hostKey = 'kubernetes.io/hostname';

function indexesOf(nodes: Node[], pods: PodBuilder[]): PodToPodIndexes {
  const c = cluster(nodes, pods);
  const index = buildNodeIndex(c.nodes);
  return { nodes: index, pods: new PodLabelIndex(index, c.pods), objects: c };
}

/** Two nodes per zone a, b, c, plus `extra` labels on every node. */
function zonedNodes(extra: (name: string) => Record<string, string> = () => ({})): Node[] {
  return ['a', 'b', 'c'].flatMap((z) => [1, 2].map((i) => makeNode(`${z}${i}`, { [zoneKey]: z, [hostKey]: `${z}${i}`, ...extra(`${z}${i}`) })));
}

/** `count` pods labelled app=web on `node`. */
const web = (node: string, count: number): PodBuilder[] => Array.from({ length: count }, (_, i) => makePod().name(`${node}-w${i}`).node(node).label('app', 'web'));
const webSelector = { matchLabels: { app: 'web' } };

const summary = (changes: PodToPodChange[], indexes: PodToPodIndexes): [string, string, number][] =>
  changes.map((c) => [c.change, c.field, countBits(c.passes, indexes.nodes.liveWords)]);

test('zone spread 3/2/1 with maxSkew 1: the smallest raise (2) lets zone b in, 3 lets every zone in, ScheduleAnyway every node', () => {
  const ix = indexesOf(zonedNodes(), [...web('a1', 3), ...web('b1', 2), ...web('c1', 1)]);
  const pod = makePod().name('p').label('app', 'web').spreadConstraint(1, zoneKey, 'DoNotSchedule', webSelector).incoming();
  assert.is(countBits(filterPodToPod(pod, ix).spread.failing, ix.nodes.liveWords), 4, 'zones a and b are full');
  const c = 'spec.topologySpreadConstraints[0]';
  assert.equal(summary(podToPodChanges(pod, ix), ix), [
    ['raise maxSkew from 1 to 2', `${c}.maxSkew`, 4],
    ['raise maxSkew from 1 to 3', `${c}.maxSkew`, 6],
    ['set whenUnsatisfiable: ScheduleAnyway (spread as a preference)', `${c}.whenUnsatisfiable`, 6],
  ]);
});

test('fewer zones than minDomains: the minimum counts as 0; dropping minDomains lets the least loaded zones back in', () => {
  const ix = indexesOf(zonedNodes(), [...web('a1', 2), ...web('b1', 1), ...web('c1', 1)]);
  const pod = makePod().name('p').label('app', 'web').spreadConstraint(1, zoneKey, 'DoNotSchedule', webSelector, 4).incoming();
  assert.is(countBits(filterPodToPod(pod, ix).spread.failing, ix.nodes.liveWords), 6, '1 + 1 - 0 > 1 everywhere');
  const changes = summary(podToPodChanges(pod, ix), ix);
  assert.equal(changes.find(([change]) => change.startsWith('drop minDomains')), [
    'drop minDomains 4 (only 3 eligible topology.kubernetes.io/zone domain(s), so the minimum counts as 0)',
    'spec.topologySpreadConstraints[0].minDomains',
    4,
  ]);
  assert.equal(changes[0], ['raise maxSkew from 1 to 2', 'spec.topologySpreadConstraints[0].maxSkew', 4]);
});

test('zone anti-affinity against itself with a web pod in zones a and b: hostname as key admits the free nodes, dropping the term every node', () => {
  const ix = indexesOf(zonedNodes(), [...web('a1', 1), ...web('b1', 1)]);
  const pod = makePod().name('p').label('app', 'web').podAntiAffinityIn('app', zoneKey, ['web'], 'required').incoming();
  assert.is(countBits(filterPodToPod(pod, ix).affinity.failing, ix.nodes.liveWords), 4);
  const t = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
  assert.equal(summary(podToPodChanges(pod, ix), ix), [
    [`topologyKey ${hostKey} instead of ${zoneKey} in required anti-affinity term [0]`, `${t}.topologyKey`, 4],
    ['drop required anti-affinity term [0] (or make it a preferred term)', t, 6],
  ]);
});

test('host affinity to a cache pod: a zone key admits the cache\'s zone, dropping the term every node; a filter that rejects nothing gets no change', () => {
  const nodes = zonedNodes((name) => ({ 'topology.kubernetes.io/region': name.startsWith('c') ? 'r2' : 'r1' }));
  const ix = indexesOf(nodes, [makePod().name('cache').node('a1').label('app', 'cache')]);
  const pod = makePod().name('p').podAffinityIn('app', hostKey, ['cache'], 'required').spreadConstraint(5, zoneKey, 'DoNotSchedule', webSelector).incoming();
  const t = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
  assert.equal(summary(podToPodChanges(pod, ix), ix), [
    [`topologyKey ${zoneKey} instead of ${hostKey} in required affinity term [0]`, `${t}.topologyKey`, 2],
    [`topologyKey topology.kubernetes.io/region instead of ${hostKey} in required affinity term [0]`, `${t}.topologyKey`, 4],
    ['drop required affinity term [0] (or make it a preferred term)', t, 6],
  ]);
});

test('a pod whose spread selector does not parse gets no change (it is an input error)', () => {
  const ix = indexesOf(zonedNodes(), web('a1', 2));
  const pod = makePod().name('p').spreadConstraint(1, zoneKey, 'DoNotSchedule', { matchExpressions: [{ key: 'app', operator: 'Bogus' }] }).incoming();
  assert.equal(podToPodChanges(pod, ix), []);
});

test('why: a change admits the nodes passing every other constraint too, and a Pending pod gets the least disruptive change first', () => {
  const nodes = zonedNodes((name): Record<string, string> => (name === 'a1' || name === 'b1' ? { disk: 'ssd' } : {}));
  const ix = indexesOf(nodes, [...web('a1', 3), ...web('b1', 2), ...web('c1', 1)]);
  const incoming = makePod().name('p').label('app', 'web').nodeSelector({ disk: 'ssd' }).spreadConstraint(1, zoneKey, 'DoNotSchedule', webSelector, undefined, 'Ignore');
  const pod = incoming.incoming();
  const answer = filterPodToPod(pod, ix);
  const passes = ix.nodes.alive.slice();
  for (let i = 0; i < passes.length; i++) passes[i]! &= ~answer.spread.failing[i]!;
  const variants = podToPodChanges(pod, ix).map(({ change, field, cost, passes }) => ({ change, field, cost, passes }));
  const resources = [{ filter: 'NodeResourcesFit' as const, field: 'spec.topologySpreadConstraints[0]', constraint: 'topology spread', change: 'remove the constraint', passes, variants }];
  const r = why({ compiled: compilePod(pod.placement, gatesOff), index: ix.nodes, passing: passingSets(new RuleEvaluator(ix.nodes)), policies: [], resources });
  assert.is(r.eligible, 0, 'the ssd nodes are in the full zones a and b (domains counted over every node: nodeAffinityPolicy Ignore)');
  assert.equal(r.nearestFixes, [
    { change: 'raise maxSkew from 1 to 3', field: 'spec.topologySpreadConstraints[0].maxSkew', admits: 2 },
    { change: 'raise maxSkew from 1 to 2', field: 'spec.topologySpreadConstraints[0].maxSkew', admits: 1 },
    { change: 'set whenUnsatisfiable: ScheduleAnyway (spread as a preference)', field: 'spec.topologySpreadConstraints[0].whenUnsatisfiable', admits: 2 },
  ]);
});

test.run();
