/**
 * When the taint manager evicts a pod from a node with NoExecute taints
 * (pkg/controller/tainteviction `processPodOnNode`, `getMinTolerationTime`; core/v1 helper
 * `GetMatchingTolerations`): each NoExecute taint is matched by the FIRST toleration in the pod's
 * list that tolerates it; an untolerated one evicts now; otherwise the smallest tolerationSeconds
 * among the matched tolerations (≤ 0 means now; none set means never).
 */
import { toleratesTaint } from '../../eval/tolerations.js';
import type { FeatureGates } from '../../model/feature-gates.js';
import type { Taint, Toleration } from '../../model/types.js';

/** The eviction outcome for one pod on one node. */
export type Eviction =
  | { readonly kind: 'never' }
  | { readonly kind: 'now'; readonly untolerated?: Taint }
  | { readonly kind: 'after'; readonly seconds: number };

/** Decides a pod's eviction from the node's NoExecute taints. */
export function evictionFor(taints: readonly Taint[], tolerations: readonly Toleration[], gates: FeatureGates): Eviction {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return { kind: 'never' };
  const used: Toleration[] = [];
  for (const taint of noExecute) {
    const first = tolerations.find((t) => toleratesTaint(t, taint, gates));
    if (!first) return { kind: 'now', untolerated: taint };
    used.push(first);
  }
  let min = -1;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return { kind: 'now' };
    if (min === -1 || t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min < 0 ? { kind: 'never' } : { kind: 'after', seconds: min };
}
