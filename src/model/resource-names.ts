/**
 * Resource-name classes, as k8s.io/kubernetes pkg/apis/core/v1/helper and the scheduler's
 * `schedutil.IsScalarResourceName` define them. They decide which requests the scheduler counts
 * (`cpu`, `memory`, `ephemeral-storage`, `pods` and the scalar ones) and which it ignores.
 */
import { isLabelKey } from './validate-names.js';

/** `v1.ResourceCPU` (compared in milli-cpu). */
export const resourceCPU = 'cpu';
/** `v1.ResourceMemory` (bytes). */
export const resourceMemory = 'memory';
/** `v1.ResourceEphemeralStorage` (bytes). */
export const resourceEphemeralStorage = 'ephemeral-storage';
/** `v1.ResourcePods`: a node's allocatable pod count. */
export const resourcePods = 'pods';
/** `v1.ResourceHugePagesPrefix`. */
export const hugePagesPrefix = 'hugepages-';

/** `IsHugePageResourceName`: `hugepages-<size>`. */
export const isHugePageResourceName = (name: string): boolean => name.startsWith(hugePagesPrefix);

/** `IsPrefixedNativeResource`: the name contains `kubernetes.io/` (also `subdomain.kubernetes.io/x`). */
export const isPrefixedNativeResource = (name: string): boolean => name.includes('kubernetes.io/');

/** `IsNativeResource`: unprefixed names are implicitly in the kubernetes.io namespace. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || isPrefixedNativeResource(name);

/**
 * `IsExtendedResourceName`: not native, not a quota `requests.` name, and `requests.<name>` is a
 * qualified name (e.g. `nvidia.com/gpu`, `example.com/foo`).
 */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isLabelKey(`requests.${name}`);
}

/** `IsAttachableVolumeResourceName`: `attachable-volumes-<plugin>` (counted, never requested by pods). */
export const isAttachableVolumeResourceName = (name: string): boolean => name.startsWith('attachable-volumes-');

/** `schedutil.IsScalarResourceName`: extended, hugepages, prefixed-native and attachable-volume resources. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || isHugePageResourceName(name) || isPrefixedNativeResource(name) || isAttachableVolumeResourceName(name);
}

/** `IsOvercommitAllowed`: native resources other than hugepages; extended resources and hugepages are not. */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);

/** `IsStandardContainerResourceName`: the unprefixed names a container may request. */
export const isStandardContainerResourceName = (name: string): boolean =>
  name === resourceCPU || name === resourceMemory || name === resourceEphemeralStorage || isHugePageResourceName(name);

/** component-helpers `IsSupportedPodLevelResource`: cpu, memory and hugepages (v1.35). */
export const isSupportedPodLevelResource = (name: string): boolean =>
  name === resourceCPU || name === resourceMemory || isHugePageResourceName(name);
