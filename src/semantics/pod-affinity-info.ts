/**
 * A pod's four lists of affinity terms, parsed once (kube-scheduler framework `NewPodInfo` /
 * `PodInfo.Update`): required affinity, required anti-affinity, preferred affinity, preferred
 * anti-affinity. A list whose selector does not parse is dropped with an error that names it.
 */
import type { PodPlacement } from '../model/types.js';
import { newAffinityTerms, newWeightedTerms, type AffinityTerm } from './affinity-term.js';

/** The parsed lists, and the parse errors as `NewPodInfo` aggregates them. */
export interface PodAffinityInfo {
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly AffinityTerm[];
  readonly preferredAntiAffinity: readonly AffinityTerm[];
  /** `undefined` when every list parsed; else the aggregate message (`requiredAffinityTerms: ...`). */
  readonly error: string | undefined;
}

/** Parses the four lists of a pod in `namespace` whose spec sits at `specPath` (e.g. `spec.`). */
export function podAffinityInfo(namespace: string, placement: Pick<PodPlacement, 'podAffinity' | 'podAntiAffinity'>, specPath = 'spec.'): PodAffinityInfo {
  const errors: string[] = [];
  const kept = (result: AffinityTerm[] | string, name: string): AffinityTerm[] => {
    if (typeof result !== 'string') return result;
    errors.push(`${name}: ${result}`);
    return [];
  };
  const affinity = `${specPath}affinity.podAffinity`;
  const anti = `${specPath}affinity.podAntiAffinity`;
  const required = '.requiredDuringSchedulingIgnoredDuringExecution';
  const preferred = '.preferredDuringSchedulingIgnoredDuringExecution';
  const info = {
    requiredAffinity: kept(newAffinityTerms(namespace, placement.podAffinity?.required ?? [], affinity + required), 'requiredAffinityTerms'),
    requiredAntiAffinity: kept(newAffinityTerms(namespace, placement.podAntiAffinity?.required ?? [], anti + required), 'requiredAntiAffinityTerms'),
    preferredAffinity: kept(newWeightedTerms(namespace, placement.podAffinity, affinity + preferred), 'preferredAffinityTerms'),
    preferredAntiAffinity: kept(newWeightedTerms(namespace, placement.podAntiAffinity, anti + preferred), 'preferredAntiAffinityTerms'),
  };
  // utilerrors.NewAggregate prints one error as itself and several as `[a, b]`.
  const error = errors.length === 0 ? undefined : errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return { ...info, error };
}

/** Does the pod have any pod affinity or anti-affinity at all (upstream's "pod with affinity")? */
export function hasPodAffinity(placement: Pick<PodPlacement, 'podAffinity' | 'podAntiAffinity'>): boolean {
  return placement.podAffinity !== undefined || placement.podAntiAffinity !== undefined;
}

const existingInfo = new WeakMap<object, PodAffinityInfo>();

/**
 * {@link podAffinityInfo} of a pod already in the cluster, parsed once per pod object (the
 * scheduler parses a pod's terms once, when it enters its cache), so repeated PreFilter and
 * PreScore passes over the same cluster do not parse every pod again.
 */
export function existingPodAffinityInfo(pod: { readonly namespace: string; readonly placement: Pick<PodPlacement, 'podAffinity' | 'podAntiAffinity'> }): PodAffinityInfo {
  let info = existingInfo.get(pod);
  if (!info) existingInfo.set(pod, (info = podAffinityInfo(pod.namespace, pod.placement)));
  return info;
}
