/**
 * When the taint manager evicts a pod from a node with NoExecute taints
 * (pkg/controller/tainteviction `processPodOnNode`, `getMinTolerationTime`; core/v1 helper
 * `GetMatchingTolerations`): each NoExecute taint is matched by the FIRST toleration in the pod's
 * list that tolerates it; an untolerated one evicts now; otherwise the smallest tolerationSeconds
 * among the matched tolerations (≤ 0 means now; none set means never).
 */
import { toleratesTaint } from '../../semantics/tolerations.js';
import type { FeatureGates } from '../../model/feature-gates.js';
import type { Taint, Toleration } from '../../model/types.js';

/** The eviction outcome for one pod on one node. */
export type Eviction =
  | { readonly kind: 'never' }
  | { readonly kind: 'now'; readonly untolerated?: Taint }
  | { readonly kind: 'after'; readonly seconds: number };

/**
 * `getMinTolerationTime` over the tolerations a pod used, in seconds: 0 (evict now) for an empty
 * list or any value ≤ 0, −1 (never) when none has tolerationSeconds, else the smallest value set.
 */
export function minTolerationSeconds(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min === Infinity ? -1 : min;
}

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
  const min = minTolerationSeconds(used);
  return min < 0 ? { kind: 'never' } : min === 0 ? { kind: 'now' } : { kind: 'after', seconds: min };
}

/**
 * When the taint manager's queued eviction fires (ms since the epoch), for a pod that tolerates
 * every NoExecute taint, some only for a while. `processPodOnNode` queues nothing while every used
 * toleration is unlimited, queues at the first update where one has seconds — the earliest
 * `timeAdded` of such a taint, or the pod's creation when that came later — and afterwards keeps the
 * queued worker, so the deadline is that start plus the smallest seconds among the taints present
 * then. `undefined` when nothing is time-limited or a `timeAdded` is missing.
 */
export function queuedEvictionTime(taints: readonly Taint[], tolerations: readonly Toleration[], gates: FeatureGates, podCreated?: number): number | undefined {
  const timed: { added: number; seconds: number }[] = [];
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const first = tolerations.find((t) => toleratesTaint(t, taint, gates));
    if (!first) return undefined;
    if (first.tolerationSeconds === undefined) continue;
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : NaN;
    if (Number.isNaN(added)) return undefined;
    timed.push({ added, seconds: first.tolerationSeconds });
  }
  if (timed.length === 0) return undefined;
  const start = Math.max(Math.min(...timed.map((t) => t.added)), podCreated ?? -Infinity);
  const seconds = Math.min(...timed.filter((t) => t.added <= start).map((t) => t.seconds));
  return start + Math.max(seconds, 0) * 1000;
}
