/**
 * Pods and nodes for the resource plugins' tests, built the way upstream's test helpers build
 * them (fit_test.go `newResourcePod`, `makeAllocatableResources`; st.MakePod().Req(...)), and
 * decoded through the real decoder so defaults apply as in production.
 */
import { decodeNodeResources, decodePodResources } from '../model/decode-pod-resources.js';
import { Decoder, type JsonObject } from '../model/decode.js';
import type { PodResources } from '../model/resource-types.js';
import { computePodDemand, type PodDemand } from '../semantics/resources/pod-demand.js';
import { NodeUsage } from '../semantics/resources/node-usage.js';
import { allocatableResource, type Resource } from '../semantics/resources/resource.js';

/** Decodes a pod spec's resource fields; throws on a decode error (a broken test fixture). */
export function podResources(spec: JsonObject, hostNetwork = false): PodResources {
  const d = new Decoder();
  const pod = decodePodResources(d, spec, 'spec.', hostNetwork);
  if (d.errors.length > 0) throw new Error(`bad fixture: ${JSON.stringify(d.errors)}`);
  return pod;
}

/** fit_test.go `framework.Resource` literal: milli-cpu, bytes, and scalar resources. */
export interface Usage {
  milliCPU?: number;
  memory?: number;
  ephemeralStorage?: number;
  allowedPodNumber?: number;
  scalar?: Record<string, number>;
}

/** One container's requests as `newResourcePod` writes them: cpu, memory, pods and storage always stated. */
function requestsOf(u: Usage): JsonObject {
  return {
    cpu: `${u.milliCPU ?? 0}m`,
    memory: `${u.memory ?? 0}`,
    pods: `${u.allowedPodNumber ?? 0}`,
    'ephemeral-storage': `${u.ephemeralStorage ?? 0}`,
    ...Object.fromEntries(Object.entries(u.scalar ?? {}).map(([k, v]) => [k, `${v}`])),
  };
}

/** `newResourcePod(usage...)`: one container per usage. */
export function newResourcePod(...usage: Usage[]): JsonObject {
  return { containers: usage.map((u, i) => ({ name: `c${i}`, resources: { requests: requestsOf(u) } })) };
}

/** `newResourceInitPod(pod, usage...)`: the usages become init containers. */
export function newResourceInitPod(pod: JsonObject, ...usage: Usage[]): JsonObject {
  return { ...pod, initContainers: usage.map((u, i) => ({ name: `i${i}`, resources: { requests: requestsOf(u) } })) };
}

/** `st.MakePod().Req(list)...`: one container per list; no list, no container. */
export function makePod(...requests: Record<string, string>[]): JsonObject {
  return { containers: requests.map((r, i) => ({ name: `c${i}`, resources: { requests: r } })) };
}

/** A node's allocatable from a plain `status.allocatable` object. */
export function allocatable(list: Record<string, string>): Resource {
  const d = new Decoder();
  const decoded = decodeNodeResources(d, { allocatable: list });
  if (d.errors.length > 0) throw new Error(`bad fixture: ${JSON.stringify(d.errors)}`);
  return allocatableResource(decoded.allocatable);
}

/** `framework.NewNodeInfo(pods...)`: the usage of a node running these pod specs. */
export function usageOf(...pods: JsonObject[]): NodeUsage {
  const usage = new NodeUsage();
  for (const p of pods) usage.add(demandOf(p));
  return usage;
}

/** The demand of a pod spec. */
export function demandOf(spec: JsonObject, hostNetwork = false): PodDemand {
  return computePodDemand(podResources(spec, hostNetwork));
}
