/**
 * Recognizes policy conditions that only read labels and translates them into the engine's
 * {@link Rule} data, so the engine can run them as set operations on the node index instead of
 * evaluating JSON Logic node by node. The translation must be exact, so anything whose JSON Logic
 * meaning differs from a label rule in any corner (loose equality with numbers, substring `in`,
 * `var`, arithmetic) is left alone: the function returns `undefined` and the policy runs as JSON Logic.
 */
import { and, or } from '../compile/simplify.js';
import { ruleFalse, ruleTrue, type Rule } from '../compile/rule.js';
import { operationOf } from './operation-of.js';

/** `{"label": [key]}` with a literal key → the key. */
function labelKeyOf(logic: unknown): string | undefined {
  const operation = operationOf(logic);
  if (operation?.op !== 'label' || operation.args.length !== 1) return undefined;
  const [key] = operation.args;
  return typeof key === 'string' ? key : undefined;
}

/** The exact negation of a rule built by this module (`in` ↔ `notIn`, `exists` ↔ `doesNotExist`, De Morgan). */
function negate(rule: Rule): Rule | undefined {
  if ('const' in rule) return rule.const ? ruleFalse : ruleTrue;
  if ('in' in rule) return { notIn: rule.in };
  if ('notIn' in rule) return { in: rule.notIn };
  if ('exists' in rule) return { doesNotExist: rule.exists };
  if ('doesNotExist' in rule) return { exists: rule.doesNotExist };
  if ('and' in rule || 'or' in rule) {
    const parts = ('and' in rule ? rule.and : rule.or).map(negate);
    if (parts.some((p) => p === undefined)) return undefined;
    return 'and' in rule ? or(parts as Rule[]) : and(parts as Rule[]);
  }
  return undefined;
}

function labelIn(key: string, values: readonly string[]): Rule {
  const unique = [...new Set(values)].sort();
  return unique.length === 0 ? ruleFalse : { in: { key, values: unique } };
}

/** `label == "v"` (either side) → `in`; `label == null` → `doesNotExist`. Strings and null only: `==` with numbers is loose. */
function equality(args: readonly unknown[]): Rule | undefined {
  if (args.length !== 2) return undefined;
  const [a, b] = args;
  const key = labelKeyOf(a) ?? labelKeyOf(b);
  const other = labelKeyOf(a) !== undefined ? b : a;
  if (key === undefined || labelKeyOf(other) !== undefined) return undefined;
  if (typeof other === 'string') return labelIn(key, [other]);
  return other === null ? { doesNotExist: key } : undefined;
}

/** `{"in": [label, ["a", "b"]]}` with a literal list of strings (a string would be a substring test). */
function membership(args: readonly unknown[]): Rule | undefined {
  if (args.length !== 2) return undefined;
  const [needle, list] = args;
  const key = labelKeyOf(needle);
  if (key === undefined || !Array.isArray(list) || !list.every((v) => typeof v === 'string')) return undefined;
  return labelIn(key, list as string[]);
}

function all(args: readonly unknown[]): Rule[] | undefined {
  const rules = args.map(translate);
  return rules.some((r) => r === undefined) ? undefined : (rules as Rule[]);
}

/** Translates one JSON Logic node, read for its truthiness. */
function translate(logic: unknown): Rule | undefined {
  if (typeof logic === 'boolean') return logic ? ruleTrue : ruleFalse;
  const operation = operationOf(logic);
  if (!operation) return undefined;
  const { op, args } = operation;
  switch (op) {
    case 'and':
    case 'or': {
      // JSON Logic's and/or of nothing return undefined: falsy, whatever the identity says.
      if (args.length === 0) return ruleFalse;
      const rules = all(args);
      return rules && (op === 'and' ? and(rules) : or(rules));
    }
    case '!':
    case '!!': {
      if (args.length !== 1) return undefined;
      const inner = translate(args[0]);
      return inner && (op === '!' ? negate(inner) : inner);
    }
    case '==':
    case '===':
      return equality(args);
    case '!=':
    case '!==': {
      const eq = equality(args);
      return eq && negate(eq);
    }
    case 'in':
      return membership(args);
    case 'hasLabel':
      return args.length === 1 && typeof args[0] === 'string' ? { exists: args[0] } : undefined;
    case 'label': {
      // A bare label is truthy when present and non-empty.
      const key = labelKeyOf(logic);
      return key === undefined ? undefined : and([{ exists: key }, { notIn: { key, values: [''] } }]);
    }
    default:
      return undefined;
  }
}

/**
 * A label-only condition as an engine {@link Rule}, or `undefined` when the condition reads
 * anything but labels or uses operations beyond `and`, `or`, `!`, `!!`, `==`, `===`, `!=`, `!==`,
 * `in` (with a literal list of strings), `label` and `hasLabel` with literal keys, and true/false.
 */
export function labelOnlyRule(condition: unknown): Rule | undefined {
  return translate(condition);
}
