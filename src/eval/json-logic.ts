/**
 * The one module that imports json-logic-js: it registers placement's custom operations once, at
 * load, and evaluates JSON Logic over a node's facts document (src/eval/node-facts.ts).
 *
 * Custom operations (arguments are evaluated first, as for every JSON Logic operation):
 * - `{"label": [key]}` → the label's value, or `null` when the node lacks it. Use it instead of
 *   `{"var": "labels.<key>"}`: `var` splits on dots and label keys contain dots.
 * - `{"hasLabel": [key]}` → is the label present (any value, even "")?
 * - `{"int64": [value]}` → the value as Go `strconv.ParseInt(s, 10, 64)` reads it (a BigInt), or
 *   `null`; a JSON number that is a safe integer is taken as is.
 * - `{"int64InRange": [value, min, max]}` → does the value parse as int64 within the inclusive
 *   bounds? `min`/`max` are decimal strings or `null` (unbounded). Node affinity `Gt 5` is `min "6"`.
 * - `{"tolerated": [tolerations, comparisonOperators?, effects?]}` → is every NoSchedule/NoExecute taint (or every taint of `effects`) of
 *   the node tolerated (upstream `ToleratesTaint`)? Tolerations are `{key, operator, value, effect}`
 *   objects (write all four keys: a one-key object would read as an operation).
 * - `{"nodeName": [name]}` → is the node named exactly this (a nameless node never is)?
 * - `{"nameIn": [names...]}` / `{"nameNotIn": [names...]}` → `matchFields` on `metadata.name`; a
 *   nameless node has no fields and passes both.
 * - `{"schedulable": []}` → is the node not cordoned?
 *
 * The node-reading operations read the facts of the current data: inside `some`/`all`/`none`/
 * `map`/`filter`/`reduce` the data is the array element, so use them outside those.
 */
import jsonLogic from 'json-logic-js';
import { parseClampedInteger, parseGoInt64 } from '../model/int64.js';
import type { Taint, Toleration } from '../model/types.js';
import { isBlockingEffect, toleratesTaint } from '../semantics/tolerations.js';

/** The standard operations a condition may use (json-logic-js 2.x, without `log`, which prints). */
export const standardOperations: ReadonlySet<string> = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce', 'all',
  'none', 'some', 'merge', 'in', 'cat', 'substr',
]);

/** Reads an own property of an object-like value; never reaches a prototype. */
function ownField(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** The node's labels map in the current data, when it is a facts document. */
function labelsOf(data: unknown): unknown {
  return ownField(data, 'labels');
}

function label(this: unknown, key: unknown): string | null {
  if (typeof key !== 'string') return null;
  const value = ownField(labelsOf(this), key);
  return typeof value === 'string' ? value : null;
}

function hasLabel(this: unknown, key: unknown): boolean {
  return typeof key === 'string' && typeof ownField(labelsOf(this), key) === 'string';
}

/** Go `ParseInt` of a label value (or a safe-integer JSON number); `null` when it does not parse. */
export function int64Value(value: unknown): bigint | null {
  if (typeof value === 'string') return parseGoInt64(value) ?? null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}

/** A bound of `int64InRange`: `null`/absent is unbounded; a malformed bound makes the check false. */
function parseBound(bound: unknown): bigint | null | 'invalid' {
  if (bound === null || bound === undefined) return null;
  // Clamped: a bound read from a node (a label value) may have any number of digits.
  if (typeof bound === 'string') return parseClampedInteger(bound) ?? 'invalid';
  if (typeof bound === 'number' && Number.isSafeInteger(bound)) return BigInt(bound);
  return 'invalid';
}

/** Does the value parse as int64 (Go `ParseInt`) within the inclusive bounds? */
export function int64InRange(value: unknown, min: unknown, max: unknown): boolean {
  const n = int64Value(value);
  const lo = parseBound(min);
  const hi = parseBound(max);
  if (n === null || lo === 'invalid' || hi === 'invalid') return false;
  return (lo === null || n >= lo) && (hi === null || n <= hi);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Tolerations as written in the logic; anything that is not an object tolerates nothing. */
function readTolerations(value: unknown): Toleration[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t): Toleration[] =>
    typeof t === 'object' && t !== null
      ? [{ key: text(ownField(t, 'key')), operator: text(ownField(t, 'operator')), value: text(ownField(t, 'value')), effect: text(ownField(t, 'effect')) }]
      : [],
  );
}

function tolerated(this: unknown, tolerations: unknown, comparisonOperators: unknown, effects: unknown): boolean {
  const list = readTolerations(tolerations);
  // Default: the effects that block scheduling; the DaemonSet controller's C check passes ["NoExecute"].
  const inPlay = (effect: string): boolean => (Array.isArray(effects) ? effects.includes(effect) : isBlockingEffect(effect));
  const gates = { TaintTolerationComparisonOperators: comparisonOperators === true };
  const taints = ownField(this, 'taints');
  if (!Array.isArray(taints)) return true;
  for (const raw of taints as unknown[]) {
    const taint: Taint = { key: text(ownField(raw, 'key')), value: text(ownField(raw, 'value')), effect: text(ownField(raw, 'effect')) };
    if (inPlay(taint.effect) && !list.some((t) => toleratesTaint(t, taint, gates))) return false;
  }
  return true;
}

/** The current data's node name ("" when nameless or not a facts document). */
function nameOf(data: unknown): string {
  return text(ownField(data, 'name'));
}

/** Names given as arguments, each a string or a list of strings. */
function names(args: readonly unknown[]): string[] {
  return args.flatMap((a) => (Array.isArray(a) ? a : [a])).filter((a): a is string => typeof a === 'string');
}

function nodeName(this: unknown, name: unknown): boolean {
  const own = nameOf(this);
  return own !== '' && own === name;
}

function nameIn(this: unknown, ...args: unknown[]): boolean {
  const own = nameOf(this);
  return own === '' || names(args).includes(own);
}

function nameNotIn(this: unknown, ...args: unknown[]): boolean {
  const own = nameOf(this);
  return own === '' || !names(args).includes(own);
}

function schedulable(this: unknown): boolean {
  return ownField(this, 'unschedulable') !== true;
}

/**
 * json-logic-js's `var` with own-property reads: the same dotted path, default and `""` (the whole
 * data), but a step never reads an inherited property, so no path (even one computed at run time)
 * reaches `constructor`, `__proto__` or a prototype's methods.
 */
function ownVar(this: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return this;
  let data: unknown = this;
  for (const step of String(path).split('.')) {
    if (data === null || data === undefined) return notFound;
    data = typeof data === 'object' || typeof data === 'string' ? ownField(Object(data), step) : undefined;
    if (data === undefined) return notFound;
  }
  return data;
}

const customOperationTable = {
  label,
  hasLabel,
  int64: int64Value,
  int64InRange,
  tolerated,
  nodeName,
  nameIn,
  nameNotIn,
  schedulable,
} satisfies Record<string, (...args: never[]) => unknown>;

/** The names of placement's custom operations. */
export const customOperations: ReadonlySet<string> = new Set(Object.keys(customOperationTable));

// Registered once, when the module loads: json-logic-js keeps operations in module state.
for (const [name, operation] of Object.entries(customOperationTable)) jsonLogic.add_operation(name, operation);
// Replaces the standard `var` (and so `missing`/`missing_some`, which call it) with the own-property one.
jsonLogic.add_operation('var', ownVar);

/** Applies JSON Logic to data and returns the raw result (a custom `int64` may yield a BigInt). */
export function applyJsonLogic(logic: unknown, data: unknown): unknown {
  return jsonLogic.apply(logic as jsonLogic.RulesLogic<jsonLogic.AdditionalOperation>, data);
}

/** Evaluates JSON Logic over a facts document; the result's JSON Logic truthiness (`[]` is false). */
export function evaluateJsonLogic(logic: unknown, facts: unknown): boolean {
  return jsonLogic.truthy(applyJsonLogic(logic, facts));
}
