/**
 * PodTopologySpread over the indexes. Per DoNotSchedule constraint: the eligible nodes (every
 * constraint's key, the inclusion policies) as a node set; its domains from the node label index;
 * the matching pods (the pod's namespace, not terminating, the selector) as a pod set, visited
 * once to count them per domain. The failing nodes are then the nodes without the key plus the
 * domains whose count breaks the skew. The result is the same {@link TopologySpreadState} the
 * semantics layer builds, so reasons and details ("zone a already has 4 pods matching app=web;
 * max skew 1 allows 3") are the semantics layer's own.
 */
import { andBits, andNotBits, copyBits, hasBit, type Bits } from '../node-index/bitset.js';
import { andIdSet, orIdSet } from '../node-index/id-set.js';
import type { NodeIndex } from '../node-index/node-index.js';
import { isEmptySelector, matchesSelector } from '../semantics/label-selector.js';
import { requiredNodeAffinityMatcher } from '../semantics/node-selector.js';
import { NotEvaluatedList, reportControllerLabelKeys, type IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import { spreadConstraintsFor, type SpreadConstraint } from '../semantics/spread-constraints.js';
import { isTolerated } from '../semantics/tolerations.js';
import { filterTopologySpread, globalMinimum, type TopologySpreadFailure, type TopologySpreadState } from '../semantics/topology-spread-filter.js';
import { PodScratch, selectPods } from './pod-selector-bits.js';
import { intersects, nodeBits, objectsOnly, orDomainsAbove, orMissingKey, type PodToPodIndexes } from './pod-to-pod-context.js';

/** The PodTopologySpread answer for every node. */
export interface IndexedTopologySpread {
  readonly state: TopologySpreadState;
  /** Live nodes the filter rejects. */
  readonly failing: Bits;
  /** The reason and details for node `id` (the semantics layer's), `undefined` when it passes. */
  failureOf(nodeId: number): TopologySpreadFailure | undefined;
}

/**
 * Node sets the caller may already have: the nodes matching the pod's nodeSelector and required
 * node affinity (NodeAffinity's passing set), for `nodeAffinityPolicy: Honor`. Computed node by
 * node when absent and needed.
 */
export interface SpreadOptions {
  readonly nodeAffinityPasses?: Bits;
}

/** The nodes matching the pod's required node affinity (all live nodes when it has none). */
function nodeAffinitySet(pod: IncomingPod, nodes: NodeIndex, options: SpreadOptions): Bits {
  if (options.nodeAffinityPasses) return options.nodeAffinityPasses;
  const out = nodeBits(nodes);
  out.set(nodes.alive);
  if (pod.placement.nodeSelector === undefined && pod.placement.requiredTerms === undefined) return out;
  const matches = requiredNodeAffinityMatcher(pod.placement);
  nodes.nodes.forEach((node, id) => node !== undefined && !matches(node) && (out[id >>> 5]! &= ~(1 << (id & 31))));
  return out;
}

/** The nodes whose NoSchedule / NoExecute taints the pod tolerates, from the taint index. */
function toleratedSet(pod: IncomingPod, indexes: PodToPodIndexes): Bits {
  const { nodes } = indexes;
  const out = nodeBits(nodes);
  out.set(nodes.alive);
  for (const entry of nodes.taints.values()) {
    if (entry.blocking && entry.ids !== undefined && !isTolerated(entry.taint, pod.placement.tolerations, indexes.objects.gates)) {
      const blocked = nodeBits(nodes);
      orIdSet(blocked, entry.ids, nodes.liveWords);
      andNotBits(out, blocked, nodes.liveWords);
    }
  }
  return out;
}

/** Nodes carrying every constraint's key and passing constraint `c`'s inclusion policies. */
export function eligibleNodes(c: SpreadConstraint, withKeys: Bits, pod: IncomingPod, indexes: PodToPodIndexes, options: SpreadOptions): Bits {
  const out = nodeBits(indexes.nodes);
  copyBits(out, withKeys, indexes.nodes.liveWords);
  if (c.nodeAffinityPolicy === 'Honor') andBits(out, nodeAffinitySet(pod, indexes.nodes, options), indexes.nodes.liveWords);
  if (c.nodeTaintsPolicy === 'Honor') andBits(out, toleratedSet(pod, indexes), indexes.nodes.liveWords);
  return out;
}

/** Topology value → matching pods, over the eligible domains (0 included). */
function countDomains(c: SpreadConstraint, eligible: Bits, pod: IncomingPod, indexes: PodToPodIndexes, s: PodScratch): Map<string, number> {
  const { nodes } = indexes;
  const domains = new Map<string, number>();
  for (const [value, set] of nodes.label(c.topologyKey)?.values ?? []) if (intersects(set, eligible, nodes.liveWords)) domains.set(value, 0);
  // `countPodsMatchSelector`: a selector without requirements counts none.
  if (isEmptySelector(c.selector) || domains.size === 0) return domains;
  for (const podId of selectPods({ namespaces: new Set([pod.namespace]), allNamespaces: false, selector: c.selector, skipTerminating: true }, s)) {
    const nodeId = indexes.pods.nodeOf[podId]!;
    if (!hasBit(eligible, nodeId)) continue;
    const value = nodes.nodes[nodeId]!.labels.get(c.topologyKey)!;
    domains.set(value, domains.get(value)! + 1);
  }
  return domains;
}

function smallest(domains: ReadonlyMap<string, number>): number {
  let min = 2 ** 31 - 1;
  for (const count of domains.values()) if (count < min) min = count;
  return min;
}

/** PodTopologySpread PreFilter over the indexes: the same state `prepareTopologySpread` builds from lists. */
export function prepareTopologySpreadIndexed(pod: IncomingPod, indexes: PodToPodIndexes, options: SpreadOptions = {}): TopologySpreadState {
  const notEvaluated = new NotEvaluatedList();
  reportControllerLabelKeys(pod, 'spread', notEvaluated);
  const { constraints, error } = spreadConstraintsFor(pod, objectsOnly(indexes), 'DoNotSchedule');
  const base = { error, constraints, domains: [], minMatch: [], selfMatch: [], notEvaluated: notEvaluated.list() };
  if (error !== undefined) return { ...base, skip: false, error: `get constraints from pod: obtaining pod's hard topology spread constraints: ${error}` };
  if (constraints.length === 0) return { ...base, skip: true };
  const { nodes } = indexes;
  const withKeys = nodeBits(nodes);
  withKeys.set(nodes.alive);
  const scratch = nodeBits(nodes);
  for (const c of constraints) {
    const present = nodes.label(c.topologyKey)?.present;
    if (present === undefined) withKeys.fill(0);
    else andIdSet(withKeys, present, nodes.liveWords, scratch);
  }
  const s = PodScratch.of(indexes.pods);
  const domains = constraints.map((c) => countDomains(c, eligibleNodes(c, withKeys, pod, indexes, options), pod, indexes, s));
  return { ...base, skip: false, domains, minMatch: domains.map(smallest), selfMatch: constraints.map((c) => matchesSelector(c.selector, pod.labels)) };
}

/** PodTopologySpread over every indexed node. */
export function filterTopologySpreadIndexed(pod: IncomingPod, indexes: PodToPodIndexes, options: SpreadOptions = {}): IndexedTopologySpread {
  const state = prepareTopologySpreadIndexed(pod, indexes, options);
  const { nodes } = indexes;
  const failing = nodeBits(nodes);
  if (state.error !== undefined) failing.set(nodes.alive);
  else if (!state.skip) {
    state.constraints.forEach((c, i) => {
      orMissingKey(failing, nodes, c.topologyKey);
      const allowed = globalMinimum(state, i) + c.maxSkew - (state.selfMatch[i] ? 1 : 0);
      // A node whose value is not an eligible domain counts 0 there: it fails only when even 0 is too many.
      if (allowed < 0) failing.set(nodes.alive);
      orDomainsAbove(failing, nodes, c.topologyKey, state.domains[i] ?? [], allowed);
    });
    andBits(failing, nodes.alive, nodes.liveWords);
  }
  return {
    state,
    failing,
    failureOf: (nodeId) => {
      const node = nodes.nodes[nodeId];
      return node === undefined ? undefined : filterTopologySpread(state, node);
    },
  };
}
