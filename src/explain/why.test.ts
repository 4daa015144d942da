/**
 * `why` on hand-made clusters: what each number means, the relaxations that reach past one
 * constraint (a term emptied, a toleration that also covers the cordon, a pinned name), and the
 * bound on listed taints. The brute-force property in properties/why.test.ts checks the numbers at
 * random; these pin the meaning.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePod } from '../compile/compile-pod.js';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { gatesOff, makeNode, makePod, required, rq } from '../testing/placement-fixtures.js';
import { passingSets } from './passing-sets.js';
import { why, type WhyConstraint } from './why.js';

function ask(nodes: Node[], spec: JsonObject) {
  const index = buildNodeIndex(nodes);
  const rules = new RuleEvaluator(index);
  return why({ compiled: compilePod(makePod(spec), gatesOff), index, passing: passingSets(rules), policies: [] });
}

const row = (rows: readonly WhyConstraint[], field: string): WhyConstraint => rows.find((r) => r.field === field)!;
const node = (name: string, labels: Record<string, string> = {}, extra: Partial<Parameters<typeof makeNode>[0]> = {}) => makeNode({ name, labels, ...extra });

test('a nodeSelector entry: excludes, alone, if relaxed, and the values that would admit most (ties by value)', () => {
  const nodes = [node('a', { zone: 'a' }), node('b1', { zone: 'b' }), node('b2', { zone: 'b' }), node('c', { zone: 'c' }), node('x')];
  const r = ask(nodes, { nodeSelector: { zone: 'a' } });
  assert.equal([r.total, r.eligible], [5, 1]);
  const zone = row(r.constraints, 'spec.nodeSelector["zone"]');
  assert.equal([zone.excludes, zone.excludesOnly, zone.admitsIfRelaxed], [4, 4, 4]);
  assert.equal(zone.values, [{ value: 'b', admits: 2 }, { value: 'c', admits: 1 }]);
  assert.equal(r.nearestFixes, [
    { change: 'remove nodeSelector zone=a', field: 'spec.nodeSelector["zone"]', admits: 4 },
    { change: 'set nodeSelector zone=b', field: 'spec.nodeSelector["zone"]', admits: 2 },
    { change: 'set nodeSelector zone=c', field: 'spec.nodeSelector["zone"]', admits: 1 },
  ]);
});

test('a Pending pod: the least disruptive changes that admit any node come first (a value, then a toleration, then dropping)', () => {
  const nodes = [node('b', { zone: 'b' }, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }), node('c', { zone: 'c' })];
  const r = ask(nodes, { nodeSelector: { zone: 'a' } });
  assert.is(r.eligible, 0);
  assert.equal(r.nearestFixes.map((f) => [f.change, f.admits]), [
    ['set nodeSelector zone=c', 1],
    ['remove nodeSelector zone=a', 1],
  ]);
});

test('a requirement inside a term: excludesOnly counts the term\'s other requirements as passing; relaxing the only requirement drops the whole required block', () => {
  const nodes = [node('a', { zone: 'a', disk: 'ssd' }), node('b', { zone: 'b', disk: 'ssd' }), node('c', { zone: 'b' })];
  const r = ask(nodes, required([{ matchExpressions: [rq('zone', 'In', ['a']), rq('disk', 'Exists')] }, { matchExpressions: [rq('zone', 'In', ['z'])] }]));
  const terms = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
  const zone = row(r.constraints, `${terms}[0].matchExpressions[0]`);
  assert.equal([zone.excludes, zone.excludesOnly, zone.admitsIfRelaxed], [2, 1, 1]);
  const lone = row(r.constraints, `${terms}[1].matchExpressions[0]`);
  assert.equal([lone.excludes, lone.admitsIfRelaxed], [3, 2], 'term 1 with nothing left lets every node through');
});

test('tolerating a taint: an Equal toleration for exactly it; the cordon\'s toleration also covers a real unschedulable taint', () => {
  const cordoned = node('cordoned', {}, { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
  const r = ask([cordoned, node('ok')], {});
  const cordon = r.constraints.find((c) => c.filter === 'NodeUnschedulable')!;
  const taint = r.constraints.find((c) => c.taint?.key === 'node.kubernetes.io/unschedulable')!;
  assert.equal([cordon.excludes, cordon.excludesOnly, cordon.admitsIfRelaxed], [1, 0, 1], 'alone it does not admit the node, relaxed (with the taint it also tolerates) it does');
  assert.equal([taint.excludes, taint.admitsIfRelaxed], [1, 1], 'an Equal toleration of node.kubernetes.io/unschedulable:NoSchedule also tolerates the cordon');
});

test('a pinned name (matchFields metadata.name In): relaxing it lifts the PreFilter too', () => {
  const r = ask([node('n1'), node('n2')], required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }]));
  assert.equal(r.funnel[0], { filter: 'NodeAffinity (PreFilter)', remaining: 1 });
  const pin = r.constraints.find((c) => c.field.endsWith('matchFields[0]'))!;
  assert.equal([pin.excludes, pin.admitsIfRelaxed], [1, 1]);
});

test('at most 50 taints are listed (those rejecting most nodes); the rest still count, as one', () => {
  const nodes = Array.from({ length: 60 }, (_, i) => node(`n${i}`, {}, { taints: [{ key: `t${String(i).padStart(2, '0')}`, effect: 'NoSchedule' }] }));
  nodes.push(node('free'));
  const r = ask(nodes, {});
  assert.is(r.constraints.filter((c) => c.filter === 'TaintToleration').length, 50);
  assert.is(r.eligible, 1);
  assert.ok(r.constraints.every((c) => c.admitsIfRelaxed <= 1));
});

test.run();
