/**
 * A compiled rule → the same condition as a JSON Logic document over a node's facts
 * (src/eval/node-facts.ts), for tools outside placement. Standard operations where they are exact
 * (`and`, `or`, `!`, `in`, `==`, `!=`, `var` on `name`), and placement's custom operations
 * (registered in src/eval/json-logic.ts) where they are not: `label`, `hasLabel`, `int64InRange`,
 * `tolerated`, `nodeName`, `nameIn`, `nameNotIn`, `schedulable`.
 */
import type { CompiledPod, Rule } from './rule.js';

/** A JSON Logic document: plain JSON data. */
export type JsonLogic = boolean | string | number | null | readonly JsonLogic[] | { readonly [operation: string]: JsonLogic };

function labelOf(key: string): JsonLogic {
  return { label: [key] };
}

function inValues(key: string, values: readonly string[]): JsonLogic {
  // One value reads better as an equality; label values and constants are strings, so `==` is exact.
  return values.length === 1 ? { '==': [labelOf(key), values[0]!] } : { in: [labelOf(key), [...values]] };
}

function not(logic: JsonLogic): JsonLogic {
  return { '!': [logic] };
}

/** One rule → JSON Logic. JSON Logic's `and`/`or` of nothing is falsy, so empty ones become constants. */
export function ruleToJsonLogic(rule: Rule): JsonLogic {
  if ('const' in rule) return rule.const;
  if ('and' in rule) return rule.and.length === 0 ? true : { and: rule.and.map(ruleToJsonLogic) };
  if ('or' in rule) return rule.or.length === 0 ? false : { or: rule.or.map(ruleToJsonLogic) };
  if ('in' in rule) return rule.in.values.length === 0 ? false : inValues(rule.in.key, rule.in.values);
  if ('notIn' in rule) return rule.notIn.values.length === 0 ? true : not(inValues(rule.notIn.key, rule.notIn.values));
  if ('exists' in rule) return { hasLabel: [rule.exists] };
  if ('doesNotExist' in rule) return not({ hasLabel: [rule.doesNotExist] });
  if ('range' in rule) return { int64InRange: [labelOf(rule.range.key), rule.range.min ?? null, rule.range.max ?? null] };
  if ('nameIn' in rule) return { nameIn: [...rule.nameIn] };
  if ('nameNotIn' in rule) return { nameNotIn: [...rule.nameNotIn] };
  if ('nodeName' in rule) return { nodeName: [rule.nodeName] };
  if ('schedulable' in rule) return { schedulable: [] };
  const { tolerations, comparisonOperators, effects } = rule.tolerates;
  // All four keys, always: a one-key object inside JSON Logic would be read as an operation.
  const list = tolerations.map(({ key, operator, value, effect }) => ({ key, operator, value, effect }));
  if (effects) return { tolerated: [list, comparisonOperators, [...effects]] };
  return { tolerated: comparisonOperators ? [list, true] : [list] };
}

/**
 * A whole compiled pod → `{"and": [NodeUnschedulable, NodeName, TaintToleration, NodeAffinity]}`,
 * plus, when every required term pins `metadata.name`, the PreFilter's name check as a fifth item
 * (unlike `nameIn`, it does not let nameless nodes through). A PreFilter conflict is `false`.
 */
export function compiledPodToJsonLogic(pod: CompiledPod): JsonLogic {
  if (pod.preFilterConflict) return false;
  const { NodeUnschedulable, NodeName, TaintToleration, NodeAffinity } = pod.filters;
  const parts = [NodeUnschedulable, NodeName, TaintToleration, NodeAffinity].map(ruleToJsonLogic);
  if (pod.preFilterNames) {
    const name: JsonLogic = { var: 'name' };
    parts.push({ and: [{ '!=': [name, ''] }, { in: [name, [...pod.preFilterNames]] }] });
  }
  return { and: parts };
}

/** A rule or a whole compiled pod as JSON Logic (see {@link ruleToJsonLogic}, {@link compiledPodToJsonLogic}). */
export function toJsonLogic(input: Rule | CompiledPod): JsonLogic {
  return 'filters' in input ? compiledPodToJsonLogic(input) : ruleToJsonLogic(input);
}
