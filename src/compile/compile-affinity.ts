/**
 * nodeSelector and required node affinity → the NodeAffinity rule, with static checks: a term
 * that can never match, and a pod that matches no node, are reported with their field paths.
 */
import { isEmptyTerm, parseTerm, type ParsedFieldRequirement, type ParsedTerm } from '../semantics/node-selector.js';
import type { PodPlacement } from '../model/types.js';
import { addRequirement, emptyConstraint, foldConstraint, type KeyConstraint } from './key-constraint.js';
import { and, canonical, or } from './simplify.js';
import { ruleFalse, ruleTrue, type Rule, type RuleWarning } from './rule.js';

/** `metadata.name` requirements of a term → rules. Unknown field keys read as "" (upstream `fields.Set.Get`). */
function compileFields(fields: readonly ParsedFieldRequirement[]): Rule[] {
  return fields.map((f): Rule => {
    if (f.key !== 'metadata.name') {
      // Named nodes see "" for an unknown field; nameless nodes skip fields (so `nameIn: []` = nameless only).
      const holdsForNamed = f.operator === 'In' ? f.value === '' : f.value !== '';
      return holdsForNamed ? ruleTrue : { nameIn: [] };
    }
    return f.operator === 'In' ? { nameIn: [f.value] } : { nameNotIn: [f.value] };
  });
}

/** Folds every requirement of a term (plus the nodeSelector, when given) into per-key rules. */
function foldTerm(term: ParsedTerm, selector: ReadonlyMap<string, string> | undefined, describe: () => string): { rule: Rule } | { never: string } {
  const byKey = new Map<string, KeyConstraint>();
  const constraintOf = (key: string): KeyConstraint => {
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = emptyConstraint()));
    return c;
  };
  for (const [key, value] of selector ?? []) addRequirement(constraintOf(key), { key, operator: 'In', values: [value] });
  for (const rq of term.expressions) addRequirement(constraintOf(rq.key), rq);
  const rules: Rule[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const folded = foldConstraint(key, byKey.get(key)!, describe);
    if ('never' in folded) return folded;
    rules.push(...folded.rules);
  }
  // Field rules sorted and deduplicated, so the order of matchFields does not change the key. Two
  // different `metadata.name In` names are not "never": they leave the nameless nodes, which have
  // no fields (every field requirement passes for them); the warning is given by the caller.
  const fieldRules = new Map<string, Rule>();
  for (const rule of compileFields(term.fields)) if (!('const' in rule && rule.const)) fieldRules.set(canonical(rule), rule);
  for (const text of [...fieldRules.keys()].sort()) rules.push(fieldRules.get(text)!);
  // Built in canonical order (keys sorted, one rule set per key), so no general normalization is needed.
  if (rules.length === 0) return { rule: ruleTrue };
  return { rule: rules.length === 1 ? rules[0]! : { and: rules } };
}

/** One parsed (valid) term as a rule; a term that can never match is `false`. */
export function compileTermRule(term: ParsedTerm): Rule {
  const folded = foldTerm(term, undefined, () => 'term');
  return 'never' in folded ? ruleFalse : folded.rule;
}

/** The NodeAffinity rule and its warnings. `path` is the pod spec's path, e.g. `spec.template.spec.`. */
export function compileAffinityRule(pod: PodPlacement, path: string): { rule: Rule; warnings: RuleWarning[] } {
  const warnings: RuleWarning[] = [];
  const selectorRules = [...(pod.nodeSelector ?? [])].map(([key, value]): Rule => ({ in: { key, values: [value] } }));
  if (pod.requiredTerms === undefined) return { rule: and(selectorRules), warnings };
  const termsPath = `${path}affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
  const termRules: Rule[] = [];
  let satisfiableWithSelector = 0;
  pod.requiredTerms.forEach((raw, i) => {
    const at = `${termsPath}[${i}]`;
    if (isEmptyTerm(raw)) return warnings.push({ path: at, message: 'empty term: matches no node' });
    const term = parseTerm(raw, i);
    if (term.problems.length > 0) return warnings.push({ path: at, message: `invalid term, never matches: ${term.problems.join('; ')}` });
    const alone = foldTerm(term, undefined, () => 'this term');
    if ('never' in alone) return warnings.push({ path: at, message: `can never match: ${alone.never}` });
    termRules.push(alone.rule);
    const pinned = new Set(term.fields.filter((f) => f.key === 'metadata.name' && f.operator === 'In').map((f) => f.value));
    if (pinned.size > 1) warnings.push({ path: at, message: 'can never match a named node: metadata.name In two different names' });
    const withSelector = foldTerm(term, pod.nodeSelector, () => 'with the nodeSelector');
    if ('never' in withSelector) warnings.push({ path: at, message: `can never match together with spec.nodeSelector: ${withSelector.never}` });
    else satisfiableWithSelector += 1;
    return undefined;
  });
  if (termRules.length === 0) return { rule: ruleFalse, warnings };
  // nodeSelector AND (any term): if no term survives the nodeSelector, nothing can match.
  if (satisfiableWithSelector === 0) return { rule: ruleFalse, warnings };
  return { rule: and([...selectorRules, or(termRules)]), warnings };
}
