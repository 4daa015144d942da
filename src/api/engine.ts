/**
 * The library facade: one engine over one node set, answering with the indexed engine (or, on
 * request, the plain reference evaluator — same answers, a free differential check). The CLI and
 * the server are thin layers over it.
 */
import type { CompiledPod, Rule } from '../compile/rule.js';
import type { EligibilityResult, RankResult } from '../explain/result.js';
import { diagnoseIndexed, evaluateEligibleSet } from '../eval/indexed.js';
import { clearBit, countBits, forEachBit } from '../node-index/bitset.js';
import { toEligibilityResult, type Diagnosis } from '../explain/diagnosis.js';
import type { Policy } from '../policy/policy.js';
import { admittedByPolicies, applyPolicies } from './apply-policies.js';
import { rankIndexed } from '../eval/rank-indexed.js';
import { reasonAffinityConflict, reasonNodeAffinity, reasonPreFilterNodeAffinity } from '../explain/reasons.js';
import { diagnoseReference, feasibleNodesReference } from '../eval/reference.js';
import { scoreNodes } from '../eval/score.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { defaultFeatureGates, type FeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import { PlanCache, type PlanCacheStats } from './plan-cache.js';
import { currentRevisionHash } from './daemonset-inputs.js';
import { daemonPodPlacement } from '../controllers/daemonset/daemon-pod.js';
import { compileDaemonRules, decideAllNodes, decideNode, type DaemonNodeAnswer, type DaemonRules } from '../controllers/daemonset/should-run.js';
import { preparePod } from '../eval/filters.js';
import { planDaemonSetSync, type DaemonSetPlan } from '../controllers/daemonset/sync.js';
import type { ControllerRevision, DaemonSet, PodObject } from '../model/daemonset-types.js';
import { analyzeImpact, type ImpactResult, type ImpactTarget } from './impact.js';
import type { NodeChange } from './impact-inputs.js';

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
}

/** Options with every default filled in, frozen. */
export interface ResolvedEngineOptions {
  readonly validate: boolean;
  readonly featureGates: FeatureGates;
  readonly evaluator: 'indexed' | 'reference';
  readonly policies: readonly Policy[];
}

/** Resolves options once into a frozen object; the caller's object is never mutated. */
export function resolveEngineOptions(options: EngineOptions = {}): ResolvedEngineOptions {
  return Object.freeze({
    validate: options.validate ?? true,
    featureGates: Object.freeze({ ...defaultFeatureGates, ...options.featureGates }),
    evaluator: options.evaluator ?? 'indexed',
    policies: Object.freeze([...(options.policies ?? [])]),
  });
}

/** Placement questions about one node set, which can change in place. */
export interface Engine {
  readonly options: ResolvedEngineOptions;
  /** The live nodes, in index order (input order, with replaced nodes in place). */
  readonly nodes: readonly Node[];
  /** How many live nodes there are (without building {@link nodes}). */
  readonly nodeCount: number;
  /** Where may the workload's pod run, and why not elsewhere? */
  eligible(workload: Workload): EligibilityResult;
  /** How many nodes are eligible — the decision without the explanation. */
  eligibleCount(workload: Workload): number;
  /** How kube-scheduler's default profile scores the eligible nodes, best first. */
  rank(workload: Workload): RankResult;
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
  daemonset(ds: DaemonSet, pods: readonly PodObject[], options?: DaemonSetOptions): DaemonSetPlan;
}

/** Inputs of a DaemonSet sync besides the object and its pods. */
export interface DaemonSetOptions {
  /** The current `controller-revision-hash`; else taken from the newest of `revisions`. */
  readonly revisionHash?: string;
  readonly revisions?: readonly ControllerRevision[];
  /** The controller's clock (ms since the epoch) for availability and evictions; default now. */
  readonly now?: number;
}

/**
 * Adds the compiler's static warnings (a term that can never match, a pod that fits no node) to
 * the details of the nodes that fail NodeAffinity, where a person looks for the cause.
 */
function withWarnings(result: EligibilityResult, compiled: CompiledPod): EligibilityResult {
  if (compiled.warnings.length === 0) return result;
  const notes = compiled.warnings.map((w) => `warning: ${w.path}: ${w.message}`);
  const affinityReasons = new Set([reasonNodeAffinity, reasonPreFilterNodeAffinity, reasonAffinityConflict]);
  const ineligible = result.ineligible.map((n) => (n.reasons.some((r) => affinityReasons.has(r)) ? { ...n, details: [...n.details, ...notes] } : n));
  return { ...result, ineligible };
}

/** Creates an engine over `nodes` (names must be unique). */
export function createEngine(input: { readonly nodes: readonly Node[] } & EngineOptions): Engine {
  const options = resolveEngineOptions(input);
  const gates = options.featureGates;
  const index = buildNodeIndex(input.nodes);
  const evaluator = new RuleEvaluator(index);
  const plans = new PlanCache();
  const daemonRules = new WeakMap<DaemonSet, { rules: DaemonRules; whole: Rule; answers: DaemonNodeAnswer[] | undefined; versions: number[] }>();
  const compile = (w: Workload): CompiledPod => plans.compile(w.pod, gates, w.specPath);
  const nodeByName = (name: string): Node | undefined => {
    const id = index.idOf(name);
    return id === undefined ? undefined : index.nodes[id];
  };
  // Label-only policies run on the index: the set of nodes their rule admits.
  const admitsOnIndex = (policy: Policy): ReadonlySet<string> | undefined => {
    if (options.evaluator === 'reference' || !policy.labelRule) return undefined;
    const set = new Uint32Array(index.words);
    evaluator.evalInto(policy.labelRule, set);
    const names = new Set<string>();
    forEachBit(set, evaluator.words, (id) => names.add(index.names[id]!));
    return names;
  };
  const diagnose = (w: Workload): Diagnosis => {
    const d = options.evaluator === 'reference' ? diagnoseReference(w.pod, index.liveNodes(), gates) : diagnoseIndexed(compile(w), w.pod, gates, evaluator);
    return options.policies.length === 0 ? d : applyPolicies(d, options.policies, w, index.liveNodes(), admitsOnIndex);
  };
  const evaluate = (w: Workload): EligibilityResult => toEligibilityResult(diagnose(w));
  const eligible = (w: Workload): EligibilityResult => withWarnings(evaluate(w), compile(w));
  /** The indexed eligible set, narrowed by the policies without building explanations. */
  const eligibleSet = (w: Workload): Uint32Array => {
    const set = new Uint32Array(index.words);
    const compiled = compile(w);
    evaluateEligibleSet(compiled, evaluator, set);
    if (options.policies.length === 0 || compiled.preFilterMessage !== undefined) return set;
    const ids: number[] = [];
    forEachBit(set, evaluator.words, (id) => ids.push(id));
    const kept = new Set(admittedByPolicies(ids.map((id) => index.nodes[id]!), options.policies, w, admitsOnIndex));
    for (const id of ids) if (!kept.has(index.nodes[id]!)) clearBit(set, id);
    return set;
  };
  const rank = (w: Workload): RankResult => {
    if (options.evaluator === 'reference') {
      const feasible = feasibleNodesReference(w.pod, index.liveNodes(), gates);
      return scoreNodes(w.pod, admittedByPolicies(feasible, options.policies, w, admitsOnIndex), gates, w.specPath);
    }
    return rankIndexed(w.pod, gates, evaluator, eligibleSet(w), w.specPath);
  };
  return {
    options,
    get nodes() {
      return index.liveNodes();
    },
    get nodeCount() {
      return index.size;
    },
    eligible,
    eligibleCount(w) {
      if (options.evaluator === 'reference') return evaluate(w).eligible.length;
      return countBits(eligibleSet(w), evaluator.words);
    },
    rank,
    compile,
    upsertNode: (node) => void index.upsert(node),
    removeNode: (name) => index.remove(name),
    node: nodeByName,
    impact: (changes, targets) => analyzeImpact(changes, targets, { node: nodeByName, gates, policies: options.policies }),
    cacheStats: plans.stats,
    daemonset(ds, pods, dsOptions = {}) {
      const nodes = index.liveNodes();
      let decisions: DaemonNodeAnswer[];
      if (options.evaluator === 'reference') {
        const prepared = preparePod(daemonPodPlacement(ds.workload.pod), gates);
        decisions = nodes.map((node) => ({ node: node.name, ...decideNode(prepared, node) }));
      } else {
        // Compiled once per DaemonSet object, so re-planning reuses the evaluator's memoized sets;
        // the per-node answers are kept too, while nothing they were computed from has changed.
        let cached = daemonRules.get(ds);
        if (!cached) {
          const rules = compileDaemonRules(daemonPodPlacement(ds.workload.pod), gates, ds.workload.specPath);
          const whole: Rule = { and: [rules.nodeName, rules.affinity, rules.taints, rules.noExecute] };
          daemonRules.set(ds, (cached = { rules, whole, answers: undefined, versions: [] }));
        }
        if (!cached.answers || !evaluator.isCurrent(cached.whole, cached.versions)) {
          cached.versions = evaluator.versionsOf(cached.whole);
          // liveNodes() is in id order, the order of decideAllNodes' live entries.
          cached.answers = decideAllNodes(cached.rules, evaluator);
        }
        decisions = cached.answers;
      }
      const hash = dsOptions.revisionHash ?? currentRevisionHash(ds, dsOptions.revisions ?? []);
      const hasNode = (name: string): boolean => index.idOf(name) !== undefined;
      return planDaemonSetSync(ds, pods, { nodes, decisions, hasNode, hash, now: dsOptions.now ?? Date.now(), gates });
    },
  };
}
