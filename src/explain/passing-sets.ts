/** The node sets of rules, each computed on first use and kept for one explanation. */
import type { Rule } from '../compile/rule.js';
import type { Bits } from '../node-index/bitset.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';

/** A function from a rule to the live nodes satisfying it, computing each rule once. */
export function passingSets(rules: RuleEvaluator): (rule: Rule) => Bits {
  const sets = new Map<Rule, Bits>();
  return (rule) => {
    let set = sets.get(rule);
    if (!set) {
      set = new Uint32Array(rules.index.words);
      rules.evalInto(rule, set);
      sets.set(rule, set);
    }
    return set;
  };
}
