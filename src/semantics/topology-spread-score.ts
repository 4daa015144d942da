/**
 * PodTopologySpread scoring of kube-scheduler v1.35 (podtopologyspread/scoring.go) for
 * `ScheduleAnyway` constraints, or the system defaults for a pod without constraints of its own.
 * Each feasible node scores `Σ count(domain) × log(domains + 2) + (maxSkew − 1)` over the
 * constraints whose key it has (hostname counts the node's own pods); NormalizeScore inverts it so
 * the least crowded node gets 100. Feasible nodes missing a key are ignored (score 0), except
 * under the system defaults, where a node without a zone still spreads by hostname.
 */
import type { Node } from '../model/types.js';
import { requiredNodeAffinityMatcher } from './node-selector.js';
import { maxNodeScore, type PluginScores } from './plugin-scores.js';
import { NotEvaluatedList, podsByNode, reportControllerLabelKeys, type IncomingPod, type NotEvaluated, type PodToPodCluster } from './pod-to-pod-inputs.js';
import { countMatchingPods, hasAllTopologyKeys, labelHostname, passesInclusionPolicies, spreadConstraintsFor, type SpreadConstraint } from './spread-constraints.js';

/** PodTopologySpreadArgs: `systemDefaulted` is DefaultingType System (the default profile's). */
export interface TopologySpreadScoreOptions {
  readonly systemDefaulted: boolean;
}

/** The PreScore state, as data: per constraint, domain counts over all nodes and the normalizing weight. */
export interface TopologySpreadScoreState {
  readonly constraints: readonly SpreadConstraint[];
  /** Feasible nodes missing a required topology key: they score 0. */
  readonly ignoredNodes: ReadonlySet<string>;
  /** Per constraint (hostname ones stay empty: counted per node): value → matching pods. */
  readonly domainCounts: readonly ReadonlyMap<string, number>[];
  /** `log(number of domains among the feasible nodes + 2)`. */
  readonly weights: readonly number[];
  /** System defaults used for a pod without constraints, and what limited their selector. */
  readonly defaultsCaveats: readonly string[];
}

/** `scoreForCount`. */
function scoreForCount(count: number, maxSkew: number, weight: number): number {
  return count * weight + (maxSkew - 1);
}

/** Go's `math.Round`: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** `initPreScoreState` and the counting pass of `PreScore`. */
function preScore(pod: IncomingPod, cluster: PodToPodCluster, feasible: readonly Node[], constraints: readonly SpreadConstraint[], requireAll: boolean, caveats: readonly string[]): TopologySpreadScoreState {
  const ignoredNodes = new Set<string>();
  const domainCounts = constraints.map(() => new Map<string, number>());
  for (const node of feasible) {
    if (requireAll && !hasAllTopologyKeys(node, constraints)) {
      ignoredNodes.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      // A node without the key joins the "" domain here, as upstream reads a missing label.
      if (c.topologyKey !== labelHostname) domainCounts[i]?.set(node.labels.get(c.topologyKey) ?? '', 0);
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === labelHostname ? feasible.length - ignoredNodes.size : domainCounts[i]?.size ?? 0) + 2));
  const matchesNodeAffinity = requiredNodeAffinityMatcher(pod.placement);
  const byNode = podsByNode(cluster);
  for (const node of cluster.nodes) {
    if (requireAll && !hasAllTopologyKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!passesInclusionPolicies(c, node, matchesNodeAffinity, pod, cluster.gates)) return;
      const value = node.labels.get(c.topologyKey) ?? '';
      const counts = domainCounts[i];
      // Only domains of feasible nodes are counted (hostname is counted per node in Score).
      if (!counts?.has(value)) return;
      counts.set(value, (counts.get(value) ?? 0) + countMatchingPods(byNode.get(node.name) ?? [], c.selector, pod.namespace));
    });
  }
  return { constraints, ignoredNodes, domainCounts, weights, defaultsCaveats: caveats };
}

/** `Score` of one feasible node. */
function rawScore(state: TopologySpreadScoreState, node: Node, nodePods: ReturnType<typeof podsByNode>, namespace: string): number {
  if (state.ignoredNodes.has(node.name)) return 0;
  let score = 0;
  state.constraints.forEach((c, i) => {
    const value = node.labels.get(c.topologyKey);
    if (value === undefined) return;
    const count = c.topologyKey === labelHostname ? countMatchingPods(nodePods.get(node.name) ?? [], c.selector, namespace) : state.domainCounts[i]?.get(value) ?? 0;
    score += scoreForCount(count, c.maxSkew, state.weights[i] ?? 0);
  });
  return goRound(score);
}

/** `NormalizeScore`: `100 × (max + min − score) / max`, integer division; 100 for all when max is 0; ignored nodes 0. */
export function normalizeTopologySpreadScores(raw: readonly number[], ignored: readonly boolean[]): number[] {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    if (ignored[i]) continue;
    const score = raw[i]!;
    if (score < min) min = score;
    if (score > max) max = score;
  }
  // Plain loops: a ranking normalizes every feasible node, 10,000 and more.
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = ignored[i] ? 0 : max === 0 ? maxNodeScore : Math.trunc((maxNodeScore * (max + min - raw[i]!)) / max);
  return out;
}

/** PodTopologySpread PreScore, Score and NormalizeScore over the feasible nodes. */
export function scoreTopologySpread(
  pod: IncomingPod,
  cluster: PodToPodCluster,
  feasible: readonly Node[],
  options: TopologySpreadScoreOptions = { systemDefaulted: true },
): PluginScores & { readonly state?: TopologySpreadScoreState; readonly defaultsCaveats?: readonly string[] } {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'spread', notEvaluated);
  if (cluster.nodes.length === 0) return { status: 'skip', notEvaluated: notEvaluated.list() };
  const { constraints, error, defaultsCaveats = [] } = spreadConstraintsFor(pod, cluster, 'ScheduleAnyway');
  if (error !== undefined) return { status: 'error', message: `calculating preScoreState: obtaining pod's soft topology spread constraints: ${error}` };
  const caveats: NotEvaluated[] = defaultsCaveats.map((what) => ({ field: 'default spreading (PodTopologySpread)', what }));
  if (constraints.length === 0) return { status: 'skip', notEvaluated: [...notEvaluated.list(), ...caveats], defaultsCaveats };
  // Only the pod's own constraints require every key; system defaults still spread by hostname on zoneless nodes.
  const requireAll = (pod.placement.topologySpreadConstraints?.length ?? 0) > 0 || !options.systemDefaulted;
  const state = preScore(pod, cluster, feasible, constraints, requireAll, defaultsCaveats);
  const nodePods = podsByNode(cluster);
  const raw = feasible.map((node) => rawScore(state, node, nodePods, pod.namespace));
  const normalized = normalizeTopologySpreadScores(raw, feasible.map((node) => state.ignoredNodes.has(node.name)));
  return {
    status: 'scored',
    raw: new Map(feasible.map((node, i) => [node.name, raw[i] ?? 0])),
    normalized: new Map(feasible.map((node, i) => [node.name, normalized[i] ?? 0])),
    notEvaluated: [...notEvaluated.list(), ...caveats],
    state,
    defaultsCaveats,
  };
}
