/** Durations: Go `time.ParseDuration` (its parseDurationTests and parseDurationErrorTests cases) and plain seconds. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatGoDuration, parseDurationSeconds, parseGoDuration } from './duration.js';

const seconds = (text: string): number | string => {
  const r = parseGoDuration(text);
  return r.ok ? r.seconds : r.detail;
};

test('Go time.ParseDuration parseDurationTests: accepted forms', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['5s', 5],
    ['30s', 30],
    ['1478s', 1478],
    ['-5s', -5],
    ['+5s', 5],
    ['-0', 0],
    ['5.0s', 5],
    ['5.6s', 5.6],
    ['5.s', 5],
    ['.5s', 0.5],
    ['1.0s', 1],
    ['1.004s', 1.004],
    ['100.00100s', 100.001],
    ['10ns', 10e-9],
    ['11us', 11e-6],
    ['12\u00b5s', 12e-6],
    ['12\u03bcs', 12e-6],
    ['13ms', 0.013],
    ['14s', 14],
    ['15m', 900],
    ['16h', 57600],
    ['3h30m', 12600],
    ['10.5s4m', 250.5],
    ['1h30m', 5400],
    ['2m', 120],
    ['39h9m14.425s', 140954.425],
  ];
  for (const [text, want] of cases) {
    const got = seconds(text);
    assert.ok(typeof got === 'number' && Math.abs(got - want) < 1e-9, `${text}: ${String(got)} != ${want}`);
  }
});

test('Go time.ParseDuration parseDurationErrorTests: rejected forms say why', () => {
  for (const text of ['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '1.5.5s', '1 h', '30 s', 'x30s', '1hm', '1e3s']) {
    const r = parseGoDuration(text);
    assert.not.ok(r.ok, `${JSON.stringify(text)} should be rejected`);
  }
  assert.equal(seconds('3'), 'missing unit: must be a duration such as "30s", "2m" or "1h30m" (units ns, us, ms, s, m, h), or a number of seconds');
  assert.equal(seconds('1d'), 'unknown unit "d": must be a duration such as "30s", "2m" or "1h30m" (units ns, us, ms, s, m, h), or a number of seconds');
});

test('Go time.ParseDuration: more than 2^63-1 ns overflows', () => {
  assert.equal(seconds('9223372036s'), 9223372036);
  assert.not.ok(parseGoDuration('9223372037s').ok);
  assert.not.ok(parseGoDuration('3000000h').ok);
});

test('parseDurationSeconds: a bare number is seconds; negatives are refused', () => {
  assert.equal(parseDurationSeconds('30'), { ok: true, seconds: 30 });
  assert.equal(parseDurationSeconds('1.5'), { ok: true, seconds: 1.5 });
  assert.equal(parseDurationSeconds('0'), { ok: true, seconds: 0 });
  assert.equal(parseDurationSeconds('1h30m'), { ok: true, seconds: 5400 });
  assert.equal(parseDurationSeconds('-5s'), { ok: false, detail: 'must be greater than or equal to 0' });
  assert.not.ok(parseDurationSeconds('-5').ok);
  assert.not.ok(parseDurationSeconds('1e3').ok);
  assert.not.ok(parseDurationSeconds('99999999999').ok);
});

test('formatGoDuration: Go Duration.String() forms, read back by parseGoDuration', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [0.001, '1ms'],
    [0.5, '500ms'],
    [1, '1s'],
    [1.5, '1.5s'],
    [60, '1m0s'],
    [90, '1m30s'],
    [3600, '1h0m0s'],
    [29430, '8h10m30s'],
    [-90, '-1m30s'],
  ];
  for (const [value, text] of cases) {
    assert.is(formatGoDuration(value), text, String(value));
    assert.equal(parseGoDuration(text), { ok: true, seconds: value }, text);
  }
});

test.run();
