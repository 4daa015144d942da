/**
 * The engine's two ways of answering, chosen once when the engine is created: the indexed engine
 * (set operations over the node index) or the reference evaluator (the per-node specification).
 * Both give the same answers — a free differential check — so everything above this file is
 * written once, against {@link Backend}.
 */
import type { CompiledPod } from '../compile/rule.js';
import { daemonPodPlacement } from '../controllers/daemonset/daemon-pod.js';
import type { DaemonSetChanges } from '../controllers/daemonset/daemon-state.js';
import { listAnswers, type NodeAnswers } from '../controllers/daemonset/node-answers.js';
import { decideNode, type DaemonNodeAnswer } from '../controllers/daemonset/should-run.js';
import { pendingReasonsOnNode, unscheduledPending, type PendingDaemonPod, type PendingTargets } from '../controllers/daemonset/pending.js';
import type { Evaluator } from '../eval/decision.js';
import type { PodToPodIndexes } from '../eval/pod-to-pod-context.js';
import { preparePod } from '../eval/filters.js';
import { IndexedEvaluator } from '../eval/indexed.js';
import { rankIndexed } from '../eval/rank-indexed.js';
import { ScoringColumns } from '../eval/rank-resources-indexed.js';
import { ReferenceEvaluator } from '../eval/reference.js';
import { noPods, prepareScoringPod, scoreResourcesPerNode, type UsageOf } from '../eval/resource-scores.js';
import type { RankResult } from '../eval/result.js';
import { scoreNodes } from '../eval/score.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import { forEachBit, setBit, type Bits } from '../node-index/bitset.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';
import type { ClusterPods } from '../node-index/cluster-pods.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import { DaemonStates } from './daemon-states.js';
import type { PodDemand } from '../semantics/resources/pod-demand.js';
import { resourceReasonsIndexed } from '../eval/resource-filters.js';
import type { Policy } from '../policy/policy.js';
import type { FeasibleNodes } from '../eval/indexed-plugin-scores.js';
import { podToPodFinalIndexed, podToPodFinalReference, type ScoreCaveats } from '../eval/pod-to-pod-rank.js';
import { incomingPodFromWorkload, type ExistingPod, type PodToPodCluster } from '../semantics/pod-to-pod-inputs.js';
import { createdIncomingPod, pinnedTo, podToPodPendingIndexed, podToPodReasonIndexed, podToPodReasonReference, waitingIncomingPod } from '../controllers/daemonset/pending-pod-to-pod.js';
import type { DaemonSet, PodObject } from '../model/daemonset-types.js';

/** Everything the engine asks of an evaluation strategy. */
export interface Backend extends Evaluator {
  /**
   * kube-scheduler's default-profile ranking of the nodes in `eligible`. With `podToPod` (the
   * cluster's pods were given) PodTopologySpread and InterPodAffinity score too, and `caveats`
   * says what they could not take into account.
   */
  rank(workload: Workload, compiled: CompiledPod, eligible: Bits, podToPod?: PodToPodIndexes): RankAnswer;
  /** Which live nodes pass the policy's condition; `among` limits the nodes judged (others pass). */
  policyPasses(policy: Policy, among: Bits | undefined): Bits;
  /** The DaemonSet controller's per-node decisions, in id order. */
  daemonDecisions(ds: DaemonSet): readonly DaemonNodeAnswer[];
  /** The same answers for a sync, which reads only the nodes it needs. */
  daemonAnswers(ds: DaemonSet): NodeAnswers;
  /** How the DaemonSet's answers changed since a node generation (the reference keeps none: never complete). */
  daemonChanges(ds: DaemonSet, since: number): DaemonSetChanges;
  /**
   * The Pending forecast: which of the daemon pods the scheduler still has to place it cannot, and
   * why (`demand`: the template's). Empty without the cluster's pods.
   */
  daemonPending(ds: DaemonSet, demand: PodDemand, targets: PendingTargets, podToPod: PodToPodIndexes): PendingDaemonPod[];
}

/** A ranking, and what its pod-to-pod scores could not take into account. */
export interface RankAnswer {
  readonly ranking: RankResult;
  readonly caveats: ScoreCaveats;
}

/** Judges a policy node by node (JSONPath over node objects), on `among` or every live node. */
function policyPassesPerNode(policy: Policy, index: Evaluator['index'], among: Bits | undefined): Bits {
  const out = index.alive.slice();
  const judge = (id: number): void => {
    if (!evaluatePolicy(policy, index.nodes[id]!)) out[id >>> 5]! &= ~(1 << (id & 31));
  };
  if (among) forEachBit(among, index.liveWords, judge);
  else for (let id = 0; id < index.highWater; id++) if (index.nodes[id]) judge(id);
  return out;
}

/** What the running pods use on each node, by id, for the resource scores (nothing without pods). */
function usageOfPods(pods: ClusterPods | undefined): UsageOf {
  return pods ? (id) => pods.usageAt(id) : noPods;
}

/** The indexed backend. */
export function indexedBackend(rules: RuleEvaluator, gates: FeatureGates, pods?: ClusterPods, podToPod?: () => PodToPodIndexes): Backend {
  const evaluator = new IndexedEvaluator(rules, pods, podToPod);
  const index = rules.index;
  const columns = new ScoringColumns();
  const usageOf = usageOfPods(pods);
  // Per-node answers kept per daemon pod placement and brought up to date node by node.
  const daemons = new DaemonStates(rules, gates);
  return {
    index,
    decide: (compiled, demand, incoming) => evaluator.decide(compiled, demand, incoming),
    eligibleInto: (compiled, out, demand, incoming) => evaluator.eligibleInto(compiled, out, demand, incoming),
    rank(workload, _compiled, eligible, podToPod) {
      const caveats: ScoreCaveats = [];
      const incoming = podToPod && incomingPodFromWorkload(workload);
      const scorePodToPod = podToPod && incoming ? (feasible: FeasibleNodes) => podToPodFinalIndexed(incoming, podToPod, feasible, caveats) : undefined;
      const ranking = rankIndexed(workload.pod, gates, rules, eligible, workload.specPath, { pod: prepareScoringPod(workload.resources), usageOf, columns }, scorePodToPod);
      return { ranking, caveats };
    },
    policyPasses(policy, among) {
      // A condition that only reads labels runs on the index like a built-in rule.
      if (!policy.labelRule) return policyPassesPerNode(policy, index, among);
      const out = new Uint32Array(index.words);
      rules.evalInto(policy.labelRule, out);
      return out;
    },
    daemonDecisions: (ds) => daemons.of(ds).list(),
    daemonAnswers: (ds) => daemons.of(ds),
    daemonChanges: (ds, since) => daemons.of(ds).changesSince(since),
    daemonPending(ds, demand, targets, podToPod) {
      if (!pods?.given) return [];
      // The controller created these pods only where NodeShouldRunDaemonPod holds: the template's
      // node name, affinity and taints (with the implicit tolerations, unschedulable included) pass
      // there, so only NodePorts and NodeResourcesFit can fail — judged over the store's columns —
      // and after them PodTopologySpread and InterPodAffinity, over the pod index.
      const among = new Uint32Array(index.words);
      for (const name of targets.created) {
        const id = index.idOf(name);
        if (id !== undefined) setBit(among, id);
      }
      const reasons = resourceReasonsIndexed(demand, pods, among, index.liveWords);
      const fitting = targets.created.filter((name) => !reasons.has(index.idOf(name) ?? -1));
      const byPodToPod = podToPodPendingIndexed(createdIncomingPod(ds, targets.createdLabels), fitting, podToPod);
      const out: PendingDaemonPod[] = [];
      for (const name of targets.created) {
        const found = reasons.get(index.idOf(name) ?? -1);
        const podToPodReason = byPodToPod.get(name);
        if (found) out.push({ node: name, reasons: found });
        else if (podToPodReason !== undefined) out.push({ node: name, reasons: [podToPodReason] });
      }
      const waiting = (pod: PodObject, node: string): string | undefined => podToPodReasonIndexed(waitingIncomingPod(pod), node, podToPod);
      return [...out, ...unscheduledPending(targets.unscheduled, (pod) => preparePod(pod.placement, gates), pods, (name) => nodeByName(index, name), waiting)];
    },
  };
}

/** The live node of that name. */
function nodeByName(index: Evaluator['index'], name: string): Node | undefined {
  const id = index.idOf(name);
  return id === undefined ? undefined : index.nodes[id];
}

/** The reference backend: every answer node by node. */
export function referenceBackend(index: Evaluator['index'], gates: FeatureGates, pods?: ClusterPods, podToPod?: () => PodToPodIndexes): Backend {
  const evaluator = new ReferenceEvaluator(index, gates, pods, podToPod);
  const usageOf = usageOfPods(pods);
  const liveIds = (set: Bits): number[] => {
    const out: number[] = [];
    forEachBit(set, index.liveWords, (id) => void out.push(id));
    return out;
  };
  /** The default profile's scores, node by node, resources and images included, and pod-to-pod ones over plain lists. */
  const rank = (workload: Workload, eligible: Bits, podToPod: PodToPodIndexes | undefined): RankAnswer => {
    const ids = liveIds(eligible);
    const nodes: Node[] = ids.map((id) => index.nodes[id]!);
    const cluster = { usages: ids.map((id) => usageOf(id)), images: index.images, totalNodes: index.size };
    const caveats: ScoreCaveats = [];
    const scorePodToPod = podToPod
      ? (feasible: readonly Node[]) => {
          const running = podToPod.pods.pods.filter((p): p is ExistingPod => p !== undefined);
          const lists: PodToPodCluster = { ...podToPod.objects, nodes: index.liveNodes(), pods: running };
          return podToPodFinalReference(incomingPodFromWorkload(workload), lists, feasible, caveats);
        }
      : undefined;
    const ranking = scoreNodes(workload.pod, nodes, gates, workload.specPath, (feasible) => scoreResourcesPerNode(prepareScoringPod(workload.resources), feasible, cluster), scorePodToPod);
    return { ranking, caveats };
  };
  return {
    index,
    decide: (compiled, demand, incoming) => evaluator.decide(compiled, demand, incoming),
    eligibleInto: (compiled, out, demand, incoming) => evaluator.eligibleInto(compiled, out, demand, incoming),
    rank: (workload, _compiled, eligible, podToPod) => rank(workload, eligible, podToPod),
    policyPasses: (policy, among) => policyPassesPerNode(policy, index, among),
    daemonDecisions(ds) {
      const prepared = preparePod(daemonPodPlacement(ds.workload.pod), gates);
      return index.liveNodes().map((node) => ({ node: node.name, ...decideNode(prepared, node) }));
    },
    daemonAnswers(ds) {
      return listAnswers(index.liveNodes(), this.daemonDecisions(ds));
    },
    daemonChanges: () => ({ generation: index.changes.position, complete: false, changed: [], removed: [] }),
    daemonPending(ds, demand, targets, podToPod) {
      if (!pods?.given) return [];
      // The whole filter chain, node by node, for the pod the controller creates there: the pod-to-pod
      // filters from each plugin's PreFilter over plain lists of the nodes and pods.
      const prepared = preparePod(daemonPodPlacement(ds.workload.pod), gates);
      const cluster: PodToPodCluster = { ...podToPod.objects, nodes: index.liveNodes(), pods: podToPod.pods.pods.filter((p): p is ExistingPod => p !== undefined) };
      const created = createdIncomingPod(ds, targets.createdLabels);
      const out: PendingDaemonPod[] = [];
      for (const name of targets.created) {
        const node = nodeByName(index, name);
        if (!node) continue;
        const reasons = pendingReasonsOnNode(prepared, demand, pods, node);
        const podToPodReason = reasons ? undefined : podToPodReasonReference({ ...created, placement: pinnedTo(created.placement, name) }, name, cluster);
        if (reasons) out.push({ node: name, reasons });
        else if (podToPodReason !== undefined) out.push({ node: name, reasons: [podToPodReason] });
      }
      const waiting = (pod: PodObject, node: string): string | undefined => podToPodReasonReference(waitingIncomingPod(pod), node, cluster);
      return [...out, ...unscheduledPending(targets.unscheduled, (pod) => preparePod(pod.placement, gates), pods, (name) => nodeByName(index, name), waiting)];
    },
  };
}
