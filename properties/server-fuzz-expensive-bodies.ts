/**
 * Arbitraries of the expensive-body fuzz suite (not a test file): requests that are valid — or at
 * least well-formed — and expensive: pods with as many nodeSelector keys, required terms,
 * expressions, values, tolerations and preferred terms as the input limits allow (and a few past
 * them), ignored fields nested deep (within the depth limit), batches around the batch limit,
 * DaemonSet lists with extreme tolerationSeconds, and the extender's verbs over every node.
 */
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import { limits } from '../src/model/limits.js';
import { daemonSetBatch, daemonSetObject, podObject, podWithSelectorKeys, podWithTerms, podWithTolerations, trivialPod } from '../src/testing/hostile-requests.js';

/** One request of the suite. */
export interface ExpensiveRequest {
  readonly method: 'POST';
  readonly path: string;
  readonly body: JsonObject;
  /** What it is, for failure messages (the body may be megabytes). */
  readonly shape: string;
  /** Items in its batch, when it is one. */
  readonly batch?: number;
}

/** A pod with `n` preferred terms to score (rank and prioritize walk every one per node). */
function podWithPreferred(n: number): JsonObject {
  const terms = Array.from({ length: n }, (_, i) => ({ weight: 1 + (i % 100), preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [`zone-${i}`] }] } }));
  return podObject({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } });
}

/** A pod with an ignored field nested `depth` levels (the body stays within the 128-level limit). */
function podWithDeepField(depth: number): JsonObject {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { x: value } : [value];
  return { ...podObject({}), extra: value as JsonObject };
}

// Up to a few past each input limit, so the refusals are exercised too.
const over = 5;
const maxTerms = limits.nodeSelectorTerms.value + over;
const maxRequirements = limits.requirementsPerPod.value + over * 10;
const maxValues = limits.valuesPerPod.value + over * 100;

/** Expensive single pods, with a name for the shape. */
const bigPodArb: fc.Arbitrary<[string, JsonObject]> = fc.oneof(
  fc.integer({ min: 0, max: limits.nodeSelectorEntries.value + over }).map((n): [string, JsonObject] => [`${n} nodeSelector keys`, podWithSelectorKeys(n)]),
  fc
    .tuple(fc.integer({ min: 1, max: maxTerms }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 120 }))
    .filter(([t, e, v]) => t * e <= maxRequirements && t * e * v <= maxValues)
    .map(([t, e, v]): [string, JsonObject] => [`${t} terms × ${e} expressions × ${v} values`, podWithTerms(t, e, v)]),
  fc.integer({ min: 0, max: limits.tolerations.value + over }).map((n): [string, JsonObject] => [`${n} tolerations`, podWithTolerations(n)]),
  fc.integer({ min: 1, max: limits.preferredTerms.value + over }).map((n): [string, JsonObject] => [`${n} preferred terms`, podWithPreferred(n)]),
  fc.integer({ min: 1, max: 120 }).map((n): [string, JsonObject] => [`a field nested ${n} deep`, podWithDeepField(n)]),
  fc.constant<[string, JsonObject]>(['a pod that fits everywhere', trivialPod]),
);

/** Small pods for batches (a batch of big ones is a body over the size limit, tested elsewhere). */
const batchPodArb: fc.Arbitrary<[string, JsonObject]> = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((n): [string, JsonObject] => [`${n} nodeSelector keys`, podWithSelectorKeys(n)]),
  fc.integer({ min: 1, max: 10 }).map((n): [string, JsonObject] => [`${n} terms`, podWithTerms(n)]),
  fc.constant<[string, JsonObject]>(['a pod that fits everywhere', trivialPod]),
);

const explainArb = fc.constantFrom('', '?explain=false', '?explain=groups', '?explain=none');

/** Every expensive request, against a server whose batch limit is `maxBatch` over these node names. */
export function expensiveRequestArb(maxBatch: number, nodeNames: readonly string[]): fc.Arbitrary<ExpensiveRequest> {
  const single = fc.tuple(fc.constantFrom('/v1/eligible', '/v1/rank', '/v1/why'), explainArb, bigPodArb).map(([route, explain, [shape, pod]]): ExpensiveRequest => ({ method: 'POST', path: `${route}${explain}`, body: { pod }, shape: `${route}${explain}: ${shape}` }));
  const batch = fc
    .tuple(fc.constantFrom('/v1/eligible', '/v1/rank'), explainArb, batchPodArb, fc.integer({ min: 1, max: maxBatch + 20 }))
    .map(([route, explain, [shape, pod], n]): ExpensiveRequest => ({ method: 'POST', path: `${route}${explain}`, body: { pods: Array.from({ length: n }, () => pod) }, shape: `${route}${explain}: ${n} × ${shape}`, batch: n }));
  const daemonsets = fc
    .tuple(explainArb, fc.integer({ min: 1, max: Math.min(maxBatch + 5, 60) }), fc.constantFrom(undefined, 1, 60, 9_223_372_036, 1e12, 1e300))
    .map(([explain, n, seconds]): ExpensiveRequest => {
      const list = seconds === undefined ? daemonSetBatch(n) : Array.from({ length: n }, (_, i) => daemonSetObject(`ds-${i}`, [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds }]));
      return { method: 'POST', path: `/v1/daemonset${explain}`, body: { daemonsets: list, now: '2024-01-01T00:00:30Z' }, shape: `/v1/daemonset${explain}: ${n} DaemonSets, tolerationSeconds ${seconds}`, batch: n };
    });
  const extender = fc
    .tuple(fc.constantFrom('filter', 'prioritize'), bigPodArb)
    .map(([verb, [shape, pod]]): ExpensiveRequest => ({ method: 'POST', path: `/scheduler/${verb}`, body: { Pod: pod, NodeNames: nodeNames }, shape: `/scheduler/${verb}: ${shape} over ${nodeNames.length} nodes` }));
  return fc.oneof({ weight: 4, arbitrary: single }, { weight: 2, arbitrary: batch }, { weight: 1, arbitrary: daemonsets }, { weight: 2, arbitrary: extender });
}
