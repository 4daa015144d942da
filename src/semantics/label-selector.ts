/**
 * A `metav1.LabelSelector` as the scheduler and the controllers read it: apimachinery
 * `metav1.LabelSelectorAsSelector` and `labels.Selector.Matches`/`Empty`. A nil selector selects
 * nothing; a selector without requirements (`{}`, or empty `matchLabels`) selects everything;
 * otherwise every `matchLabels` entry (an equality) and every `matchExpressions` entry must hold.
 */
import type { LabelSelector } from '../model/types.js';
import { checkLabelKey, checkLabelValue } from '../model/validate-names.js';
import { matchesLabelRequirement, type ParsedRequirement } from './label-requirement.js';

/** One requirement of a parsed selector; `equals` marks a `matchLabels` entry (printed `key=value`). */
export interface SelectorRequirement extends ParsedRequirement {
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly equals?: true;
}

/**
 * A parsed selector: `nothing` (nil), `requirements` (an empty list selects everything), or
 * `invalid` with the error `LabelSelectorAsSelector` returns (the caller decides what it means).
 */
export type ParsedSelector =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'requirements'; readonly requirements: readonly SelectorRequirement[] }
  | { readonly kind: 'invalid'; readonly error: string };

/** `labels.Everything()`. */
export const everything: ParsedSelector = Object.freeze({ kind: 'requirements', requirements: Object.freeze([]) });
/** `labels.Nothing()`. */
export const nothing: ParsedSelector = Object.freeze({ kind: 'nothing' });

const selectorOperators: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A field error as apimachinery prints it (`path: Invalid value: "v": detail`). */
function invalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

/** `labels.NewRequirement`: key syntax, value count per operator, value syntax; errors aggregated as Go prints them. */
function newRequirement(key: string, operator: SelectorRequirement['operator'], values: readonly string[]): string | undefined {
  const errs: string[] = [];
  const keyProblems = checkLabelKey(key);
  if (keyProblems.length > 0) errs.push(invalid('key', key, keyProblems.join('; ')));
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    errs.push("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    errs.push(`values: Invalid value: ${goStrings(values)}: values set must be empty for exists and does not exist`);
  }
  values.forEach((value, i) => {
    const problems = checkLabelValue(value);
    if (problems.length > 0) errs.push(invalid(`values[${i}][${key}]`, value, problems.join('; ')));
  });
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

function goStrings(values: readonly string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** `metav1.LabelSelectorAsSelector`: nil → nothing, no requirements → everything; the first invalid requirement makes it invalid. */
export function parseLabelSelector(selector: LabelSelector | undefined): ParsedSelector {
  if (!selector) return nothing;
  const requirements: SelectorRequirement[] = [];
  // Go ranges over the matchLabels map in random order; the first error found is reported, so an
  // invalid selector with several problems may print a different one than upstream does.
  for (const [key, value] of selector.matchLabels ?? []) {
    const error = newRequirement(key, 'In', [value]);
    if (error !== undefined) return { kind: 'invalid', error };
    requirements.push({ key, operator: 'In', values: [value], equals: true });
  }
  for (const expr of selector.matchExpressions ?? []) {
    if (!selectorOperators.has(expr.operator)) return { kind: 'invalid', error: `${JSON.stringify(expr.operator)} is not a valid label selector operator` };
    const operator = expr.operator as SelectorRequirement['operator'];
    const error = newRequirement(expr.key, operator, expr.values);
    if (error !== undefined) return { kind: 'invalid', error };
    requirements.push({ key: expr.key, operator, values: [...expr.values] });
  }
  return requirements.length === 0 ? everything : { kind: 'requirements', requirements };
}

/** `Selector.Matches`; an invalid selector matches nothing. */
export function matchesSelector(selector: ParsedSelector, labels: ReadonlyMap<string, string>): boolean {
  if (selector.kind !== 'requirements') return false;
  for (const rq of selector.requirements) if (!matchesLabelRequirement(rq, labels)) return false;
  return true;
}

/** `Selector.Empty`: true only for a selector without requirements (everything), false for nothing. */
export function isEmptySelector(selector: ParsedSelector): boolean {
  return selector.kind === 'requirements' && selector.requirements.length === 0;
}

/** Parses and matches in one go: `LabelSelectorAsSelector(selector).Matches(labels)`, an invalid selector matching nothing. */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: ReadonlyMap<string, string>): boolean {
  return matchesSelector(parseLabelSelector(selector), labels);
}

/** `Selector.Add`: the selector with more requirements ANDed (nothing stays nothing, as upstream's nothingSelector). */
export function addRequirements(selector: ParsedSelector, more: readonly SelectorRequirement[]): ParsedSelector {
  if (selector.kind !== 'requirements' || more.length === 0) return selector;
  return { kind: 'requirements', requirements: [...selector.requirements, ...more] };
}

function describeRequirement(rq: SelectorRequirement): string {
  switch (rq.operator) {
    case 'In':
      return rq.equals ? `${rq.key}=${rq.values[0] ?? ''}` : `${rq.key} in (${rq.values.join(',')})`;
    case 'NotIn':
      return `${rq.key} notin (${rq.values.join(',')})`;
    case 'Exists':
      return rq.key;
    case 'DoesNotExist':
      return `!${rq.key}`;
  }
}

/** The selector in `Selector.String()` form (`app=web,tier in (a,b),!canary`), for explanations. */
export function describeSelector(selector: ParsedSelector): string {
  switch (selector.kind) {
    case 'nothing':
      return '<none>';
    case 'invalid':
      return `<invalid: ${selector.error}>`;
    case 'requirements':
      return selector.requirements.length === 0 ? '<everything>' : selector.requirements.map(describeRequirement).join(',');
  }
}
