/**
 * Requests that are valid but expensive, in the shapes a hostile or careless client sends: pods
 * with thousands of nodeSelector keys, required terms, values or tolerations, big batches, big
 * DaemonSet lists. Shared by the server's budget tests, the expensive-body fuzz suite and the soak
 * in the load benchmark. Not a test file itself.
 */
import type { JsonObject } from '../model/decode.js';
import { generateCluster } from '../sample/generate-cluster.js';

/** A Pod object with this spec. */
export function podObject(spec: JsonObject, name = 'p'): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } };
}

/** A pod whose nodeSelector has `keys` keys no node has (named by `prefix`): every node fails with a detail line per key. */
export function podWithSelectorKeys(keys: number, prefix = 'k'): JsonObject {
  return podObject({ nodeSelector: Object.fromEntries(Array.from({ length: keys }, (_, i) => [`example.com/${prefix}${i}`, 'v'])) });
}

/** A pod with `terms` required nodeSelectorTerms of `expressions` expressions of `values` values each (zones no node is in). */
export function podWithTerms(terms: number, expressions = 1, values = 1): JsonObject {
  const term = (t: number): JsonObject => ({
    matchExpressions: Array.from({ length: expressions }, (_, e) => ({
      key: e === 0 ? 'topology.kubernetes.io/zone' : `example.com/e${e}`,
      operator: 'In',
      values: Array.from({ length: values }, (_, v) => `zone-${t}-${v}`),
    })),
  });
  return podObject({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: Array.from({ length: terms }, (_, t) => term(t)) } } } });
}

/** A pod with `n` tolerations (none of which tolerates the sample cluster's taints). */
export function podWithTolerations(n: number): JsonObject {
  return podObject({ tolerations: Array.from({ length: n }, (_, i) => ({ key: `example.com/t${i}`, operator: 'Equal', value: 'v', effect: 'NoSchedule' })) });
}

/** A pod that fits almost every node: its explained answer lists every node. */
export const trivialPod: JsonObject = podObject({});

/** A DaemonSet over every Linux node, with the given tolerations. */
export function daemonSetObject(name = 'ds', tolerations: readonly JsonObject[] = []): JsonObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'c', image: 'i' }], tolerations } } },
  };
}

/** `n` DaemonSets, each its own object (names ds-0 … ds-n-1). */
export function daemonSetBatch(n: number): JsonObject[] {
  return Array.from({ length: n }, (_, i) => daemonSetObject(`ds-${i}`));
}

/** The sample cluster's nodes as `kubectl get nodes -o json` prints them. */
export function sampleNodeList(nodes: number, seed = 1): { apiVersion: string; kind: string; items: Record<string, unknown>[]; metadata: Record<string, unknown> } {
  return { apiVersion: 'v1', kind: 'List', items: generateCluster({ nodes, seed }), metadata: { resourceVersion: '' } };
}
