/**
 * 64-bit integer parsing with Go's rules; JS numbers cannot hold every int64, so these return BigInt.
 * Each looks at the digits before converting, so text of any length costs linear time: no BigInt
 * is ever built from more than 19 significant digits.
 */

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
/** Digits of the longest int64 magnitude (9223372036854775808). */
const maxDigits = 19;

/** The value of `[sign]digits` when its significant digits fit an int64's length, else `undefined`. */
function boundedBigInt(text: string): bigint | undefined {
  const negative = text.startsWith('-');
  const unsigned = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
  let first = 0;
  while (first < unsigned.length - 1 && unsigned.charCodeAt(first) === 0x30) first++;
  const digits = unsigned.slice(first);
  if (digits.length > maxDigits) return undefined;
  const n = BigInt(digits);
  const signed = negative ? -n : n;
  return signed >= int64Min && signed <= int64Max ? signed : undefined;
}

/**
 * Go `strconv.ParseInt(s, 10, 64)`, as node-affinity `Gt`/`Lt` use it on both the threshold and the
 * node's label value: an optional sign, one or more ASCII digits (leading zeros allowed), in range.
 */
export function parseGoInt64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  return boundedBigInt(text);
}

/**
 * The taint/toleration comparison integer form (apimachinery `IsDecimalInteger`): `0`, or an
 * optional `-` then a non-zero digit and digits; no `+`, no leading zeros; within int64.
 */
export function parseCanonicalInt64(text: string): bigint | undefined {
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) return undefined;
  return boundedBigInt(text);
}

/**
 * A decimal integer of any length (`[+-]digits`) as a BigInt that compares like it with every
 * int64: values beyond the int64 range become ±10^19, which lies beyond it on the same side.
 * `undefined` when the text is not a decimal integer.
 */
export function parseClampedInteger(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  return boundedBigInt(text) ?? (text.startsWith('-') ? -(10n ** 19n) : 10n ** 19n);
}
