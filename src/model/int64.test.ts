/** Go int64 parsing: `strconv.ParseInt(s, 10, 64)` and apimachinery's canonical `IsDecimalInteger` form. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCanonicalInt64, parseClampedInteger, parseGoInt64 } from './int64.js';

test('parseGoInt64: sign, leading zeros, full int64 range', () => {
  assert.is(parseGoInt64('0'), 0n);
  assert.is(parseGoInt64('0206'), 206n);
  assert.is(parseGoInt64('+5'), 5n);
  assert.is(parseGoInt64('-5'), -5n);
  assert.is(parseGoInt64('-0'), 0n);
  assert.is(parseGoInt64('9223372036854775807'), 9223372036854775807n);
  assert.is(parseGoInt64('-9223372036854775808'), -9223372036854775808n);
  // beyond Number.MAX_SAFE_INTEGER, exact
  assert.is(parseGoInt64('9007199254740993'), 9007199254740993n);
});

test('parseGoInt64: rejects what ParseInt rejects', () => {
  for (const s of ['', '-', '+', ' 1', '1 ', '1.0', '1e3', '0x10', '1_000', 'abc', '9223372036854775808', '-9223372036854775809', '١']) {
    assert.is(parseGoInt64(s), undefined, JSON.stringify(s));
  }
});

test('parseCanonicalInt64: "0" or an optional "-" then 1-9 and digits, within int64', () => {
  assert.is(parseCanonicalInt64('0'), 0n);
  assert.is(parseCanonicalInt64('42'), 42n);
  assert.is(parseCanonicalInt64('-42'), -42n);
  assert.is(parseCanonicalInt64('9223372036854775807'), 9223372036854775807n);
  for (const s of ['', '-', '-0', '+5', '0700', '00', ' 1', '1.5', '9223372036854775808']) {
    assert.is(parseCanonicalInt64(s), undefined, JSON.stringify(s));
  }
});

test('parseGoInt64: leading zeros of any length (ParseInt accepts them); 30M digits refused without a BigInt of them', () => {
  assert.is(parseGoInt64(`${'0'.repeat(1_000_000)}42`), 42n);
  assert.is(parseGoInt64(`-${'0'.repeat(100)}9223372036854775808`), -9223372036854775808n);
  assert.is(parseGoInt64('9'.repeat(30_000_000)), undefined);
  assert.is(parseCanonicalInt64('1'.repeat(30_000_000)), undefined);
});

test('parseClampedInteger: any decimal integer, clamped beyond int64 to a value on the same side', () => {
  assert.is(parseClampedInteger('5'), 5n);
  assert.is(parseClampedInteger('-0007'), -7n);
  assert.is(parseClampedInteger('9'.repeat(1_000_000)), 10n ** 19n);
  assert.is(parseClampedInteger(`-${'9'.repeat(30)}`), -(10n ** 19n));
  assert.ok((parseClampedInteger('9223372036854775808') ?? 0n) > 2n ** 63n - 1n);
  assert.is(parseClampedInteger('1e3'), undefined);
});

test.run();
