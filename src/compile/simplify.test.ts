import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ruleFalse, ruleTrue, type Rule } from './rule.js';
import { and, canonical, or } from './simplify.js';

const a: Rule = { exists: 'a' };
const b: Rule = { in: { key: 'b', values: ['1'] } };
const c: Rule = { notIn: { key: 'c', values: ['x'] } };
const d: Rule = { doesNotExist: 'd' };

test('empty and is true, empty or is false (the identities), as the shared constants', () => {
  assert.is(and([]), ruleTrue);
  assert.is(or([]), ruleFalse);
});

test('one argument is returned itself, not wrapped', () => {
  assert.is(and([a]), a);
  assert.is(or([b]), b);
});

test('constant folding: false absorbs and, true absorbs or; the identity drops out', () => {
  assert.is(and([a, ruleFalse, b]), ruleFalse);
  assert.is(or([a, ruleTrue, b]), ruleTrue);
  assert.is(and([ruleTrue, a]), a);
  assert.is(or([ruleFalse, b]), b);
  assert.is(and([ruleTrue, { const: true }]), ruleTrue);
  assert.is(or([{ const: false }, ruleFalse]), ruleFalse);
});

test('nested ands flatten into one and; nested ors into one or', () => {
  assert.equal(and([a, { and: [b, { and: [c, d] }] }]), { and: [a, b, c, d].sort((x, y) => (canonical(x) < canonical(y) ? -1 : 1)) });
  assert.equal(or([{ or: [a, b] }, c]), or([a, b, c]));
  assert.equal((or([{ or: [a, b] }, c]) as { or: Rule[] }).or.length, 3);
});

test('an or inside an and (and the reverse) is kept as one argument', () => {
  const inner = { or: [a, b] };
  assert.equal(and([inner, c]), { and: [c, inner].sort((x, y) => (canonical(x) < canonical(y) ? -1 : 1)) });
  const innerAnd = { and: [a, b] };
  assert.equal((or([innerAnd, c]) as { or: Rule[] }).or.length, 2);
});

test('an absorbing constant inside a nested and decides the outer and', () => {
  assert.is(and([a, { and: [b, ruleFalse] }]), ruleFalse);
  assert.is(or([a, { or: [b, ruleTrue] }]), ruleTrue);
});

test('structurally equal arguments collapse to one, whatever the object', () => {
  assert.equal(and([a, { exists: 'a' }, b, { in: { key: 'b', values: ['1'] } }]), and([a, b]));
  assert.equal(and([a, { exists: 'a' }]), a);
  assert.equal(or([c, { notIn: { key: 'c', values: ['x'] } }]), c);
});

test('canonical order: arguments sorted by canonical text, so order of input does not matter', () => {
  const forward = and([a, b, c, d]);
  const backward = and([d, c, b, a]);
  assert.equal(forward, backward);
  assert.is(canonical(forward), canonical(backward));
  const texts = (forward as { and: Rule[] }).and.map(canonical);
  assert.equal(texts, [...texts].sort());
  assert.equal(or([b, a]), or([a, b]));
});

test('canonical is JSON text, computed once per rule object (cached by identity)', () => {
  const rule = { in: { key: 'zone', values: ['a'] } };
  const text = canonical(rule);
  assert.is(text, '{"in":{"key":"zone","values":["a"]}}');
  // A mutation after the first call is not seen: the text is cached for this object.
  rule.in.values.push('b');
  assert.is(canonical(rule), text);
  assert.is(canonical({ in: { key: 'zone', values: ['a', 'b'] } }), '{"in":{"key":"zone","values":["a","b"]}}');
});

test('canonical keys of equivalent trees are equal; different trees differ', () => {
  assert.is(canonical(and([or([a, b]), c])), canonical(and([c, or([b, a])])));
  assert.is.not(canonical(and([a, b])), canonical(or([a, b])));
});

test.run();
