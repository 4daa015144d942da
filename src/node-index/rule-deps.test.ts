import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rule } from '../compile/rule.js';
import { depsOf } from './rule-deps.js';

const none = { keys: [], membership: true, taints: false };

test('label rules read their key; In, Exists and Gt/Lt ranges need the label, so membership does not matter', () => {
  assert.equal(depsOf({ in: { key: 'zone', values: ['a'] } }), { keys: ['zone'], membership: false, taints: false });
  assert.equal(depsOf({ exists: 'gpu' }), { keys: ['gpu'], membership: false, taints: false });
  assert.equal(depsOf({ range: { key: 'tier', min: '1' } }), { keys: ['tier'], membership: false, taints: false });
});

test('NotIn and DoesNotExist are "all live nodes but ...": they also depend on membership', () => {
  assert.equal(depsOf({ notIn: { key: 'zone', values: ['a'] } }), { keys: ['zone'], membership: true, taints: false });
  assert.equal(depsOf({ doesNotExist: 'gpu' }), { keys: ['gpu'], membership: true, taints: false });
});

test('const and name rules read no label, only the live set and the name table', () => {
  for (const rule of [{ const: true }, { const: false }, { nodeName: 'n' }, { nameIn: ['n'] }, { nameNotIn: ['n'] }] as Rule[]) {
    assert.equal(depsOf(rule), none, JSON.stringify(rule));
  }
});

test('schedulable and tolerates read taints and cordons (and the live set)', () => {
  assert.equal(depsOf({ schedulable: true }), { keys: [], membership: true, taints: true });
  assert.equal(depsOf({ tolerates: { tolerations: [], comparisonOperators: false } }), { keys: [], membership: true, taints: true });
});

test('and/or: the union of their arguments, keys once each', () => {
  const rule: Rule = { and: [{ in: { key: 'zone', values: ['a'] } }, { or: [{ exists: 'gpu' }, { range: { key: 'zone', max: '3' } }] }] };
  assert.equal(depsOf(rule), { keys: ['zone', 'gpu'], membership: false, taints: false });
  const withTaints: Rule = { or: [{ exists: 'gpu' }, { and: [{ schedulable: true }, { doesNotExist: 'x' }] }] };
  assert.equal(depsOf(withTaints), { keys: ['gpu', 'x'], membership: true, taints: true });
});

test('cached per rule object: the same object gives the same answer object; an equal copy is computed anew', () => {
  const rule: Rule = { or: [{ exists: 'a' }, { exists: 'b' }] };
  assert.is(depsOf(rule), depsOf(rule));
  const copy: Rule = { or: [{ exists: 'a' }, { exists: 'b' }] };
  assert.is.not(depsOf(copy), depsOf(rule));
  assert.equal(depsOf(copy), depsOf(rule));
});

test.run();
