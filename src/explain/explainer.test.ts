/**
 * Explanations from a decision: groups of nodes that read alike, described once; the per-node and
 * grouped forms; the kept grouping following the index.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePod } from '../compile/compile-pod.js';
import { IndexedEvaluator } from '../eval/indexed.js';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { gatesOff, makeNode, makePod, required, rq } from '../testing/placement-fixtures.js';
import { Explainer, type ExplainerOptions } from './explainer.js';

function setup(nodes: Node[], options: ExplainerOptions = {}) {
  const index = buildNodeIndex(nodes);
  const rules = new RuleEvaluator(index);
  const evaluator = new IndexedEvaluator(rules);
  const explainer = new Explainer(rules, options);
  const decide = (spec: JsonObject) => evaluator.decide(compilePod(makePod(spec), gatesOff));
  return { index, explainer, decide, evaluator };
}

const zoned = (name: string, zone: string | undefined, extra: Partial<Parameters<typeof makeNode>[0]> = {}): Node =>
  makeNode({ name, labels: zone === undefined ? {} : { zone }, ...extra });

test('groups: nodes failing the same requirement on the same value share one entry, largest first, ties by first node', () => {
  const { explainer, decide } = setup([zoned('a1', 'a'), zoned('b1', 'b'), zoned('b2', 'b'), zoned('c1', 'c'), zoned('none', undefined)]);
  const answer = explainer.groups(decide(required([{ matchExpressions: [rq('zone', 'In', ['c'])] }])));
  assert.equal(answer.eligible, ['c1']);
  assert.equal(
    answer.groups.map((g) => [g.count, g.nodes, g.details]),
    [
      [2, ['b1', 'b2'], ['nodeSelectorTerms[0]: zone In [c]: node has zone=b']],
      [1, ['a1'], ['nodeSelectorTerms[0]: zone In [c]: node has zone=a']],
      [1, ['none'], ['nodeSelectorTerms[0]: zone In [c]: node has no label zone']],
    ],
  );
});

test('groups: a value the details do not mention does not split a group (only the first failing requirement of a term is described)', () => {
  const nodes = ['x', 'y', 'z'].map((team, i) => makeNode({ name: `n${i}`, labels: { zone: 'a', team } }));
  const { explainer, decide } = setup(nodes);
  const answer = explainer.groups(decide(required([{ matchExpressions: [rq('zone', 'In', ['b']), rq('team', 'In', ['w'])] }])));
  assert.equal(answer.groups.map((g) => [g.count, g.details]), [[3, ['nodeSelectorTerms[0]: zone In [b]: node has zone=a']]]);
});

test('groups: nodes whose taint lists differ only in a tolerated taint read the same and are one group', () => {
  const nodes = [
    makeNode({ name: 'n1', taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
    makeNode({ name: 'n2', taints: [{ key: 'spot', effect: 'NoSchedule' }, { key: 'gpu', effect: 'NoSchedule' }] }),
  ];
  const { explainer, decide } = setup(nodes);
  const answer = explainer.groups(decide({ tolerations: [{ key: 'spot', operator: 'Exists' }] }));
  assert.equal(answer.groups.map((g) => [g.count, g.nodes, g.details]), [[2, ['n1', 'n2'], ['taint gpu:NoSchedule is not tolerated']]]);
});

test('groups list at most ten nodes each, and say how many more', () => {
  const nodes = Array.from({ length: 25 }, (_, i) => zoned(`n${String(i).padStart(2, '0')}`, 'a'));
  const { explainer, decide } = setup(nodes);
  const [group] = explainer.groups(decide({ nodeSelector: { zone: 'b' } })).groups;
  assert.equal([group!.count, group!.nodes.length, group!.more, group!.nodes[0], group!.nodes[9]], [25, 10, 15, 'n00', 'n09']);
});

test('nodes: every ineligible node in input order with its group\'s reasons and details; all filters a node fails are named', () => {
  const nodes = [zoned('ok', 'a'), zoned('both', 'b', { unschedulable: true }), zoned('zone', 'b')];
  const { explainer, decide } = setup(nodes);
  const answer = explainer.nodes(decide({ nodeSelector: { zone: 'a' } }));
  assert.equal(answer.eligible, ['ok']);
  assert.equal(answer.ineligible.map((n) => [n.node, n.reasons.length, n.details.at(-1)]), [
    ['both', 2, 'nodeSelector zone=a: node has zone=b'],
    ['zone', 1, 'nodeSelector zone=a: node has zone=b'],
  ]);
  assert.is(answer.message, "1/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable.");
});

test('the PreFilter: nodes outside the pinned names read "didn\'t satisfy plugin(s) [NodeAffinity]" in NodeAffinity\'s place', () => {
  const { explainer, decide } = setup([zoned('n1', 'a'), zoned('n2', 'a')]);
  const answer = explainer.nodes(decide(required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }])));
  assert.equal(answer.ineligible, [{ node: 'n2', reasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"], details: ['node name is not among the names the nodeSelectorTerms pin: n1'] }]);
});

test('the kept grouping follows the index: a node update that changes a mentioned label regroups; the same answer as a cold explainer', () => {
  const nodes = [zoned('n1', 'a'), zoned('n2', 'b'), zoned('n3', 'b')];
  const warm = setup(nodes);
  const spec = { nodeSelector: { zone: 'c' } };
  const before = warm.explainer.groups(warm.decide(spec));
  assert.equal(before.groups.map((g) => g.count), [2, 1]);
  warm.index.upsert(zoned('n1', 'b'));
  const after = warm.explainer.groups(warm.decide(spec));
  assert.equal(after.groups.map((g) => [g.count, g.nodes]), [[3, ['n1', 'n2', 'n3']]]);
  const cold = setup(warm.index.liveNodes(), { memoize: false });
  assert.equal(after, cold.explainer.groups(cold.decide(spec)));
});

test('the grouped answer is kept with its grouping: asked again, the same frozen object; a change to the node set answers anew', () => {
  const warm = setup([zoned('n1', 'a'), zoned('n2', 'b'), zoned('n3', 'b')]);
  // One compiled pod, as the engine's plan cache hands out for the same pod.
  const compiled = compilePod(makePod({ nodeSelector: { zone: 'b' } }), gatesOff);
  const first = warm.explainer.groups(warm.evaluator.decide(compiled));
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.eligible) && Object.isFrozen(first.groups[0]));
  assert.is(warm.explainer.groups(warm.evaluator.decide(compiled)), first);
  warm.index.upsert(zoned('n1', 'b'));
  const after = warm.explainer.groups(warm.evaluator.decide(compiled));
  assert.is.not(after, first);
  assert.equal([after.eligible, after.groups, after.message], [['n1', 'n2', 'n3'], [], '3/3 nodes are available.']);
  const cold = setup(warm.index.liveNodes(), { memoize: false });
  assert.equal(after, cold.explainer.groups(cold.evaluator.decide(compiled)));
  assert.is.not(cold.explainer.groups(cold.evaluator.decide(compiled)), cold.explainer.groups(cold.evaluator.decide(compiled)), 'without memos nothing is kept');
});

test('budgets: the per-node form past maxBytes is refused before it is built (too-large, saying what to ask instead); groups past maxGroups are counted in omitted', () => {
  const nodes = Array.from({ length: 40 }, (_, i) => zoned(`n${i}`, `z${i % 8}`));
  const small = setup(nodes, { maxBytes: 2_000, maxGroups: 3 });
  const d = small.decide({ nodeSelector: { zone: 'none' } });
  try {
    small.explainer.nodes(d);
    assert.unreachable('over the budget');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'too-large');
    assert.match((error as Error).message, /per-node explanations of 40 nodes would take more than .* MiB \(the explanation budget\); ask for them grouped \(--explain groups/);
  }
  const grouped = small.explainer.groups(d);
  assert.equal([grouped.groups.length, grouped.omitted], [3, { groups: 5, nodes: 25 }]);
});

test('no nodes: "no nodes available to schedule pods" in every form', () => {
  const { explainer, decide } = setup([]);
  const d = decide({});
  assert.equal(explainer.nodes(d), { eligible: [], ineligible: [], message: 'no nodes available to schedule pods' });
  assert.equal(explainer.groups(d), { eligible: [], groups: [], message: 'no nodes available to schedule pods' });
  assert.equal(explainer.summary(d), { eligible: [], message: 'no nodes available to schedule pods' });
});

test('the kept grouping follows a label removed from a requirement that can never match (its rule is a constant, its detail quotes the node)', () => {
  const { index, explainer, decide } = setup([makeNode({ name: 'n9', labels: { team: 'a' } })]);
  const never = required([{ matchExpressions: [rq('team', 'Gt', ['9223372036854775807'])] }]);
  assert.ok(explainer.nodes(decide(never)).ineligible[0]!.details[0]!.endsWith('node has team=a'));
  index.upsert(makeNode({ name: 'n9' }));
  assert.ok(explainer.nodes(decide(never)).ineligible[0]!.details[0]!.endsWith('node has no label team'));
});

test.run();
