/**
 * apimachinery `metav1.LabelSelectorAsSelector` (helpers_test.go TestLabelSelectorAsSelector) and
 * `labels.Selector.Matches`/`Empty`, with the `labels.NewRequirement` errors the scheduler prints.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeLabelSelector } from '../model/decode-label-selector.js';
import { Decoder, type JsonObject } from '../model/decode.js';
import type { LabelSelector } from '../model/types.js';
import { addRequirements, describeSelector, isEmptySelector, labelSelectorMatches, matchesSelector, parseLabelSelector } from './label-selector.js';

function selector(object: JsonObject | null): LabelSelector | undefined {
  const d = new Decoder();
  const value = decodeLabelSelector(d, object, 'selector');
  assert.equal(d.errors, []);
  return value;
}

const labels = new Map([['app', 'x'], ['tier', 'web']]);

test('TestLabelSelectorAsSelector: nil selects nothing, {} and empty matchLabels select everything', () => {
  assert.equal(parseLabelSelector(undefined), { kind: 'nothing' });
  assert.not.ok(labelSelectorMatches(undefined, labels));
  assert.not.ok(labelSelectorMatches(undefined, new Map()));
  for (const empty of [{}, { matchLabels: {} }, { matchExpressions: [] }]) {
    const parsed = parseLabelSelector(selector(empty));
    assert.ok(isEmptySelector(parsed), JSON.stringify(empty));
    assert.ok(matchesSelector(parsed, new Map()));
    assert.ok(matchesSelector(parsed, labels));
  }
  assert.not.ok(isEmptySelector(parseLabelSelector(undefined)), 'labels.Nothing().Empty() is false');
});

test('TestLabelSelectorAsSelector: matchLabels and matchExpressions are ANDed', () => {
  const s = selector({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] });
  assert.ok(labelSelectorMatches(s, labels));
  assert.not.ok(labelSelectorMatches(s, new Map([['app', 'x']])));
  assert.is(describeSelector(parseLabelSelector(s)), 'app=x,tier in (web,api)');
});

test('Requirement.Matches: NotIn and DoesNotExist match a pod without the label; Exists does not', () => {
  const s = selector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'gone', operator: 'DoesNotExist' }] });
  assert.ok(labelSelectorMatches(s, labels));
  assert.ok(labelSelectorMatches(s, new Map()));
  assert.not.ok(labelSelectorMatches(selector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }), new Map()));
  assert.is(describeSelector(parseLabelSelector(s)), 'tier notin (db),!gone');
});

test('TestLabelSelectorAsSelector: an unknown operator is an error, and an invalid selector matches nothing', () => {
  const parsed = parseLabelSelector(selector({ matchExpressions: [{ key: 'foo', operator: 'Gt', values: ['1'] }] }));
  assert.equal(parsed, { kind: 'invalid', error: '"Gt" is not a valid label selector operator' });
  assert.not.ok(matchesSelector(parsed, new Map([['foo', '2']])));
});

test('labels.NewRequirement: the errors the scheduler prints for a bad value (parsing pod: values[0][service])', () => {
  const parsed = parseLabelSelector(selector({ matchExpressions: [{ key: 'service', operator: 'In', values: ['{{.bad-value.}}'] }] }));
  assert.equal(parsed, {
    kind: 'invalid',
    error:
      `values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  });
  const empty = parseLabelSelector(selector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }));
  assert.equal(empty, { kind: 'invalid', error: "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty" });
  const bad = parseLabelSelector(selector({ matchLabels: { 'a/b/c': 'x' } }));
  assert.ok(bad.kind === 'invalid' && bad.error.startsWith('key: Invalid value: "a/b/c": a valid label key must consist of'));
});

test('labels: constructor is an ordinary label key; __proto__ is kept but is no valid key', () => {
  const s = selector(JSON.parse('{"matchLabels":{"constructor":"x"}}') as JsonObject);
  assert.ok(labelSelectorMatches(s, new Map([['constructor', 'x']])));
  assert.not.ok(labelSelectorMatches(s, new Map()));
  const proto = parseLabelSelector(selector(JSON.parse('{"matchLabels":{"__proto__":"x"}}') as JsonObject));
  assert.ok(proto.kind === 'invalid' && proto.error.startsWith('key: Invalid value: "__proto__"'));
});

test('Selector.Add: more requirements narrow a selector; nothing stays nothing', () => {
  const more = [{ key: 'tier', operator: 'In', values: ['web'], equals: true }] as const;
  assert.ok(matchesSelector(addRequirements(parseLabelSelector(selector({})), more), labels));
  assert.not.ok(matchesSelector(addRequirements(parseLabelSelector(selector({})), more), new Map([['tier', 'db']])));
  assert.equal(addRequirements(parseLabelSelector(undefined), more), { kind: 'nothing' });
});

test.run();
