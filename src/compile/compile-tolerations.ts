/**
 * Tolerations → the TaintToleration and NodeUnschedulable rules. Tolerations that can never
 * tolerate a blocking taint are dropped; `tolerationSeconds` does not matter for placement.
 */
import { isTolerated, unschedulableTaint } from '../semantics/tolerations.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { Toleration } from '../model/types.js';
import { ruleTrue, type Rule, type TaintEffectName } from './rule.js';

const blockingEffects: readonly TaintEffectName[] = ['NoSchedule', 'NoExecute'];

function canEverTolerate(t: Toleration, gates: FeatureGates, effects: readonly string[]): boolean {
  if (t.effect !== '' && !effects.includes(t.effect)) return false;
  if (t.operator === '' || t.operator === 'Equal' || t.operator === 'Exists') return true;
  return (t.operator === 'Gt' || t.operator === 'Lt') && gates.TaintTolerationComparisonOperators;
}

/** Does the toleration accept every taint of this effect? (`key` empty, `Exists`, effect empty or this one.) */
function isWildcardFor(t: Toleration, effect: string): boolean {
  return t.key === '' && t.operator === 'Exists' && (t.effect === '' || t.effect === effect);
}

/**
 * TaintToleration: the node's taints with these effects (default NoSchedule and NoExecute) must
 * all be tolerated. The DaemonSet controller's shouldContinueRunning uses NoExecute alone.
 */
export function compileTaintRule(tolerations: readonly Toleration[], gates: FeatureGates, effects: readonly TaintEffectName[] = blockingEffects): Rule {
  const kept = tolerations.filter((t) => canEverTolerate(t, gates, effects));
  // Wildcards for every effect in play tolerate every taint that matters: nothing to check.
  if (effects.every((effect) => kept.some((t) => isWildcardFor(t, effect)))) return ruleTrue;
  const byText = new Map<string, Toleration>();
  for (const t of kept) {
    const { key, operator, value, effect } = t; // tolerationSeconds only matters for eviction
    byText.set(JSON.stringify([key, operator, value, effect]), { key, operator, value, effect });
  }
  const normalized = [...byText.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  const base = { tolerations: normalized, comparisonOperators: gates.TaintTolerationComparisonOperators };
  return { tolerates: effects === blockingEffects ? base : { ...base, effects: [...effects].sort() } };
}

/** NodeUnschedulable: cordoned nodes are out unless the pod tolerates the unschedulable taint. */
export function compileUnschedulableRule(tolerations: readonly Toleration[], gates: FeatureGates): Rule {
  return isTolerated(unschedulableTaint, tolerations, gates) ? ruleTrue : { schedulable: true };
}
