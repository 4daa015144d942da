import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError, PlacementError } from '../errors.js';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { preferredAffinityScore, preparePreferredTerms, scoreNodes } from './score.js';
import { evaluateReference } from './reference.js';
import { fixtureNodes, fixtureWorkload, gatesOff, gatesOn, makeNode, makePod, preferred, rq } from '../testing/placement-fixtures.js';

// Upstream: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (PreScore, Score, NormalizeScore),
// component-helpers nodeaffinity NewPreferredSchedulingTerms, plugins/tainttoleration (Score, reverse
// NormalizeScore), schedule_one.go (one feasible node → no scoring), default_plugins.go (weights).

const label1 = { foo: 'bar' };
const label2 = { key: 'value' };
const label3 = { az: 'az1' };
const label5 = { foo: 'bar', key: 'value', az: 'az1' };

/** node_affinity_test.go affinity1: weight 2 on foo In [bar]. */
const affinity1 = preferred([{ weight: 2, preference: { matchExpressions: [rq('foo', 'In', ['bar'])] } }]);
/** node_affinity_test.go affinity2: weights 2, 4 and 5. */
const affinity2 = preferred([
  { weight: 2, preference: { matchExpressions: [rq('foo', 'In', ['bar'])] } },
  { weight: 4, preference: { matchExpressions: [rq('key', 'In', ['value'])] } },
  { weight: 5, preference: { matchExpressions: [rq('foo', 'In', ['bar']), rq('key', 'In', ['value']), rq('az', 'In', ['az1'])] } },
]);

function score(spec: JsonObject, nodes: readonly Node[], gates = gatesOff, specPath?: string) {
  return scoreNodes(makePod(spec), nodes, gates, specPath);
}

const byName = (result: ReturnType<typeof score>, name: string) => result.nodes.find((n) => n.node === name);

// --- NodeAffinity Score / NormalizeScore ---

test('NodeAffinity raw 2, 11, 4 normalize to 18, 100, 36 (node_affinity_test "all nodes matches the preferred scheduling requirements of pod but with different priorities ")', () => {
  const nodes = [makeNode({ name: 'node1', labels: label1 }), makeNode({ name: 'node5', labels: label5 }), makeNode({ name: 'node2', labels: label2 })];
  const terms = preparePreferredTerms(makePod(affinity2));
  assert.equal(nodes.map((n) => preferredAffinityScore(terms ?? [], n)), [2, 11, 4]);
  const result = score(affinity2, nodes);
  assert.is(byName(result, 'node1')?.scores['NodeAffinity'], 18);
  assert.is(byName(result, 'node5')?.scores['NodeAffinity'], 100);
  assert.is(byName(result, 'node2')?.scores['NodeAffinity'], 36);
  assert.equal(result.nodes.map((n) => n.node), ['node5', 'node2', 'node1']);
});

test('only the matching node gets 100 (node_affinity_test "only node1 matches the preferred scheduling requirements of pod")', () => {
  const result = score(affinity1, [makeNode({ name: 'node1', labels: label1 }), makeNode({ name: 'node2', labels: label2 }), makeNode({ name: 'node3', labels: label3 })]);
  assert.equal(result.nodes.map((n) => [n.node, n.scores['NodeAffinity']]), [['node1', 100], ['node2', 0], ['node3', 0]]);
});

test('no node matches: every NodeAffinity score is 0 (node_affinity_test "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes\' priority is zero")', () => {
  const result = score(affinity1, [makeNode({ name: 'node1', labels: { abc: 'az11', def: 'az22' } }), makeNode({ name: 'node2', labels: label2 })]);
  assert.equal(result.nodes.map((n) => n.scores['NodeAffinity']), [0, 0]);
});

test('NodeAffinity is absent when the pod has no preferred block: the plugin skips (node_affinity_test "Skip is returned in PreScore when NodeAffinity is nil")', () => {
  for (const spec of [{}, { affinity: { nodeAffinity: {} } }, { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: null } } }]) {
    const result = score(spec, [makeNode({ name: 'a' }), makeNode({ name: 'b' })]);
    assert.equal(result.nodes.map((n) => Object.keys(n.scores)), [['TaintToleration'], ['TaintToleration']], JSON.stringify(spec));
  }
});

test('NodeAffinity is present with all 0 for an empty preferred list (PreScore skips only when the list is nil)', () => {
  const result = score(preferred([]), [makeNode({ name: 'a', labels: label1 }), makeNode({ name: 'b' })]);
  assert.equal(result.nodes.map((n) => n.scores), [{ NodeAffinity: 0, TaintToleration: 100 }, { NodeAffinity: 0, TaintToleration: 100 }]);
});

test('weight-0 preferred terms are skipped, even when invalid (NewPreferredSchedulingTerms: Weight == 0 → continue before parsing)', () => {
  const spec = preferred([
    { weight: 0, preference: { matchExpressions: [rq('foo', 'In', ['bar'])] } },
    { weight: 0, preference: { matchExpressions: [rq('invalid key', 'in', [])] } },
  ]);
  const result = score(spec, [makeNode({ name: 'a', labels: label1 }), makeNode({ name: 'b' })]);
  assert.equal(result.nodes.map((n) => n.scores['NodeAffinity']), [0, 0]);
  assert.equal(preparePreferredTerms(makePod(spec)), []);
});

test('preferred terms with an empty preference are skipped, not "match everything" (NewPreferredSchedulingTerms isEmptyNodeSelectorTerm)', () => {
  const spec = preferred([{ weight: 10, preference: {} }, { weight: 5, preference: { matchExpressions: [] } }, { weight: 1, preference: { matchExpressions: [rq('foo', 'Exists')] } }]);
  const result = score(spec, [makeNode({ name: 'a' }), makeNode({ name: 'b', labels: label1 })]);
  assert.equal(result.nodes.map((n) => [n.node, n.scores['NodeAffinity']]), [['b', 100], ['a', 0]]);
  assert.is(preparePreferredTerms(makePod(spec))?.length, 1);
});

test('an invalid preferred term fails PreScore with an error when 2+ nodes are feasible (node_affinity_test "PreScore returns error when an incoming Pod has a broken affinity")', () => {
  const spec = preferred([{ weight: 2, preference: { matchExpressions: [rq('invalid key', 'In', ['bar'])] } }]);
  let caught: unknown;
  try {
    score(spec, [makeNode({ name: 'a' }), makeNode({ name: 'b' })]);
  } catch (error) {
    caught = error;
  }
  assert.ok(isPlacementError(caught), 'a PlacementError');
  assert.instance(caught, PlacementError);
  const error = caught as PlacementError;
  assert.is(error.code, 'unschedulable-error');
  assert.ok(error.message.includes('PreScore'), error.message);
  assert.ok(error.message.startsWith('spec.affinity.nodeAffinity:'), error.message);
  assert.ok(error.message.includes('preferredDuringSchedulingIgnoredDuringExecution[0]'), error.message);
});

test('any invalid non-skipped preferred term fails the whole set, even next to valid terms; invalid label values included (NewPreferredSchedulingTerms returns nil, errors)', () => {
  const nodes = [makeNode({ name: 'a', labels: label1 }), makeNode({ name: 'b' })];
  const good = { weight: 1, preference: { matchExpressions: [rq('foo', 'Exists')] } };
  for (const bad of [
    { weight: 1, preference: { matchExpressions: [rq('foo', 'In', ['a b'])] } },
    { weight: 1, preference: { matchExpressions: [rq('n', 'Gt', ['abc'])] } },
    { weight: 1, preference: { matchFields: [rq('metadata.name', 'In', ['a', 'b'])] } },
  ]) {
    assert.throws(() => score(preferred([good, bad]), nodes), (e: unknown) => isPlacementError(e) && e.code === 'unschedulable-error', JSON.stringify(bad));
  }
});

test('the PreScore error names the workload\'s spec path (e.g. spec.template.spec.)', () => {
  const spec = preferred([{ weight: 2, preference: { matchExpressions: [rq('foo', 'in', ['bar'])] } }]);
  assert.throws(() => score(spec, [makeNode({ name: 'a' }), makeNode({ name: 'b' })], gatesOff, 'spec.template.spec.'), /^spec\.template\.spec\.affinity\.nodeAffinity: /);
});

test('with exactly one feasible node scoring is skipped entirely, so an invalid preferred term raises nothing (schedule_one.go len(feasibleNodes) == 1)', () => {
  const spec = preferred([{ weight: 2, preference: { matchExpressions: [rq('invalid key', 'In', ['bar'])] } }]);
  assert.equal(score(spec, [makeNode({ name: 'only' })]), { nodes: [{ node: 'only', score: 0, scores: {} }] });
  assert.equal(score(spec, []), { nodes: [] });
});

// --- TaintToleration Score ---

test('TaintToleration: 0, 1, 2 intolerable PreferNoSchedule taints score 100, 50, 0 (taint_toleration_test "the more intolerable taints a node has, the lower score it gets.")', () => {
  const spec = { tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }] };
  const nodes = [
    makeNode({ name: 'nodeA' }),
    makeNode({ name: 'nodeB', taints: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }] }),
    makeNode({ name: 'nodeC', taints: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' }] }),
  ];
  assert.equal(score(spec, nodes).nodes.map((n) => [n.node, n.scores['TaintToleration'], n.score]), [['nodeA', 100, 300], ['nodeB', 50, 150], ['nodeC', 0, 0]]);
});

test('TaintToleration: a tolerated taint scores like no taint (taint_toleration_test "node with taints tolerated by the pod, gets a higher score than those node with intolerable taints")', () => {
  const spec = { tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }] };
  const nodes = [makeNode({ name: 'nodeA', taints: [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }] }), makeNode({ name: 'nodeB', taints: [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }] })];
  assert.equal(score(spec, nodes).nodes.map((n) => [n.node, n.scores['TaintToleration']]), [['nodeA', 100], ['nodeB', 0]]);
});

test('TaintToleration: NoSchedule tolerations and taints do not count (taint_toleration_test "only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function")', () => {
  const spec = { tolerations: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' }] };
  const nodes = [
    makeNode({ name: 'nodeA' }),
    makeNode({ name: 'nodeB', taints: [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }] }),
    makeNode({ name: 'nodeC', taints: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' }] }),
  ];
  assert.equal(score(spec, nodes).nodes.map((n) => [n.node, n.scores['TaintToleration']]), [['nodeA', 100], ['nodeB', 100], ['nodeC', 0]]);
});

test('TaintToleration: every node gets 100 when no node has an intolerable PreferNoSchedule taint (reverse normalize, maxCount == 0)', () => {
  const result = score({}, [makeNode({ name: 'a' }), makeNode({ name: 'b', taints: [{ key: 'k', effect: 'NoSchedule' }] })]);
  assert.equal(result.nodes.map((n) => n.scores['TaintToleration']), [100, 100]);
});

test('TaintToleration Gt toleration scores only with the gate on (taint_toleration_test "Numeric Gt operator: pod with Gt toleration prefers nodes with matching SLA taint")', () => {
  const spec = { tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'PreferNoSchedule' }] };
  const nodes = [makeNode({ name: 'nodeA', taints: [{ key: 'node.kubernetes.io/sla', value: '800', effect: 'PreferNoSchedule' }] }), makeNode({ name: 'nodeB', taints: [{ key: 'node.kubernetes.io/sla', value: '999', effect: 'PreferNoSchedule' }] })];
  assert.equal(score(spec, nodes, gatesOn).nodes.map((n) => [n.node, n.scores['TaintToleration']]), [['nodeB', 100], ['nodeA', 0]]);
  assert.equal(score(spec, nodes, gatesOff).nodes.map((n) => [n.node, n.scores['TaintToleration']]), [['nodeA', 0], ['nodeB', 0]]);
});

// --- weights, totals, order ---

test('total = 3 × TaintToleration + 2 × NodeAffinity (default_plugins.go weights)', () => {
  const spec = { ...affinity1 };
  const nodes = [makeNode({ name: 'preferred-but-tainted', labels: label1, taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), makeNode({ name: 'clean' })];
  const result = score(spec, nodes);
  assert.equal(result.nodes, [
    { node: 'clean', score: 300, scores: { NodeAffinity: 0, TaintToleration: 100 } },
    { node: 'preferred-but-tainted', score: 200, scores: { NodeAffinity: 100, TaintToleration: 0 } },
  ]);
});

test('ties keep input order (stable sort; kube-scheduler picks among ties at random)', () => {
  const nodes = ['n3', 'n1', 'n2', 'n0'].map((name) => makeNode({ name }));
  assert.equal(score({}, nodes).nodes.map((n) => n.node), ['n3', 'n1', 'n2', 'n0']);
  const mixed = [makeNode({ name: 'x' }), makeNode({ name: 'y', labels: label1 }), makeNode({ name: 'z' }), makeNode({ name: 'w', labels: label1 })];
  assert.equal(score(affinity1, mixed).nodes.map((n) => n.node), ['y', 'w', 'x', 'z']);
});

test('a negative weight that bypassed validation yields an out-of-range score error (framework RunScorePlugins "returns an invalid score")', () => {
  const spec = preferred([{ weight: -5, preference: { matchExpressions: [rq('foo', 'Exists')] } }]);
  assert.throws(
    () => score(spec, [makeNode({ name: 'a', labels: label1 }), makeNode({ name: 'b' })]),
    (e: unknown) => isPlacementError(e) && e.message === 'plugin "NodeAffinity" returns an invalid score -5, it should in the range of [0, 100] after normalizing',
  );
});

// --- preparePreferredTerms / preferredAffinityScore ---

test('preparePreferredTerms: undefined without a block, kept terms with their weights otherwise (getPodPreferredNodeAffinity)', () => {
  assert.is(preparePreferredTerms(makePod({})), undefined);
  const terms = preparePreferredTerms(makePod(affinity2));
  assert.equal(terms?.map((t) => t.weight), [2, 4, 5]);
  assert.equal(terms?.map((t) => t.term.index), [0, 1, 2]);
});

test('preferredAffinityScore sums the weights of matching terms; matchFields work in preferred terms too (PreferredSchedulingTerms.Score)', () => {
  const terms = preparePreferredTerms(makePod(preferred([
    { weight: 7, preference: { matchFields: [rq('metadata.name', 'In', ['a'])] } },
    { weight: 3, preference: { matchExpressions: [rq('foo', 'NotIn', ['x'])] } },
  ])));
  assert.is(preferredAffinityScore(terms ?? [], makeNode({ name: 'a' })), 10);
  assert.is(preferredAffinityScore(terms ?? [], makeNode({ name: 'b', labels: { foo: 'x' } })), 0);
});

// --- real fixture ---

// SOURCES.md line 65: karpenter prefer-arm is preferred-only, weights 1 (amd64) and 50 (arm64); it never filters.
test('fixture karpenter-prefer-arm: every amd64 sample node scores the same, so ranking keeps input order', () => {
  const nodes = fixtureNodes();
  const workload = fixtureWorkload('workloads/karpenter-prefer-arm-deployment.yaml');
  const feasibleNames = new Set(evaluateReference(workload.pod, nodes, gatesOff).eligible);
  const feasible = nodes.filter((n) => feasibleNames.has(n.name));
  const result = scoreNodes(workload.pod, feasible, gatesOff, workload.specPath);
  assert.equal(result.nodes.map((n) => n.node), feasible.map((n) => n.name));
  for (const n of result.nodes) assert.equal(n.scores, { NodeAffinity: 100, TaintToleration: 100 });
  const arm = makeNode({ name: 'arm', labels: { 'kubernetes.io/arch': 'arm64' } });
  const ranked = scoreNodes(workload.pod, [...feasible.slice(0, 2), arm], gatesOff, workload.specPath);
  assert.equal(ranked.nodes.map((n) => [n.node, n.scores['NodeAffinity']]), [['arm', 100], [feasible[0]!.name, 2], [feasible[1]!.name, 2]]);
});

test.run();
