import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Rule } from '../compile/rule.js';
import { evaluateJsonLogic } from '../eval/json-logic.js';
import { nodeFacts } from '../eval/node-facts.js';
import { makeNode } from '../testing/placement-fixtures.js';
import { hasBit } from '../node-index/bitset.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import type { Node } from '../model/types.js';
import { labelOnlyRule } from './label-only-rule.js';

const keys = ['example.com/team', 'z', '__proto__'];
const values = ['a', 'b', ''];
/** Every combination of absent / "a" / "b" / "" for the three keys: 64 nodes. */
const nodes: Node[] = [];
for (let i = 0; i < 64; i++) {
  const labels = Object.create(null) as Record<string, string>;
  keys.forEach((key, k) => {
    const pick = Math.floor(i / 4 ** k) % 4;
    if (pick > 0) labels[key] = values[pick - 1]!;
  });
  nodes.push(makeNode({ name: `n${i}`, labels: JSON.parse(JSON.stringify(labels)) as Record<string, string> }));
}
const index = buildNodeIndex(nodes);
const evaluator = new RuleEvaluator(index);

function byRule(rule: Rule): boolean[] {
  const out = new Uint32Array(index.words);
  evaluator.evalInto(rule, out);
  return nodes.map((_, id) => hasBit(out, id));
}

function byJsonLogic(condition: unknown): boolean[] {
  return nodes.map((n) => evaluateJsonLogic(condition, nodeFacts(n)));
}

const team = { label: ['example.com/team'] };

test('translations of the usual shapes', () => {
  assert.equal(labelOnlyRule({ '==': [team, 'team-a'] }), { in: { key: 'example.com/team', values: ['team-a'] } });
  assert.equal(labelOnlyRule({ '===': ['team-a', team] }), { in: { key: 'example.com/team', values: ['team-a'] } });
  assert.equal(labelOnlyRule({ '!=': [team, 'x'] }), { notIn: { key: 'example.com/team', values: ['x'] } });
  assert.equal(labelOnlyRule({ '==': [team, null] }), { doesNotExist: 'example.com/team' });
  assert.equal(labelOnlyRule({ in: [team, ['b', 'a', 'b']] }), { in: { key: 'example.com/team', values: ['a', 'b'] } });
  assert.equal(labelOnlyRule({ in: [team, []] }), { const: false });
  assert.equal(labelOnlyRule({ hasLabel: 'z' }), { exists: 'z' });
  assert.equal(labelOnlyRule({ '!': { hasLabel: ['z'] } }), { doesNotExist: 'z' });
  assert.equal(labelOnlyRule({ '!': [{ and: [{ hasLabel: ['z'] }, { '==': [team, 'a'] }] }] }), {
    or: [{ doesNotExist: 'z' }, { notIn: { key: 'example.com/team', values: ['a'] } }],
  });
  assert.equal(labelOnlyRule({ and: [] }), { const: false }, "JSON Logic's and of nothing is falsy");
  assert.equal(labelOnlyRule(true), { const: true });
});

test('anything beyond labels, or with a loose corner, is left to JSON Logic', () => {
  const rejected: unknown[] = [
    { var: 'name' },
    { '==': [team, 1] }, // "1" == 1 is loose equality
    { in: [team, 'team-a-and-more'] }, // substring test
    { in: [team, ['a', null]] },
    { '==': [team, { label: ['z'] }] },
    { '==': [{ label: [{ var: 'k' }] }, 'a'] },
    { label: ['a', 'b'] },
    { '!': [true, false] },
    { schedulable: [] },
    { int64InRange: [team, '1', null] },
    { if: [true, { hasLabel: ['z'] }, false] },
    'text',
    null,
    { and: [{ hasLabel: ['z'] }, { var: 'unschedulable' }] },
  ];
  for (const condition of rejected) assert.is(labelOnlyRule(condition), undefined, JSON.stringify(condition));
});

test('the rule admits exactly the nodes the JSON Logic admits (hand-picked)', () => {
  const conditions: unknown[] = [
    { '==': [team, 'a'] },
    { '==': [team, ''] },
    { '!==': [{ label: ['__proto__'] }, 'b'] },
    { label: ['z'] },
    { '!': { label: 'z' } },
    { '!!': [{ hasLabel: ['__proto__'] }] },
    { or: [{ '==': [team, 'a'] }, { and: [{ hasLabel: ['z'] }, { '!': [{ in: [{ label: ['z'] }, ['a', '']] }] }] }] },
    { or: [] },
  ];
  for (const condition of conditions) {
    const rule = labelOnlyRule(condition);
    assert.ok(rule, JSON.stringify(condition));
    assert.equal(byRule(rule), byJsonLogic(condition), JSON.stringify(condition));
  }
});

const labelRef = fc.constantFrom(...keys).map((k) => ({ label: [k] }));
const constant = fc.constantFrom<string | null>('a', 'b', '', null);
const condition = fc.letrec<{ cond: unknown }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean(),
    fc.constantFrom(...keys).map((k) => ({ hasLabel: [k] })),
    labelRef,
    fc.tuple(fc.constantFrom('==', '===', '!=', '!=='), labelRef, constant, fc.boolean()).map(([op, l, c, flip]) => ({ [op]: flip ? [c, l] : [l, c] })),
    fc.tuple(labelRef, fc.array(fc.constantFrom('a', 'b', ''), { maxLength: 3 })).map(([l, list]) => ({ in: [l, list] })),
    tie('cond').map((c) => ({ '!': [c] })),
    tie('cond').map((c) => ({ '!!': c })),
    fc.array(tie('cond'), { maxLength: 3 }).map((cs) => ({ and: cs })),
    fc.array(tie('cond'), { maxLength: 3 }).map((cs) => ({ or: cs })),
  ),
}));

test('property: every translatable condition, rule and JSON Logic agree on every node', () => {
  fc.assert(
    fc.property(condition.cond, (c) => {
      const rule = labelOnlyRule(c);
      // The generator stays inside the label-only grammar, so every condition must translate.
      if (rule === undefined) return false;
      assert.equal(byRule(rule), byJsonLogic(c), JSON.stringify(c));
      return true;
    }),
    { numRuns: 500 },
  );
});

test.run();
