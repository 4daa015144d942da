import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchesLabelRequirement, parseLabelRequirement, type ParsedRequirement } from '../semantics/label-requirement.js';
import { parseGoInt64 } from '../model/int64.js';
import { addRequirement, emptyConstraint, foldConstraint, type FoldedConstraint } from './key-constraint.js';
import type { Rule } from './rule.js';

// Upstream: k8s.io/apimachinery/pkg/labels/selector.go `Requirement.Matches` — the table in
// /work/shared/k8s-semantics.md §2.4: In needs the label with one of the values; NotIn holds when
// the label is absent; Exists/DoesNotExist look at presence only; Gt/Lt need the label, parsed by
// `strconv.ParseInt(v, 10, 64)` (leading zeros allowed), compared strictly. Requirements on one key
// inside a term are ANDed (nodeSelectorTerm.match).

const int64Max = '9223372036854775807';

/** A requirement as the runtime selector parses it (`labels.NewRequirement`). */
function req(key: string, operator: string, values: readonly string[] = []): ParsedRequirement {
  const parsed = parseLabelRequirement({ key, operator, values });
  if (!parsed.ok) throw new Error(`test requirement does not parse: ${parsed.problems.join('; ')}`);
  return parsed.requirement;
}

/** Folds requirements on key `k`. */
function fold(...requirements: readonly ParsedRequirement[]): FoldedConstraint {
  const c = emptyConstraint();
  for (const rq of requirements) addRequirement(c, rq);
  return foldConstraint('k', c, () => 'term');
}

/** The folded rules on one label value (`undefined` = absent), read as the Rule type documents them. */
function holds(rule: Rule, value: string | undefined): boolean {
  if ('in' in rule) return value !== undefined && rule.in.values.includes(value);
  if ('notIn' in rule) return value === undefined || !rule.notIn.values.includes(value);
  if ('exists' in rule) return value !== undefined;
  if ('doesNotExist' in rule) return value === undefined;
  if ('range' in rule) {
    const n = value === undefined ? undefined : parseGoInt64(value);
    if (n === undefined) return false;
    return (rule.range.min === undefined || n >= BigInt(rule.range.min)) && (rule.range.max === undefined || n <= BigInt(rule.range.max));
  }
  throw new Error(`unexpected rule ${JSON.stringify(rule)}`);
}

const probes: readonly (string | undefined)[] = [undefined, '', 'a', 'b', 'c', 'd', 'x', 'abc', '3', '5', '6', '7', '07', '08', '9', '10', '12', int64Max, '9223372036854775806'];

/** The folded form admits exactly the label values the ANDed upstream requirements admit. */
function assertSameMeaning(folded: FoldedConstraint, requirements: readonly ParsedRequirement[]): void {
  for (const value of probes) {
    const labels = new Map(value === undefined ? [] : [['k', value]]);
    const upstream = requirements.every((rq) => matchesLabelRequirement(rq, labels));
    const mine = 'never' in folded ? false : folded.rules.every((rule) => holds(rule, value));
    assert.is(mine, upstream, `label value ${JSON.stringify(value)}: folded ${JSON.stringify(folded)}`);
  }
}

function check(requirements: readonly ParsedRequirement[], expected: FoldedConstraint): void {
  const folded = fold(...requirements);
  assert.equal(folded, expected);
  assertSameMeaning(folded, requirements);
}

test('an empty constraint folds to no rules (nothing is required of the key)', () => {
  assert.equal(foldConstraint('k', emptyConstraint(), () => 'term'), { rules: [] });
});

test('In ∩ In keeps the common values, sorted (Matches: In needs one of the values; two Ins on a key both hold)', () => {
  check([req('k', 'In', ['c', 'a', 'b']), req('k', 'In', ['d', 'b', 'c'])], { rules: [{ in: { key: 'k', values: ['b', 'c'] } }] });
  check([req('k', 'In', ['b', 'a'])], { rules: [{ in: { key: 'k', values: ['a', 'b'] } }] });
});

test('In ∩ In with nothing in common can never match', () => {
  check([req('k', 'In', ['a']), req('k', 'In', ['b'])], { never: 'term: no value satisfies every requirement on k' });
});

test('In with NotIn: excluded values leave the allowed set (Matches: NotIn fails on a listed value)', () => {
  check([req('k', 'In', ['a', 'b', 'c']), req('k', 'NotIn', ['b', 'x'])], { rules: [{ in: { key: 'k', values: ['a', 'c'] } }] });
  check([req('k', 'NotIn', ['a']), req('k', 'In', ['a'])], { never: 'term: no value satisfies every requirement on k' });
});

test('NotIn alone admits nodes without the label (Matches: NotIn on an absent label is true)', () => {
  check([req('k', 'NotIn', ['b', 'a']), req('k', 'NotIn', ['a', 'c'])], { rules: [{ notIn: { key: 'k', values: ['a', 'b', 'c'] } }] });
});

test('Exists + NotIn keeps both: NotIn alone would let nodes without the label through', () => {
  check([req('k', 'Exists'), req('k', 'NotIn', ['b', 'a'])], { rules: [{ exists: 'k' }, { notIn: { key: 'k', values: ['a', 'b'] } }] });
  check([req('k', 'Exists'), req('k', 'Exists')], { rules: [{ exists: 'k' }] });
});

test('DoesNotExist + NotIn is DoesNotExist alone (Matches: an absent label satisfies NotIn)', () => {
  check([req('k', 'DoesNotExist'), req('k', 'NotIn', ['a'])], { rules: [{ doesNotExist: 'k' }] });
  check([req('k', 'NotIn', ['a']), req('k', 'DoesNotExist')], { rules: [{ doesNotExist: 'k' }] });
});

test('Exists + DoesNotExist, In + DoesNotExist, Gt + DoesNotExist conflict (presence required and forbidden)', () => {
  const never = { never: 'term: k must both exist and not exist' };
  check([req('k', 'Exists'), req('k', 'DoesNotExist')], never);
  check([req('k', 'DoesNotExist'), req('k', 'In', ['a'])], never);
  check([req('k', 'Gt', ['5']), req('k', 'DoesNotExist')], never);
});

test('Gt/Lt become inclusive int64 bounds: Gt 5 → min "6", Lt 10 → max "9" (Matches: strict comparison)', () => {
  check([req('k', 'Gt', ['5'])], { rules: [{ range: { key: 'k', min: '6' } }] });
  check([req('k', 'Lt', ['10'])], { rules: [{ range: { key: 'k', max: '9' } }] });
  check([req('k', 'Gt', ['5']), req('k', 'Lt', ['10'])], { rules: [{ range: { key: 'k', min: '6', max: '9' } }] });
  check([req('k', 'Gt', ['5']), req('k', 'Lt', ['7'])], { rules: [{ range: { key: 'k', min: '6', max: '6' } }] });
});

test('several Gt/Lt keep the tightest bounds; a threshold with leading zeros parses as ParseInt does', () => {
  check([req('k', 'Gt', ['3']), req('k', 'Gt', ['5']), req('k', 'Gt', ['4'])], { rules: [{ range: { key: 'k', min: '6' } }] });
  check([req('k', 'Lt', ['12']), req('k', 'Lt', ['010'])], { rules: [{ range: { key: 'k', max: '9' } }] });
});

test('Gt 5 with Lt 6 leaves no integer: never', () => {
  check([req('k', 'Gt', ['5']), req('k', 'Lt', ['6'])], { never: 'term: no integer satisfies the Gt/Lt bounds on k' });
});

test('Gt int64 max can never match (no int64 is greater); Gt max-1 admits max alone, with no max bound written', () => {
  check([req('k', 'Gt', [int64Max])], { never: 'term: no integer satisfies the Gt/Lt bounds on k' });
  check([req('k', 'Gt', ['9223372036854775806'])], { rules: [{ range: { key: 'k', min: int64Max } }] });
});

test('Lt int64 min can never match (BigInt bounds do not wrap around)', () => {
  const c = emptyConstraint();
  addRequirement(c, { key: 'k', operator: 'Lt', values: ['-9223372036854775808'], threshold: -(2n ** 63n) });
  assert.equal(foldConstraint('k', c, () => 'term'), { never: 'term: no integer satisfies the Gt/Lt bounds on k' });
});

test('In values are filtered by the Gt/Lt bounds; "07" parses as 7, non-integers drop (Matches: ParseInt on the label value)', () => {
  check([req('k', 'In', ['5', '07', 'x', '12']), req('k', 'Gt', ['6'])], { rules: [{ in: { key: 'k', values: ['07', '12'] } }] });
  check([req('k', 'Gt', ['6']), req('k', 'Lt', ['10']), req('k', 'In', ['5', '07', 'x', '12'])], { rules: [{ in: { key: 'k', values: ['07'] } }] });
  check([req('k', 'In', ['x', '3']), req('k', 'Gt', ['6'])], { never: 'term: no value satisfies every requirement on k' });
});

test('NotIn values outside the bounds or not integers are dropped: the range already excludes them', () => {
  check([req('k', 'Gt', ['5']), req('k', 'NotIn', ['3', '7', 'abc', '08'])], {
    rules: [{ range: { key: 'k', min: '6' } }, { notIn: { key: 'k', values: ['08', '7'] } }],
  });
  check([req('k', 'Gt', ['5']), req('k', 'Lt', ['10']), req('k', 'NotIn', ['3', '12', 'abc'])], { rules: [{ range: { key: 'k', min: '6', max: '9' } }] });
});

test('Exists next to Gt adds nothing: the range already needs the label', () => {
  check([req('k', 'Exists'), req('k', 'Lt', ['10'])], { rules: [{ range: { key: 'k', max: '9' } }] });
});

test('the describe callback is only called for a never, and names where it comes from', () => {
  let calls = 0;
  const c = emptyConstraint();
  addRequirement(c, req('zone', 'In', ['a']));
  foldConstraint('zone', c, () => `${++calls}`);
  assert.is(calls, 0);
  addRequirement(c, req('zone', 'DoesNotExist'));
  assert.equal(foldConstraint('zone', c, () => 'nodeSelectorTerms[1]'), { never: 'nodeSelectorTerms[1]: zone must both exist and not exist' });
});

test.run();
