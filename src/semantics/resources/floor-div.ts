/**
 * Go's int64 division `a / b` for non-negative safe integers, exactly. A float division is exact
 * after flooring while the divisor is at most 2^40 and the quotient at most 128 (its rounding error
 * stays below 1/b, the closest a non-integer quotient gets to an integer); otherwise BigInt.
 */
export function floorDiv(a: number, b: number): number {
  if (b <= 2 ** 40 && a <= 128 * b) return Math.floor(a / b);
  return Number(BigInt(a) / BigInt(b));
}
