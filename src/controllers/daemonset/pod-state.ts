/**
 * Pod readiness, availability, revision and ordering as the DaemonSet controller judges them
 * (k8s.io/kubernetes/pkg/api/v1/pod `IsPodReady`, `IsPodAvailable`; daemon util `IsPodUpdated`;
 * `podByCreationTimestampAndPhase`).
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import { parseGoInt64 } from '../../model/int64.js';

/** The revision a sync treats as current. */
export interface Revision {
  /** `controller-revision-hash` of the current ControllerRevision; "" when unknown. */
  readonly hash: string;
  /** The DaemonSet's `deprecated.daemonset.template.generation`, when set. */
  readonly templateGeneration?: string;
}

/** `IsPodReady`: the Ready condition is True. */
export function isPodReady(pod: PodObject): boolean {
  return pod.ready?.status === 'True';
}

/** `IsPodAvailable`: Ready, and Ready for longer than minReadySeconds (strictly before `now`). */
export function isPodAvailable(pod: PodObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = pod.ready?.lastTransitionTime ? Date.parse(pod.ready.lastTransitionTime) : NaN;
  return !Number.isNaN(since) && since + minReadySeconds * 1000 < now;
}

/** `IsPodUpdated`: the hash label equals the current hash, or the template-generation label the DaemonSet's. */
export function isPodUpdated(pod: PodObject, revision: Revision): boolean {
  const hashMatches = revision.hash !== '' && pod.labels.get('controller-revision-hash') === revision.hash;
  const generationMatches = revision.templateGeneration !== undefined && pod.labels.get('pod-template-generation') === revision.templateGeneration;
  return hashMatches || generationMatches;
}

/** `podByCreationTimestampAndPhase`: scheduled pods first, then older, then name. */
export function comparePodsForKeeping(a: PodObject, b: PodObject): number {
  const aScheduled = a.nodeName !== '';
  const bScheduled = b.nodeName !== '';
  if (aScheduled !== bScheduled) return aScheduled ? -1 : 1;
  const aTime = Date.parse(a.creationTimestamp) || 0;
  const bTime = Date.parse(b.creationTimestamp) || 0;
  if (aTime !== bTime) return aTime - bTime;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The revision for a DaemonSet given the current hash. `GetTemplateGeneration` reads the annotation
 * with `strconv.ParseInt` (an unparsable one counts as absent) and compares it printed back, so
 * `"007"` matches pods labelled `7`.
 */
export function revisionOf(ds: DaemonSet, hash: string): Revision {
  const generation = ds.templateGeneration === undefined ? undefined : parseGoInt64(ds.templateGeneration);
  return generation === undefined ? { hash } : { hash, templateGeneration: generation.toString() };
}
