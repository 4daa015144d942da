/** 64-bit integer parsing with Go's rules; JS numbers cannot hold every int64, so these return BigInt. */

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/**
 * Go `strconv.ParseInt(s, 10, 64)`, as node-affinity `Gt`/`Lt` use it on both the threshold and the
 * node's label value: an optional sign, one or more ASCII digits (leading zeros allowed), in range.
 */
export function parseGoInt64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n >= int64Min && n <= int64Max ? n : undefined;
}

/**
 * The taint/toleration comparison integer form (apimachinery `IsDecimalInteger`): `0`, or an
 * optional `-` then a non-zero digit and digits; no `+`, no leading zeros; within int64.
 */
export function parseCanonicalInt64(text: string): bigint | undefined {
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) return undefined;
  const n = BigInt(text);
  return n >= int64Min && n <= int64Max ? n : undefined;
}
