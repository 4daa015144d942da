/**
 * Taints and tolerations with upstream's rules: k8s.io/api/core/v1 `Toleration.ToleratesTaint`,
 * component-helpers `FindMatchingUntoleratedTaint`, and the TaintToleration plugin's filters.
 */
import type { FeatureGates } from '../model/feature-gates.js';
import type { Taint, Toleration } from '../model/types.js';
import { parseCanonicalInt64 } from '../model/int64.js';

/** The taint `spec.unschedulable` stands for (NodeUnschedulable plugin); note the empty value. */
export const unschedulableTaint: Taint = Object.freeze({ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' });

/** `ToleratesTaint`: effect (empty = all), key (empty = all), then the operator. */
export function toleratesTaint(toleration: Toleration, taint: Taint, gates: FeatureGates): boolean {
  if (toleration.effect !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.key !== '' && toleration.key !== taint.key) return false;
  switch (toleration.operator) {
    case '': // empty operator means Equal
    case 'Equal':
      return toleration.value === taint.value;
    case 'Exists':
      return true;
    case 'Gt':
    case 'Lt':
      return gates.TaintTolerationComparisonOperators && comparesNumerically(toleration, taint);
    default:
      return false;
  }
}

/** Toleration `Gt`/`Lt` (alpha): both values canonical int64; `Gt` tolerates a taint value greater than the toleration's. */
function comparesNumerically(toleration: Toleration, taint: Taint): boolean {
  const tolerationValue = parseCanonicalInt64(toleration.value);
  const taintValue = parseCanonicalInt64(taint.value);
  if (tolerationValue === undefined || taintValue === undefined) return false;
  return toleration.operator === 'Gt' ? taintValue > tolerationValue : taintValue < tolerationValue;
}

/** Is the taint tolerated by any of the tolerations? */
export function isTolerated(taint: Taint, tolerations: readonly Toleration[], gates: FeatureGates): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint, gates));
}

/** Does this effect stop scheduling? NoSchedule and NoExecute do; PreferNoSchedule only scores. */
export function isBlockingEffect(effect: string): boolean {
  return effect === 'NoSchedule' || effect === 'NoExecute';
}

/** Every blocking taint of the node that no toleration tolerates, in the node's order. */
export function untoleratedTaints(taints: readonly Taint[], tolerations: readonly Toleration[], gates: FeatureGates): Taint[] {
  return taints.filter((taint) => isBlockingEffect(taint.effect) && !isTolerated(taint, tolerations, gates));
}

/** TaintToleration score input: PreferNoSchedule taints not tolerated by empty-effect or PreferNoSchedule tolerations. */
export function countIntolerablePreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[], gates: FeatureGates): number {
  const preferTolerations = tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
  let count = 0;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule' && !isTolerated(taint, preferTolerations, gates)) count += 1;
  }
  return count;
}

/** Taint text form (`Taint.ToString`): `key=value:effect`, `key:effect` when the value is empty. */
export function formatTaint(taint: Taint): string {
  const head = taint.value === '' ? taint.key : `${taint.key}=${taint.value}`;
  return taint.effect === '' ? (taint.value === '' ? head : `${head}:`) : `${head}:${taint.effect}`;
}
