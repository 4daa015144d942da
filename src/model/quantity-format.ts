/**
 * `Quantity.String()`: apimachinery's canonical form (`CanonicalizeBytes`): the largest exponent
 * (or suffix) that loses no precision and leaves no fraction, in the quantity's own format.
 * `1.5` prints `1500m`, `1.5Gi` prints `1536Mi`.
 */
import type { Quantity } from './quantity.js';

const decimalSuffixByExponent: ReadonlyMap<number, string> = new Map([
  [-9, 'n'], [-6, 'u'], [-3, 'm'], [0, ''], [3, 'k'], [6, 'M'], [9, 'G'], [12, 'T'], [15, 'P'], [18, 'E'],
]);
const binarySuffixByPower: readonly string[] = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** `AsCanonicalBytes`: factors of ten moved into the exponent, then the exponent lowered to a multiple of 3. */
function canonicalDecimal(nanos: bigint): { mantissa: bigint; exponent: number } {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  return { mantissa, exponent };
}

function formatDecimal(nanos: bigint, exponentForm: boolean): string {
  const { mantissa, exponent } = canonicalDecimal(nanos);
  if (exponentForm) return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Outside n..E apimachinery finds no suffix and prints the mantissa alone; kept as it does.
  return `${mantissa}${decimalSuffixByExponent.get(exponent) ?? ''}`;
}

/** `removeInt64Factors(value, 1024)`. */
function formatBinary(units: bigint): string {
  let mantissa = units < 0n ? -units : units;
  let power = 0;
  while (mantissa >= 1024n && mantissa % 1024n === 0n) {
    mantissa /= 1024n;
    power++;
  }
  return `${units < 0n ? -mantissa : mantissa}${binarySuffixByPower[power] ?? ''}`;
}

/** `Quantity.String()`. */
export function formatQuantity(q: Quantity): string {
  if (q.kept !== undefined) return q.kept;
  if (q.nanos === 0n) return '0';
  if (q.format === 'BinarySI') {
    const small = q.nanos > -1024n * 1_000_000_000n && q.nanos < 1024n * 1_000_000_000n;
    // A fractional binary value would round; apimachinery shows it in decimal instead.
    if (!small && q.nanos % 1_000_000_000n === 0n) return formatBinary(q.nanos / 1_000_000_000n);
    return formatDecimal(q.nanos, false);
  }
  return formatDecimal(q.nanos, q.format === 'DecimalExponent');
}
