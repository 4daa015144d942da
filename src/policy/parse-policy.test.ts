import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError, type PlacementError } from '../errors.js';
import type { JsonObject } from '../model/decode.js';
import { parseDocuments } from '../model/parse-documents.js';
import { policiesFromSources } from './parse-policy.js';

function policy(spec: unknown, name = 'p'): JsonObject {
  return { apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name }, spec } as JsonObject;
}

const valid = { condition: { hasLabel: ['example.com/pool'] }, reason: 'node is in no pool' };

/** The error lines for objects read from `file`, or [] when they are valid. */
function lines(objects: readonly JsonObject[], file = 'rules/policies/x.yaml'): string[] {
  try {
    policiesFromSources(objects.map((object) => ({ object, file })));
    return [];
  } catch (error) {
    assert.ok(isPlacementError(error), String(error));
    return (error as PlacementError).lines();
  }
}

test('a valid policy: defaults, fields, and the label-only rule', () => {
  const [p] = policiesFromSources([{ object: policy(valid), file: 'a.yaml' }]);
  assert.equal(p?.appliesTo, [{}]);
  assert.is(p?.fields.size, 0);
  assert.equal(p?.labelRule, { exists: 'example.com/pool' });
  assert.is(p?.source, 'a.yaml');
  const withFields = policiesFromSources([{ object: policy({ ...valid, fields: { gpus: "$.status.allocatable['nvidia.com/gpu']" }, condition: { int64InRange: [{ var: 'fields.gpus' }, '1', null] } }), file: 'b.yaml' }]);
  assert.equal([...withFields[0]!.fields], [['gpus', "$.status.allocatable['nvidia.com/gpu']"]]);
  assert.is(withFields[0]!.labelRule, undefined);
});

test('required fields, with file and field path', () => {
  assert.equal(lines([policy({ reason: 'r' })]), ['rules/policies/x.yaml: spec.condition: Required value']);
  assert.equal(lines([policy({ condition: true })]), ['rules/policies/x.yaml: spec.reason: Required value']);
  assert.equal(lines([{ apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name: 'p' } }]), ['rules/policies/x.yaml: spec: Required value']);
  assert.equal(lines([{ spec: valid }]), [
    'rules/policies/x.yaml: apiVersion: Required value: must be "placement/v1"',
    'rules/policies/x.yaml: kind: Required value: must be "PlacementPolicy"',
    'rules/policies/x.yaml: metadata.name: Required value',
  ]);
  assert.equal(lines([{ ...policy(valid), apiVersion: 'v1', kind: 'Pod' }]), [
    'rules/policies/x.yaml: apiVersion: Unsupported value: "v1": supported values: "placement/v1"',
    'rules/policies/x.yaml: kind: Unsupported value: "Pod": supported values: "PlacementPolicy"',
  ]);
});

test('unknown JSON Logic operations are errors at spec.condition, with where they sit', () => {
  const [line] = lines([policy({ ...valid, condition: { and: [true, { labels: ['zone'] }] } })]);
  assert.match(line!, /^rules\/policies\/x\.yaml: spec\.condition: Unsupported value: "labels": unknown JSON Logic operation \(at and\[1\]\); placement adds: label, hasLabel/);
  assert.match(lines([policy({ ...valid, condition: { log: ['x'] } })])[0]!, /spec\.condition: Unsupported value: "log"/);
  assert.match(lines([policy({ ...valid, condition: JSON.parse('{"__proto__": [1]}') })])[0]!, /spec\.condition: Unsupported value: "__proto__"/);
});

test('var: no prototype segments, no dotted label keys, declared field aliases only', () => {
  assert.match(lines([policy({ ...valid, condition: { var: 'taints.constructor.constructor' } })])[0]!, /spec\.condition: Forbidden: var path "taints\.constructor\.constructor" may not use "constructor"/);
  assert.match(lines([policy({ ...valid, condition: { '==': [{ var: 'labels.topology.kubernetes.io/zone' }, 'a'] } })])[0]!, /var splits its path on dots.*use \{"label": \[key\]\}.*\(at ==\[0\]\.var\)/);
  assert.match(lines([policy({ ...valid, condition: { var: 'fields.gpu' } })])[0]!, /spec\.condition: Not found: "fields\.gpu": no alias "gpu" in spec\.fields/);
  assert.match(lines([policy({ ...valid, condition: { missing: ['taints.__proto__'] } })])[0]!, /Forbidden: var path "taints\.__proto__" may not use "__proto__" \(at missing\)/);
  assert.equal(lines([policy({ ...valid, condition: { var: 'name' } })]), []);
});

test('custom operation literals, and a dry run that throws', () => {
  assert.match(lines([policy({ ...valid, condition: { int64InRange: [{ label: ['n'] }, 'six', null] } })])[0]!, /int64InRange: bound "six" is not a 64-bit integer/);
  assert.match(lines([policy({ ...valid, condition: { label: [] } })])[0]!, /label: takes one argument, the label key/);
  assert.match(lines([policy({ ...valid, condition: { missing_some: [1] } })])[0]!, /spec\.condition: Invalid value: .*evaluating it on an empty node fails/);
});

test('bad JSONPath and bad aliases at spec.fields.<alias>', () => {
  const out = lines([policy({ ...valid, fields: { gpus: '$[?(process.exit(1))]', cpu: '$.status[', 'a.b': '$.x', ok: 'status.x' } })]);
  assert.equal(out.length, 4);
  assert.match(out[0]!, /^rules\/policies\/x\.yaml: spec\.fields\.gpus: Invalid value: "\$\[\?\(process\.exit\(1\)\)\]": unexpected "\?" at offset 2: .*filters, scripts and type selectors are not allowed/);
  assert.match(out[1]!, /spec\.fields\.cpu: Invalid value: "\$\.status\[": unexpected the end at offset 9/);
  assert.match(out[2]!, /spec\.fields\["a\.b"\]: Invalid value: "a\.b": an alias is/);
  assert.match(out[3]!, /spec\.fields\.ok: Invalid value: "status\.x": must start with "\$"/);
});

test('appliesTo: one selector or a list; kinds, labels and unknown fields checked', () => {
  const [p] = policiesFromSources([{ object: policy({ ...valid, appliesTo: [{ namespaces: ['ml-*'] }, { labels: { 'example.com/gpu': 'true' } }] }), file: 'a' }]);
  assert.is(p?.appliesTo.length, 2);
  assert.equal(p?.appliesTo[1]?.labels, new Map([['example.com/gpu', 'true']]));
  const out = lines([policy({ ...valid, appliesTo: { namespace: ['x'], kinds: ['Jobs'], labels: { 'bad key': 'v' }, podLabels: { a: 1 } } })]);
  assert.equal(out.length, 4);
  assert.match(out[0]!, /spec\.appliesTo\.namespace: Forbidden: unknown field; known fields: namespaces, kinds, labels, podLabels/);
  assert.match(out[1]!, /spec\.appliesTo\.kinds\[0\]: Unsupported value: "Jobs": supported values: "Pod"/);
  assert.match(out[2]!, /spec\.appliesTo\.labels\["bad key"\]: Invalid value: "v": /);
  assert.match(out[3]!, /spec\.appliesTo\.podLabels\["a"\]: Invalid value: 1: must be a string/);
  assert.match(lines([policy({ ...valid, appliesTo: [] })])[0]!, /spec\.appliesTo: Invalid value: \[\]: must hold at least one selector/);
  assert.match(lines([policy({ ...valid, extra: 1 })])[0]!, /spec\.extra: Forbidden: unknown field/);
});

test('every problem of every file at once; duplicate names across files', () => {
  const sources = [
    ...parseDocuments(`apiVersion: placement/v1\nkind: PlacementPolicy\nmetadata: {name: a}\nspec: {condition: true, reason: r}\n---\napiVersion: placement/v1\nkind: PlacementPolicy\nmetadata: {name: b}\nspec: {reason: r}\n`, 'one.yaml'),
    ...parseDocuments(JSON.stringify([policy({ condition: true, reason: 'r' }, 'a')]), 'two.json'),
  ];
  try {
    policiesFromSources(sources);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.equal(error.lines(), [
      'one.yaml (document 2): spec.condition: Required value',
      'two.json (items[0]): metadata.name: Duplicate value: "a": also defined in one.yaml (document 1)',
    ]);
  }
});

test.run();
