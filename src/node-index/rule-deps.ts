/**
 * What part of the index a rule's node set depends on: the label keys it reads, whether it is an
 * "all live nodes but ..." set (then it changes when nodes come and go), and whether it reads
 * taints or cordons. Computed once per rule object.
 */
import type { Rule } from '../compile/rule.js';

/** The dependencies of one rule. */
export interface RuleDeps {
  readonly keys: readonly string[];
  readonly membership: boolean;
  readonly taints: boolean;
}

const cache = new WeakMap<Rule, RuleDeps>();

/** The dependencies of `rule` (cached per rule object). */
export function depsOf(rule: Rule): RuleDeps {
  let deps = cache.get(rule);
  if (!deps) cache.set(rule, (deps = computeDeps(rule)));
  return deps;
}

function computeDeps(rule: Rule): RuleDeps {
  if ('and' in rule || 'or' in rule) {
    const args = 'and' in rule ? rule.and : rule.or;
    const keys = new Set<string>();
    let membership = false;
    let taints = false;
    for (const arg of args) {
      const d = depsOf(arg);
      for (const k of d.keys) keys.add(k);
      membership ||= d.membership;
      taints ||= d.taints;
    }
    return { keys: [...keys], membership, taints };
  }
  if ('in' in rule) return { keys: [rule.in.key], membership: false, taints: false };
  if ('exists' in rule) return { keys: [rule.exists], membership: false, taints: false };
  if ('range' in rule) return { keys: [rule.range.key], membership: false, taints: false };
  if ('notIn' in rule) return { keys: [rule.notIn.key], membership: true, taints: false };
  if ('doesNotExist' in rule) return { keys: [rule.doesNotExist], membership: true, taints: false };
  if ('schedulable' in rule || 'tolerates' in rule) return { keys: [], membership: true, taints: true };
  // const, nodeName, nameIn, nameNotIn: the live set and the name table.
  return { keys: [], membership: true, taints: false };
}
