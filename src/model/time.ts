/**
 * Times as the Kubernetes API reads and writes them: `metav1.Time` is RFC 3339 text parsed by Go's
 * `time.Parse(time.RFC3339, s)`, whose fast path (`parseRFC3339`) takes a 4-digit year 0000–9999,
 * a month, a day that exists in that month (`2024-02-30` is "day out of range"), hours 00–23,
 * minutes and seconds 00–59, optional fractional seconds, and `Z` or an offset ±hh:mm (hh ≤ 23).
 * Every time placement reads passes here, so arithmetic on it never meets an invalid Date.
 */

/** A parsed time: milliseconds since the epoch, or why the text is not an RFC 3339 time. */
export type ParsedTime = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Go's `daysIn`: February has 29 days in leap years of the proleptic Gregorian calendar. */
function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The first field out of its range, named as Go's `time` package names it ("day out of range"). */
function outOfRange(parts: readonly number[]): string | undefined {
  const [, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return 'month out of range';
  if (day < 1 || day > daysIn(month, parts[0]!)) return 'day out of range';
  if (hour > 23) return 'hour out of range';
  if (minute > 59) return 'minute out of range';
  if (second > 59) return 'second out of range';
  return undefined;
}

/** Parses an RFC 3339 time as the API server does (see the module comment). */
export function parseApiTime(text: string): ParsedTime {
  // Bounded before the regular expression: no valid time is longer than a nanosecond one with an offset.
  const match = text.length <= 64 ? rfc3339.exec(text) : null;
  if (!match) return { ok: false, reason: 'must be an RFC 3339 time, e.g. 2006-01-02T15:04:05Z' };
  const parts = match.slice(1, 7).map(Number);
  const range = outOfRange(parts);
  if (range) return { ok: false, reason: `must be an RFC 3339 time: ${range}` };
  const zone = match[8]!;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(4, 6));
    if (hours > 23) return { ok: false, reason: 'must be an RFC 3339 time: time zone offset hour out of range' };
    if (minutes > 59) return { ok: false, reason: 'must be an RFC 3339 time: time zone offset minute out of range' };
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Math.floor(Number(`0${match[7] ?? ''}`) * 1000));
  return { ok: true, ms: date.getTime() - offsetMinutes * 60_000 };
}

/** The first and last millisecond `metav1.Time` can print (Go's `MarshalJSON` refuses years outside 0000–9999). */
const firstPrintable = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const lastPrintable = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/**
 * A time as RFC 3339 text in UTC with milliseconds (`toISOString`), or
 * `undefined` when it is not a finite time within years 0000–9999 (e.g. a taint added now plus a
 * 2^53-second toleration): such a time exists nowhere in the API, and `toISOString` would throw.
 */
export function formatApiTime(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < firstPrintable || ms > lastPrintable) return undefined;
  return new Date(ms).toISOString();
}
