/**
 * The requirement algebra: everything a term says about one label key, folded into one canonical
 * constraint (after Karpenter's `Requirement`: a presence flag, an allowed set, an excluded set and
 * inclusive integer bounds). Six operators in, two or three cases out; conflicts are found here,
 * before any node is looked at.
 */
import { parseGoInt64 } from '../model/int64.js';
import type { ParsedRequirement } from '../semantics/label-requirement.js';
import type { Rule } from './rule.js';

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** What one term requires of one label key. */
export interface KeyConstraint {
  /** `conflict`: one requirement needs the label, another needs it absent. */
  presence: 'any' | 'present' | 'absent' | 'conflict';
  /** Intersection of `In` value sets; `undefined` when no `In` was given. */
  allowed: Set<string> | undefined;
  /** Union of `NotIn` value sets. */
  readonly excluded: Set<string>;
  /** Set by Gt/Lt: the value must parse as int64 within [min, max]. */
  numeric: boolean;
  min: bigint;
  max: bigint;
}

/** A constraint that allows everything. */
export function emptyConstraint(): KeyConstraint {
  return { presence: 'any', allowed: undefined, excluded: new Set(), numeric: false, min: int64Min, max: int64Max };
}

function requirePresence(c: KeyConstraint, wanted: 'present' | 'absent'): void {
  if (c.presence === 'any') c.presence = wanted;
  else if (c.presence !== wanted) c.presence = 'conflict';
}

/** Folds one parsed requirement into the constraint of its key. */
export function addRequirement(c: KeyConstraint, rq: ParsedRequirement): void {
  switch (rq.operator) {
    case 'In': {
      requirePresence(c, 'present');
      const previous = c.allowed;
      c.allowed = new Set(previous ? rq.values.filter((v) => previous.has(v)) : rq.values);
      break;
    }
    case 'NotIn':
      for (const v of rq.values) c.excluded.add(v);
      break;
    case 'Exists':
      requirePresence(c, 'present');
      break;
    case 'DoesNotExist':
      requirePresence(c, 'absent');
      break;
    case 'Gt':
    case 'Lt': {
      requirePresence(c, 'present');
      c.numeric = true;
      // Strict bounds become inclusive ones: Gt 5 is >= 6. BigInt, so int64 extremes cannot overflow.
      const t = rq.threshold ?? 0n;
      if (rq.operator === 'Gt' && t + 1n > c.min) c.min = t + 1n;
      if (rq.operator === 'Lt' && t - 1n < c.max) c.max = t - 1n;
      break;
    }
  }
}

/** Does a label value satisfy the numeric bounds? */
function inBounds(c: KeyConstraint, value: string): boolean {
  const n = parseGoInt64(value);
  return n !== undefined && n >= c.min && n <= c.max;
}

/** The outcome of folding: the rules that check the key, or why nothing can satisfy it. */
export type FoldedConstraint = { readonly rules: Rule[] } | { readonly never: string };

/** Turns a constraint into the fewest rules with the same meaning, or reports it unsatisfiable. */
export function foldConstraint(key: string, c: KeyConstraint, describe: () => string): FoldedConstraint {
  if (c.presence === 'conflict') return { never: `${describe()}: ${key} must both exist and not exist` };
  // Absent satisfies NotIn, so the excluded set adds nothing.
  if (c.presence === 'absent') return { rules: [{ doesNotExist: key }] };
  if (c.allowed !== undefined) {
    const values = [...c.allowed].filter((v) => !c.excluded.has(v) && (!c.numeric || inBounds(c, v))).sort();
    if (values.length === 0) return { never: `${describe()}: no value satisfies every requirement on ${key}` };
    return { rules: [{ in: { key, values } }] };
  }
  if (c.numeric) {
    if (c.min > c.max) return { never: `${describe()}: no integer satisfies the Gt/Lt bounds on ${key}` };
    const range: { key: string; min?: string; max?: string } = { key };
    if (c.min > int64Min) range.min = c.min.toString();
    if (c.max < int64Max) range.max = c.max.toString();
    // Excluded values outside the bounds or not integers cannot match the range anyway.
    const excluded = [...c.excluded].filter((v) => inBounds(c, v)).sort();
    return { rules: excluded.length > 0 ? [{ range }, { notIn: { key, values: excluded } }] : [{ range }] };
  }
  const excluded = [...c.excluded].sort();
  const rules: Rule[] = [];
  if (c.presence === 'present') rules.push({ exists: key });
  if (excluded.length > 0) rules.push({ notIn: { key, values: excluded } });
  return { rules };
}
