/**
 * The pod-to-pod score plugins over the indexes, as the default profile runs them:
 * PodTopologySpread and InterPodAffinity, each normalized to 0..100 and weighted 2
 * (pkg/scheduler/apis/config/v1/default_plugins.go). A plugin whose PreScore skips adds nothing;
 * one whose PreScore fails fails the ranking, as it fails the scheduling cycle.
 */
import type { IncomingPod, NotEvaluated } from '../semantics/pod-to-pod-inputs.js';
import { defaultPodAffinityScoreOptions, type PodAffinityScoreOptions } from '../semantics/inter-pod-affinity-score.js';
import type { TopologySpreadScoreOptions } from '../semantics/topology-spread-score.js';
import type { FeasibleNodes, IndexedPluginScores } from './indexed-plugin-scores.js';
import { scorePodAffinityIndexed } from './inter-pod-affinity-score-indexed.js';
import { scorePluginWeights } from './normalize-score.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import type { SpreadOptions } from './topology-spread-indexed.js';
import { scoreTopologySpreadIndexed } from './topology-spread-score-indexed.js';

/** The plugins' arguments (the default profile's unless given) and node sets the caller already has. */
export interface PodToPodScoreOptions {
  readonly podAffinity?: PodAffinityScoreOptions;
  readonly topologySpread?: TopologySpreadScoreOptions;
  readonly spread?: SpreadOptions;
}

/** Both plugins' outcomes over the feasible nodes, by position among their ids. */
export interface PodToPodScores {
  readonly PodTopologySpread: IndexedPluginScores;
  readonly InterPodAffinity: IndexedPluginScores;
  /** Per feasible position: the two normalized scores times their weights, summed (0 from a plugin that skipped). */
  readonly weighted: readonly number[];
  /** What either plugin could not take into account, with field paths. */
  readonly notEvaluated: readonly NotEvaluated[];
}

function notEvaluatedOf(scores: IndexedPluginScores): readonly NotEvaluated[] {
  return scores.status === 'error' ? [] : scores.notEvaluated;
}

/** Runs PodTopologySpread and InterPodAffinity scoring for `pod` over the feasible nodes. */
export function scorePodToPod(pod: IncomingPod, indexes: PodToPodIndexes, feasible: FeasibleNodes, options: PodToPodScoreOptions = {}): PodToPodScores {
  const spread = scoreTopologySpreadIndexed(pod, indexes, feasible, options.topologySpread, options.spread);
  const affinity = scorePodAffinityIndexed(pod, indexes, feasible, options.podAffinity ?? defaultPodAffinityScoreOptions);
  const weighted = new Array<number>(feasible.count).fill(0);
  for (const [plugin, scores] of [['PodTopologySpread', spread], ['InterPodAffinity', affinity]] as const) {
    if (scores.status !== 'scored') continue;
    const weight = scorePluginWeights[plugin];
    for (let k = 0; k < feasible.count; k++) weighted[k]! += scores.normalized[k]! * weight;
  }
  return { PodTopologySpread: spread, InterPodAffinity: affinity, weighted, notEvaluated: [...notEvaluatedOf(spread), ...notEvaluatedOf(affinity)] };
}
