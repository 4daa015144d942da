import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError } from '../errors.js';
import { makeNode, nodeFromObject } from '../testing/placement-fixtures.js';
import { evaluatePolicy } from './evaluate-policy.js';
import { checkJsonPath, readFieldValue, readJsonPath } from './json-path.js';
import type { Policy } from './policy.js';

const flags = globalThis as unknown as Record<string, unknown>;
/**
 * Payloads that set a global flag if any code in them runs (the first is the jsonpath-plus RCE shape).
 * properties/jsonpath-eval-control.test.ts shows the first one really runs when eval is enabled.
 */
const payloads = [
  "$..[?(@.constructor.constructor('globalThis.__placementPwned1 = true')())]",
  '$[?(globalThis.__placementPwned2 = true)]',
  "$.status[(globalThis.__placementPwned3 = 'conditions')]",
  '$.metadata.labels[?(@property.constructor.constructor("globalThis.__placementPwned4 = true")())]',
];
const flagNames = ['__placementPwned1', '__placementPwned2', '__placementPwned3', '__placementPwned4'];
const node = nodeFromObject({
  metadata: { name: 'n', labels: { a: 'b' } },
  status: { allocatable: { 'nvidia.com/gpu': '2' }, conditions: [{ type: 'Ready', status: 'True' }] },
});

function resetFlags(): void {
  for (const name of flagNames) delete flags[name];
}

test('readJsonPath never runs a filter or script: a clear error, and no flag set', () => {
  resetFlags();
  for (const path of payloads) {
    assert.throws(() => readJsonPath(node.raw, path), /Eval \[\??\(expr\)\] prevented/, path);
  }
  // process.exit in a filter: if it ran, this test process would die here instead of passing.
  assert.throws(() => readJsonPath(node.raw, '$[?(process.exit(1))]'), /prevented/);
  assert.throws(() => readJsonPath(node.raw, "$..[?(@.constructor.constructor('process.exit(1)')())]"), /prevented/);
  for (const name of flagNames) assert.is(flags[name], undefined, name);
});

test('checkJsonPath rejects filters, scripts and type selectors before any node is read', () => {
  for (const path of [...payloads, '$[?(process.exit(1))]', '$..[?(@.a)]', '$.a@other()', '$.a[(1)]']) {
    assert.match(checkJsonPath(path) ?? '', /not allowed: fields are read with JSONPath evaluation disabled/, path);
  }
});

test('a policy whose unchecked field holds a payload fails with a PlacementError naming the field, and runs nothing', () => {
  resetFlags();
  const policy: Policy = {
    name: 'evil', source: 'evil.yaml', appliesTo: [{}], condition: true, reason: 'r', labelRule: undefined,
    fields: new Map([['x', payloads[0]!]]),
  };
  try {
    evaluatePolicy(policy, node);
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.match(error.lines()[0]!, /^evil\.yaml: spec\.fields\.x: Invalid value: "n": policy "evil" fails on node "n": Eval \[\?\(expr\)\] prevented/);
  }
  assert.is(flags['__placementPwned1'], undefined);
});

test('checkJsonPath: syntax the library would silently misread', () => {
  assert.is(checkJsonPath("$.status.allocatable['nvidia.com/gpu']"), undefined);
  assert.is(checkJsonPath('$.status.conditions[*].type'), undefined);
  assert.is(checkJsonPath("$.metadata.labels['a(b)?']"), undefined, 'code characters inside quotes are names');
  assert.is(checkJsonPath('$..allocatable'), undefined);
  assert.match(checkJsonPath('$.status[') ?? '', /unbalanced "\["/);
  assert.match(checkJsonPath('$.status]') ?? '', /unbalanced "\]"/);
  assert.match(checkJsonPath("$['a") ?? '', /unterminated ' quote/);
  assert.match(checkJsonPath('status.allocatable') ?? '', /must start with "\$"/);
  assert.match(checkJsonPath(3) ?? '', /must be a JSONPath string/);
});

test('readFieldValue: one value, null when none, a list when several; own properties only', () => {
  assert.is(readFieldValue(node.raw, "$.status.allocatable['nvidia.com/gpu']"), '2');
  assert.is(readFieldValue(node.raw, "$.status.allocatable['amd.com/gpu']"), null);
  assert.equal(readFieldValue(node.raw, '$.status.conditions[*].type'), 'Ready');
  assert.equal(readFieldValue({ a: [{ b: 1 }, { b: 2 }] }, '$.a[*].b'), [1, 2]);
  assert.is(readFieldValue(makeNode({ name: 'x' }).raw, '$.constructor'), null);
  assert.is(readFieldValue(makeNode({ name: 'x' }).raw, '$.metadata.__proto__'), null);
  const withProtoLabel = JSON.parse('{"metadata": {"labels": {"__proto__": "v"}}}') as object;
  assert.is(readFieldValue(withProtoLabel, "$.metadata.labels['__proto__']"), 'v');
});

test.run();
