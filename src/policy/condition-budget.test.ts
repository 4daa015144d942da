/**
 * The load-time budget of policy conditions: size, nesting, estimated work per node, and the
 * shapes whose cost grows faster than the node's data. Each hostile shape found by hand (a
 * 2,000-level condition, a 100,000-clause one, a node-dependent nested map, computed var paths)
 * is generated here and refused with the file and field path.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError, type PlacementError } from '../errors.js';
import type { JsonObject } from '../model/decode.js';
import { limits } from '../model/limits.js';
import { checkConditionBudget } from './condition-budget.js';
import { policiesFromSources } from './parse-policy.js';

function policy(condition: unknown, extra: JsonObject = {}): JsonObject {
  return { apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name: 'a' }, spec: { condition, reason: 'r', ...extra } } as JsonObject;
}

/** The error lines of loading one policy from `hostile.json`, or [] when it loads. */
function lines(object: JsonObject): string[] {
  try {
    policiesFromSources([{ object, file: 'hostile.json' }]);
    return [];
  } catch (error) {
    assert.ok(isPlacementError(error), String(error));
    return (error as PlacementError).lines();
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

test('a condition nested 2,000 levels is refused by its depth, without a stack overflow', () => {
  let deep: unknown = true;
  for (let i = 0; i < 2000; i++) deep = { '!': deep };
  assert.equal(lines(policy(deep)), ['hostile.json: spec.condition: Forbidden: must nest at most 64 levels deep (placement limit policyConditionDepth)']);
  let ok: unknown = true;
  for (let i = 0; i < limits.policyConditionDepth.value - 1; i++) ok = { '!': ok };
  assert.equal(lines(policy(ok)), []);
});

test('a 100,000-clause condition is refused by its size', () => {
  const clauses = range(100_000).map((i) => ({ '==': [{ label: [`k${i}`] }, 'v'] }));
  assert.equal(lines(policy({ or: clauses })), [
    'hostile.json: spec.condition: Too many: must have at most 10000 values (operations, arguments and literals; placement limit policyConditionValues)',
  ]);
});

test('a nested map over literal lists costs their product: 60 × 60 × 60 is over the work budget', () => {
  const sixty = range(60);
  const nested = { if: [{ hasLabel: ['kubernetes.io/os'] }, { '!!': [{ map: [sixty, { map: [sixty, { map: [sixty, { '+': [1, 1] }] }] }] }] }, true] };
  assert.match(lines(policy(nested))[0]!, /^hostile\.json: spec\.condition: Forbidden: costs an estimated \d+ operations per node, more than 10000 \(placement limit policyWork; loops multiply\)$/);
  // Two levels of a short list are fine.
  assert.equal(lines(policy({ some: [range(10), { some: [range(10), { '==': [{ var: '' }, 3] }] }] })), []);
});

test('a loop over node data inside another loop is refused, whatever the estimate', () => {
  const nested = { some: [{ var: 'taints' }, { some: [{ var: 'conditions' }, true] }] };
  assert.equal(checkConditionBudget(nested).map((e) => e.detail), ['some over node data (any list not written out) inside another loop: nested loops may only go over literal lists (at some[1].some)']);
  // Over a literal list inside a node loop, or a node loop inside a literal one's data, is fine.
  assert.equal(checkConditionBudget({ some: [{ var: 'taints' }, { in: [{ var: 'key' }, ['a', 'b']] }] }), []);
  assert.equal(checkConditionBudget({ all: [{ var: 'taints' }, { some: [['NoSchedule'], { '==': [{ var: '' }, 'x'] }] }] }), []);
});

test('reduce may read its accumulator once per step: twice would double the value every step', () => {
  const doubling = { reduce: [range(60), { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };
  assert.match(lines(policy({ '!!': [doubling] }))[0]!, /Forbidden: reduce reads its accumulator more than once per step, so the value may double every step \(at !!\[0\]\.reduce\)/);
  assert.equal(checkConditionBudget({ reduce: [{ var: 'taints' }, { '+': [{ var: 'accumulator' }, 1] }, 0] }), []);
  // A nested loop's body reads its own data, not the outer accumulator.
  assert.equal(checkConditionBudget({ reduce: [[1, 2], { some: [[1], { var: 'accumulator' }] }, 0] }).length, 0);
});

test('computed var paths cannot reach constructor: refused at load, and never read inherited properties at run time', () => {
  assert.equal(lines(policy({ '==': [{ var: { cat: ['taints.constr', 'uctor.name'] } }, 'Array'] })), [
    'hostile.json: spec.condition: Forbidden: a var path must be a literal string or number, not computed (at ==[0].var)',
  ]);
  assert.equal(lines(policy({ '==': [{ reduce: [[1], { var: { cat: ['constr', 'uctor.name'] } }, 0] }, 'Object'] })), [
    'hostile.json: spec.condition: Forbidden: a var path must be a literal string or number, not computed (at ==[0].reduce[1].var)',
  ]);
  assert.match(lines(policy({ missing: [{ cat: ['__pro', 'to__'] }] }))[0]!, /Forbidden: a var path must be a literal string or number, not computed \(at missing\)/);
  assert.match(lines(policy({ missing_some: [1, { merge: [['constructor']] }] }))[0]!, /Forbidden: a var path must be a literal/);
  assert.match(lines(policy({ var: 'accumulator.constructor' }))[0]!, /may not use "constructor"/);
});

test('policy limits: fields per policy, policies per load', () => {
  const fields = Object.fromEntries(range(limits.policyFields.value + 1).map((i) => [`f${i}`, '$.a']));
  assert.equal(lines(policy(true, { fields })), ['hostile.json: spec.fields: Too many: 65: must have at most 64 items']);
  const many = range(limits.policies.value + 1).map((i) => ({ object: { ...policy(true), metadata: { name: `p${i}` } }, file: 'many.json' }));
  assert.throws(() => policiesFromSources(many), /1001 policies; placement loads at most 1000 at once \(placement limit policies\)/);
});

test.run();
