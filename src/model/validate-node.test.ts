/**
 * Node validation (`ValidateNode`): name, labels at `metadata.labels`, and taints under
 * `metadata.taints[i]` (the upstream quirk: the taint validator is handed the `metadata` path).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { decodeNode } from './decode-node.js';
import { Decoder } from './decode.js';
import type { Node, Taint } from './types.js';
import { validateNode } from './validate-node.js';

const nameRegexError =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueError =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const subdomainError =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const effects = 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"';

function node(fields: Partial<Node> = {}): Node {
  return { name: 'node-1', labels: new Map(), taints: [], unschedulable: false, conditions: [], raw: {}, ...fields };
}
const taint = (key: string, effect: string, value = ''): Taint => ({ key, value, effect });
const lines = (n: Node): string[] => validateNode(n).map(formatFieldError);

test('a well-formed node is valid', () => {
  const n = node({
    labels: new Map([['kubernetes.io/hostname', 'node-1'], ['node-role.kubernetes.io/control-plane', '']]),
    taints: [taint('node-role.kubernetes.io/control-plane', 'NoSchedule'), taint('dedicated', 'NoExecute', 'gpu'), taint('dedicated', 'PreferNoSchedule', 'gpu')],
  });
  assert.equal(lines(n), []);
});

test('node name: required, and a DNS-1123 subdomain', () => {
  assert.equal(lines(node({ name: '' })), ['metadata.name: Required value: name or generateName is required']);
  assert.equal(lines(node({ name: 'Node_1' })), [`metadata.name: Invalid value: "Node_1": ${subdomainError}`]);
  const long = 'a'.repeat(254);
  assert.equal(lines(node({ name: long })), [`metadata.name: Invalid value: "${long}": must be no more than 253 characters`]);
});

test('labels: invalid keys and values are reported at metadata.labels', () => {
  assert.equal(lines(node({ labels: new Map([['bad key', 'v']]) })), [`metadata.labels: Invalid value: "bad key": ${nameRegexError}`]);
  assert.equal(lines(node({ labels: new Map([['zone', 'not ok']]) })), [`metadata.labels: Invalid value: "not ok": ${labelValueError}`]);
  assert.equal(lines(node({ labels: new Map([['example.com/', 'x'.repeat(64)]]) })), [
    'metadata.labels: Invalid value: "example.com/": name part must be non-empty',
    `metadata.labels: Invalid value: "example.com/": ${nameRegexError}`,
    `metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 bytes`,
  ]);
});

test('taints: key errors under metadata.taints[i].key (not spec.taints)', () => {
  assert.equal(lines(node({ taints: [taint('ok', 'NoSchedule'), taint('bad key', 'NoSchedule')] })), [
    `metadata.taints[1].key: Invalid value: "bad key": ${nameRegexError}`,
  ]);
});

test('taints: an empty key gives both name-part errors', () => {
  assert.equal(lines(node({ taints: [taint('', 'NoSchedule')] })), [
    'metadata.taints[0].key: Invalid value: "": name part must be non-empty',
    `metadata.taints[0].key: Invalid value: "": ${nameRegexError}`,
  ]);
});

test('taints: value errors joined with ";" at .value', () => {
  assert.equal(lines(node({ taints: [taint('k', 'NoSchedule', 'not ok')] })), [
    `metadata.taints[0].value: Invalid value: "not ok": ${labelValueError}`,
  ]);
  const long = `${'v'.repeat(64)}-`;
  assert.equal(lines(node({ taints: [taint('k', 'NoSchedule', long)] })), [
    `metadata.taints[0].value: Invalid value: "${long}": must be no more than 63 bytes;${labelValueError}`,
  ]);
});

test('taints: an empty effect is Required (unlike tolerations)', () => {
  assert.equal(lines(node({ taints: [taint('k', '')] })), ['metadata.taints[0].effect: Required value']);
});

test('taints: an unknown effect is Unsupported', () => {
  assert.equal(lines(node({ taints: [taint('k', 'NoScheduleNoAdmit')] })), [
    `metadata.taints[0].effect: Unsupported value: "NoScheduleNoAdmit": ${effects}`,
  ]);
});

test('taints: duplicates by key and effect; bad value is the internal core.Taint as JSON', () => {
  // pkg/apis/core Taint has no json tags, so json.Marshal prints Go field names and a nil TimeAdded.
  assert.equal(lines(node({ taints: [taint('a', 'NoSchedule'), taint('a', 'NoSchedule')] })), [
    'metadata.taints[1]: Duplicate value: {"Key":"a","Value":"","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
  ]);
  // the value does not matter for identity
  assert.equal(lines(node({ taints: [taint('a', 'NoSchedule', 'x'), taint('b', 'NoSchedule'), taint('a', 'NoSchedule', 'y')] })), [
    'metadata.taints[2]: Duplicate value: {"Key":"a","Value":"y","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
  ]);
});

test('taints: a duplicate with timeAdded prints it as metav1.Time (RFC 3339, UTC, seconds)', () => {
  const t: Taint = { key: 'a', value: '', effect: 'NoExecute', timeAdded: '2024-05-01T10:00:00Z' };
  assert.equal(lines(node({ taints: [taint('a', 'NoExecute'), t] })), [
    'metadata.taints[1]: Duplicate value: {"Key":"a","Value":"","Effect":"NoExecute","TimeAdded":"2024-05-01T10:00:00Z"}: taints must be unique by key and effect pair',
  ]);
});

test('taints: every repeat is reported, each at its own index', () => {
  const a = taint('a', 'NoSchedule');
  assert.equal(lines(node({ taints: [a, a, a] })).length, 2);
  assert.ok(lines(node({ taints: [a, a, a] }))[1]?.startsWith('metadata.taints[2]: Duplicate value: '));
});

test('taints: the same key with different effects is fine', () => {
  assert.equal(lines(node({ taints: [taint('a', 'NoSchedule'), taint('a', 'NoExecute'), taint('a', 'PreferNoSchedule')] })), []);
});

test('taints: several problems in one taint, in upstream order (key, value, effect)', () => {
  assert.equal(lines(node({ taints: [taint('-k', 'Bad', '-v')] })), [
    `metadata.taints[0].key: Invalid value: "-k": ${nameRegexError}`,
    `metadata.taints[0].value: Invalid value: "-v": ${labelValueError}`,
    `metadata.taints[0].effect: Unsupported value: "Bad": ${effects}`,
  ]);
});

test('decoded from JSON: an invalid real-looking node reports every problem', () => {
  const d = new Decoder();
  const n = decodeNode(d, {
    kind: 'Node',
    metadata: { name: 'worker-1', labels: { 'a/b/c': 'x', zone: 'us east' } },
    spec: { taints: [{ key: 'gpu', effect: 'NoSchedule' }, { key: 'gpu', value: 'x', effect: 'NoSchedule' }, { key: 'k' }] },
  });
  assert.equal(d.errors, []);
  assert.equal(lines(n), [
    "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    `metadata.labels: Invalid value: "us east": ${labelValueError}`,
    'metadata.taints[1]: Duplicate value: {"Key":"gpu","Value":"x","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
    'metadata.taints[2].effect: Required value',
  ]);
});

test.run();
