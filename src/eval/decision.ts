/**
 * What an evaluator decides about one pod over the node set, as sets of node ids: the eligible
 * nodes, every node failing each filter (all failures, not only the first, since explanations name
 * them all), and the FitError histogram (each node counted under its first failure, where the
 * scheduler stops). Explanations are built from a decision afterwards, never by re-deciding.
 */
import type { CompiledPod, FilterName } from '../compile/rule.js';
import type { Bits } from '../node-index/bitset.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { ClusterPods } from '../node-index/cluster-pods.js';
import type { PodDemand } from '../semantics/resources/pod-demand.js';
import type { IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import type { PodToPodJudgement } from './pod-to-pod-judgement.js';

/** A check after the built-in filters (a custom policy), with the nodes it excludes. */
export interface ExtraCheck {
  readonly reason: string;
  readonly detail: string;
  /** The nodes it excludes; a check judged only on some nodes leaves the others out of this set. */
  readonly failing: Bits;
}

/** The decision for one pod; every set is over the index's ids and `index.words` long. */
export interface Decision {
  readonly compiled: CompiledPod;
  /** Live nodes. */
  readonly total: number;
  readonly eligible: Bits;
  readonly eligibleCount: number;
  /** Per filter, every live node that fails it. */
  readonly failing: Readonly<Record<FilterName, Bits>>;
  /**
   * Nodes outside NodeAffinity's PreFilterResult (terms pinning `metadata.name`): the scheduler
   * never filters them and records the PreFilter's status instead; `undefined` without a restriction.
   */
  readonly outsidePreFilter: Bits | undefined;
  /** Checks after the built-in filters, in order. */
  readonly extraChecks: readonly ExtraCheck[];
  /**
   * The FitError histogram: per reason, how many nodes record it. A node records the reasons of
   * its first failing filter — one, except NodeResourcesFit's, one per short resource
   * (`NodeToStatus` reasons, counted each by `FitError.Error`).
   */
  readonly counts: ReadonlyMap<string, number>;
  /**
   * Set when NodePorts and NodeResourcesFit were judged (the cluster's pods were given): the pod's
   * demand and the store it was judged against (explanations read both). Without it their failing
   * sets are empty: the filters were not evaluated.
   */
  readonly resources?: ResourceJudgement;
  /**
   * Set when PodTopologySpread and InterPodAffinity were judged (the cluster's pods were given):
   * their reasons and details per node. Without it their failing sets are empty.
   */
  readonly podToPod?: PodToPodJudgement;
}

/** What the resource filters were judged on. */
export interface ResourceJudgement {
  readonly demand: PodDemand;
  readonly pods: ClusterPods;
}

/** Decides pods over one node index. The indexed engine and the reference evaluator both implement it. */
export interface Evaluator {
  readonly index: NodeIndex;
  /**
   * The full decision: eligible set, per-filter failing sets, summary counts. `demand`: what the pod
   * requests and its host ports (none when absent); `incoming`: the pod as the pod-to-pod filters
   * read it (they run only with it and the cluster's pods).
   */
  decide(compiled: CompiledPod, demand?: PodDemand, incoming?: IncomingPod): Decision;
  /** The eligible set alone, written into `out` (`index.words` long); returns its size. */
  eligibleInto(compiled: CompiledPod, out: Bits, demand?: PodDemand, incoming?: IncomingPod): number;
}
