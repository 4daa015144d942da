/**
 * resource.Quantity, ported from apimachinery pkg/api/resource/quantity_test.go
 * (TestQuantityParse, its invalid list, TestQuantityString) plus the int64 accessors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatQuantity } from './quantity-format.js';
import {
  compareQuantities,
  errQuantityFormat,
  errQuantitySuffix,
  newMilliQuantity,
  newQuantity,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  type Quantity,
  type QuantityFormat,
} from './quantity.js';

/** quantity_test.go `decQuantity(mantissa, scale, format)`: mantissa × 10^scale. */
function dec(mantissa: bigint, scale: number, format: QuantityFormat): { nanos: bigint; format: QuantityFormat } {
  const exp = scale + 9;
  const nanos = exp >= 0 ? mantissa * 10n ** BigInt(exp) : mantissa / 10n ** BigInt(-exp);
  return { nanos, format };
}

const parsed = (text: string): Quantity => {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.quantity;
};

const maxAllowed = { nanos: (2n ** 63n - 1n) * 1_000_000_000n, format: 'BinarySI' as const };

// TestQuantityParse's table (value and format; the canonical text is checked below).
const parseTable: [string, { nanos: bigint; format: QuantityFormat }][] = [
  ['0', dec(0n, 0, 'DecimalSI')], ['0n', dec(0n, 0, 'DecimalSI')], ['0u', dec(0n, 0, 'DecimalSI')],
  ['0m', dec(0n, 0, 'DecimalSI')], ['0Ki', dec(0n, 0, 'BinarySI')], ['0k', dec(0n, 0, 'DecimalSI')],
  ['0Mi', dec(0n, 0, 'BinarySI')], ['0M', dec(0n, 0, 'DecimalSI')], ['0Gi', dec(0n, 0, 'BinarySI')],
  ['0G', dec(0n, 0, 'DecimalSI')], ['0Ti', dec(0n, 0, 'BinarySI')], ['0T', dec(0n, 0, 'DecimalSI')],
  // Quantity less numbers are allowed
  ['1', dec(1n, 0, 'DecimalSI')],
  // Binary suffixes
  ['1Ki', dec(1024n, 0, 'BinarySI')], ['8Ki', dec(8n * 1024n, 0, 'BinarySI')], ['7Mi', dec(7n * 2n ** 20n, 0, 'BinarySI')],
  ['6Gi', dec(6n * 2n ** 30n, 0, 'BinarySI')], ['5Ti', dec(5n * 2n ** 40n, 0, 'BinarySI')], ['4Pi', dec(4n * 2n ** 50n, 0, 'BinarySI')],
  ['3Ei', dec(3n * 2n ** 60n, 0, 'BinarySI')], ['10Ti', dec(10n * 2n ** 40n, 0, 'BinarySI')], ['100Ti', dec(100n * 2n ** 40n, 0, 'BinarySI')],
  // Decimal suffixes
  ['5n', dec(5n, -9, 'DecimalSI')], ['4u', dec(4n, -6, 'DecimalSI')], ['3m', dec(3n, -3, 'DecimalSI')], ['9', dec(9n, 0, 'DecimalSI')],
  ['8k', dec(8n, 3, 'DecimalSI')], ['50k', dec(5n, 4, 'DecimalSI')], ['7M', dec(7n, 6, 'DecimalSI')], ['6G', dec(6n, 9, 'DecimalSI')],
  ['5T', dec(5n, 12, 'DecimalSI')], ['40T', dec(4n, 13, 'DecimalSI')], ['300T', dec(3n, 14, 'DecimalSI')], ['2P', dec(2n, 15, 'DecimalSI')],
  ['1E', dec(1n, 18, 'DecimalSI')],
  // Decimal exponents
  ['1E-3', dec(1n, -3, 'DecimalExponent')], ['1e3', dec(1n, 3, 'DecimalExponent')], ['1E6', dec(1n, 6, 'DecimalExponent')],
  ['1e9', dec(1n, 9, 'DecimalExponent')], ['1E12', dec(1n, 12, 'DecimalExponent')], ['1e15', dec(1n, 15, 'DecimalExponent')],
  ['1E18', dec(1n, 18, 'DecimalExponent')],
  // Nonstandard but still parsable
  ['1e14', dec(1n, 14, 'DecimalExponent')], ['1e13', dec(1n, 13, 'DecimalExponent')], ['100.035k', dec(100035n, 0, 'DecimalSI')],
  // Things that look like floating point
  ['0.001', dec(1n, -3, 'DecimalSI')], ['0.0005k', dec(5n, -1, 'DecimalSI')], ['0.005', dec(5n, -3, 'DecimalSI')],
  ['0.05', dec(5n, -2, 'DecimalSI')], ['0.5', dec(5n, -1, 'DecimalSI')], ['0.00050k', dec(5n, -1, 'DecimalSI')],
  ['0.00500', dec(5n, -3, 'DecimalSI')], ['0.05000', dec(5n, -2, 'DecimalSI')], ['0.50000', dec(5n, -1, 'DecimalSI')],
  ['0.5e0', dec(5n, -1, 'DecimalExponent')], ['0.5e-1', dec(5n, -2, 'DecimalExponent')], ['0.5e-2', dec(5n, -3, 'DecimalExponent')],
  ['10.035M', dec(10035n, 3, 'DecimalSI')],
  ['1.2e3', dec(12n, 2, 'DecimalExponent')], ['1.3E+6', dec(13n, 5, 'DecimalExponent')], ['1.40e9', dec(14n, 8, 'DecimalExponent')],
  ['1.53E12', dec(153n, 10, 'DecimalExponent')], ['1.6e15', dec(16n, 14, 'DecimalExponent')], ['1.7E18', dec(17n, 17, 'DecimalExponent')],
  ['9.01', dec(901n, -2, 'DecimalSI')], ['8.1k', dec(81n, 2, 'DecimalSI')], ['7.123456M', dec(7123456n, 0, 'DecimalSI')],
  ['6.987654321G', dec(6987654321n, 0, 'DecimalSI')], ['5.444T', dec(5444n, 9, 'DecimalSI')], ['40.1T', dec(401n, 11, 'DecimalSI')],
  ['300.2T', dec(3002n, 11, 'DecimalSI')], ['2.5P', dec(25n, 14, 'DecimalSI')], ['1.01E', dec(101n, 16, 'DecimalSI')],
  // Things that saturate/round
  ['3.001n', dec(4n, -9, 'DecimalSI')], ['1.1E-9', dec(2n, -9, 'DecimalExponent')], ['0.0000000001', dec(1n, -9, 'DecimalSI')],
  ['0.0000000005', dec(1n, -9, 'DecimalSI')], ['0.00000000050', dec(1n, -9, 'DecimalSI')], ['0.5e-9', dec(1n, -9, 'DecimalExponent')],
  ['0.9n', dec(1n, -9, 'DecimalSI')], ['0.00000012345', dec(124n, -9, 'DecimalSI')], ['0.00000012354', dec(124n, -9, 'DecimalSI')],
  ['9Ei', maxAllowed], ['9223372036854775807Ki', maxAllowed], ['12E', dec(12n, 18, 'DecimalSI')],
  // We'll accept fractional binary stuff, too.
  ['100.035Ki', dec(10243584n, -2, 'BinarySI')], ['0.5Mi', dec(2n ** 19n, 0, 'BinarySI')], ['0.05Gi', dec(536870912n, -1, 'BinarySI')],
  ['0.025Ti', dec(274877906944n, -1, 'BinarySI')],
  // Things written by trolls
  ['0.000000000001Ki', dec(2n, -9, 'DecimalSI')], ['.001', dec(1n, -3, 'DecimalSI')], ['.0001k', dec(100n, -3, 'DecimalSI')],
  ['1.', dec(1n, 0, 'DecimalSI')], ['1.G', dec(1n, 9, 'DecimalSI')],
];

test('TestQuantityParse: every table entry parses to its exact value and format', () => {
  for (const [text, want] of parseTable) {
    const q = parsed(text);
    assert.is(q.nanos, want.nanos, text);
    assert.is(q.format, want.format, text);
    const negative = parsed(`-${text}`);
    assert.is(negative.nanos, -want.nanos, `-${text}`);
    assert.is(parsed(`+${text}`).nanos, want.nanos, `+${text}`);
  }
});

test('TestQuantityParse invalid list: each is rejected with apimachinery\'s error', () => {
  const invalid: [string, string][] = [
    ['1.1.M', errQuantityFormat], ['1+1.0M', errQuantityFormat], ['0.1mi', errQuantitySuffix], ['0.1am', errQuantityFormat],
    ['aoeu', errQuantityFormat], ['.5i', errQuantitySuffix], ['1i', errQuantitySuffix], ['-3.01i', errQuantitySuffix],
    ['-3.01e-', errQuantitySuffix], [' 1', errQuantityFormat], ['1 ', errQuantityFormat], ['', errQuantityFormat],
  ];
  for (const [text, error] of invalid) assert.equal(parseQuantity(text), { ok: false, error }, JSON.stringify(text));
  assert.is(errQuantityFormat, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
});

test('ParseQuantity quirks kept: a lone sign or "." is zero, "1.Ki" and "+1" keep their text', () => {
  for (const text of ['+', '-', '.', '-0', '000']) assert.is(parsed(text).nanos, 0n, text);
  assert.is(formatQuantity(parsed('1.Ki')), '1.Ki');
  assert.is(formatQuantity(parsed('+1')), '+1');
  assert.is(formatQuantity(parsed('01')), '01');
  // A canonical-looking decimal with trailing zeros is re-emitted canonically.
  assert.is(formatQuantity(parsed('1000m')), '1');
  assert.is(formatQuantity(parsed('8Ki')), '8Ki');
  assert.is(formatQuantity(parsed('1024Ki')), '1Mi');
});

test('TestQuantityString: the canonical form of parsed values', () => {
  const table: [string, string][] = [
    ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['300Mi', '300Mi'], ['307200Ki', '300Mi'], ['6Ki', '6Ki'], ['1001Gi', '1001Gi'],
    ['1025024Mi', '1001Gi'], ['1024Gi', '1Ti'], ['1.5Gi', '1536Mi'], ['1.5', '1500m'], ['1G', '1G'], ['1000M', '1G'],
    ['0.001T', '1G'], ['1000000k', '1G'], ['1000000000', '1G'], ['1m', '1m'], ['1000u', '1m'], ['80m', '80m'], ['1.08', '1080m'],
    ['1080000000n', '1080m'], ['300M', '300M'], ['1T', '1T'], ['1234567M', '1234567M'], ['3k', '3k'], ['1025Ki', '1025Ki'],
    ['1n', '1n'], ['80n', '80n'], ['1080n', '1080n'], ['1u', '1u'], ['1e3', '1e3'], ['1e6', '1e6'], ['80e6', '80e6'],
    ['1080e6', '1080e6'], ['1.08e9', '1080e6'], ['1e-3', '1e-3'], ['0.5Ki', '512'], ['0.5Mi', '512Ki'], ['5Ki', '5Ki'],
    ['100.035Ki', '102435840m'], ['0.000000000001Ki', '2n'], ['9Ei', '9223372036854775807'], ['-1Ki', '-1Ki'], ['-1.5', '-1500m'],
  ];
  for (const [text, want] of table) assert.is(formatQuantity(parsed(text)), want, text);
});

test('Value and MilliValue: rounded up away from zero, as ScaledValue does', () => {
  const table: [string, bigint, bigint][] = [
    ['1', 1n, 1000n], ['100m', 1n, 100n], ['1.5', 2n, 1500n], ['0.1m', 1n, 1n], ['1n', 1n, 1n], ['1Ki', 1024n, 1024000n],
    ['1.5Gi', 1610612736n, 1610612736000n], ['0', 0n, 0n], ['-1.5', -2n, -1500n], ['-0.1m', -1n, -1n], ['2500m', 3n, 2500n],
    ['1e3', 1000n, 1000000n], ['1E-3', 1n, 1n], ['250M', 250000000n, 250000000000n],
  ];
  for (const [text, value, milli] of table) {
    assert.is(quantityValue(parsed(text)), value, `${text} Value`);
    assert.is(quantityMilliValue(parsed(text)), milli, `${text} MilliValue`);
  }
});

test('int64 overflow: Value and MilliValue saturate (decimal values are not capped when parsed)', () => {
  const max = 2n ** 63n - 1n;
  assert.is(quantityValue(parsed('12E')), max);
  assert.is(quantityMilliValue(parsed('9Ei')), max);
  assert.is(quantityValue(parsed('9Ei')), max);
  assert.is(quantityValue(parsed('-12E')), -(2n ** 63n));
  assert.is(quantityValue(parsed('1e400')), max);
  assert.is(quantityValue(parsed('1e99999')), max);
  // 1e-2147483648 is tiny but not zero: it rounds up to 1n without building 10^2147483648.
  assert.is(parsed('1e-2147483648').nanos, 1n);
  // The exponent is cast to int32 as apimachinery does: 2^32 wraps to 0.
  assert.is(parsed('1e4294967296').nanos, 1_000_000_000n);
});

test('a quantity longer than quantityBytes is refused before parsing (placement limit)', () => {
  assert.equal(parseQuantity('1'.repeat(65)), { ok: false, error: 'may not be more than 64 bytes (placement limit quantityBytes)' });
  assert.equal(parseQuantity('9'.repeat(30_000_000)).ok, false);
  assert.ok(parseQuantity(`${'1'.repeat(60)}Ki`).ok);
});

test('Cmp compares exactly, also past 2^53', () => {
  assert.is(compareQuantities(parsed('9007199254740993'), parsed('9007199254740992')), 1);
  assert.is(compareQuantities(parsed('1Ki'), parsed('1024')), 0);
  assert.is(compareQuantities(parsed('999m'), parsed('1')), -1);
});

test('NewQuantity / NewMilliQuantity print as kubectl shows them', () => {
  assert.is(formatQuantity(newMilliQuantity(1500n, 'DecimalSI')), '1500m');
  assert.is(formatQuantity(newMilliQuantity(4000n, 'DecimalSI')), '4');
  assert.is(formatQuantity(newQuantity(16n * 2n ** 30n, 'BinarySI')), '16Gi');
  assert.is(formatQuantity(newQuantity(1000n, 'BinarySI')), '1k'); // below 1024, binary prints in decimal
  assert.is(formatQuantity(newQuantity(5629509632n, 'BinarySI')), '5497568Ki');
  assert.is(formatQuantity(newQuantity(2n, 'DecimalSI')), '2');
});

test.run();
