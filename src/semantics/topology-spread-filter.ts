/**
 * The PodTopologySpread filter of kube-scheduler v1.35 (podtopologyspread/filtering.go), one
 * node at a time. PreFilter counts, for each `DoNotSchedule` constraint, the matching pods of the
 * pod's namespace (not terminating) in every topology domain — over the nodes that carry every
 * constraint's topology key and pass the constraint's inclusion policies. Filter rejects a node
 * without a constraint's key, or where `matching + self − global minimum > maxSkew`, the global
 * minimum counting as 0 while fewer domains than `minDomains` exist.
 */
import type { Node } from '../model/types.js';
import { describeSelector, matchesSelector } from './label-selector.js';
import { requiredNodeAffinityMatcher } from './node-selector.js';
import { NotEvaluatedList, podsByNode, reportControllerLabelKeys, type IncomingPod, type NotEvaluated, type PodToPodCluster } from './pod-to-pod-inputs.js';
import { countMatchingPods, hasAllTopologyKeys, passesInclusionPolicies, spreadConstraintsFor, type SpreadConstraint } from './spread-constraints.js';

/** `ErrReasonConstraintsNotMatch`. */
export const reasonTopologySpread = "node(s) didn't match pod topology spread constraints";
/** `ErrReasonNodeLabelNotMatch`. */
export const reasonTopologySpreadMissingLabel = `${reasonTopologySpread} (missing required label)`;

/** The global minimum upstream starts from (`math.MaxInt32`) when no domain is eligible. */
const noDomainMinimum = 2 ** 31 - 1;

/** What PreFilter computed, per constraint (same index as `constraints`). */
export interface TopologySpreadState {
  /** PreFilter's Skip: the pod has no DoNotSchedule constraint. */
  readonly skip: boolean;
  /** PreFilter's Error: a selector does not parse; the scheduling cycle fails for the pod. */
  readonly error: string | undefined;
  readonly constraints: readonly SpreadConstraint[];
  /** Topology value → matching pods, for every eligible domain (0 included). */
  readonly domains: readonly ReadonlyMap<string, number>[];
  /** The smallest count among the eligible domains (2^31−1 when there is none). */
  readonly minMatch: readonly number[];
  /** Does the incoming pod match the constraint's selector (`selfMatchNum`)? */
  readonly selfMatch: readonly boolean[];
  readonly notEvaluated: readonly NotEvaluated[];
}

/** Why a node fails; `code` is upstream's status code. */
export type TopologySpreadFailure =
  | { readonly kind: 'error'; readonly reason: string; readonly code: 'Error' }
  | { readonly kind: 'missing-label'; readonly reason: typeof reasonTopologySpreadMissingLabel; readonly code: 'UnschedulableAndUnresolvable'; readonly constraint: SpreadConstraint }
  | {
      readonly kind: 'skew';
      readonly reason: typeof reasonTopologySpread;
      readonly code: 'Unschedulable';
      readonly constraint: SpreadConstraint;
      readonly value: string;
      /** Pods matching in the node's domain, the pod itself (0 or 1), the global minimum used, and the eligible domains. */
      readonly matchNum: number;
      readonly selfMatch: number;
      readonly minMatch: number;
      readonly domainCount: number;
    };

function smallest(domains: ReadonlyMap<string, number>): number {
  let min = noDomainMinimum;
  for (const count of domains.values()) if (count < min) min = count;
  return min;
}

/** PodTopologySpread PreFilter (`calPreFilterState`). */
export function prepareTopologySpread(pod: IncomingPod, cluster: PodToPodCluster): TopologySpreadState {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'spread', notEvaluated);
  const { constraints, error } = spreadConstraintsFor(pod, cluster, 'DoNotSchedule');
  const base = { error, constraints, domains: [], minMatch: [], selfMatch: [], notEvaluated: notEvaluated.list() };
  if (error !== undefined) return { ...base, skip: false, error: `get constraints from pod: obtaining pod's hard topology spread constraints: ${error}` };
  if (constraints.length === 0) return { ...base, skip: true };
  const domains = constraints.map(() => new Map<string, number>());
  const matchesNodeAffinity = requiredNodeAffinityMatcher(pod.placement);
  const byNode = podsByNode(cluster);
  for (const node of cluster.nodes) {
    if (!hasAllTopologyKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!passesInclusionPolicies(c, node, matchesNodeAffinity, pod, cluster.gates)) return;
      const value = node.labels.get(c.topologyKey) ?? '';
      const count = countMatchingPods(byNode.get(node.name) ?? [], c.selector, pod.namespace);
      domains[i]?.set(value, (domains[i]?.get(value) ?? 0) + count);
    });
  }
  return {
    ...base,
    skip: false,
    domains,
    minMatch: domains.map(smallest),
    selfMatch: constraints.map((c) => matchesSelector(c.selector, pod.labels)),
  };
}

/** The global minimum of constraint `i`: 0 while fewer eligible domains than minDomains exist (`minMatchNum`). */
export function globalMinimum(state: TopologySpreadState, i: number): number {
  const constraint = state.constraints[i];
  const domains = state.domains[i];
  if (!constraint || !domains) return 0;
  return domains.size < constraint.minDomains ? 0 : state.minMatch[i] ?? 0;
}

/** PodTopologySpread Filter for one node: `undefined` when it passes, else the first failing constraint. */
export function filterTopologySpread(state: TopologySpreadState, node: Node): TopologySpreadFailure | undefined {
  if (state.error !== undefined) return { kind: 'error', reason: state.error, code: 'Error' };
  if (state.skip) return undefined;
  for (const [i, constraint] of state.constraints.entries()) {
    const value = node.labels.get(constraint.topologyKey);
    if (value === undefined) return { kind: 'missing-label', reason: reasonTopologySpreadMissingLabel, code: 'UnschedulableAndUnresolvable', constraint };
    const minMatch = globalMinimum(state, i);
    const selfMatch = state.selfMatch[i] ? 1 : 0;
    const matchNum = state.domains[i]?.get(value) ?? 0;
    if (matchNum + selfMatch - minMatch > constraint.maxSkew) {
      return { kind: 'skew', reason: reasonTopologySpread, code: 'Unschedulable', constraint, value, matchNum, selfMatch, minMatch, domainCount: state.domains[i]?.size ?? 0 };
    }
  }
  return undefined;
}

function constraintName(c: SpreadConstraint): string {
  return c.index === undefined ? `default spreading constraint on ${c.topologyKey}` : `topologySpreadConstraints[${c.index}]`;
}

/** The details of a failure, one line each ("zone a already has 4 pods matching app=web; max skew 1 allows 3"). */
export function describeTopologySpreadFailure(failure: TopologySpreadFailure): string[] {
  switch (failure.kind) {
    case 'error':
      return [failure.reason];
    case 'missing-label':
      return [`node has no label ${failure.constraint.topologyKey} (${constraintName(failure.constraint)})`];
    case 'skew': {
      const c = failure.constraint;
      const allowed = failure.minMatch + c.maxSkew - failure.selfMatch;
      const minimum =
        failure.domainCount < c.minDomains
          ? `only ${failure.domainCount} eligible domain(s), fewer than minDomains ${c.minDomains}, so the minimum counts as 0`
          : `the least loaded ${c.topologyKey} has ${failure.minMatch}`;
      return [
        `${c.topologyKey} ${failure.value} already has ${failure.matchNum} pod(s) matching ${describeSelector(c.selector)}; max skew ${c.maxSkew} allows ${Math.max(allowed, 0)} (${minimum}; ${constraintName(c)})`,
      ];
    }
  }
}
