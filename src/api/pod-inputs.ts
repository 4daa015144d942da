/** The cluster's pods from sources (`kubectl get pods -A -o json|yaml`), within the pod limit. */
import { PlacementError, type FieldError } from '../errors.js';
import type { PodObject } from '../model/daemonset-types.js';
import { limits } from '../model/limits.js';
import type { SourceObject } from '../model/parse-documents.js';
import { podKey } from '../node-index/cluster-pods.js';
import { podsFromSources } from './daemonset-inputs.js';
import { located } from './inputs.js';

/** Refuses more pods than {@link limits.pods}; returns the list. */
export function checkPodCount<T extends { readonly length: number }>(pods: T): T {
  if (pods.length > limits.pods.value) {
    throw new PlacementError('invalid', `${pods.length} pods; placement holds at most ${limits.pods.value} (placement limit pods)`);
  }
  return pods;
}

/** The pods of sources, each namespace/name once; throws a {@link PlacementError} naming file and field. */
export function clusterPodsFromSources(sources: readonly SourceObject[]): PodObject[] {
  checkPodCount(sources);
  const { pods } = podsFromSources(sources);
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  // podsFromSources keeps sources' order, skipping ControllerRevisions; walk both together.
  let i = 0;
  for (const source of sources) {
    const pod = pods[i];
    if (!pod || source.object['kind'] !== 'Pod') continue;
    i++;
    const key = podKey(pod.namespace, pod.name);
    if (seen.has(key)) errors.push(...located(source, [{ path: 'metadata.name', type: 'Duplicate value', badValue: pod.name, detail: `pod ${key} is listed twice` }]));
    seen.add(key);
  }
  if (errors.length > 0) throw new PlacementError('invalid', 'invalid pods', errors);
  return pods;
}
