/**
 * RFC 3339 times as Go's `time.Parse(time.RFC3339, …)` reads them on its strict path
 * (`parseRFC3339` in time/format_rfc3339.go), which `metav1.Time` uses: a four-digit year
 * 0000–9999, a month 01–12, a day that exists in that month (proleptic Gregorian, so 2024-02-29
 * but not 2023-02-29 or 2024-02-30), hours 00–23, minutes and seconds 00–59 (no leap second), an
 * optional fraction `.d…` (Go keeps nanoseconds; JavaScript milliseconds), then `Z` or `±hh:mm`
 * with hh 00–23 and mm 00–59. Every such time lies well inside JavaScript's Date range, so nothing
 * computed from it by `Date` throws.
 */

const shape = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Days in a month of a proleptic Gregorian year (Go's `daysIn`: year 0 is a leap year). */
function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Milliseconds since the epoch of an RFC 3339 time Go accepts, or `undefined` for anything else. */
export function parseRfc3339(text: string): number | undefined {
  // Bounded before the regular expression runs: the longest accepted text is a date, a time and a
  // fraction; Go reads any number of fraction digits, so allow far more than the nanoseconds it keeps.
  if (text.length > 64) return undefined;
  const m = shape.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const hh = Number(m[9]);
    const mm = Number(m[10]);
    if (hh > 23 || mm > 59) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (hh * 60 + mm);
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  // Date.UTC maps years 0–99 to 1900–1999, so the year is set on its own.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() - offsetMinutes * 60_000;
}
