/**
 * Name syntax checks against apimachinery's exact strings (content/kube.go `IsLabelKey`,
 * `IsLabelValue`; util/validation `IsDNS1123Subdomain`), including Go's double space before "or"
 * that `RegexError` produces.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkDns1123Subdomain, checkLabelKey, checkLabelValue, isLabelKey, isLabelValue } from './validate-names.js';

const nameRegexError =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelKeyError =
  "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const labelValueError =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const subdomainError =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

// ---------- label keys ----------

test('label key: valid keys, with and without prefix', () => {
  for (const key of [
    'a',
    'A',
    '1',
    'disktype',
    'kubernetes.io/hostname',
    'node-role.kubernetes.io/control-plane',
    'topology.kubernetes.io/zone',
    'My_Key.with-dashes',
    'example.com/MyName',
    'a'.repeat(63),
    `${'a'.repeat(253)}/name`,
    'x__proto__x',
    'constructor',
  ]) {
    assert.equal(checkLabelKey(key), [], key);
    assert.ok(isLabelKey(key), key);
  }
});

test('label key: name part regex error is exact (Go double spaces)', () => {
  assert.equal(checkLabelKey('-bad'), [nameRegexError]);
  assert.equal(checkLabelKey('bad-'), [nameRegexError]);
  assert.equal(checkLabelKey('has space'), [nameRegexError]);
  assert.equal(checkLabelKey('example.com/%a'), [nameRegexError]);
  assert.equal(checkLabelKey('__proto__'), [nameRegexError]);
  assert.not.ok(isLabelKey('-bad'));
});

test('label key: empty name gives two errors (non-empty, then regex)', () => {
  assert.equal(checkLabelKey(''), ['name part must be non-empty', nameRegexError]);
  assert.equal(checkLabelKey('example.com/'), ['name part must be non-empty', nameRegexError]);
});

test('label key: name over 63 bytes', () => {
  assert.equal(checkLabelKey('a'.repeat(63)), []);
  assert.equal(checkLabelKey('a'.repeat(64)), ['name part must be no more than 63 bytes']);
  assert.equal(checkLabelKey(`example.com/${'b'.repeat(64)}`), ['name part must be no more than 63 bytes']);
  // too long and a bad character: both errors, length first
  assert.equal(checkLabelKey(`${'a'.repeat(64)}-`), ['name part must be no more than 63 bytes', nameRegexError]);
});

test('label key: length counts bytes, as Go len does', () => {
  // 62 ASCII + 1 two-byte character = 63 characters, 64 bytes
  const key = `${'a'.repeat(31)}é${'a'.repeat(31)}`;
  assert.equal(key.length, 63);
  assert.equal(checkLabelKey(key), ['name part must be no more than 63 bytes', nameRegexError]);
});

test('label key: empty prefix', () => {
  assert.equal(checkLabelKey('/simple'), ['prefix part must be non-empty']);
  assert.equal(checkLabelKey('/'), ['prefix part must be non-empty', 'name part must be non-empty', nameRegexError]);
});

test('label key: invalid prefix is a DNS-1123 subdomain error prefixed "prefix part "', () => {
  assert.equal(checkLabelKey('Example.com/name'), [`prefix part ${subdomainError}`]);
  assert.equal(checkLabelKey('example_com/name'), [`prefix part ${subdomainError}`]);
  assert.equal(checkLabelKey('-example.com/name'), [`prefix part ${subdomainError}`]);
});

test('label key: prefix over 253 bytes says bytes (content package)', () => {
  const prefix = 'a'.repeat(254);
  assert.equal(checkLabelKey(`${prefix}/name`), ['prefix part must be no more than 253 bytes']);
});

test('label key: prefix and name errors are both reported, prefix first', () => {
  assert.equal(checkLabelKey('Bad.Prefix/-name'), [`prefix part ${subdomainError}`, nameRegexError]);
  assert.equal(checkLabelKey('/-name'), ['prefix part must be non-empty', nameRegexError]);
});

test('label key: more than one slash gives the single "a valid label key" error', () => {
  assert.equal(checkLabelKey('a/b/c'), [labelKeyError]);
  assert.equal(checkLabelKey('example.com/a/b'), [labelKeyError]);
  assert.equal(checkLabelKey('a/b/c/d'), [labelKeyError]);
  assert.equal(checkLabelKey('//'), [labelKeyError]);
});

// ---------- label values ----------

test('label value: empty is valid', () => {
  assert.equal(checkLabelValue(''), []);
  assert.ok(isLabelValue(''));
});

test('label value: valid values', () => {
  for (const value of ['a', 'true', '0', '0700', 'my_value', 'My.Value-1', 'us-east-1a', '12345', 'a'.repeat(63)]) {
    assert.equal(checkLabelValue(value), [], value);
  }
});

test('label value: 63 bytes ok, 64 bytes too long', () => {
  assert.equal(checkLabelValue('v'.repeat(63)), []);
  assert.equal(checkLabelValue('v'.repeat(64)), ['must be no more than 63 bytes']);
});

test('label value: regex error is exact (Go double spaces "\'MyValue\',  or")', () => {
  assert.equal(checkLabelValue('-a'), [labelValueError]);
  assert.equal(checkLabelValue('a b'), [labelValueError]);
  assert.equal(checkLabelValue('a/b'), [labelValueError]);
  assert.equal(checkLabelValue('value_'), [labelValueError]);
  assert.ok(labelValueError.includes("(e.g. 'MyValue',  or 'my_value',  or '12345', "));
  assert.not.ok(isLabelValue('a b'));
});

test('label value: too long and malformed gives both errors, length first', () => {
  assert.equal(checkLabelValue(`${'v'.repeat(64)}-`), ['must be no more than 63 bytes', labelValueError]);
});

test('label value: a trailing newline is not accepted (Go $ is end of text)', () => {
  assert.equal(checkLabelValue('abc\n'), [labelValueError]);
  assert.equal(checkLabelKey('abc\n'), [nameRegexError]);
});

// ---------- DNS-1123 subdomain (node names) ----------

test('DNS-1123 subdomain: valid node names', () => {
  for (const name of ['node-1', 'ip-172-31-21-92', 'ip-10-0-0-1.ec2.internal', 'a', '0', 'a'.repeat(253)]) {
    assert.equal(checkDns1123Subdomain(name), [], name);
  }
});

test('DNS-1123 subdomain: regex error is exact', () => {
  assert.equal(checkDns1123Subdomain('Node_1'), [subdomainError]);
  assert.equal(checkDns1123Subdomain('UPPER'), [subdomainError]);
  assert.equal(checkDns1123Subdomain('-node'), [subdomainError]);
  assert.equal(checkDns1123Subdomain('node.'), [subdomainError]);
  assert.equal(checkDns1123Subdomain('a..b'), [subdomainError]);
  assert.equal(checkDns1123Subdomain(''), [subdomainError]);
});

test('DNS-1123 subdomain: over 253 characters, length error first', () => {
  assert.equal(checkDns1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
  assert.equal(checkDns1123Subdomain(`${'a'.repeat(254)}-`), ['must be no more than 253 characters', subdomainError]);
});

test('DNS-1123 subdomain: the label-key prefix variant says bytes', () => {
  assert.equal(checkDns1123Subdomain('a'.repeat(254), 'bytes'), ['must be no more than 253 bytes']);
});

test.run();
