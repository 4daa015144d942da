/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality, v1.35): favours nodes that already
 * hold the pod's images. Each image present on the node adds its size scaled by the share of nodes
 * holding it (the "spread", against node heating); the sum is mapped between 23Mi and
 * 1000Mi × containers to 0..100. Init containers count in both the sum and the container count.
 * Image names match `status.images[].names` verbatim after adding `:latest` to an untagged name.
 * Raw score; the plugin does not normalize.
 */
import type { ContainerImage, PodResources } from '../../model/resource-types.js';
import { floorDiv } from './floor-div.js';
import { maxNodeScore } from './least-allocated.js';

const mb = 1024 * 1024;
/** The sum below which a node scores 0. */
export const imageMinThreshold = 23 * mb;
/** Per container, the sum at and above which a node scores 100. */
export const imageMaxContainerThreshold = 1000 * mb;

/** `normalizedImageName`: `name:latest` when the name carries no tag (its last `:` is not after its last `/`). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** The pod's images, init containers first, normalized; one entry per container. */
export function podImages(pod: PodResources): string[] {
  return [...pod.initContainers, ...pod.containers].map((c) => normalizedImageName(c.image));
}

/** The image names a node holds (its `NodeInfo.ImageStates` keys). */
export function nodeImageNames(images: readonly ContainerImage[] | undefined): ReadonlySet<string> {
  const names = new Set<string>();
  for (const image of images ?? []) for (const name of image.names) names.add(name);
  return names;
}

/**
 * The scheduler cache's `imageStates`: per image name, its size (from the first node that reported
 * the name, as upstream keeps it) and the nodes holding it. Kept up to date per node change.
 */
export class ImageSpread {
  private readonly states = new Map<string, { size: number; nodes: Set<string> }>();

  /** `addNodeImageStates`. */
  addNode(nodeName: string, images: readonly ContainerImage[] | undefined): void {
    for (const image of images ?? []) {
      for (const name of image.names) {
        const state = this.states.get(name);
        if (state) state.nodes.add(nodeName);
        else this.states.set(name, { size: image.sizeBytes, nodes: new Set([nodeName]) });
      }
    }
  }

  /** `removeNodeImageStates`: an image name no node holds any more is forgotten. */
  removeNode(nodeName: string, images: readonly ContainerImage[] | undefined): void {
    for (const image of images ?? []) {
      for (const name of image.names) {
        const state = this.states.get(name);
        if (state && state.nodes.delete(nodeName) && state.nodes.size === 0) this.states.delete(name);
      }
    }
  }

  /** How many image names some node holds. */
  get size(): number {
    return this.states.size;
  }

  /** The names of the nodes holding an image name (`ImageStateSummary.Nodes`). */
  nodesHolding(name: string): ReadonlySet<string> | undefined {
    return this.states.get(name)?.nodes;
  }

  /** `ImageStateSummary` of a name: size and the number of nodes holding it. */
  summary(name: string): { size: number; numNodes: number } | undefined {
    const state = this.states.get(name);
    return state && { size: state.size, numNodes: state.nodes.size };
  }
}

/** `scaledImageScore`: the image size times the share of nodes holding it. */
export function scaledImageScore(size: number, numNodes: number, totalNumNodes: number): number {
  return Math.trunc(size * (numNodes / totalNumNodes));
}

/** `calculatePriority`: the sum mapped onto 0..100 between the thresholds. */
export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  if (numContainers === 0) return 0;
  const maxThreshold = imageMaxContainerThreshold * numContainers;
  const sum = Math.min(Math.max(sumScores, imageMinThreshold), maxThreshold);
  return floorDiv(maxNodeScore * (sum - imageMinThreshold), maxThreshold - imageMinThreshold);
}

/** The ImageLocality score of a node holding `nodeImages`, over a cluster of `totalNumNodes` nodes. */
export function imageLocalityScore(images: readonly string[], nodeImages: ReadonlySet<string>, spread: ImageSpread, totalNumNodes: number): number {
  let sum = 0;
  for (const image of images) {
    if (!nodeImages.has(image)) continue;
    const state = spread.summary(image);
    if (state) sum += scaledImageScore(state.size, state.numNodes, totalNumNodes);
  }
  return imageLocalityPriority(sum, images.length);
}
