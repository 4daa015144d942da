/**
 * Durations as Kubernetes tools accept them: Go's `time.ParseDuration` syntax (`30s`, `2m`,
 * `1h30m`, `1.5h`, `300ms`), or a plain number of seconds.
 */

/** Seconds per unit, as Go's `unitMap` (both spellings of micro). */
const unitSeconds = new Map<string, number>([
  ['ns', 1e-9],
  ['us', 1e-6],
  ['\u00b5s', 1e-6],
  ['\u03bcs', 1e-6],
  ['ms', 1e-3],
  ['s', 1],
  ['m', 60],
  ['h', 3600],
]);

/** Go's `time.Duration` holds at most 2^63 − 1 nanoseconds. */
const maxDurationSeconds = 9223372036.854775807;

/** What a duration parse gives: seconds, or why the text is not a duration. */
export type DurationResult = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly detail: string };

const syntax = 'must be a duration such as "30s", "2m" or "1h30m" (units ns, us, ms, s, m, h), or a number of seconds';

/**
 * Go `time.ParseDuration`: an optional sign, then one or more `<number><unit>` parts, where a number
 * has digits before or after an optional dot and a unit is the longest run of other characters; a
 * bare `0` is allowed.
 */
export function parseGoDuration(text: string): DurationResult {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, seconds: 0 };
  if (rest === '') return { ok: false, detail: syntax };
  let seconds = 0;
  while (rest !== '') {
    const part = /^(\d*)(?:\.(\d*))?([^\d.]*)/.exec(rest)!;
    const [whole, int = '', frac] = part;
    const unit = part[3] ?? '';
    // Go: digits must appear before or after the dot, and a unit must follow.
    if (int === '' && (frac ?? '') === '') return { ok: false, detail: syntax };
    if (unit === '') return { ok: false, detail: `missing unit: ${syntax}` };
    const scale = unitSeconds.get(unit);
    if (scale === undefined) return { ok: false, detail: `unknown unit ${JSON.stringify(unit)}: ${syntax}` };
    seconds += Number(`${int || '0'}.${frac || '0'}`) * scale;
    rest = rest.slice(whole.length);
  }
  if (seconds > maxDurationSeconds) return { ok: false, detail: 'must be at most 2562047h (the largest Go duration)' };
  return { ok: true, seconds: sign * seconds };
}

/**
 * A non-negative duration in seconds: Go duration syntax, or a plain non-negative number of seconds
 * (`"30"`, `"1.5"`).
 */
export function parseDurationSeconds(text: string): DurationResult {
  const parsed = /^\d+(\.\d+)?$/.test(text) ? { ok: true as const, seconds: Number(text) } : parseGoDuration(text);
  return parsed.ok ? checkedSeconds(parsed.seconds) : parsed;
}

/** A number of seconds as a duration: finite, non-negative, at most Go's largest duration. */
export function checkedSeconds(seconds: number): DurationResult {
  if (Number.isNaN(seconds) || seconds < 0) return { ok: false, detail: 'must be greater than or equal to 0' };
  if (seconds > maxDurationSeconds) return { ok: false, detail: 'must be at most 2562047h (the largest Go duration)' };
  return { ok: true, seconds };
}

/** Go `time.Duration.String()` for whole milliseconds: `0s`, `1.5s`, `1m30s`, `8h10m30s`. */
export function formatGoDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = `${(rest / 1000).toString()}s`;
  return h > 0 ? `${sign}${h}h${m}m${s}` : m > 0 ? `${sign}${m}m${s}` : `${sign}${s}`;
}
