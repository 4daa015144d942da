/**
 * RFC 3339 as Go's strict path reads it (time/format_rfc3339.go `parseRFC3339`: every field range-
 * checked, `daysIn` for the day, zone hours 00–23), and the instants it gives.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRfc3339 } from './rfc3339.js';

test('parseRFC3339: ordinary times, fractions and zone offsets give the instant', () => {
  assert.is(parseRfc3339('2024-01-01T00:00:30Z'), Date.parse('2024-01-01T00:00:30Z'));
  assert.is(parseRfc3339('2026-01-02T15:04:05.123456789Z'), Date.parse('2026-01-02T15:04:05.123Z'), 'nanoseconds kept to the millisecond');
  assert.is(parseRfc3339('2026-01-02T15:04:05.5Z'), Date.parse('2026-01-02T15:04:05.500Z'));
  assert.is(parseRfc3339('2026-01-02T15:04:05+02:30'), Date.parse('2026-01-02T12:34:05Z'));
  assert.is(parseRfc3339('2026-01-02T15:04:05-23:59'), Date.parse('2026-01-03T15:03:05Z'));
});

test('parseRFC3339: years 0000 to 9999, as four digits (appendStrictRFC3339 errYearOutsideOfRange)', () => {
  assert.is(parseRfc3339('0000-01-01T00:00:00Z'), Date.UTC(2000, 0, 1) - 2000 * 365.2425 * 86_400_000);
  assert.is(new Date(parseRfc3339('0099-03-01T00:00:00Z')!).getUTCFullYear(), 99, 'not 1999: Date.UTC maps two-digit years');
  assert.is(parseRfc3339('9999-12-31T23:59:59Z'), Date.parse('9999-12-31T23:59:59Z'));
  for (const text of ['10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '-0001-01-01T00:00:00Z', '999-01-01T00:00:00Z']) {
    assert.is(parseRfc3339(text), undefined, text);
  }
});

test('parseRFC3339: a day must exist in its month (daysIn, proleptic Gregorian)', () => {
  assert.ok(parseRfc3339('2024-02-29T00:00:00Z') !== undefined, 'leap year');
  assert.ok(parseRfc3339('2000-02-29T00:00:00Z') !== undefined, 'divisible by 400');
  assert.ok(parseRfc3339('0000-02-29T00:00:00Z') !== undefined, 'year 0 is a leap year');
  for (const text of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-02-30T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-00-10T00:00:00Z', '2024-01-00T00:00:00Z']) {
    assert.is(parseRfc3339(text), undefined, text);
  }
});

test('parseRFC3339: clock and zone ranges, separators and case', () => {
  for (const text of [
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T23:59:60Z', // no leap second
    '2024-01-01T00:00:00+24:00', // errTZHourOutsideOfRange
    '2024-01-01T00:00:00+01:60',
    '2024-01-01t00:00:00Z',
    '2024-01-01T00:00:00z',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00,5Z',
    '2024-01-01T0:00:00Z',
    '2024-01-01T00:00:00+0100',
    '2024-01-01',
    '',
    `2024-01-01T00:00:00.${'1'.repeat(30_000_000)}Z`,
  ]) {
    assert.is(parseRfc3339(text), undefined, text.slice(0, 60));
  }
});

test.run();
