/** `--feature-gates` parsing with component-base's rules and messages. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError } from '../errors.js';
import { defaultFeatureGates, parseFeatureGates } from './feature-gates.js';

function usageError(text: string): string {
  try {
    parseFeatureGates(text);
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.is(error.code, 'usage');
    return error.message;
  }
  assert.unreachable(`expected ${text} to be rejected`);
  return '';
}

test('defaults: every gate off, frozen', () => {
  assert.equal(defaultFeatureGates, { TaintTolerationComparisonOperators: false });
  assert.ok(Object.isFrozen(defaultFeatureGates));
  assert.equal(parseFeatureGates(undefined), defaultFeatureGates);
  assert.equal(parseFeatureGates(''), defaultFeatureGates);
  assert.equal(parseFeatureGates(' , ,'), defaultFeatureGates);
});

test('Name=true / Name=false, with spaces and empty items', () => {
  assert.equal(parseFeatureGates('TaintTolerationComparisonOperators=true'), { TaintTolerationComparisonOperators: true });
  assert.equal(parseFeatureGates(' TaintTolerationComparisonOperators = true ,'), { TaintTolerationComparisonOperators: true });
  assert.equal(parseFeatureGates('TaintTolerationComparisonOperators=true,TaintTolerationComparisonOperators=false'), { TaintTolerationComparisonOperators: false });
  assert.ok(Object.isFrozen(parseFeatureGates('TaintTolerationComparisonOperators=true')));
});

test('values as strconv.ParseBool reads them', () => {
  for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.is(parseFeatureGates(`TaintTolerationComparisonOperators=${v}`).TaintTolerationComparisonOperators, true, v);
  for (const v of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.is(parseFeatureGates(`TaintTolerationComparisonOperators=${v}`).TaintTolerationComparisonOperators, false, v);
});

test('bad values, missing values, unknown gates: usage errors with component-base wording', () => {
  assert.is(
    usageError('TaintTolerationComparisonOperators=yes'),
    '--feature-gates: invalid value of TaintTolerationComparisonOperators=yes, err: strconv.ParseBool: parsing "yes": invalid syntax',
  );
  assert.is(usageError('TaintTolerationComparisonOperators='), '--feature-gates: invalid value of TaintTolerationComparisonOperators=, err: strconv.ParseBool: parsing "": invalid syntax');
  assert.is(usageError('TaintTolerationComparisonOperators'), '--feature-gates: missing bool value for TaintTolerationComparisonOperators');
  assert.ok(usageError('NoSuchGate=true').startsWith('--feature-gates: unrecognized feature gate: NoSuchGate'));
  assert.ok(usageError('toString=true').startsWith('--feature-gates: unrecognized feature gate: toString'));
  assert.ok(usageError('__proto__=true').startsWith('--feature-gates: unrecognized feature gate: __proto__'));
});

test.run();
