/**
 * The resource parts of pods and nodes that NodeResourcesFit, NodePorts, BalancedAllocation and
 * ImageLocality read. Resource lists are `Map`s in manifest order (resource names are user data).
 */
import type { Quantity } from './quantity.js';

/** A `ResourceList`: resource name → quantity. */
export type ResourceList = ReadonlyMap<string, Quantity>;

/** A container `ports[]` entry after API-server defaulting (protocol `TCP` when empty). */
export interface ContainerPort {
  readonly name: string;
  readonly containerPort: number;
  /** 0 when the container does not bind a host port. */
  readonly hostPort: number;
  readonly protocol: string;
  /** `""` binds every address, as `0.0.0.0` does. */
  readonly hostIP: string;
}

/** A container or init container, as the resource plugins see it. */
export interface ContainerResources {
  readonly name: string;
  readonly image: string;
  /** After defaulting: a request missing where a limit is set equals that limit. */
  readonly requests: ResourceList;
  readonly limits: ResourceList;
  readonly ports: readonly ContainerPort[];
  /** Init containers only: `Always` makes a restartable init container (a sidecar). */
  readonly restartPolicy: string;
}

/** A pod spec's resource fields. */
export interface PodResources {
  readonly containers: readonly ContainerResources[];
  readonly initContainers: readonly ContainerResources[];
  /** `spec.overhead`; `undefined` when absent. */
  readonly overhead: ResourceList | undefined;
  /** Pod-level `spec.resources.requests`; `undefined` when absent. */
  readonly podRequests: ResourceList | undefined;
  /** Pod-level `spec.resources.limits`; `undefined` when absent. */
  readonly podLimits: ResourceList | undefined;
}

/** A `status.images[]` entry of a node. */
export interface ContainerImage {
  readonly names: readonly string[];
  readonly sizeBytes: number;
}
