/**
 * The static budget of a policy condition, checked before anything else reads it: its size and
 * nesting (measured without recursion, so a 2,000-level or 100,000-clause condition costs a loop,
 * not a stack overflow), and an estimate of the work one node costs. JSON Logic loops (`map`,
 * `filter`, `reduce`, `all`, `none`, `some`) multiply: a loop over a literal list counts its
 * length, a loop over node data (`taints`, `conditions`, a field) counts `policyNodeArrayItems`.
 * Two shapes are refused whatever their estimate, because their real cost grows with the node's
 * data faster than linearly: a loop over node data inside another loop, and a `reduce` step
 * reading its accumulator more than once (a value read twice can double every step).
 */
import type { FieldError } from '../errors.js';
import { limits } from '../model/limits.js';
import { operationOf } from './operation-of.js';

const path = 'spec.condition';
const loops = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/** Counts values and nesting with an explicit stack, stopping at the first limit crossed. */
function checkSize(condition: unknown): FieldError | undefined {
  const maxValues = limits.policyConditionValues.value;
  const maxDepth = limits.policyConditionDepth.value;
  const stack: [unknown, number][] = [[condition, 1]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++values > maxValues) {
      return { path, type: 'Too many', detail: `must have at most ${maxValues} values (operations, arguments and literals; placement limit policyConditionValues)` };
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return { path, type: 'Forbidden', detail: `must nest at most ${maxDepth} levels deep (placement limit policyConditionDepth)` };
    for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push([item, depth + 1]);
  }
  return undefined;
}

/** How many items a loop's data yields: a literal list its length, anything else is node data. */
function itemsOf(data: unknown): number | 'node' {
  if (Array.isArray(data)) return data.length;
  const operation = operationOf(data);
  if (operation?.op === 'merge') {
    let sum = 0;
    for (const arg of operation.args) {
      const n = Array.isArray(arg) ? arg.length : operationOf(arg) ? itemsOf(arg) : 1;
      if (n === 'node') return 'node';
      sum += n;
    }
    return sum;
  }
  if (operation && (operation.op === 'map' || operation.op === 'filter')) return itemsOf(operation.args[0]);
  return operation ? 'node' : 1;
}

/** Reads of the current `reduce` step's data (`accumulator...`, or the whole data), outside nested loop bodies. */
function accumulatorReads(logic: unknown): number {
  if (Array.isArray(logic)) return logic.reduce((n: number, item) => n + accumulatorReads(item), 0);
  const operation = operationOf(logic);
  if (!operation) return 0;
  if (operation.op === 'var') {
    const name = operation.args[0];
    return name === undefined || name === null || name === '' || (typeof name === 'string' && name.split('.')[0] === 'accumulator') ? 1 : 0;
  }
  // A nested loop's body reads that loop's own data; its data and initial arguments read ours.
  const args = loops.has(operation.op) ? [operation.args[0], ...operation.args.slice(2)] : operation.args;
  return args.reduce((n: number, arg) => n + accumulatorReads(arg), 0);
}

interface Estimate {
  readonly errors: FieldError[];
}

function forbid(estimate: Estimate, detail: string, location: string): void {
  estimate.errors.push({ path, type: 'Forbidden', detail: `${detail} (at ${location})` });
}

/** Estimated operations for one node; records the refused shapes. `inLoop`: inside some loop's body. */
function cost(logic: unknown, location: string, inLoop: boolean, estimate: Estimate): number {
  if (Array.isArray(logic)) return logic.reduce((sum: number, item, i) => sum + cost(item, `${location}[${i}]`, inLoop, estimate), 1);
  const operation = operationOf(logic);
  if (!operation) return 1;
  const { op, args } = operation;
  const here = location === '' ? op : `${location}.${op}`;
  if (!loops.has(op)) {
    const own = args.reduce((sum: number, arg, i) => sum + cost(arg, `${here}[${i}]`, inLoop, estimate), 1);
    // missing looks each key up with an applied `var` (two steps); missing_some applies missing.
    const keys = op === 'missing' ? (Array.isArray(args[0]) ? args[0] : args) : op === 'missing_some' && Array.isArray(args[1]) ? args[1] : [];
    return own + 2 * keys.length + (op === 'missing_some' ? 1 : 0);
  }
  const items = itemsOf(args[0]);
  if (items === 'node' && inLoop) {
    forbid(estimate, `${op} over node data (any list not written out) inside another loop: nested loops may only go over literal lists`, here);
  }
  if (op === 'reduce' && accumulatorReads(args[1]) > 1) {
    forbid(estimate, 'reduce reads its accumulator more than once per step, so the value may double every step', here);
  }
  const data = cost(args[0], `${here}[0]`, inLoop, estimate);
  const body = cost(args[1], `${here}[1]`, true, estimate);
  const initial = args.length > 2 ? cost(args[2], `${here}[2]`, inLoop, estimate) : 0;
  const n = items === 'node' ? limits.policyNodeArrayItems.value : items;
  return 1 + data + initial + n * body;
}

/**
 * The estimated operations (json-logic-js `apply` steps) of one evaluation on a node whose arrays
 * hold at most `policyNodeArrayItems` items; only meaningful for a condition within its size budget.
 */
export function conditionWork(condition: unknown): number {
  return cost(condition, '', false, { errors: [] });
}

/**
 * Problems with a condition's size, nesting and work, at `spec.condition`; empty when it is within
 * budget. Runs before any recursive walk of the condition.
 */
export function checkConditionBudget(condition: unknown): FieldError[] {
  const size = checkSize(condition);
  if (size) return [size];
  const estimate: Estimate = { errors: [] };
  const work = cost(condition, '', false, estimate);
  if (estimate.errors.length > 0) return estimate.errors;
  const max = limits.policyWork.value;
  if (work > max) {
    return [{ path, type: 'Forbidden', detail: `costs an estimated ${work} operations per node, more than ${max} (placement limit policyWork; loops multiply)` }];
  }
  return [];
}
