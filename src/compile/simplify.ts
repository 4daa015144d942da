/** Smart constructors that keep rules normalized: flattened, constant-folded, deduplicated, sorted. */
import { ruleFalse, ruleTrue, type Rule } from './rule.js';

const texts = new WeakMap<Rule, string>();

/** The canonical text of a rule (rules are built in canonical order, so this is stable); cached per object. */
export function canonical(rule: Rule): string {
  let text = texts.get(rule);
  if (text === undefined) texts.set(rule, (text = JSON.stringify(rule)));
  return text;
}

function isConst(rule: Rule, value: boolean): boolean {
  return 'const' in rule && rule.const === value;
}

function normalizeArgs(args: readonly Rule[], flattenKey: 'and' | 'or', identity: boolean): Rule[] | Rule {
  const byText = new Map<string, Rule>();
  const add = (rule: Rule): boolean => {
    if (isConst(rule, !identity)) return false; // the absorbing element decides the whole
    if (isConst(rule, identity)) return true;
    if (flattenKey in rule) return (rule as Record<string, readonly Rule[]>)[flattenKey]!.every(add);
    byText.set(canonical(rule), rule);
    return true;
  };
  for (const arg of args) if (!add(arg)) return identity ? ruleFalse : ruleTrue;
  return [...byText.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, rule]) => rule);
}

/** All of `args`; `true` when empty, `false` when any is false. */
export function and(args: readonly Rule[]): Rule {
  const norm = normalizeArgs(args, 'and', true);
  if (!Array.isArray(norm)) return norm as Rule;
  if (norm.length === 0) return ruleTrue;
  return norm.length === 1 ? norm[0]! : { and: norm };
}

/** Any of `args`; `false` when empty, `true` when any is true. */
export function or(args: readonly Rule[]): Rule {
  const norm = normalizeArgs(args, 'or', false);
  if (!Array.isArray(norm)) return norm as Rule;
  if (norm.length === 0) return ruleFalse;
  return norm.length === 1 ? norm[0]! : { or: norm };
}
