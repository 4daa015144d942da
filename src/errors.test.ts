/**
 * Error lines as kubectl prints the API server's field errors (apimachinery `field.Error.ErrorBody`,
 * v1.35), and their budget: a bad value is echoed within `badValueCharacters`, whatever it is.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatBadValue, formatFieldError, PlacementError, tooLong, tooMany } from './errors.js';
import { limits } from './model/limits.js';

const budget = limits.badValueCharacters.value;

test('ErrorBody: Required, Forbidden and TooLong print no value; TooMany prints the count', () => {
  assert.is(formatFieldError({ path: 'spec.selector', type: 'Required value', detail: '' }), 'spec.selector: Required value');
  assert.is(formatFieldError({ path: 'x', type: 'Forbidden', badValue: 'hidden', detail: 'no' }), 'x: Forbidden: no');
  assert.is(formatFieldError(tooLong('metadata.resourceVersion', 64)), 'metadata.resourceVersion: Too long: may not be more than 64 bytes');
  assert.is(formatFieldError(tooLong('a', 1)), 'a: Too long: may not be more than 1 byte');
  assert.is(
    formatFieldError(tooMany('spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', 1000, 100)),
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Too many: 1000: must have at most 100 items',
  );
  assert.is(formatFieldError(tooMany('a', 2, 1)), 'a: Too many: 2: must have at most 1 item');
});

test('formatBadValue: strings quoted, numbers and booleans bare, the rest as JSON', () => {
  assert.is(formatBadValue('in'), '"in"');
  assert.is(formatBadValue(-5), '-5');
  assert.is(formatBadValue(1.5), '1.5');
  assert.is(formatBadValue(true), 'true');
  assert.is(formatBadValue(null), 'null');
  assert.is(formatBadValue({ app: 'x' }), '{"app":"x"}');
  assert.is(formatBadValue(['a', 1]), '["a",1]');
});

test('formatBadValue: an integer beyond 2^53 is never printed with invented digits (2^64 is not "18446744073709552000")', () => {
  assert.is(formatBadValue(2 ** 64), '1.8446744073709552e+19');
  assert.is(formatBadValue(1e300), '1e+300');
  assert.is(formatBadValue({ seconds: 2 ** 64 }), '{"seconds":1.8446744073709552e+19}');
  assert.is(formatBadValue(Number.MAX_SAFE_INTEGER), '9007199254740991');
});

test('formatBadValue: a 2 MB string is cut to the budget and says so', () => {
  const shown = formatBadValue('a'.repeat(2_000_000));
  assert.ok(shown.length < budget + 60, String(shown.length));
  assert.is(shown, `"${'a'.repeat(budget)}"... (truncated, 2000000 characters)`);
});

test('formatBadValue: a label value nested 5,000 levels prints bounded, without a RangeError', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 5000; i++) deep = { a: deep };
  const shown = formatBadValue(deep);
  assert.ok(shown.length <= budget + 20, String(shown.length));
  assert.ok(shown.startsWith('{"a":{"a":'));
  assert.ok(shown.includes('{...}'));
  const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
  assert.match(formatBadValue(wide), /\.\.\. \(truncated\)$/);
  assert.ok(formatBadValue(wide).length <= budget + 20);
  assert.match(formatBadValue(Array.from({ length: 100_000 }, () => 'v')), /^\["v","v",.*\.\.\. \(truncated\)$/);
});

test('formatFieldError: a path holding a huge user key is bounded too', () => {
  const line = formatFieldError({ path: `metadata.labels[${'k'.repeat(1_000_000)}]`, type: 'Invalid value', badValue: 5, detail: 'must be a string, not number' });
  assert.ok(line.length < 4 * budget, String(line.length));
  assert.match(line, /\.\.\. \(truncated\): Invalid value: 5: must be a string, not number$/);
});

test('PlacementError.lines: one line per field error, with the file', () => {
  const error = new PlacementError('invalid', 'bad', [{ path: 'spec', type: 'Required value', detail: '', file: 'pod.yaml' }]);
  assert.equal(error.lines(), ['pod.yaml: spec: Required value']);
  assert.equal(new PlacementError('usage', 'just a message').lines(), ['just a message']);
});

test.run();
