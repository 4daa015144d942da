/**
 * Typed reads from untrusted JSON: Go zero values for absent/null, a collected error (never a throw)
 * for a wrong type, own-property reads only; and Node decoding on top of it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { decodeNode } from './decode-node.js';
import { Decoder, isObject, own } from './decode.js';
import { parseDocuments } from './parse-documents.js';

const lines = (d: Decoder): string[] => d.errors.map(formatFieldError);

test('isObject: plain objects only', () => {
  assert.ok(isObject({}));
  assert.ok(isObject({ a: 1 }));
  assert.not.ok(isObject(null));
  assert.not.ok(isObject([]));
  assert.not.ok(isObject('x'));
  assert.not.ok(isObject(1));
  assert.not.ok(isObject(undefined));
});

test('own: reads own properties only, never the prototype', () => {
  const o: Record<string, unknown> = { a: 1 };
  assert.is(own(o, 'a'), 1);
  assert.is(own(o, 'constructor'), undefined);
  assert.is(own(o, 'toString'), undefined);
  assert.is(own(o, '__proto__'), undefined);
  const parsed = JSON.parse('{"__proto__": "p", "constructor": "c"}') as Record<string, unknown>;
  assert.is(own(parsed, '__proto__'), 'p');
  assert.is(own(parsed, 'constructor'), 'c');
});

test('string: absent and null are "", strings pass, anything else is an error and ""', () => {
  const d = new Decoder();
  assert.is(d.string(undefined, 'a'), '');
  assert.is(d.string(null, 'a'), '');
  assert.is(d.string('x', 'a'), 'x');
  assert.is(d.string('', 'a'), '');
  assert.equal(d.errors, []);
  assert.is(d.string(5, 'spec.nodeName'), '');
  assert.is(d.string(true, 'b'), '');
  assert.is(d.string({ k: 1 }, 'c'), '');
  assert.is(d.string(['x'], 'e'), '');
  assert.equal(lines(d), [
    'spec.nodeName: Invalid value: 5: must be a string, not number',
    'b: Invalid value: true: must be a string, not boolean',
    'c: Invalid value: {"k":1}: must be a string, not object',
    'e: Invalid value: ["x"]: must be a string, not array',
  ]);
});

test('boolean: absent and null are false', () => {
  const d = new Decoder();
  assert.is(d.boolean(undefined, 'a'), false);
  assert.is(d.boolean(null, 'a'), false);
  assert.is(d.boolean(true, 'a'), true);
  assert.is(d.boolean(false, 'a'), false);
  assert.equal(d.errors, []);
  assert.is(d.boolean('true', 'spec.unschedulable'), false);
  assert.equal(lines(d), ['spec.unschedulable: Invalid value: "true": must be a boolean, not string']);
});

test('int32/int64: absent is undefined; fractions and strings are errors', () => {
  const d = new Decoder();
  assert.is(d.int32(undefined, 'a'), undefined);
  assert.is(d.int64(null, 'a'), undefined);
  assert.is(d.int32(0, 'a'), 0);
  assert.is(d.int64(-30, 'a'), -30);
  assert.equal(d.errors, []);
  assert.is(d.int32(1.5, 'w'), undefined);
  assert.is(d.int64('5', 'weight'), undefined);
  assert.equal(lines(d), [
    'w: Invalid value: 1.5: must be a whole number from -2147483648 to 2147483647 (Go int32)',
    'weight: Invalid value: "5": must be an integer, not string',
  ]);
});

test("int32: Go's decoder refuses numbers out of int32 range (cannot unmarshal number 1e300 ... of type int32)", () => {
  const d = new Decoder();
  assert.is(d.int32(2147483647, 'a'), 2147483647);
  assert.is(d.int32(-2147483648, 'a'), -2147483648);
  assert.equal(d.errors, []);
  assert.is(d.int32(2147483648, 'spec.minReadySeconds'), undefined);
  assert.is(d.int32(1e300, 'spec.minReadySeconds'), undefined);
  assert.equal(lines(d), [
    'spec.minReadySeconds: Invalid value: 2147483648: must be a whole number from -2147483648 to 2147483647 (Go int32)',
    'spec.minReadySeconds: Invalid value: 1e+300: must be a whole number from -2147483648 to 2147483647 (Go int32)',
  ]);
});

test('int64: beyond ±2^63 refused as Go refuses it; beyond 2^53 − 1 refused because it cannot be read exactly, never re-rendered with invented digits', () => {
  const d = new Decoder();
  assert.is(d.int64(Number.MAX_SAFE_INTEGER, 'a'), Number.MAX_SAFE_INTEGER);
  assert.is(d.int64(-Number.MAX_SAFE_INTEGER, 'a'), -Number.MAX_SAFE_INTEGER);
  assert.equal(d.errors, []);
  const p = 'spec.tolerations[0].tolerationSeconds';
  assert.is(d.int64(JSON.parse('18446744073709551616') as number, p), undefined);
  assert.is(d.int64(JSON.parse('9007199254740993') as number, p), undefined);
  assert.is(d.int64(1e300, p), undefined);
  assert.is(d.int64(0.5, p), undefined);
  const got = lines(d);
  assert.equal(got, [
    `${p}: Invalid value: 1.8446744073709552e+19: must be a whole number from -9223372036854775808 to 9223372036854775807 (Go int64)`,
    `${p}: Invalid value: 9.007199254740992e+15: must be from -9007199254740991 to 9007199254740991: larger JSON numbers cannot be read exactly (placement limit exactIntegerMax)`,
    `${p}: Invalid value: 1e+300: must be a whole number from -9223372036854775808 to 9223372036854775807 (Go int64)`,
    `${p}: Invalid value: 0.5: must be a whole number from -9223372036854775808 to 9223372036854775807 (Go int64)`,
  ]);
  assert.not.ok(got.some((l) => l.includes('18446744073709552000')));
});

test('time: RFC 3339 as metav1.Time parses it (time.Parse(time.RFC3339)); impossible dates are decode errors', () => {
  const d = new Decoder();
  assert.is(d.time(undefined, 't'), undefined);
  assert.is(d.time(null, 't'), undefined);
  assert.is(d.time('2024-02-29T23:59:59.123456789+05:30', 't'), '2024-02-29T23:59:59.123456789+05:30');
  assert.equal(d.errors, []);
  assert.is(d.time('2023-02-29T00:00:00Z', 'metadata.creationTimestamp'), undefined);
  assert.is(d.time('yesterday', 'status.conditions.lastTransitionTime'), undefined);
  assert.is(d.time(1704067200, 'spec.taints[0].timeAdded'), undefined);
  assert.equal(lines(d), [
    'metadata.creationTimestamp: Invalid value: "2023-02-29T00:00:00Z": must be an RFC 3339 time: day out of range',
    'status.conditions.lastTransitionTime: Invalid value: "yesterday": must be an RFC 3339 time, e.g. 2006-01-02T15:04:05Z',
    'spec.taints[0].timeAdded: Invalid value: 1704067200: must be a string, not number',
  ]);
});

test('boundedString: a placement length limit reported as apimachinery TooLong (value omitted)', () => {
  const d = new Decoder();
  assert.is(d.boundedString('12345', 'metadata.resourceVersion', 64), '12345');
  assert.is(d.boundedString('9'.repeat(30_000_000), 'metadata.resourceVersion', 64), '');
  assert.is(d.boundedString(12345, 'metadata.resourceVersion', 64), '');
  assert.equal(lines(d), [
    'metadata.resourceVersion: Too long: may not be more than 64 bytes',
    'metadata.resourceVersion: Invalid value: 12345: must be a string, not number',
  ]);
});

test('list, stringList, stringMap: over their limit is apimachinery TooMany, and the items are not read', () => {
  const d = new Decoder();
  let read = 0;
  const items = Array.from({ length: 101 }, () => ({}));
  assert.equal(d.list(items, 'spec.tolerations', () => (read += 1), 100), []);
  assert.is(read, 0);
  assert.equal(d.list(items.slice(1), 'ok', () => 1, 100).length, 100);
  assert.equal(d.stringList(['a', 'b'], 'values', 1), []);
  assert.equal(d.stringMap({ a: 'x', b: 'y' }, 'spec.nodeSelector', 1), new Map());
  assert.equal(lines(d), [
    'spec.tolerations: Too many: 101: must have at most 100 items',
    'values: Too many: 2: must have at most 1 item',
    'spec.nodeSelector: Too many: 2: must have at most 1 item',
  ]);
});

test('object: absent is undefined; arrays and scalars are errors', () => {
  const d = new Decoder();
  assert.is(d.object(undefined, 'a'), undefined);
  assert.is(d.object(null, 'a'), undefined);
  assert.equal(d.object({ x: 1 }, 'a'), { x: 1 });
  assert.equal(d.errors, []);
  assert.is(d.object([], 'spec'), undefined);
  assert.is(d.object('x', 'metadata'), undefined);
  assert.equal(lines(d), ['spec: Invalid value: []: must be an object, not array', 'metadata: Invalid value: "x": must be an object, not string']);
});

test('array and list: absent is empty; items are decoded with their index', () => {
  const d = new Decoder();
  assert.equal(d.array(undefined, 'a'), []);
  assert.equal(d.array(null, 'a'), []);
  assert.equal(d.array([1, 2], 'a'), [1, 2]);
  assert.equal(d.errors, []);
  assert.equal(d.array({ key: 'k' }, 'spec.tolerations'), []);
  assert.equal(lines(d), ['spec.tolerations: Invalid value: {"key":"k"}: must be a list, not object']);

  const e = new Decoder();
  const got = e.list([{ a: 1 }, 'x', null, { a: 2 }], 'items', (item, path) => `${path}=${String(item['a'])}`);
  // a null item is the struct's zero value, as Go's json.Unmarshal leaves it; a scalar is an error
  assert.equal(got, ['items[0]=1', 'items[2]=undefined', 'items[3]=2']);
  assert.equal(lines(e), ['items[1]: Invalid value: "x": must be an object, not string']);
});

test('stringList: each item must be a string', () => {
  const d = new Decoder();
  assert.equal(d.stringList(['a', 'b'], 'values'), ['a', 'b']);
  assert.equal(d.stringList(['a', 5, true], 'values'), ['a', '', '']);
  assert.equal(lines(d), ['values[1]: Invalid value: 5: must be a string, not number', 'values[2]: Invalid value: true: must be a string, not boolean']);
});

test('stringMap: a Map in key order, errors at path[key], absent is undefined', () => {
  const d = new Decoder();
  assert.is(d.stringMap(undefined, 'm'), undefined);
  assert.is(d.stringMap(null, 'm'), undefined);
  assert.equal([...(d.stringMap({ b: '2', a: '1' }, 'm') ?? [])], [['b', '2'], ['a', '1']]);
  assert.equal(d.stringMap({}, 'm')?.size, 0);
  assert.equal(d.errors, []);
  const bad = d.stringMap({ ok: 'x', gpu: 1, spot: true, none: null }, 'spec.nodeSelector');
  assert.equal([...(bad ?? [])], [['ok', 'x'], ['gpu', ''], ['spot', ''], ['none', '']]);
  assert.equal(lines(d), [
    'spec.nodeSelector[gpu]: Invalid value: 1: must be a string, not number',
    'spec.nodeSelector[spot]: Invalid value: true: must be a string, not boolean',
  ]);
});

test('stringMap: __proto__ and constructor are ordinary keys', () => {
  const d = new Decoder();
  const m = d.stringMap(JSON.parse('{"__proto__":"a","constructor":"b","hasOwnProperty":"c"}'), 'labels');
  assert.equal([...(m ?? [])], [['__proto__', 'a'], ['constructor', 'b'], ['hasOwnProperty', 'c']]);
  assert.equal(d.errors, []);
  assert.is(m?.get('__proto__'), 'a');
});

// ---------- decodeNode ----------

test('decodeNode: every placement field', () => {
  const d = new Decoder();
  const raw = {
    kind: 'Node',
    metadata: { name: 'n1', resourceVersion: '42', labels: { zone: 'a', 'node-role.kubernetes.io/control-plane': '' } },
    spec: {
      unschedulable: true,
      taints: [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: '2024-01-01T00:00:00Z' },
        { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
      ],
    },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
  };
  const n = decodeNode(d, raw);
  assert.equal(d.errors, []);
  assert.is(n.name, 'n1');
  assert.is(n.resourceVersion, '42');
  assert.equal([...n.labels], [['zone', 'a'], ['node-role.kubernetes.io/control-plane', '']]);
  assert.equal(n.taints, [
    { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule', timeAdded: '2024-01-01T00:00:00Z' },
    { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
  ]);
  assert.is(n.unschedulable, true);
  assert.equal(n.conditions, [{ type: 'Ready', status: 'True' }]);
  assert.is(n.raw, raw);
});

test('decodeNode: an empty object is a node with zero values', () => {
  const d = new Decoder();
  const n = decodeNode(d, {});
  assert.equal(d.errors, []);
  assert.is(n.name, '');
  assert.is(n.labels.size, 0);
  assert.equal(n.taints, []);
  assert.is(n.unschedulable, false);
  assert.equal(n.conditions, []);
  assert.is(n.resourceVersion, undefined);
});

test('decodeNode: type errors with node paths', () => {
  const d = new Decoder();
  decodeNode(d, {
    metadata: { name: 7, labels: { zone: 1 } },
    spec: { unschedulable: 'yes', taints: [{ key: 'k', effect: 5 }, 'x'] },
    status: { conditions: {} },
  });
  assert.equal(lines(d), [
    'metadata.name: Invalid value: 7: must be a string, not number',
    'metadata.labels[zone]: Invalid value: 1: must be a string, not number',
    'spec.taints[0].effect: Invalid value: 5: must be a string, not number',
    'spec.taints[1]: Invalid value: "x": must be an object, not string',
    'spec.unschedulable: Invalid value: "yes": must be a boolean, not string',
    'status.conditions: Invalid value: {}: must be a list, not object',
  ]);
});

test('decodeNode: __proto__ and constructor labels from YAML stay labels', () => {
  const [source] = parseDocuments('kind: Node\nmetadata:\n  name: n\n  labels:\n    __proto__: x\n    constructor: y\n', 'n.yaml');
  assert.ok(source);
  const d = new Decoder();
  const n = decodeNode(d, source.object);
  assert.equal(d.errors, []);
  assert.equal([...n.labels], [['__proto__', 'x'], ['constructor', 'y']]);
  assert.is(n.labels.get('constructor'), 'y');
  assert.is(new Map<string, string>().get('constructor'), undefined);
});

test.run();
