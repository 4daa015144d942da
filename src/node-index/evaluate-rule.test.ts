import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rule } from '../compile/rule.js';
import { makeNode, toleration } from '../testing/placement-fixtures.js';
import { collectBits, setBit, type Bits } from './bitset.js';
import { RuleEvaluator } from './evaluate-rule.js';
import { buildNodeIndex, type NodeIndex } from './node-index.js';

// Upstream semantics the index must reproduce: labels `Requirement.Matches` (NotIn and
// DoesNotExist hold on a node WITHOUT the label; Gt/Lt parse the label with strconv.ParseInt, so
// "07" is 7 and "x" never matches), fields `extractNodeFields` (a nameless node has no fields:
// every matchFields requirement passes), NodeName (exact name), NodeUnschedulable, TaintToleration
// (NoSchedule and NoExecute block; PreferNoSchedule never does).

/** Six nodes: ids 0..5 in this order. */
function smallIndex(): NodeIndex {
  return buildNodeIndex([
    makeNode({ name: 'a', labels: { zone: 'a', tier: '1', gpu: 'x' } }),
    makeNode({ name: 'b', labels: { zone: 'b', tier: '07' } }),
    makeNode({ name: 'c', labels: { zone: 'c', tier: 'x' } }),
    makeNode({ name: 'd', unschedulable: true, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    makeNode({ name: '', labels: { zone: 'a', tier: '12' }, taints: [{ key: 'p', effect: 'PreferNoSchedule' }] }),
    makeNode({ name: 'e', labels: { tier: '0009' }, taints: [{ key: 'x', effect: 'NoExecute' }] }),
  ]);
}

const all = [0, 1, 2, 3, 4, 5];
const tolerates = (tolerations: ReturnType<typeof toleration>[], effects?: ('NoSchedule' | 'NoExecute')[]): Rule => ({
  tolerates: { tolerations, comparisonOperators: false, ...(effects ? { effects } : {}) },
});

/** Every Rule variant with the ids it must select on {@link smallIndex}. */
const cases: readonly (readonly [string, Rule, readonly number[]])[] = [
  ['const true', { const: true }, all],
  ['const false', { const: false }, []],
  ['in, one value', { in: { key: 'zone', values: ['a'] } }, [0, 4]],
  ['in, two values', { in: { key: 'zone', values: ['a', 'b'] } }, [0, 1, 4]],
  ['in, unknown value', { in: { key: 'zone', values: ['z'] } }, []],
  ['in, unknown key', { in: { key: 'nokey', values: ['a', 'b'] } }, []],
  ['notIn: nodes without the label pass (ALL minus, not PRESENT minus)', { notIn: { key: 'zone', values: ['a'] } }, [1, 2, 3, 5]],
  ['notIn, two values', { notIn: { key: 'zone', values: ['a', 'c'] } }, [1, 3, 5]],
  ['notIn, unknown key: every node', { notIn: { key: 'nokey', values: ['x'] } }, all],
  ['exists', { exists: 'zone' }, [0, 1, 2, 4]],
  ['exists, unknown key', { exists: 'nokey' }, []],
  ['doesNotExist', { doesNotExist: 'zone' }, [3, 5]],
  ['doesNotExist, unknown key: every node', { doesNotExist: 'nokey' }, all],
  ['range min ("07" is 7, "0009" is 9, "x" never)', { range: { key: 'tier', min: '2' } }, [1, 4, 5]],
  ['range max', { range: { key: 'tier', max: '8' } }, [0, 1]],
  ['range min and max', { range: { key: 'tier', min: '7', max: '9' } }, [1, 5]],
  ['range with no bounds: any integer value', { range: { key: 'tier' } }, [0, 1, 4, 5]],
  ['range, unknown key', { range: { key: 'nokey', min: '0' } }, []],
  ['nameIn: the named nodes and every nameless one', { nameIn: ['a', 'zz'] }, [0, 4]],
  ['nameIn []: nameless nodes only', { nameIn: [] }, [4]],
  ['nameNotIn: nameless nodes pass', { nameNotIn: ['a', 'zz'] }, [1, 2, 3, 4, 5]],
  ['nodeName', { nodeName: 'b' }, [1]],
  ['nodeName, unknown node', { nodeName: 'zz' }, []],
  ['schedulable', { schedulable: true }, [0, 1, 2, 4, 5]],
  ['tolerates nothing: NoSchedule and NoExecute block, PreferNoSchedule does not', tolerates([]), [0, 1, 2, 4]],
  ['tolerates the dedicated taint', tolerates([toleration({ key: 'dedicated', operator: 'Exists' })]), [0, 1, 2, 3, 4]],
  ['tolerates, NoExecute only', tolerates([], ['NoExecute']), [0, 1, 2, 3, 4]],
  ['and', { and: [{ exists: 'zone' }, { notIn: { key: 'zone', values: ['b'] } }] }, [0, 2, 4]],
  ['or', { or: [{ in: { key: 'zone', values: ['b'] } }, { doesNotExist: 'zone' }] }, [1, 3, 5]],
  ['or of multi-value ins', { or: [{ in: { key: 'zone', values: ['b', 'c'] } }, { in: { key: 'tier', values: ['1', '12'] } }] }, [0, 1, 2, 4]],
  [
    'nested and/or with names, ranges and taints',
    { and: [{ or: [{ nameIn: ['b'] }, { range: { key: 'tier', min: '9' } }] }, { schedulable: true }, tolerates([])] },
    [1, 4],
  ],
  ['and with a false inside', { and: [{ exists: 'zone' }, { const: false }] }, []],
];

function ids(bits: Bits, evaluator: RuleEvaluator): number[] {
  const out = new Int32Array(evaluator.words * 32);
  return Array.from(out.subarray(0, collectBits(bits, evaluator.words, out)));
}

/** The rule's set through evalInto, into a buffer full of garbage. */
function evalIds(evaluator: RuleEvaluator, rule: Rule): number[] {
  const out = new Uint32Array(evaluator.index.words).fill(0xffffffff);
  evaluator.evalInto(rule, out);
  return ids(out, evaluator);
}

/** The rule's set intersected into `start`, through andInto. */
function andIds(evaluator: RuleEvaluator, rule: Rule, start: readonly number[]): number[] {
  const out = new Uint32Array(evaluator.index.words);
  for (const id of start) setBit(out, id);
  evaluator.andInto(rule, out);
  return ids(out, evaluator);
}

/** Counts `compute` calls per rule object (a private method, replaced on this instance only). */
function spyCompute(evaluator: RuleEvaluator): Map<Rule, number> {
  const calls = new Map<Rule, number>();
  const target = evaluator as unknown as { compute(rule: Rule, out: Bits, depth: number): void };
  const original = target.compute.bind(evaluator);
  target.compute = (rule, out, depth) => {
    calls.set(rule, (calls.get(rule) ?? 0) + 1);
    original(rule, out, depth);
  };
  return calls;
}

for (const memoize of [true, false]) {
  test(`every Rule variant, evalInto and andInto, three times over (memoize: ${memoize})`, () => {
    const evaluator = new RuleEvaluator(smallIndex(), { memoize });
    for (let round = 0; round < 3; round++) {
      for (const [name, rule, expected] of cases) {
        assert.equal(evalIds(evaluator, rule), expected, `${name} (evalInto, round ${round})`);
        assert.equal(andIds(evaluator, rule, all), expected, `${name} (andInto all, round ${round})`);
        const start = [0, 3, 5];
        assert.equal(andIds(evaluator, rule, start), expected.filter((id) => start.includes(id)), `${name} (andInto part, round ${round})`);
      }
    }
  });
}

test('removed nodes are in no set, "all but" sets included; a reused id answers for its new node', () => {
  const index = smallIndex();
  const evaluator = new RuleEvaluator(index);
  for (let i = 0; i < 2; i++) evalIds(evaluator, { or: [{ notIn: { key: 'zone', values: ['a'] } }, { nodeName: 'c' }] });
  index.remove('c');
  assert.equal(evalIds(evaluator, { const: true }), [0, 1, 3, 4, 5]);
  assert.equal(evalIds(evaluator, { notIn: { key: 'zone', values: ['a'] } }), [1, 3, 5]);
  assert.equal(evalIds(evaluator, { doesNotExist: 'gpu' }), [1, 3, 4, 5]);
  assert.equal(evalIds(evaluator, { nameNotIn: ['a'] }), [1, 3, 4, 5]);
  assert.equal(evalIds(evaluator, { or: [{ notIn: { key: 'zone', values: ['a'] } }, { nodeName: 'c' }] }), [1, 3, 5]);
  index.upsert(makeNode({ name: 'f', labels: { zone: 'a' } }));
  assert.equal(evalIds(evaluator, { or: [{ notIn: { key: 'zone', values: ['a'] } }, { nodeName: 'f' }] }), [1, 2, 3, 5]);
});

test('memoized from the second use; not recomputed while nothing it reads changes', () => {
  const index = smallIndex();
  const evaluator = new RuleEvaluator(index);
  const calls = spyCompute(evaluator);
  const rule: Rule = { or: [{ in: { key: 'zone', values: ['a'] } }, { exists: 'gpu' }] };
  assert.equal(evalIds(evaluator, rule), [0, 4]);
  assert.equal(evalIds(evaluator, rule), [0, 4]);
  const computed = calls.get(rule);
  assert.equal(evalIds(evaluator, rule), [0, 4]);
  assert.equal(andIds(evaluator, rule, all), [0, 4]);
  assert.is(calls.get(rule), computed, 'served from the memo');
});

test('a change to an unrelated label key leaves the memo valid; a change to a key it reads recomputes it', () => {
  const index = smallIndex();
  const evaluator = new RuleEvaluator(index);
  const calls = spyCompute(evaluator);
  const rule: Rule = { or: [{ in: { key: 'zone', values: ['a'] } }, { exists: 'gpu' }] };
  evalIds(evaluator, rule);
  evalIds(evaluator, rule);
  const computed = calls.get(rule)!;
  index.upsert(makeNode({ name: 'b', labels: { zone: 'b', tier: '99', other: 'x' } }));
  assert.equal(evalIds(evaluator, rule), [0, 4]);
  assert.is(calls.get(rule), computed, 'tier and other are not read by the rule');
  index.upsert(makeNode({ name: 'b', labels: { zone: 'a', tier: '99' } }));
  assert.equal(evalIds(evaluator, rule), [0, 1, 4]);
  assert.is(calls.get(rule), computed + 1, 'zone changed: recomputed once');
  index.upsert(makeNode({ name: 'c', labels: { gpu: 'y' } }));
  assert.equal(evalIds(evaluator, rule), [0, 1, 2, 4]);
  assert.is(calls.get(rule), computed + 2);
});

test('membership: an "all but" memo is recomputed when nodes come and go; a label-only memo is not', () => {
  const index = smallIndex();
  const evaluator = new RuleEvaluator(index);
  const calls = spyCompute(evaluator);
  const allBut: Rule = { or: [{ notIn: { key: 'zone', values: ['a', 'b', 'c'] } }, { in: { key: 'tier', values: ['1', '07'] } }] };
  const labelOnly: Rule = { or: [{ in: { key: 'zone', values: ['c'] } }, { exists: 'gpu' }] };
  // Three rounds: the first memo of an evaluator starts its bookkeeping afresh, forgetting earlier first uses.
  for (let i = 0; i < 3; i++) {
    assert.equal(evalIds(evaluator, allBut), [0, 1, 3, 5]);
    assert.equal(evalIds(evaluator, labelOnly), [0, 2]);
  }
  const [allButCalls, labelOnlyCalls] = [calls.get(allBut)!, calls.get(labelOnly)!];
  index.upsert(makeNode({ name: 'new' }));
  assert.equal(evalIds(evaluator, allBut), [0, 1, 3, 5, 6], 'the new node has no zone label: NotIn holds');
  assert.equal(evalIds(evaluator, labelOnly), [0, 2]);
  assert.is(calls.get(allBut), allButCalls + 1);
  assert.is(calls.get(labelOnly), labelOnlyCalls, 'a node without zone or gpu cannot enter the set');
});

test('the untolerated-taint set is memoized per tolerations object and follows taint and cordon changes only', () => {
  const index = smallIndex();
  const evaluator = new RuleEvaluator(index);
  let scans = 0;
  const values = index.taints.values.bind(index.taints);
  index.taints.values = () => {
    scans++;
    return values();
  };
  const rule = tolerates([toleration({ key: 'x', operator: 'Exists' })]);
  for (let i = 0; i < 3; i++) assert.equal(andIds(evaluator, rule, all), [0, 1, 2, 4, 5]);
  assert.is(scans, 2, 'computed on the first use and to fill the memo, then served');
  index.upsert(makeNode({ name: 'a', labels: { zone: 'z' } }));
  assert.equal(andIds(evaluator, rule, all), [0, 1, 2, 4, 5]);
  assert.is(scans, 2, 'a label change does not touch taints');
  index.upsert(makeNode({ name: 'b', labels: { zone: 'b', tier: '07' }, taints: [{ key: 'new', effect: 'NoSchedule' }] }));
  assert.equal(andIds(evaluator, rule, all), [0, 2, 4, 5]);
  assert.is(scans, 3);
});

test('range: the numeric view follows label changes (leading zeros, non-numeric values becoming numeric)', () => {
  const index = smallIndex();
  const evaluator = new RuleEvaluator(index);
  const rule: Rule = { range: { key: 'tier', min: '7', max: '9' } };
  assert.equal(evalIds(evaluator, rule), [1, 5]);
  index.upsert(makeNode({ name: 'c', labels: { zone: 'c', tier: '008' } }));
  assert.equal(evalIds(evaluator, rule), [1, 2, 5]);
  index.upsert(makeNode({ name: 'b', labels: { zone: 'b', tier: '7a' } }));
  assert.equal(evalIds(evaluator, rule), [2, 5]);
  assert.equal(evalIds(evaluator, { range: { key: 'tier', min: '9223372036854775807' } }), []);
  index.upsert(makeNode({ name: 'b', labels: { tier: '9223372036854775807' } }));
  assert.equal(evalIds(evaluator, { range: { key: 'tier', min: '9223372036854775807' } }), [1]);
  index.upsert(makeNode({ name: 'b', labels: { tier: '9223372036854775808' } }));
  assert.equal(evalIds(evaluator, { range: { key: 'tier', min: '0' } }), [0, 2, 4, 5], 'out of int64: does not parse');
});

test('memos survive capacity growth with the right answers', () => {
  const index = smallIndex();
  const evaluator = new RuleEvaluator(index);
  const rule: Rule = { and: [{ notIn: { key: 'zone', values: ['b'] } }, { range: { key: 'tier', min: '1' } }] };
  for (let i = 0; i < 2; i++) assert.equal(evalIds(evaluator, rule), [0, 4, 5]);
  for (let i = 0; i < 40; i++) index.upsert(makeNode({ name: `g${i}`, labels: i === 39 ? { tier: '3' } : {} }));
  assert.ok(index.words >= 2);
  assert.equal(evalIds(evaluator, rule), [0, 4, 5, 45]);
  assert.equal(andIds(evaluator, rule, [...Array(46).keys()]), [0, 4, 5, 45]);
});

test('memoize: false computes every time', () => {
  const evaluator = new RuleEvaluator(smallIndex(), { memoize: false });
  const calls = spyCompute(evaluator);
  const rule: Rule = { or: [{ in: { key: 'zone', values: ['a'] } }, { exists: 'gpu' }] };
  for (let i = 0; i < 3; i++) evalIds(evaluator, rule);
  assert.is(calls.get(rule), 3);
});

test.run();
