/** The answers of `eligible` and `rank`, shared by the reference evaluator and the indexed engine. */
import type { NotEvaluated } from '../compile/not-evaluated.js';

/** Why one node cannot run the pod. */
export interface IneligibleNode {
  readonly node: string;
  /** Every failing check, in the filters' order, as kube-scheduler words it. */
  readonly reasons: readonly string[];
  /** What a person needs to fix it: which taint, which term, which label. */
  readonly details: readonly string[];
}

/** The answer to "where may this pod run?" (`placement eligible -o json`). */
export interface EligibilityResult {
  /** Eligible node names, in input order. */
  readonly eligible: readonly string[];
  /** Ineligible nodes with their reasons, in input order. */
  readonly ineligible: readonly IneligibleNode[];
  /** kube-scheduler's FitError-format summary, e.g. `0/3 nodes are available: ...`. */
  readonly message: string;
}

/** One eligible node's score (`placement rank -o json`). */
export interface RankedNode {
  readonly node: string;
  /**
   * Sum of the plugins' scores times their weights (TaintToleration 3, NodeAffinity 2,
   * NodeResourcesFit 1, PodTopologySpread 2, InterPodAffinity 2, NodeResourcesBalancedAllocation 1,
   * ImageLocality 1).
   */
  readonly score: number;
  /** Each scoring plugin's final 0..100 score (after NormalizeScore, where it has one); a plugin that skips the pod is absent. */
  readonly scores: Readonly<Record<string, number>>;
}

/** The answer to "which eligible node would kube-scheduler prefer?". */
export interface RankResult {
  /** Highest total first; ties keep input order. */
  readonly nodes: readonly RankedNode[];
}

export type { NotEvaluated };

/**
 * An answer with the pod's constraints it did not evaluate (`notEvaluated`: always present, empty
 * when nothing was left out), so that no answer is silently partial.
 */
export type WithNotEvaluated<T> = T & { readonly notEvaluated: readonly NotEvaluated[] };
