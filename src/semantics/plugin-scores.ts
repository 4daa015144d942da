/** The outcome of one score plugin over the feasible nodes, as kube-scheduler's PreScore / Score / NormalizeScore produce it. */
import type { NotEvaluated } from './pod-to-pod-inputs.js';

/**
 * `skip`: PreScore returned Skip, the plugin scores nothing (every node gets 0 from it);
 * `error`: PreScore failed, and so does the scheduling cycle; `scored`: the raw Score of each
 * feasible node (by name) and its NormalizeScore result (0..100, before the plugin's weight).
 */
export type PluginScores =
  | { readonly status: 'skip'; readonly notEvaluated: readonly NotEvaluated[] }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'scored'; readonly raw: ReadonlyMap<string, number>; readonly normalized: ReadonlyMap<string, number>; readonly notEvaluated: readonly NotEvaluated[] };

/** `framework.MaxNodeScore`. */
export const maxNodeScore = 100;
