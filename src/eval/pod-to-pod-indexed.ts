/**
 * The pod-to-pod filters over the indexes, in the default profile's order (PodTopologySpread,
 * then InterPodAffinity): each filter's failing node set, and for a failing node the first
 * filter that rejects it with upstream's reason and the details a person can act on.
 */
import { andNotBits, type Bits } from '../node-index/bitset.js';
import { describePodAffinityFailure } from '../semantics/inter-pod-affinity-explain.js';
import type { IncomingPod, NotEvaluated } from '../semantics/pod-to-pod-inputs.js';
import { describeTopologySpreadFailure } from '../semantics/topology-spread-filter.js';
import { filterPodAffinityIndexed, type IndexedPodAffinity } from './inter-pod-affinity-indexed.js';
import { nodeBits, type PodToPodIndexes } from './pod-to-pod-context.js';
import { filterTopologySpreadIndexed, type IndexedTopologySpread, type SpreadOptions } from './topology-spread-indexed.js';

import type { PodToPodFilterName } from '../compile/rule.js';
export type { PodToPodFilterName } from '../compile/rule.js';

/** Why one node fails: the first rejecting filter, its reason, its status code, and details. */
export interface PodToPodRejection {
  readonly filter: PodToPodFilterName;
  readonly reason: string;
  readonly code: string;
  readonly details: readonly string[];
}

/** Both filters' answers over every indexed node. */
export interface PodToPodAnswer {
  readonly spread: IndexedTopologySpread;
  readonly affinity: IndexedPodAffinity;
  /** Nodes InterPodAffinity rejects among those PodTopologySpread lets through (its share of a FitError). */
  readonly affinityOnly: Bits;
  /** Constraints that could not be taken into account, with their field paths. */
  readonly notEvaluated: readonly NotEvaluated[];
  /** The first filter rejecting node `id`, `undefined` when both pass. */
  rejectionOf(nodeId: number): PodToPodRejection | undefined;
}

/** Runs PodTopologySpread and InterPodAffinity for `pod` over the indexes. */
export function filterPodToPod(pod: IncomingPod, indexes: PodToPodIndexes, options: SpreadOptions = {}): PodToPodAnswer {
  const spread = filterTopologySpreadIndexed(pod, indexes, options);
  const affinity = filterPodAffinityIndexed(pod, indexes);
  const affinityOnly = nodeBits(indexes.nodes);
  affinityOnly.set(affinity.failing);
  andNotBits(affinityOnly, spread.failing, indexes.nodes.liveWords);
  return {
    spread,
    affinity,
    affinityOnly,
    notEvaluated: [...spread.state.notEvaluated, ...affinity.state.notEvaluated],
    rejectionOf: (nodeId) => {
      const bySpread = spread.failureOf(nodeId);
      if (bySpread) return { filter: 'PodTopologySpread', reason: bySpread.reason, code: bySpread.code, details: describeTopologySpreadFailure(bySpread) };
      const byAffinity = affinity.failureOf(nodeId);
      if (byAffinity) return { filter: 'InterPodAffinity', reason: byAffinity.reason, code: byAffinity.code, details: describePodAffinityFailure(affinity.state, byAffinity) };
      return undefined;
    },
  };
}
