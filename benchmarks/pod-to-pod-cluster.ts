/**
 * The running pods both pod-to-pod benchmarks place among: 1,000 apps `a<k>` in 10 namespaces
 * `ns<k % 10>`, spread round-robin over the nodes, each app's pods sharing one decoded placement.
 */
import { decodePodPlacement } from '../src/model/decode-pod.js';
import { Decoder, type JsonObject } from '../src/model/decode.js';
import type { Node, PodPlacement } from '../src/model/types.js';
import type { ExistingPod } from '../src/semantics/pod-to-pod-inputs.js';

export const zoneKey = 'topology.kubernetes.io/zone';
export const hostnameKey = 'kubernetes.io/hostname';

/** A pod spec decoded as the CLI decodes one. */
export function placementOf(spec: JsonObject): PodPlacement {
  const d = new Decoder();
  const placement = decodePodPlacement(d, spec, 'spec.template.spec.');
  if (d.errors.length > 0) throw new Error(`benchmark pod does not decode: ${JSON.stringify(d.errors)}`);
  return placement;
}

/** A running pod of a ReplicaSet-owned app (with its `pod-template-hash`). */
export function existingPod(name: string, namespace: string, app: string, nodeName: string, placement: ExistingPod['placement']): ExistingPod {
  return { name, namespace, labels: new Map([['app', app], ['pod-template-hash', `${app}-5d8f`]]), nodeName, phase: 'Running', placement };
}

/** `count` pods of the 1,000 apps, app `a<k>`'s spec given by `specOf(k)`. */
export function appPods(nodes: readonly Node[], count: number, specOf: (k: number) => JsonObject): ExistingPod[] {
  const placements = new Map<number, ExistingPod['placement']>();
  const pods: ExistingPod[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % 1000;
    let placement = placements.get(k);
    if (!placement) placements.set(k, (placement = placementOf(specOf(k))));
    pods.push(existingPod(`a${k}-${i}`, `ns${k % 10}`, `a${k}`, nodes[i % nodes.length]!.name, placement));
  }
  return pods;
}
