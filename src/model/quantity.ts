/**
 * Kubernetes `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource), exact: a parsed quantity
 * keeps its value as an integer count of nano-units (BigInt), which is what apimachinery keeps
 * after parsing (any finer fraction is rounded up to 1n, away from zero). Never a float.
 *
 * Beyond int64: apimachinery caps a BinarySI value at 2^63-1 when parsing, but keeps decimal
 * values of any size; its int64 accessors (`Value`, `MilliValue`) then depend on the internal
 * representation (they wrap or return 0 in v1.35; newer releases saturate). Here the accessors
 * saturate at the int64 bounds, as the newer apimachinery does.
 */

import { limits } from './limits.js';

/** The three serialisation formats a quantity remembers from its suffix. */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** A parsed quantity. */
export interface Quantity {
  /** The exact value in units of 10^-9, rounded up away from zero; BinarySI capped at ±(2^63-1). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /** The input text when apimachinery keeps it as the quantity's `String()` (already canonical). */
  readonly kept?: string;
}

/** apimachinery `splitREString`, quoted in the format error. */
export const quantityRegexp = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** `ErrFormatWrong`. */
export const errQuantityFormat = `quantities must match the regular expression '${quantityRegexp}'`;
/** `ErrNumeric`. */
export const errQuantityNumeric = 'unable to parse numeric part of quantity';
/** `ErrSuffix`. */
export const errQuantitySuffix = "unable to parse quantity's suffix";

/** A parse result: the quantity, or apimachinery's error text. */
export type ParsedQuantity = { readonly ok: true; readonly quantity: Quantity } | { readonly ok: false; readonly error: string };

const int64Max = 2n ** 63n - 1n;
const int64Min = -(2n ** 63n);
const nanosPerUnit = 1_000_000_000n;
/** A decimal exponent past this makes every int64 accessor saturate; bounding it keeps BigInt work small. */
const maxDecimalExponent = 400;

const decimalSuffixes: ReadonlyMap<string, number> = new Map([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const binarySuffixes: ReadonlyMap<string, number> = new Map([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]]);
const suffixLetters = 'eEinumkKMGTP';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** `parseQuantityString`: a byte-for-byte port of apimachinery's scanner, quirks included. */
function scan(str: string): Scanned | undefined {
  const end = str.length;
  let positive = true;
  let pos = 0;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  // Nothing but a sign and zeros: zero, whatever follows never gets read.
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, num, denom, suffix: '' };
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && suffixLetters.includes(str[i] as string)) i++;
  if (i >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  i = pos;
  while (i < end && isDigit(str[i])) i++;
  return i >= end ? { positive, num, denom, suffix: str.slice(suffixStart) } : undefined;
}

/** `suffixHandler.interpret`: base, exponent and format of a suffix, or undefined. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  const dec = decimalSuffixes.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = binarySuffixes.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(suffix[1:], 10, 64), then a cast to int32.
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > int64Max || parsed < int64Min) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** `|n| / d` rounded up, with the sign of n (inf.RoundUp: away from zero). */
function divideAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

/**
 * Whether ParseQuantity's int64 fast path keeps the input text as the quantity's String(): it does
 * for text already in canonical form (`1Ki`, `100m`, `1e3`), and then also for `+1` or `01`.
 */
function keepsText(s: Scanned, base: 2 | 10, exponent: number): boolean {
  const digits = s.num.length + s.denom.length;
  const shifted = s.num + s.denom;
  if (base === 2) {
    if (s.denom.length > 0) return false;
    // 1Mi (2^20) has ~6 digits of precision: apimachinery's float32 estimate, truncated.
    if (15 - s.num.length - Math.trunc((exponent * 3) / 10) - 1 < 0) return false;
    const value = BigInt(shifted);
    if (value * 2n ** BigInt(exponent) > int64Max) return false;
    return exponent % 10 === 0 && (value & 7n) !== 0n;
  }
  if (18 - digits < 0) return false;
  const scale = exponent - s.denom.length;
  if (scale < -9) return false;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/**
 * `resource.ParseQuantity`: the exact value, its format, or apimachinery's error text. Text longer
 * than `quantityBytes` is refused before any BigInt is built from its digits (a placement limit).
 */
export function parseQuantity(str: string): ParsedQuantity {
  if (str.length === 0) return { ok: false, error: errQuantityFormat };
  if (str.length > limits.quantityBytes.value) return { ok: false, error: `may not be more than ${limits.quantityBytes.value} bytes (placement limit quantityBytes)` };
  if (str === '0') return { ok: true, quantity: { nanos: 0n, format: 'DecimalSI', kept: '0' } };
  const s = scan(str);
  if (!s) return { ok: false, error: errQuantityFormat };
  const suffix = interpret(s.suffix);
  if (!suffix) return { ok: false, error: errQuantitySuffix };
  let format = suffix.format;
  // value = (num.denom) * base^exponent, in nano-units, rounded up away from zero.
  let magnitude = BigInt(s.num + s.denom);
  let exp10 = 9 - s.denom.length;
  if (suffix.base === 2) magnitude *= 2n ** BigInt(suffix.exponent);
  else exp10 += Math.min(suffix.exponent, maxDecimalExponent);
  let nanos: bigint;
  if (exp10 >= 0) nanos = magnitude * 10n ** BigInt(exp10);
  // Any non-zero value with more fractional digits than the whole number has rounds up to 1n.
  else if (-exp10 > magnitude.toString().length) nanos = magnitude === 0n ? 0n : 1n;
  else nanos = divideAwayFromZero(magnitude, 10n ** BigInt(-exp10));
  if (format === 'BinarySI') {
    if (nanos > int64Max * nanosPerUnit) nanos = int64Max * nanosPerUnit;
    // A binary quantity between 0 and 1 cannot print in binary units.
    if (nanos > 0n && nanos < nanosPerUnit) format = 'DecimalSI';
  }
  if (!s.positive) nanos = -nanos;
  const kept = keepsText(s, suffix.base, suffix.exponent) ? str : undefined;
  return { ok: true, quantity: kept === undefined ? { nanos, format } : { nanos, format, kept } };
}

const saturate = (n: bigint): bigint => (n > int64Max ? int64Max : n < int64Min ? int64Min : n);

/** `Quantity.Value()`: whole units, rounded up away from zero; saturated at the int64 bounds. */
export function quantityValue(q: Quantity): bigint {
  return saturate(divideAwayFromZero(q.nanos, nanosPerUnit));
}

/** `Quantity.MilliValue()`: thousandths, rounded up away from zero; saturated at the int64 bounds. */
export function quantityMilliValue(q: Quantity): bigint {
  return saturate(divideAwayFromZero(q.nanos, 1_000_000n));
}

/** `Quantity.Cmp`: -1, 0 or 1, exactly. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** A quantity of `value` whole units (`resource.NewQuantity`). */
export function newQuantity(value: bigint, format: QuantityFormat): Quantity {
  return { nanos: value * nanosPerUnit, format };
}

/** A quantity of `value` thousandths (`resource.NewMilliQuantity`). */
export function newMilliQuantity(value: bigint, format: QuantityFormat): Quantity {
  return { nanos: value * 1_000_000n, format };
}
