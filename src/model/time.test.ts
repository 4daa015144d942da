/**
 * Times as `metav1.Time` reads them: Go `time.Parse(time.RFC3339, s)` (its `parseRFC3339` fast path
 * ranges), and printing that never throws for a time outside years 0000–9999.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatApiTime, parseApiTime } from './time.js';

const ms = (text: string): number | string => {
  const parsed = parseApiTime(text);
  return parsed.ok ? parsed.ms : parsed.reason;
};

test('parseApiTime: RFC 3339 with Z or an offset, fractional seconds of any length', () => {
  assert.is(ms('2024-01-01T00:00:00Z'), Date.UTC(2024, 0, 1));
  assert.is(ms('2024-01-01T02:00:00+02:00'), Date.UTC(2024, 0, 1));
  assert.is(ms('2023-12-31T23:30:00-00:30'), Date.UTC(2024, 0, 1));
  assert.is(ms('2024-01-01T00:00:00.5Z'), Date.UTC(2024, 0, 1) + 500);
  assert.is(ms('2024-01-01T00:00:00.123456789Z'), Date.UTC(2024, 0, 1) + 123);
  assert.is(ms('2024-02-29T12:00:00Z'), Date.UTC(2024, 1, 29, 12));
  assert.is(ms('2000-02-29T00:00:00Z'), Date.UTC(2000, 1, 29));
});

test('parseApiTime: Go\'s year range 0000–9999, years below 100 not shifted to the 1900s', () => {
  assert.is(ms('0000-01-01T00:00:00Z'), -62_167_219_200_000);
  assert.is(ms('0099-06-15T00:00:00Z'), new Date('0099-06-15T00:00:00Z').getTime());
  assert.is(ms('9999-12-31T23:59:59Z'), 253_402_300_799_000);
});

test('parseApiTime: out-of-range fields named as Go names them (day out of range, ...)', () => {
  assert.is(ms('2024-02-30T00:00:00Z'), 'must be an RFC 3339 time: day out of range');
  assert.is(ms('1900-02-29T00:00:00Z'), 'must be an RFC 3339 time: day out of range');
  assert.is(ms('2024-04-31T00:00:00Z'), 'must be an RFC 3339 time: day out of range');
  assert.is(ms('2024-00-10T00:00:00Z'), 'must be an RFC 3339 time: month out of range');
  assert.is(ms('2024-01-00T00:00:00Z'), 'must be an RFC 3339 time: day out of range');
  assert.is(ms('2024-01-01T24:00:00Z'), 'must be an RFC 3339 time: hour out of range');
  assert.is(ms('2024-01-01T00:00:60Z'), 'must be an RFC 3339 time: second out of range');
  assert.is(ms('2024-01-01T00:00:00-23:60'), 'must be an RFC 3339 time: time zone offset minute out of range');
});

test('parseApiTime: anything but RFC 3339 text, and any over-long text, is refused before any work', () => {
  for (const bad of ['', 'yesterday', '2024-01-01', '2024-01-01 00:00:00Z', '2024-01-01t00:00:00z', '+12024-01-01T00:00:00Z', '1704067200', `2024-01-01T00:00:00.${'1'.repeat(10_000_000)}Z`]) {
    assert.is(ms(bad), 'must be an RFC 3339 time, e.g. 2006-01-02T15:04:05Z', bad.slice(0, 40));
  }
});

test('formatApiTime: toISOString within years 0000–9999; undefined (never a throw) outside or when not finite', () => {
  assert.is(formatApiTime(Date.UTC(2024, 0, 1)), '2024-01-01T00:00:00.000Z');
  assert.is(formatApiTime(-62_167_219_200_000), '0000-01-01T00:00:00.000Z');
  assert.is(formatApiTime(253_402_300_799_999), '9999-12-31T23:59:59.999Z');
  for (const bad of [253_402_300_800_000, -62_167_219_200_001, 1e300 * 1000, Number.NaN, Infinity, Date.UTC(2024, 0, 1) + 2 ** 53 * 1000]) {
    assert.is(formatApiTime(bad), undefined, String(bad));
  }
});

test.run();
