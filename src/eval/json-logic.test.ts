import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyJsonLogic, customOperations, evaluateJsonLogic, int64InRange, int64Value, standardOperations } from './json-logic.js';
import { nodeFacts } from './node-facts.js';
import { makeNode } from '../testing/placement-fixtures.js';

const node = makeNode({
  name: 'n1',
  labels: JSON.parse('{"topology.kubernetes.io/zone": "eu-1a", "empty": "", "__proto__": "proto-value", "constructor": "c", "n": "0204"}') as Record<string, string>,
  taints: [
    { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    { key: 'soft', effect: 'PreferNoSchedule' },
  ],
});
const facts = nodeFacts(node);
const cordoned = nodeFacts(makeNode({ name: 'c', unschedulable: true }));
const nameless = nodeFacts(makeNode({ name: '' }));

test('label: the value, or null when absent; keys with dots and slashes work', () => {
  assert.is(applyJsonLogic({ label: ['topology.kubernetes.io/zone'] }, facts), 'eu-1a');
  assert.is(applyJsonLogic({ label: 'topology.kubernetes.io/zone' }, facts), 'eu-1a');
  assert.is(applyJsonLogic({ label: ['missing'] }, facts), null);
  assert.is(applyJsonLogic({ label: ['empty'] }, facts), '');
  // `var` splits on dots: the pitfall the label operation exists for.
  assert.is(applyJsonLogic({ var: 'labels.topology.kubernetes.io/zone' }, facts), null);
});

test('label and hasLabel: __proto__ and constructor are ordinary keys, never the prototype', () => {
  assert.is(applyJsonLogic({ label: ['__proto__'] }, facts), 'proto-value');
  assert.is(applyJsonLogic({ label: ['constructor'] }, facts), 'c');
  const plain = nodeFacts(makeNode({ name: 'p' }));
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    assert.is(applyJsonLogic({ label: [key] }, plain), null, key);
    assert.is(evaluateJsonLogic({ hasLabel: [key] }, plain), false, key);
  }
  assert.is(evaluateJsonLogic({ hasLabel: ['__proto__'] }, facts), true);
});

test('hasLabel: present with any value, even empty', () => {
  assert.is(evaluateJsonLogic({ hasLabel: ['empty'] }, facts), true);
  assert.is(evaluateJsonLogic({ hasLabel: ['nope'] }, facts), false);
  assert.is(evaluateJsonLogic({ hasLabel: [42] }, facts), false);
});

test('int64: Go ParseInt (sign, leading zeros, 64-bit range) as BigInt, else null', () => {
  assert.is(int64Value('0204'), 204n);
  assert.is(int64Value('+7'), 7n);
  assert.is(int64Value('-9223372036854775808'), -(2n ** 63n));
  assert.is(int64Value('9223372036854775807'), 2n ** 63n - 1n);
  assert.is(int64Value('9223372036854775808'), null);
  assert.is(int64Value('-9223372036854775809'), null);
  for (const bad of ['', ' 1', '1.0', '1e3', '0x10', '1_000', '١']) assert.is(int64Value(bad), null, bad);
  assert.is(int64Value(12), 12n);
  assert.is(int64Value(1.5), null);
  assert.is(applyJsonLogic({ int64: [{ label: ['n'] }] }, facts), 204n);
  assert.is(evaluateJsonLogic({ '>': [{ int64: [{ label: ['n'] }] }, 203] }, facts), true);
});

test('int64InRange: inclusive bounds, null unbounded, boundaries exact beyond 2^53', () => {
  assert.is(int64InRange('6', '6', null), true);
  assert.is(int64InRange('5', '6', null), false);
  assert.is(int64InRange('0204', null, '204'), true);
  assert.is(int64InRange('9223372036854775807', '9223372036854775807', null), true);
  assert.is(int64InRange('9223372036854775806', '9223372036854775807', null), false);
  assert.is(int64InRange('9007199254740993', '9007199254740993', '9007199254740993'), true);
  assert.is(int64InRange('9007199254740992', '9007199254740993', null), false);
  assert.is(int64InRange('9223372036854775808', null, null), false, 'out of int64 never matches');
  assert.is(int64InRange(null, null, null), false, 'an absent label never matches Gt/Lt');
  assert.is(int64InRange('5', 'abc', null), false, 'a malformed bound matches nothing');
  assert.is(evaluateJsonLogic({ int64InRange: [{ label: ['n'] }, '200', '300'] }, facts), true);
  assert.is(evaluateJsonLogic({ int64InRange: [{ label: ['missing'] }, null, null] }, facts), false);
});

test('tolerated: every NoSchedule/NoExecute taint needs a toleration; PreferNoSchedule never blocks', () => {
  const exists = { key: 'dedicated', operator: 'Exists', value: '', effect: '' };
  const equalWrong = { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' };
  assert.is(evaluateJsonLogic({ tolerated: [[exists]] }, facts), true);
  assert.is(evaluateJsonLogic({ tolerated: [[equalWrong]] }, facts), false);
  assert.is(evaluateJsonLogic({ tolerated: [[]] }, facts), false);
  assert.is(evaluateJsonLogic({ tolerated: [[]] }, nameless), true, 'no taints: nothing to tolerate');
  const numeric = nodeFacts(makeNode({ name: 'x', taints: [{ key: 'level', value: '7', effect: 'NoExecute' }] }));
  const gt = { key: 'level', operator: 'Gt', value: '5', effect: 'NoExecute' };
  assert.is(evaluateJsonLogic({ tolerated: [[gt]] }, numeric), false, 'Gt needs the feature gate');
  assert.is(evaluateJsonLogic({ tolerated: [[gt], true] }, numeric), true);
});

test('nodeName, nameIn, nameNotIn: a nameless node has no fields and passes nameIn/nameNotIn, never nodeName', () => {
  assert.is(evaluateJsonLogic({ nodeName: ['n1'] }, facts), true);
  assert.is(evaluateJsonLogic({ nodeName: ['n2'] }, facts), false);
  assert.is(evaluateJsonLogic({ nodeName: [''] }, nameless), false);
  assert.is(evaluateJsonLogic({ nameIn: ['n2', 'n1'] }, facts), true);
  assert.is(evaluateJsonLogic({ nameIn: [['n1']] }, facts), true, 'a list argument is flattened');
  assert.is(evaluateJsonLogic({ nameIn: [] }, facts), false);
  assert.is(evaluateJsonLogic({ nameIn: [] }, nameless), true);
  assert.is(evaluateJsonLogic({ nameNotIn: ['n1'] }, facts), false);
  assert.is(evaluateJsonLogic({ nameNotIn: [''] }, nameless), true);
});

test('schedulable: false only for cordoned nodes', () => {
  assert.is(evaluateJsonLogic({ schedulable: [] }, facts), true);
  assert.is(evaluateJsonLogic({ schedulable: [] }, cordoned), false);
});

test('standard operators work over facts; results use JSON Logic truthiness', () => {
  assert.is(evaluateJsonLogic({ and: [{ '==': [{ var: 'name' }, 'n1'] }, { '!': [{ var: 'unschedulable' }] }] }, facts), true);
  assert.is(evaluateJsonLogic({ some: [{ var: 'taints' }, { '==': [{ var: 'effect' }, 'NoSchedule'] }] }, facts), true);
  assert.is(evaluateJsonLogic({ var: 'taints' }, nameless), false, 'an empty list is falsy');
});

test('unknown operations throw; the operation sets are disjoint and exclude log', () => {
  assert.throws(() => evaluateJsonLogic({ labels: ['x'] }, facts), /Unrecognized operation labels/);
  assert.throws(() => evaluateJsonLogic({ constructor: ['x'] }, facts), /Unrecognized operation/);
  assert.not.ok(standardOperations.has('log'));
  for (const name of customOperations) assert.not.ok(standardOperations.has(name), name);
  assert.equal([...customOperations].sort(), ['hasLabel', 'int64', 'int64InRange', 'label', 'nameIn', 'nameNotIn', 'nodeName', 'schedulable', 'tolerated']);
});

test('node operations outside a facts document answer as for an empty node, without throwing', () => {
  assert.is(applyJsonLogic({ label: ['k'] }, null), null);
  assert.is(evaluateJsonLogic({ some: [[1, 2], { hasLabel: ['k'] }] }, facts), false);
  assert.is(evaluateJsonLogic({ schedulable: [] }, 5), true);
});

test.run();
