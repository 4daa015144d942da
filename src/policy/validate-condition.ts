/**
 * Static checks of a policy's JSON Logic condition, before any node is seen: its budget (size,
 * nesting, work: src/policy/condition-budget.ts), only known operations (json-logic-js's standard
 * ones without `log`, plus placement's custom ones), literal `var` paths (a computed one could
 * spell `constructor` at run time) that cannot reach a prototype and do not split label keys on
 * dots, declared `fields` aliases, literal arguments of the custom operations; then a dry run over
 * an empty node, so a condition that would throw fails at load time. Every problem is reported at
 * `spec.condition`, its location in the detail.
 */
import type { FieldError } from '../errors.js';
import { customOperations, evaluateJsonLogic, int64Value, standardOperations } from '../eval/json-logic.js';
import { factsMap } from '../eval/node-facts.js';
import { checkConditionBudget } from './condition-budget.js';

const path = 'spec.condition';
const forbiddenSegments = new Set(['__proto__', 'prototype', 'constructor']);
/** Facts maps whose keys contain dots, which `var` would split. */
const dottedMaps = ['labels', 'annotations', 'allocatable'];

interface Walk {
  readonly aliases: ReadonlySet<string>;
  readonly errors: FieldError[];
}

function at(location: string): string {
  return location === '' ? '' : ` (at ${location})`;
}

function checkVarPath(name: string, location: string, walk: Walk): void {
  const segments = name.split('.');
  const bad = segments.find((s) => forbiddenSegments.has(s));
  if (bad !== undefined) {
    walk.errors.push({ path, type: 'Forbidden', detail: `var path ${JSON.stringify(name)} may not use ${JSON.stringify(bad)}${at(location)}` });
    return;
  }
  const [head, second] = segments;
  if (head !== undefined && dottedMaps.includes(head) && second !== undefined) {
    const hint = head === 'labels' ? 'use {"label": [key]} or {"hasLabel": [key]}' : 'declare a JSONPath in spec.fields and read {"var": "fields.<alias>"}';
    walk.errors.push({ path, type: 'Invalid value', badValue: name, detail: `var splits its path on dots and ${head} keys contain dots: ${hint}${at(location)}` });
  }
  if (head === 'fields' && second !== undefined && !walk.aliases.has(second)) {
    walk.errors.push({ path, type: 'Not found', badValue: name, detail: `no alias ${JSON.stringify(second)} in spec.fields${at(location)}` });
  }
}

/**
 * `var` paths must be written out: a string, a number (an array index) or null/absent (the whole
 * data). A computed path (`{"var": {"cat": ["constr", "uctor"]}}`) would escape the checks above.
 */
function checkLiteralPaths(paths: readonly unknown[], location: string, walk: Walk): void {
  for (const name of paths) {
    if (typeof name === 'string') checkVarPath(name, location, walk);
    else if (name !== null && name !== undefined && typeof name !== 'number') {
      walk.errors.push({ path, type: 'Forbidden', detail: `a var path must be a literal string or number, not computed${at(location)}` });
    }
  }
}

/** Literal arguments the custom operations would silently turn into "no match". */
function checkCustomArguments(op: string, args: readonly unknown[], location: string, walk: Walk): void {
  const isLogic = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
  const bad = (detail: string): void => void walk.errors.push({ path, type: 'Invalid value', badValue: args, detail: `${op}: ${detail}${at(location)}` });
  if ((op === 'label' || op === 'hasLabel') && (args.length !== 1 || (typeof args[0] !== 'string' && !isLogic(args[0])))) {
    bad('takes one argument, the label key');
  } else if (op === 'int64InRange') {
    if (args.length !== 3) return bad('takes three arguments: value, min, max (null for unbounded)');
    for (const bound of args.slice(1)) {
      if (bound !== null && !isLogic(bound) && int64Value(bound) === null) bad(`bound ${JSON.stringify(bound)} is not a 64-bit integer`);
    }
  }
}

function walkLogic(logic: unknown, location: string, walk: Walk): void {
  if (Array.isArray(logic)) {
    logic.forEach((item, i) => walkLogic(item, `${location}[${i}]`, walk));
    return;
  }
  // Objects with other than one key are data to json-logic-js, never evaluated.
  if (typeof logic !== 'object' || logic === null || Object.keys(logic).length !== 1) return;
  const op = Object.keys(logic)[0]!;
  const raw = (logic as Record<string, unknown>)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const here = location === '' ? op : `${location}.${op}`;
  if (!standardOperations.has(op) && !customOperations.has(op)) {
    const custom = [...customOperations].join(', ');
    walk.errors.push({ path, type: 'Unsupported value', badValue: op, detail: `unknown JSON Logic operation${at(location)}; placement adds: ${custom}` });
    return;
  }
  if (op === 'var') checkLiteralPaths([args[0]], here, walk);
  // missing/missing_some look their keys up with var, so the same rules apply.
  if (op === 'missing') checkLiteralPaths(Array.isArray(args[0]) ? args[0] : args, here, walk);
  if (op === 'missing_some') checkLiteralPaths(Array.isArray(args[1]) ? args[1] : [args[1]], here, walk);
  if (customOperations.has(op)) checkCustomArguments(op, args, here, walk);
  args.forEach((arg, i) => walkLogic(arg, `${here}[${i}]`, walk));
}

/** The facts of a node with nothing: no name, labels, taints or conditions; every field alias null. */
function emptyFacts(aliases: ReadonlySet<string>): unknown {
  const fields = Object.create(null) as Record<string, null>;
  for (const alias of aliases) fields[alias] = null;
  return { name: '', labels: factsMap([]), taints: [], unschedulable: false, conditions: [], fields };
}

/** Problems with a condition, at `spec.condition`; `aliases` are the names declared in `spec.fields`. */
export function checkCondition(condition: unknown, aliases: ReadonlySet<string>): FieldError[] {
  if (condition === undefined || condition === null) return [{ path, type: 'Required value', detail: '' }];
  const budget = checkConditionBudget(condition);
  if (budget.length > 0) return budget;
  const walk: Walk = { aliases, errors: [] };
  walkLogic(condition, '', walk);
  if (walk.errors.length > 0) return walk.errors;
  try {
    evaluateJsonLogic(condition, emptyFacts(aliases));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ path, type: 'Invalid value', badValue: condition, detail: `evaluating it on an empty node fails: ${reason}` }];
  }
  return [];
}
