import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeRequirement, matchesLabelRequirement, parseLabelRequirement, type ParsedRequirement } from './label-requirement.js';
import { labels } from '../testing/placement-fixtures.js';

// Upstream: k8s.io/apimachinery/pkg/labels/selector.go (NewRequirement, Requirement.Matches), reached
// through component-helpers nodeaffinity nodeSelectorRequirementsAsSelector.

function parsed(key: string, operator: string, values: readonly string[] = []): ParsedRequirement {
  const result = parseLabelRequirement({ key, operator, values });
  if (!result.ok) throw new Error(`expected ${key} ${operator} ${JSON.stringify(values)} to parse: ${result.problems.join('; ')}`);
  return result.requirement;
}

function problems(key: string, operator: string, values: readonly string[] = []): string[] {
  const result = parseLabelRequirement({ key, operator, values });
  return result.ok ? [] : result.problems;
}

function matches(key: string, operator: string, values: readonly string[], nodeLabels: Record<string, string>): boolean {
  return matchesLabelRequirement(parsed(key, operator, values), labels(nodeLabels));
}

// --- In / NotIn ---

test('In matches a node whose label value is in the set (Requirement.Matches; node_affinity_test "Pod with matchExpressions using In operator that matches the existing node")', () => {
  assert.ok(matches('foo', 'In', ['bar', 'value2'], { foo: 'bar' }));
});

test('In does not match a value outside the set (node_affinity_test "Pod with affinity that don\'t match node\'s labels won\'t schedule onto the node")', () => {
  assert.not.ok(matches('foo', 'In', ['value1', 'value2'], { foo: 'bar' }));
});

test('In never matches a node without the label (Requirement.Matches: In requires ls.Has(key))', () => {
  assert.not.ok(matches('foo', 'In', ['bar'], {}));
  assert.not.ok(matches('foo', 'In', [''], {}), 'In [""] still needs the label to exist');
});

test('In [""] matches a label present with an empty value (Requirement.Matches hasValue(""))', () => {
  assert.ok(matches('foo', 'In', [''], { foo: '' }));
});

test('In compares values byte-for-byte, case-sensitively (Requirement.hasValue)', () => {
  assert.not.ok(matches('zone', 'In', ['A'], { zone: 'a' }));
});

test('NotIn matches a node without the label (labels.Requirement.Matches: NotIn on a missing key is true)', () => {
  assert.ok(matches('foo', 'NotIn', ['bar'], {}));
});

test('NotIn matches a value outside the set (node_affinity_test "Pod with matchExpressions using NotIn operator that matches the existing node")', () => {
  assert.ok(matches('mem-type', 'NotIn', ['DDR', 'DDR2'], { 'mem-type': 'DDR3' }));
});

test('NotIn rejects a value in the set (Requirement.Matches NotIn)', () => {
  assert.not.ok(matches('mem-type', 'NotIn', ['DDR', 'DDR2'], { 'mem-type': 'DDR2' }));
});

// --- Exists / DoesNotExist ---

test('Exists matches a present label whatever its value, even empty (Requirement.Matches Exists; node_affinity_test "Pod with matchExpressions using Exists operator that matches the existing node")', () => {
  assert.ok(matches('GPU', 'Exists', [], { GPU: 'NVIDIA-GRID-K1' }));
  assert.ok(matches('GPU', 'Exists', [], { GPU: '' }));
});

test('Exists does not match an absent label (Requirement.Matches Exists)', () => {
  assert.not.ok(matches('GPU', 'Exists', [], { gpu: 'x' }), 'keys are case-sensitive');
});

test('DoesNotExist matches an absent label and rejects a present one (Requirement.Matches DoesNotExist)', () => {
  assert.ok(matches('GPU', 'DoesNotExist', [], {}));
  assert.not.ok(matches('GPU', 'DoesNotExist', [], { GPU: '' }));
});

// --- Gt / Lt ---

test('Gt "0204" matches node value "0206": leading zeros parse (node_affinity_test "Pod with matchExpressions using Gt operator that matches the existing node")', () => {
  assert.ok(matches('kernel-version', 'Gt', ['0204'], { 'kernel-version': '0206' }));
});

test('Gt threshold "0204" parses as 204 with strconv.ParseInt (labels.NewRequirement)', () => {
  assert.is(parsed('kernel-version', 'Gt', ['0204']).threshold, 204n);
  assert.is(parsed('n', 'Lt', ['0']).threshold, 0n);
});

test('Gt and Lt are strict comparisons (Requirement.Matches: lsValue > rValue / lsValue < rValue)', () => {
  assert.not.ok(matches('n', 'Gt', ['5'], { n: '5' }));
  assert.not.ok(matches('n', 'Lt', ['5'], { n: '5' }));
  assert.ok(matches('n', 'Gt', ['5'], { n: '6' }));
  assert.not.ok(matches('n', 'Gt', ['5'], { n: '4' }));
  assert.ok(matches('n', 'Lt', ['5'], { n: '4' }));
  assert.not.ok(matches('n', 'Lt', ['5'], { n: '6' }));
});

test('Gt/Lt never match a node without the label (Requirement.Matches: !exists → false)', () => {
  assert.not.ok(matches('n', 'Gt', ['1'], {}));
  assert.not.ok(matches('n', 'Lt', ['1'], {}));
});

test('Gt/Lt compare a node value with leading zeros or "+" as ParseInt does ("007" is 7, "+5" is 5)', () => {
  assert.ok(matches('n', 'Gt', ['6'], { n: '007' }));
  assert.ok(matches('n', 'Gt', ['4'], { n: '+5' }));
  assert.not.ok(matches('n', 'Gt', ['5'], { n: '+5' }));
  assert.ok(matches('n', 'Lt', ['1'], { n: '-0' }), '"-0" parses as 0');
  assert.ok(matches('n', 'Lt', ['1'], { n: '+0' }), '"+0" parses as 0');
});

test('leading zeros never overflow: a 40-digit "000…0042" is 42 for both threshold and node value (strconv.ParseInt)', () => {
  const padded = `${'0'.repeat(38)}42`;
  assert.is(parsed('n', 'Gt', [padded]).threshold, 42n);
  assert.ok(matches('n', 'Gt', ['41'], { n: padded }));
  assert.not.ok(matches('n', 'Gt', ['42'], { n: padded }));
});

test('Gt/Lt accept a negative node value (ParseInt allows "-"; only the threshold is limited by label-value syntax)', () => {
  assert.ok(matches('n', 'Lt', ['1'], { n: '-3' }));
  assert.not.ok(matches('n', 'Gt', ['0'], { n: '-3' }));
});

test('Gt/Lt never match a non-numeric node value (ParseInt error → false, no error)', () => {
  for (const value of ['abc', '1.5', ' 5', '5 ', '5\n', '1_000', '', '0x10', '1e3', '-', '+', '+-5', '\uff15', '\u0665']) {
    assert.not.ok(matches('n', 'Gt', ['0'], { n: value }), `Gt 0 vs ${JSON.stringify(value)}`);
    assert.not.ok(matches('n', 'Lt', ['100'], { n: value }), `Lt 100 vs ${JSON.stringify(value)}`);
  }
});

test('Gt/Lt use int64 exactly: 9223372036854775807 > 9223372036854775806 (ParseInt bitSize 64; not float64)', () => {
  assert.is(parsed('n', 'Gt', ['9223372036854775806']).threshold, 9223372036854775806n);
  assert.ok(matches('n', 'Gt', ['9223372036854775806'], { n: '9223372036854775807' }));
  assert.not.ok(matches('n', 'Gt', ['9223372036854775807'], { n: '9223372036854775807' }));
  assert.ok(matches('n', 'Lt', ['9223372036854775807'], { n: '9223372036854775806' }));
  assert.ok(matches('n', 'Lt', ['1'], { n: '-9223372036854775808' }), 'int64 minimum parses');
});

test('Gt/Lt: a node value beyond int64 fails ParseInt and never matches (Requirement.Matches)', () => {
  assert.not.ok(matches('n', 'Gt', ['1'], { n: '9223372036854775808' }));
  assert.not.ok(matches('n', 'Lt', ['1'], { n: '-9223372036854775809' }));
});

// --- parse problems (NewRequirement / nodeSelectorRequirementsAsSelector) ---

test('threshold 9223372036854775807 parses; 9223372036854775808 fails ParseInt and makes the requirement invalid (NewRequirement)', () => {
  assert.equal(problems('n', 'Gt', ['9223372036854775807']), []);
  const errs = problems('n', 'Gt', ['9223372036854775808']);
  assert.ok(errs.some((p) => p.includes("for 'Gt', 'Lt' operators, the value must be an integer")), errs.join('\n'));
});

test('In/NotIn with no values are invalid: "for \'in\', \'notin\' operators, values set can\'t be empty" (NewRequirement)', () => {
  for (const op of ['In', 'NotIn']) {
    const errs = problems('foo', op, []);
    assert.ok(errs.includes("for 'in', 'notin' operators, values set can't be empty"), `${op}: ${errs.join('; ')}`);
  }
});

test('Exists/DoesNotExist with values are invalid: "values set must be empty for exists and does not exist" (NewRequirement)', () => {
  for (const op of ['Exists', 'DoesNotExist']) {
    const errs = problems('foo', op, ['bar']);
    assert.ok(errs.includes('values set must be empty for exists and does not exist'), `${op}: ${errs.join('; ')}`);
  }
});

test('Gt/Lt need exactly one value: two or zero values are invalid (NewRequirement "exactly one value is required")', () => {
  for (const values of [['1', '2'], []]) {
    for (const op of ['Gt', 'Lt']) {
      const errs = problems('n', op, values);
      assert.ok(errs.includes("for 'Gt', 'Lt' operators, exactly one value is required"), `${op} ${JSON.stringify(values)}`);
    }
  }
});

test('Gt "abc" is invalid: "the value must be an integer" (NewRequirement; apiserver accepts it, the scheduler cannot parse it)', () => {
  const errs = problems('n', 'Gt', ['abc']);
  assert.ok(errs.some((p) => p.startsWith("for 'Gt', 'Lt' operators, the value must be an integer")), errs.join('; '));
});

test('negative threshold "-1" is invalid because it is not a valid label value (NewRequirement validateLabelValue)', () => {
  const errs = problems('n', 'Gt', ['-1']);
  assert.ok(errs.length > 0);
  assert.ok(errs.some((p) => p.includes('a valid label must be an empty string')), errs.join('; '));
  assert.not.ok(errs.some((p) => p.includes('must be an integer')), '"-1" does parse as an integer');
  assert.ok(problems('n', 'Lt', ['-1']).length > 0);
});

test('threshold "+5" parses as an integer but is an invalid label value, so the requirement is invalid (NewRequirement)', () => {
  const errs = problems('n', 'Gt', ['+5']);
  assert.ok(errs.some((p) => p.includes('a valid label must be an empty string')), errs.join('; '));
});

test('values of every operator must be valid label values (node_affinity_test "Pod with an invalid value in Affinity term won\'t be scheduled onto the node")', () => {
  assert.ok(problems('foo', 'NotIn', ['invalid value: ___@#$%^']).length > 0);
  assert.ok(problems('foo', 'In', ['a'.repeat(64)]).some((p) => p.includes('must be no more than 63 bytes')));
  assert.equal(problems('foo', 'In', ['a'.repeat(63)]), []);
  assert.equal(problems('foo', 'In', ['']), [], 'the empty string is a valid label value');
});

test('an invalid label key makes the requirement invalid (NewRequirement validateLabelKey / IsQualifiedName)', () => {
  for (const key of ['', 'a/b/c', '-bad', 'bad-', '/name', 'Example.com/name', 'x'.repeat(64), '__proto__']) {
    assert.ok(problems(key, 'Exists').length > 0, `key ${JSON.stringify(key)} should be invalid`);
  }
  for (const key of ['foo', 'example.com/foo', 'kubernetes.io/os', 'metadata.name', 'constructor', 'x'.repeat(63)]) {
    assert.equal(problems(key, 'Exists'), [], `key ${JSON.stringify(key)} should be valid`);
  }
});

test('unknown or wrong-case operators are invalid, e.g. "in" (nodeSelectorRequirementsAsSelector NotSupported)', () => {
  for (const op of ['in', 'IN', 'notin', 'exists', 'Equals', '=', '==', '!=', 'gt', '']) {
    const errs = problems('foo', op, ['bar']);
    assert.ok(errs.some((p) => p.includes('is not supported') && p.includes('In, NotIn, Exists, DoesNotExist, Gt, Lt')), `${JSON.stringify(op)}: ${errs.join('; ')}`);
  }
});

test('a valid requirement keeps key, operator and values; In/NotIn/Exists carry no threshold (NewRequirement)', () => {
  const r = parsed('foo', 'In', ['a', 'b']);
  assert.is(r.key, 'foo');
  assert.is(r.operator, 'In');
  assert.equal([...r.values], ['a', 'b']);
  assert.is(r.threshold, undefined);
});

test('describeRequirement: "key Op [values]", bare "key Op" for Exists/DoesNotExist (placement explanation text; operator names as in NodeSelectorOperator)', () => {
  assert.is(describeRequirement({ key: 'zone', operator: 'In', values: ['a', 'b'] }), 'zone In [a, b]');
  assert.is(describeRequirement({ key: 'gpu', operator: 'Exists', values: [] }), 'gpu Exists');
  assert.is(describeRequirement({ key: 'gpu', operator: 'DoesNotExist', values: [] }), 'gpu DoesNotExist');
  assert.is(describeRequirement({ key: 'n', operator: 'Gt', values: ['5'] }), 'n Gt [5]');
});

test.run();
