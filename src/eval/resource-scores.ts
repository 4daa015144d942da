/**
 * The default profile's three score plugins that read resources and images, node by node, through
 * the semantics functions: NodeResourcesFit (LeastAllocated over cpu and memory, weight 1 each),
 * NodeResourcesBalancedAllocation (v1.35's standard-deviation formula) and ImageLocality. None of
 * the three has a NormalizeScore in v1.35, so a raw score is the plugin's final 0..100 score.
 */
import type { PodResources } from '../model/resource-types.js';
import type { Node } from '../model/types.js';
import { balancedAllocationScore } from '../semantics/resources/balanced-allocation.js';
import { imageLocalityScore, nodeImageNames, podImages, type ImageSpread } from '../semantics/resources/image-locality.js';
import { leastAllocatedScore } from '../semantics/resources/least-allocated.js';
import { NodeUsage } from '../semantics/resources/node-usage.js';
import { computePodDemand, type PodDemand } from '../semantics/resources/pod-demand.js';
import { allocatableResource } from '../semantics/resources/resource.js';

/**
 * What the pods already running use on a node, by node id; `undefined` when none run there.
 * Ranking takes it as an input, so a store of running pods plugs in without touching the scorers.
 */
export type UsageOf = (nodeId: number) => NodeUsage | undefined;

/** No pods anywhere: every node is empty. */
export const noPods: UsageOf = () => undefined;

/** An empty node's usage, shared: scorers only read it. */
export const emptyUsage: NodeUsage = new NodeUsage();

/** What the three scores need of the incoming pod, computed once per ranking. */
export interface ScoringPod {
  readonly demand: PodDemand;
  /** Image names, init containers first, normalized (`:latest` added); one per container. */
  readonly images: readonly string[];
}

/** A pod spec without containers: what a workload built without its resource fields is scored as. */
const noResources: PodResources = Object.freeze({ containers: [], initContainers: [], overhead: undefined, podRequests: undefined, podLimits: undefined });

/** The pod's demand and images, as PreScore / Score read them. */
export function prepareScoringPod(resources: PodResources | undefined): ScoringPod {
  const pod = resources ?? noResources;
  return { demand: computePodDemand(pod), images: podImages(pod) };
}

/** The three plugins' scores of the feasible nodes, in their order. */
export interface ResourceScores {
  readonly fit: readonly number[];
  /** `undefined` when BalancedAllocation's PreScore skips the pod (it requests neither cpu nor memory). */
  readonly balanced: readonly number[] | undefined;
  readonly image: readonly number[];
}

/** What the cluster contributes: per feasible node its usage, and the image states over all nodes. */
export interface ClusterScoringState {
  readonly usages: readonly (NodeUsage | undefined)[];
  readonly images: ImageSpread;
  /** Every node in the snapshot, feasible or not: ImageLocality's spread is over all of them. */
  readonly totalNodes: number;
}

/** Scores each feasible node with the semantics functions (the reference for the indexed scorer). */
export function scoreResourcesPerNode(pod: ScoringPod, feasible: readonly Node[], cluster: ClusterScoringState): ResourceScores {
  const fit: number[] = [];
  const balanced: number[] = [];
  const image: number[] = [];
  let skipBalanced = false;
  feasible.forEach((node, i) => {
    const usage = cluster.usages[i] ?? emptyUsage;
    const allocatable = allocatableResource(node.allocatable);
    fit.push(leastAllocatedScore(pod.demand, usage, allocatable));
    const b = balancedAllocationScore(pod.demand, usage, allocatable);
    if (b === undefined) skipBalanced = true;
    else balanced.push(b);
    image.push(imageLocalityScore(pod.images, nodeImageNames(node.images), cluster.images, cluster.totalNodes));
  });
  return { fit, balanced: skipBalanced ? undefined : balanced, image };
}
