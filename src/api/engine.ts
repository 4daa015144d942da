/**
 * The library facade: one engine over one node set. Its evaluation strategy (the indexed engine,
 * or on request the plain reference evaluator — same answers, a free differential check) is chosen
 * once; everything else is written once against it: decide, then explain. The CLI and the server
 * are thin layers over it.
 */
import { daemonPlanEvaluates, listNotEvaluated, pipelineEvaluates, type NotEvaluated } from '../compile/not-evaluated.js';
import type { CompiledPod } from '../compile/rule.js';
import type { Decision } from '../eval/decision.js';
import type { RankResult, WithNotEvaluated } from '../eval/result.js';
import { Explainer, explainerDefaults, type EligibilityAnswer, type ExplainMode } from '../explain/explainer.js';
import { passingSets } from '../explain/passing-sets.js';
import { why, type WhyCheck, type WhyResult } from '../explain/why.js';
import { resourceWhyChecks } from '../explain/resource-why.js';
import { podToPodWhyChecks } from '../explain/pod-to-pod-why.js';
import { podToPodChanges } from '../explain/pod-to-pod-fixes.js';
import { appliesTo } from '../policy/applies-to.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { countBits, forEachBit, hasBit, setBit } from '../node-index/bitset.js';
import { defaultFeatureGates, type FeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import type { Policy } from '../policy/policy.js';
import type { DaemonSetChanges } from '../controllers/daemonset/daemon-state.js';
import type { DaemonSetPlan, SyncOptions } from '../controllers/daemonset/sync.js';
import { daemonSetPods } from '../controllers/daemonset/claim.js';
import { pendingTargets, type PendingTargets } from '../controllers/daemonset/pending.js';
import { createdIncomingPod } from '../controllers/daemonset/pending-pod-to-pod.js';
import { podToPodNotEvaluated as podToPodFiltersNotEvaluated } from '../eval/pod-to-pod-not-evaluated.js';
import { rolloutPendingHook } from './rollout-pending.js';
import { forecastRollout, type RolloutForecast, type RolloutOptions } from '../controllers/daemonset/rollout.js';
import type { ControllerRevision, DaemonSet, PodObject } from '../model/daemonset-types.js';
import { decideWithPolicies, narrowByPolicies } from './apply-policies.js';
import { indexedBackend, referenceBackend } from './backend.js';
import { DaemonPlans } from './daemon-plans.js';
import { currentRevisionHash } from './daemonset-inputs.js';
import { analyzeImpact, type ImpactResult, type ImpactTarget } from './impact.js';
import type { NodeChange } from './impact-inputs.js';
import { PlanCache, type PlanCacheStats } from './plan-cache.js';
import { ClusterPods, noResources } from '../node-index/cluster-pods.js';
import { resourceFailures } from '../eval/resource-filters.js';
import type { NodeUsage } from '../semantics/resources/node-usage.js';
import { computePodDemand, type PodDemand } from '../semantics/resources/pod-demand.js';
import { checkPodCount } from './pod-inputs.js';
import { checkObjectCount } from './object-inputs.js';
import type { PodToPodIndexes } from '../eval/pod-to-pod-context.js';
import { scoreNotEvaluated } from '../eval/pod-to-pod-rank.js';
import type { SchedulingObjects } from '../model/pod-affinity-types.js';
import { incomingPodFromWorkload, type IncomingPod, type NotEvaluated as PodToPodNotEvaluated } from '../semantics/pod-to-pod-inputs.js';
import { filterPodToPod } from '../eval/pod-to-pod-indexed.js';
import { limits } from '../model/limits.js';

/** Engine options; every field is optional. */
export interface EngineOptions {
  /** Validate workloads with the API server's rules before evaluating (default `true`). */
  readonly validate?: boolean;
  /** kube-scheduler feature gates (default: all off, as in v1.35). */
  readonly featureGates?: Partial<FeatureGates>;
  /** `indexed` (default): set operations over the node index; `reference`: the per-node specification. */
  readonly evaluator?: 'indexed' | 'reference';
  /** Custom policies (see rules/README.md) applied after the built-in filters. */
  readonly policies?: readonly Policy[];
  /** The largest explanation, in bytes of JSON (default 64 MiB); a larger one is a `too-large` PlacementError, refused before it is built. */
  readonly maxExplanationBytes?: number;
  /**
   * The pods already in the cluster (`kubectl get pods -A`): those bound to a node and not finished
   * hold resources and host ports there, for NodePorts and NodeResourcesFit. Without pods (here or
   * through `setPods`/`upsertPod`) those two filters are not evaluated ({@link Engine.podsGiven}).
   */
  readonly pods?: readonly PodObject[];
  /**
   * The Namespaces, Services, ReplicationControllers, ReplicaSets and StatefulSets of the cluster
   * (`kubectl get ns,svc,rc,rs,sts -A`), as {@link schedulingObjectsFromSources} decodes them: the
   * pod-to-pod plugins read Namespaces' labels for `namespaceSelector`, and the selecting objects
   * for the default spreading selector. Without them (here or through `setObjects`) a
   * `namespaceSelector` is not evaluated.
   */
  readonly objects?: SchedulingObjects;
}

/** Options with every default filled in, frozen. */
export interface ResolvedEngineOptions {
  readonly validate: boolean;
  readonly featureGates: FeatureGates;
  readonly evaluator: 'indexed' | 'reference';
  readonly policies: readonly Policy[];
  readonly maxExplanationBytes: number;
}

/** Resolves options once into a frozen object; the caller's object is never mutated. */
export function resolveEngineOptions(options: EngineOptions = {}): ResolvedEngineOptions {
  return Object.freeze({
    validate: options.validate ?? true,
    featureGates: Object.freeze({ ...defaultFeatureGates, ...options.featureGates }),
    evaluator: options.evaluator ?? 'indexed',
    policies: Object.freeze([...(options.policies ?? [])]),
    maxExplanationBytes: options.maxExplanationBytes ?? explainerDefaults.maxBytes,
  });
}

/** Placement questions about one node set, which can change in place. */
export interface Engine {
  readonly options: ResolvedEngineOptions;
  /** The live nodes, in index order (input order, with replaced nodes in place). */
  readonly nodes: readonly Node[];
  /** How many live nodes there are (without building {@link nodes}). */
  readonly nodeCount: number;
  /**
   * Where may the workload's pod run, and why not elsewhere? `explain` chooses how much why-not:
   * every node (`nodes`, the default), one entry per group of equally explained nodes (`groups`),
   * or none (`none`: the eligible nodes and the summary).
   */
  eligible<M extends ExplainMode = 'nodes'>(workload: Workload, options?: { readonly explain?: M }): WithNotEvaluated<EligibilityAnswer<M>>;
  /** The decision itself: eligible set and per-filter failing sets over the index (advanced use). */
  decide(workload: Workload): Decision;
  /**
   * For each constraint of the pod: how many nodes it rejects, alone rejects, and would admit if
   * relaxed; and the smallest single changes that admit nodes (computed on the node index).
   */
  why(workload: Workload): WithNotEvaluated<WhyResult>;
  /**
   * The pod's constraints that {@link eligible}, {@link rank} and {@link why} do not evaluate (every
   * answer lists them as `notEvaluated`): volumes, resource claims, scheduling gates, another
   * scheduler, pod affinity and topology spread, with their field paths.
   */
  notEvaluated(workload: Workload): NotEvaluated[];
  /** The template's constraints a DaemonSet plan does not evaluate: the scheduler checks them on the pods the controller creates. */
  daemonNotEvaluated(ds: DaemonSet): NotEvaluated[];
  /** How many nodes are eligible — the decision without the explanation. */
  eligibleCount(workload: Workload): number;
  /** The eligible nodes as a bitset over positions in {@link nodes} (bit i: `nodes[i]` may run the pod) — the decision alone, for set algebra. */
  eligibleBits(workload: Workload): Uint32Array;
  /** Counts node and pod changes since creation: answers can only differ when it does. */
  readonly generation: number;
  /** Counts node changes alone (upserts and removals): the `since` of {@link daemonsetChanges}. */
  readonly nodeGeneration: number;
  /** Whether the cluster's pods were given: only then are NodePorts and NodeResourcesFit evaluated. */
  readonly podsGiven: boolean;
  /** How many pods the engine holds (bound or not). */
  readonly podCount: number;
  /** Replaces the cluster's pods. */
  setPods(pods: readonly PodObject[]): void;
  /** Adds or replaces a pod (by namespace and name): moving, finishing or changing frees what it held. */
  upsertPod(pod: PodObject): void;
  /** Removes a pod; false when there was none. */
  removePod(namespace: string, name: string): boolean;
  /**
   * The DaemonSet's pods among the cluster's pods the engine holds: those of its namespace it
   * controls (ownerReference) or whose labels its selector matches, which the controller's sync
   * then claims. What {@link daemonset} needs as `pods` when the engine holds the whole cluster.
   */
  daemonPods(ds: DaemonSet): PodObject[];
  /** What the pods bound to the node request there, its pod count and host ports (read-only; empty when none). */
  nodeUsage(nodeName: string): NodeUsage;
  /** The cluster objects the pod-to-pod plugins read (see {@link EngineOptions.objects}); `{}` until given. */
  readonly objects: SchedulingObjects;
  /** Replaces the cluster objects. */
  setObjects(objects: SchedulingObjects): void;
  /**
   * What the pod-to-pod plugins (InterPodAffinity, PodTopologySpread) read, as of now: the node
   * index, the running pods indexed by namespace and label over it, and the cluster objects. The
   * indexes change in place with the engine; take a fresh one after {@link setPods}.
   */
  podToPodIndexes(): PodToPodIndexes;
  /** How kube-scheduler's default profile scores the eligible nodes, best first. */
  rank(workload: Workload): WithNotEvaluated<RankResult>;
  /** The compiled rule of the workload's pod (cached). */
  compile(workload: Workload): CompiledPod;
  /** Adds or replaces a node (by name). */
  upsertNode(node: Node): void;
  /** Removes a node by name; false when there was none. */
  removeNode(name: string): boolean;
  /** The live node of that name, if any. */
  node(name: string): Node | undefined;
  /** What-if: which workloads gain or lose nodes and which daemon pods are created or evicted if `changes` were applied (nothing is applied). */
  impact(changes: readonly NodeChange[], targets: readonly ImpactTarget[]): ImpactResult;
  /** Compiled-rule cache counters. */
  readonly cacheStats: PlanCacheStats;
  /** One DaemonSet controller sync over the node set: per-node decisions, creates, deletes, status. */
  daemonset(ds: DaemonSet, pods: readonly PodObject[], options?: DaemonSetPlanOptions): WithNotEvaluated<DaemonSetPlan>;
  /**
   * How the DaemonSet's per-node answers changed since `since` (a {@link nodeGeneration}): the nodes
   * whose answer changed, with their answer now, and the nodes removed. `complete: false` when
   * `since` is older than the changes kept (or on the reference evaluator): plan in full instead.
   */
  daemonsetChanges(ds: DaemonSet, since: number): DaemonSetChanges;
  /** The controller's successive syncs from these pods until the DaemonSet converges: waves, time, nodes that never converge. */
  daemonsetRollout(ds: DaemonSet, pods: readonly PodObject[], options?: DaemonSetRolloutOptions): WithNotEvaluated<RolloutForecast>;
}

/** Inputs of a rollout forecast: those of a sync (`now` is the start) and the forecast's assumptions. */
export interface DaemonSetRolloutOptions extends DaemonSetOptions, RolloutOptions {}

/** A DaemonSet sync's inputs, and what the plan carries. */
export interface DaemonSetPlanOptions extends DaemonSetOptions {
  /** The per-node list `nodes` (default true); `false` leaves it empty, and the plan costs what the pods cost. */
  readonly nodes?: boolean;
}

/** Inputs of a DaemonSet sync besides the object and its pods. */
export interface DaemonSetOptions {
  /** The current `controller-revision-hash`; else taken from the newest of `revisions`. */
  readonly revisionHash?: string;
  readonly revisions?: readonly ControllerRevision[];
  /** The controller's clock (ms since the epoch) for availability and evictions; default now. */
  readonly now?: number;
}

/** Creates an engine over `nodes` (names must be unique). */
export function createEngine(input: { readonly nodes: readonly Node[] } & EngineOptions): Engine {
  const options = resolveEngineOptions(input);
  const gates = options.featureGates;
  const index = buildNodeIndex(input.nodes);
  const rules = new RuleEvaluator(index);
  const pods = new ClusterPods(index);
  if (input.pods) pods.setPods(checkPodCount(input.pods));
  let objects = frozenObjects(input.objects ?? {});
  const podToPodIndexes = (): PodToPodIndexes => ({ nodes: index, pods: pods.labelIndex, objects: { ...objects, gates } });
  const backend = options.evaluator === 'reference' ? referenceBackend(index, gates, pods, podToPodIndexes) : indexedBackend(rules, gates, pods, podToPodIndexes);
  const explainer = new Explainer(rules, { maxBytes: options.maxExplanationBytes });
  const plans = new PlanCache();
  const daemonPlans = new DaemonPlans();
  const compile = (w: Workload): CompiledPod => plans.compile(w.pod, gates, w.specPath);
  const nodeByName = (name: string): Node | undefined => {
    const id = index.idOf(name);
    return id === undefined ? undefined : index.nodes[id];
  };
  // One demand per workload object: the explainer's memo tells demands apart by identity.
  const demands = new WeakMap<Workload, PodDemand>();
  const demandOf = (w: Workload): PodDemand => {
    let demand = demands.get(w);
    if (!demand) demands.set(w, (demand = computePodDemand(w.resources ?? noResources)));
    return demand;
  };
  // One incoming pod per workload object, as the pod-to-pod filters read it (labels, namespace, controller).
  const incomings = new WeakMap<Workload, IncomingPod>();
  const incomingOf = (w: Workload): IncomingPod => {
    let incoming = incomings.get(w);
    if (!incoming) incomings.set(w, (incoming = incomingPodFromWorkload(w)));
    return incoming;
  };
  /**
   * `why`'s pod-to-pod rows with the single changes of the pod's own constraints that admit more
   * nodes (a smaller maxSkew step, a term dropped, ...), each judged by one indexed filter pass.
   */
  const withPodToPodChanges = (checks: WhyCheck[], w: Workload): WhyCheck[] => {
    if (checks.length === 0) return checks;
    const nodeAffinityPasses = new Uint32Array(index.words);
    rules.evalInto(compile(w).filters.NodeAffinity, nodeAffinityPasses);
    const changes = podToPodChanges(incomingOf(w), podToPodIndexes(), { nodeAffinityPasses });
    return checks.map((check) => {
      const variants = changes.filter((c) => c.filter === check.filter).map(({ change, field, cost, passes }) => ({ change, field, cost, passes }));
      return variants.length > 0 ? { ...check, variants } : check;
    });
  };
  const decide = (w: Workload): Decision => decideWithPolicies(backend.decide(compile(w), demandOf(w), incomingOf(w)), backend, options.policies, w);
  /** The eligible set, narrowed by the policies, without building explanations. */
  const eligibleSet = (w: Workload): Uint32Array => {
    const set = new Uint32Array(index.words);
    const compiled = compile(w);
    if (backend.eligibleInto(compiled, set, demandOf(w), incomingOf(w)) > 0) narrowByPolicies(set, backend, options.policies, w);
    return set;
  };
  const hasNode = (name: string): boolean => index.idOf(name) !== undefined;
  /** What a sync of `ds` needs besides its pods: the per-node answers, the revision, the clock. */
  const daemonSyncOptions = (ds: DaemonSet, dsOptions: DaemonSetOptions): SyncOptions => {
    // decisions are in id order, the order of liveNodes().
    const decisions = backend.daemonDecisions(ds);
    const hash = dsOptions.revisionHash ?? currentRevisionHash(ds, dsOptions.revisions ?? []);
    return { nodes: index.liveNodes(), decisions, hasNode, hash, now: dsOptions.now ?? Date.now(), gates };
  };
  // The one place that says whether the cluster's running pods were given: none are yet, so
  // NodeResourcesFit and NodePorts, once evaluated, would see empty nodes.
  const runningPodsGiven = (): boolean => pods.given;
  // The filters reading the running pods run only over given pods; without them they are not evaluated.
  const withPods = Object.freeze({ ...pipelineEvaluates, NodePorts: true, NodeResourcesFit: true, PodTopologySpread: true, InterPodAffinity: true });
  /** What the pod-to-pod filters could not take into account (a namespaceSelector without Namespaces, ...): from the decision's judgement, else judged now. */
  const podToPodNotEvaluated = (w: Workload, decision?: Decision): NotEvaluated[] => {
    if (!pods.given) return [];
    const list = decision?.podToPod?.notEvaluated ?? filterPodToPod(incomingOf(w), podToPodIndexes()).notEvaluated;
    return list.map(podToPodEntry);
  };
  // rank also computes their scores, so the parts that only score (preferred terms, ScheduleAnyway) are evaluated there.
  const withPodsScored = Object.freeze({ ...withPods, InterPodAffinityScore: true, PodTopologySpreadScore: true });
  const notEvaluatedBy = (w: Workload, scored: boolean, decision?: Decision): NotEvaluated[] => [
    ...listNotEvaluated(w, { evaluates: pods.given ? (scored ? withPodsScored : withPods) : pipelineEvaluates, runningPodsGiven: runningPodsGiven() }),
    ...podToPodNotEvaluated(w, decision),
  ];
  const notEvaluated = (w: Workload, decision?: Decision): NotEvaluated[] => notEvaluatedBy(w, false, decision);
  const daemonNotEvaluated = (ds: DaemonSet): NotEvaluated[] => listNotEvaluated(ds.workload, { evaluates: daemonPlanEvaluates, runningPodsGiven: runningPodsGiven() });
  // With pods given, a rollout's Pending forecast runs NodePorts and NodeResourcesFit on its daemon
  // pods; a plan's runs PodTopologySpread and InterPodAffinity after them too.
  const forecastEvaluates = Object.freeze({ ...daemonPlanEvaluates, NodePorts: true, NodeResourcesFit: true });
  const planForecastEvaluates = Object.freeze({ ...forecastEvaluates, PodTopologySpread: true, InterPodAffinity: true });
  const rolloutNotEvaluated = (ds: DaemonSet): NotEvaluated[] => (pods.given ? listNotEvaluated(ds.workload, { evaluates: forecastEvaluates, runningPodsGiven: true }) : daemonNotEvaluated(ds));
  // Kept per DaemonSet object: re-planning every DaemonSet after a node event otherwise spends
  // most of its time listing again what the plan does not evaluate, which no node event changes.
  const planNotEvaluatedKept = new WeakMap<DaemonSet, { given: boolean; list: NotEvaluated[] }>();
  const daemonAnswersKept = new WeakMap<DaemonSet, { plan: DaemonSetPlan; answer: WithNotEvaluated<DaemonSetPlan> }>();
  const planNotEvaluated = (ds: DaemonSet): NotEvaluated[] => {
    const kept = planNotEvaluatedKept.get(ds);
    if (kept?.given === pods.given) return kept.list;
    const list = pods.given ? listNotEvaluated(ds.workload, { evaluates: planForecastEvaluates, runningPodsGiven: true }) : daemonNotEvaluated(ds);
    planNotEvaluatedKept.set(ds, { given: pods.given, list });
    return list;
  };
  /** With the forecast's pods: what the pod-to-pod filters could not read, which matters only when it judged a pod (and costs a PreFilter). */
  const forecastNotEvaluated = (ds: DaemonSet, targets: PendingTargets): NotEvaluated[] => {
    const own = planNotEvaluated(ds);
    if (targets.created.length === 0) return own;
    const podToPod = podToPodFiltersNotEvaluated(createdIncomingPod(ds, targets.createdLabels), podToPodIndexes());
    return podToPod.length === 0 ? own : [...own, ...podToPod];
  };
  let generation = 0;
  return {
    options,
    get nodes() {
      return index.liveNodes();
    },
    get nodeCount() {
      return index.size;
    },
    eligible<M extends ExplainMode = 'nodes'>(w: Workload, eligibleOptions?: { readonly explain?: M }): WithNotEvaluated<EligibilityAnswer<M>> {
      const mode: ExplainMode = eligibleOptions?.explain ?? 'nodes';
      const decision = decide(w);
      const answer = mode === 'nodes' ? explainer.nodes(decision) : mode === 'groups' ? explainer.groups(decision) : explainer.summary(decision);
      return { ...(answer as EligibilityAnswer<M>), notEvaluated: notEvaluated(w, decision) };
    },
    decide,
    why(w) {
      const policies = options.policies
        .filter((p) => appliesTo(p, w))
        .map((p) => ({ name: p.name, source: p.source, passes: backend.policyPasses(p, undefined) }));
      if (!pods.given) return { ...why({ compiled: compile(w), index, passing: passingSets(rules), policies }), notEvaluated: notEvaluated(w) };
      const decision = decide(w);
      const podToPod = decision.podToPod ? withPodToPodChanges(podToPodWhyChecks(decision.podToPod, index, w.pod, w.specPath), w) : [];
      const resources = [...resourceWhyChecks(demandOf(w), pods, w.resources, w.specPath), ...podToPod];
      return { ...why({ compiled: compile(w), index, passing: passingSets(rules), policies, resources }), notEvaluated: notEvaluated(w, decision) };
    },
    notEvaluated: (w) => notEvaluated(w),
    daemonNotEvaluated,
    eligibleCount: (w) => countBits(eligibleSet(w), index.liveWords),
    eligibleBits(w) {
      const set = eligibleSet(w);
      // Without freed ids, ids are positions in `nodes`; otherwise renumber the live ids in order.
      if (index.highWater === index.size) return set;
      const out = new Uint32Array(Math.max(1, Math.ceil(index.size / 32)));
      let position = 0;
      forEachBit(index.alive, index.liveWords, (id) => {
        if (hasBit(set, id)) setBit(out, position);
        position++;
      });
      return out;
    },
    get generation() {
      return generation;
    },
    get nodeGeneration() {
      return index.changes.position;
    },
    get podsGiven() {
      return pods.given;
    },
    get podCount() {
      return pods.size;
    },
    setPods(list) {
      pods.setPods(checkPodCount(list));
      generation++;
    },
    upsertPod(pod) {
      // Only a store at the limit looks the pod up: below it, a new pod always fits.
      if (pods.size >= limits.pods.value && pods.pod(pod.namespace, pod.name) === undefined) checkPodCount({ length: pods.size + 1 });
      pods.upsertPod(pod);
      generation++;
    },
    removePod(namespace, name) {
      const removed = pods.removePod(namespace, name);
      if (removed) generation++;
      return removed;
    },
    daemonPods: (ds) => daemonSetPods(ds, pods.podsInNamespace(ds.workload.namespace)),
    nodeUsage: (name) => pods.usageOf(name),
    get objects() {
      return objects;
    },
    setObjects(next) {
      objects = frozenObjects(next);
      generation++;
    },
    podToPodIndexes,
    rank(w) {
      // PodTopologySpread and InterPodAffinity score over the cluster's pods (their scoring-only
      // parts then leave the list, and what they could not read joins it); without pods they are listed.
      const { ranking, caveats } = backend.rank(w, compile(w), eligibleSet(w), pods.given ? podToPodIndexes() : undefined);
      const listed = notEvaluatedBy(w, pods.given);
      const fields = new Set(listed.map((n) => n.field));
      return { ...ranking, notEvaluated: [...listed, ...scoreNotEvaluated(caveats, w.specPath).filter((n) => !fields.has(n.field))] };
    },
    compile,
    upsertNode(node) {
      index.upsert(node);
      pods.nodeChanged(node.name);
      generation++;
    },
    removeNode(name) {
      const removed = index.remove(name);
      if (removed) {
        pods.nodeRemoved(name);
        generation++;
      }
      return removed;
    },
    node: nodeByName,
    impact: (changes, targets) =>
      analyzeImpact(changes, targets, {
        node: nodeByName,
        gates,
        policies: options.policies,
        notEvaluated: (w) => notEvaluated(w),
        daemonNotEvaluated,
        // With the cluster's pods, a workload's impact counts NodePorts and NodeResourcesFit, as eligible
        // does, and PodTopologySpread and InterPodAffinity over the cluster before and after the changes.
        ...(pods.given ? { resourceFailures: (w: Workload, node: Node) => resourceFailures(demandOf(w), pods, node), podToPod: podToPodIndexes } : {}),
      }),
    cacheStats: plans.stats,
    daemonset(ds, dsPods, dsOptions = {}) {
      const hash = dsOptions.revisionHash ?? currentRevisionHash(ds, dsOptions.revisions ?? []);
      const plan = daemonPlans.plan(ds, dsPods, backend.daemonAnswers(ds), { hash, now: dsOptions.now ?? Date.now(), gates, withNodes: dsOptions.nodes !== false });
      if (pods.given) {
        const targets = pendingTargets(ds, dsPods, plan, hasNode, hash);
        return { ...plan, pending: backend.daemonPending(ds, demandOf(ds.workload), targets, podToPodIndexes()), notEvaluated: forecastNotEvaluated(ds, targets) };
      }
      const notEvaluated = planNotEvaluated(ds);
      // The plan given again is answered with the same object.
      const last = daemonAnswersKept.get(ds);
      if (last?.plan === plan && last.answer.notEvaluated === notEvaluated) return last.answer;
      const answer = { ...plan, notEvaluated };
      daemonAnswersKept.set(ds, { plan, answer });
      return answer;
    },
    daemonsetChanges: (ds, since) => backend.daemonChanges(ds, since),
    daemonsetRollout(ds, dsPods, rollout = {}) {
      // With the cluster's pods, the daemon pods that do not fit their node stay Pending in the forecast.
      const forecast = pods.given && !rollout.pending ? { ...rollout, pending: rolloutPendingHook(ds, dsPods, demandOf(ds.workload), pods) } : rollout;
      return { ...forecastRollout(ds, dsPods, daemonSyncOptions(ds, rollout), forecast), notEvaluated: forecast.pending ? rolloutNotEvaluated(ds) : daemonNotEvaluated(ds) };
    },
  };
}

/** The caller's objects, counted and copied into frozen lists (never mutated, never kept by reference). */
function frozenObjects(objects: SchedulingObjects): SchedulingObjects {
  const count = (objects.namespaces?.length ?? 0) + (objects.selectingObjects?.length ?? 0);
  checkObjectCount({ length: count });
  return Object.freeze({
    ...(objects.namespaces ? { namespaces: Object.freeze([...objects.namespaces]) } : {}),
    ...(objects.selectingObjects ? { selectingObjects: Object.freeze([...objects.selectingObjects]) } : {}),
  });
}

/** A pod-to-pod filter's entry in the shape of the answers' `notEvaluated`. */
function podToPodEntry(n: PodToPodNotEvaluated): NotEvaluated {
  const summary = n.field === '...' ? 'more pod-to-pod constraints' : n.what.includes('namespaceSelector') ? 'namespaceSelector without Namespace objects' : 'label keys the controller sets';
  return { field: n.field, what: n.what, summary };
}
