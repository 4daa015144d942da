/**
 * Policy field JSONPath: an allow-list grammar checked at load, evaluated by jsonpath-plus with
 * eval off on a path placement writes itself. No text is ever evaluated as code: filters,
 * scripts, type selectors and the quoted forms that read like them are refused when the policy
 * loads (the control in properties/jsonpath-eval-control.test.ts shows the first payload is live
 * when jsonpath-plus's eval is on).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { limits } from '../model/limits.js';
import { makeNode, nodeFromObject } from '../testing/placement-fixtures.js';
import { checkJsonPath, formatJsonPath, parseJsonPath, readFieldValue, readJsonPath } from './json-path.js';

const flags = globalThis as unknown as Record<string, unknown>;
/** Payloads that would set a global flag if any code in them ran (the first is the jsonpath-plus RCE shape). */
const payloads = [
  "$..[?(@.constructor.constructor('globalThis.__placementPwned1 = true')())]",
  '$[?(globalThis.__placementPwned2 = true)]',
  "$.status[(globalThis.__placementPwned3 = 'conditions')]",
  '$.metadata.labels[?(@property.constructor.constructor("globalThis.__placementPwned4 = true")())]',
  // Quoted and escaped forms: a filter inside quotes, a script in double quotes, backtick escapes.
  "$['?(@.constructor.constructor(\"return process\")().exit(9))']",
  '$["(globalThis.__placementPwned5 = 1)"]',
  "$[' ?(@.x)']",
  "$['@string()']",
  '$.a`.b',
  '$..[?(@.a)]',
  '$.a@other()',
  '$.a[(1)]',
  '$.a[0:2]',
  "$['a','b']",
  '$.a[-1]',
];
const node = nodeFromObject({
  metadata: { name: 'n', labels: { a: 'b' } },
  status: { allocatable: { 'nvidia.com/gpu': '2' }, conditions: [{ type: 'Ready', status: 'True' }] },
});

test('checkJsonPath: every filter, script, type selector, union, slice and code-like quoted name is refused at load', () => {
  for (const path of payloads) assert.ok(checkJsonPath(path) !== undefined, path);
  assert.match(checkJsonPath(payloads[0]!) ?? '', /unexpected "\?" at offset 4: fields use plain JSONPath/);
  assert.match(checkJsonPath(payloads[4]!) ?? '', /reads like a filter or script expression, which placement never evaluates/);
  // Even handed to the reader unchecked, they select nothing and run nothing.
  for (const path of payloads) assert.equal(readJsonPath(node.raw, path), [], path);
  for (const name of ['__placementPwned1', '__placementPwned2', '__placementPwned3', '__placementPwned4', '__placementPwned5']) assert.is(flags[name], undefined, name);
});

test('checkJsonPath: the plain grammar, and malformed text', () => {
  for (const good of ["$.status.allocatable['nvidia.com/gpu']", '$.status.conditions[*].type', '$..allocatable', '$', '$.*', '$..*', '$.a[0]', '$["x"]', '$..[0]', "$..['k']", '$._a-b', "$['hugepages-2Mi']"]) {
    assert.is(checkJsonPath(good), undefined, good);
  }
  // Quoted names keep to the characters of label keys and resource names.
  for (const odd of ["$.metadata.labels['a(b)?']", "$['it\\'s']", "$['a;b']", "$['a]']", "$['']"]) {
    assert.match(checkJsonPath(odd) ?? '', /quoted names hold letters, digits|unexpected/, odd);
  }
  assert.match(checkJsonPath('$.status[') ?? '', /unexpected the end at offset 9/);
  assert.match(checkJsonPath('$.status]') ?? '', /unexpected "\]" at offset 8/);
  assert.match(checkJsonPath("$['a") ?? '', /unterminated ' quote at offset 2/);
  assert.match(checkJsonPath('$.') ?? '', /unexpected the end at offset 2/);
  assert.match(checkJsonPath('$.1a') ?? '', /unexpected "1"/);
  assert.match(checkJsonPath('status.allocatable') ?? '', /must start with "\$"/);
  assert.match(checkJsonPath(3) ?? '', /must be a JSONPath string/);
});

test('checkJsonPath: length and segment limits; a 200,000-segment path is refused by its length before it is parsed', () => {
  assert.match(checkJsonPath(`$${'.a'.repeat(200_000)}`) ?? '', /must be at most 1024 characters \(placement limit jsonPathCharacters\)/);
  const many = `$${'.a'.repeat(limits.jsonPathSegments.value + 1)}`;
  assert.match(checkJsonPath(many) ?? '', /must have at most 64 segments \(placement limit jsonPathSegments\)/);
  assert.is(checkJsonPath(`$${'.a'.repeat(limits.jsonPathSegments.value)}`), undefined);
});

test('parseJsonPath: plain segments, quotes unescaped', () => {
  const parsed = parseJsonPath("$.status..['nvidia.com/gpu'][0][*]");
  assert.equal(parsed, {
    ok: true,
    segments: [
      { kind: 'name', name: 'status', descendants: false },
      { kind: 'name', name: 'nvidia.com/gpu', descendants: true },
      { kind: 'index', index: 0, descendants: false },
      { kind: 'wildcard', descendants: false },
    ],
  });
  assert.equal(parseJsonPath('$["a.b/c"]'), { ok: true, segments: [{ kind: 'name', name: 'a.b/c', descendants: false }] });
});

test('formatJsonPath: the path handed to jsonpath-plus quotes every name, so dots and slashes stay inside one segment', () => {
  const parsed = parseJsonPath("$.status..['nvidia.com/gpu'][0][*]");
  assert.ok(parsed.ok);
  if (parsed.ok) assert.is(formatJsonPath(parsed.segments), "$['status']..['nvidia.com/gpu'][0][*]");
});

test('readFieldValue: one value, null when none, a list when several; own properties only', () => {
  assert.is(readFieldValue(node.raw, "$.status.allocatable['nvidia.com/gpu']"), '2');
  assert.is(readFieldValue(node.raw, "$.status.allocatable['amd.com/gpu']"), null);
  assert.equal(readFieldValue(node.raw, '$.status.conditions[*].type'), 'Ready');
  assert.equal(readFieldValue({ a: [{ b: 1 }, { b: 2 }] }, '$.a[*].b'), [1, 2]);
  assert.is(readFieldValue(makeNode({ name: 'x' }).raw, '$.constructor'), null);
  assert.is(readFieldValue(makeNode({ name: 'x' }).raw, '$.metadata.__proto__'), null);
  assert.is(readFieldValue({ a: 'text' }, '$.a.length'), 4, "JSONPath's own properties of a string include its length");
  const withProtoLabel = JSON.parse('{"metadata": {"labels": {"__proto__": "v"}}}') as object;
  assert.is(readFieldValue(withProtoLabel, "$.metadata.labels['__proto__']"), 'v');
});

test('readJsonPath: descendants in document order, as jsonpath-plus orders them', () => {
  const doc = { a: { c: 1, k: 'x' }, b: 2, k: 'y', list: [{ k: 'z' }] };
  assert.equal(readJsonPath(doc, '$..*'), [doc.a, 2, 'y', doc.list, 1, 'x', doc.list[0], 'z']);
  assert.equal(readJsonPath(doc, '$..k'), ['y', 'x', 'z']);
  assert.equal(readJsonPath(doc, '$..[0]'), [doc.list[0]]);
  assert.equal(readJsonPath(doc, '$.list[1]'), []);
  // Inputs nest at most limits.nestingDepth levels (deeper documents are refused when read).
  let deep: unknown = { k: 'bottom' };
  for (let i = 0; i < limits.nestingDepth.value; i++) deep = { d: deep };
  assert.equal(readJsonPath(deep, '$..k'), ['bottom']);
});

test.run();
