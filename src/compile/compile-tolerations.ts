/**
 * Tolerations → the TaintToleration and NodeUnschedulable rules. Tolerations that can never
 * tolerate a blocking taint are dropped; `tolerationSeconds` does not matter for placement.
 */
import { isTolerated, unschedulableTaint } from '../eval/tolerations.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { Toleration } from '../model/types.js';
import { ruleTrue, type Rule } from './rule.js';

const blockingEffects = ['NoSchedule', 'NoExecute'];

function canEverTolerateBlocking(t: Toleration, gates: FeatureGates): boolean {
  if (t.effect !== '' && !blockingEffects.includes(t.effect)) return false;
  if (t.operator === '' || t.operator === 'Equal' || t.operator === 'Exists') return true;
  return (t.operator === 'Gt' || t.operator === 'Lt') && gates.TaintTolerationComparisonOperators;
}

/** Does the toleration accept every taint of this effect? (`key` empty, `Exists`, effect empty or this one.) */
function isWildcardFor(t: Toleration, effect: string): boolean {
  return t.key === '' && t.operator === 'Exists' && (t.effect === '' || t.effect === effect);
}

/** TaintToleration: the node's NoSchedule and NoExecute taints must all be tolerated. */
export function compileTaintRule(tolerations: readonly Toleration[], gates: FeatureGates): Rule {
  const kept = tolerations.filter((t) => canEverTolerateBlocking(t, gates));
  // Wildcards for both blocking effects tolerate every taint that could block: nothing to check.
  if (blockingEffects.every((effect) => kept.some((t) => isWildcardFor(t, effect)))) return ruleTrue;
  const byText = new Map<string, Toleration>();
  for (const t of kept) {
    const { key, operator, value, effect } = t; // tolerationSeconds only matters for eviction
    byText.set(JSON.stringify([key, operator, value, effect]), { key, operator, value, effect });
  }
  const normalized = [...byText.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  return { tolerates: { tolerations: normalized, comparisonOperators: gates.TaintTolerationComparisonOperators } };
}

/** NodeUnschedulable: cordoned nodes are out unless the pod tolerates the unschedulable taint. */
export function compileUnschedulableRule(tolerations: readonly Toleration[], gates: FeatureGates): Rule {
  return isTolerated(unschedulableTaint, tolerations, gates) ? ruleTrue : { schedulable: true };
}
