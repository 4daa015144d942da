/**
 * Generators for the pod-to-pod plugins (not a test file): small clusters whose nodes share a few
 * zones, pods of two namespaces and two apps (some finished, terminating, or on unknown nodes, some
 * with required anti-affinity), and incoming pods with anti-affinity terms and DoNotSchedule
 * spread constraints, all as Kubernetes objects decoded by the real decoders.
 */
import fc from 'fast-check';
import { decodePodObject } from '../src/model/decode-daemonset.js';
import { decodeNode } from '../src/model/decode-node.js';
import { decodePodPlacement } from '../src/model/decode-pod.js';
import { Decoder, type JsonObject } from '../src/model/decode.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { Node } from '../src/model/types.js';
import type { ExistingPod, IncomingPod, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';

const topologyKeys = ['zone', 'kubernetes.io/hostname', 'region'] as const;
const apps = ['web', 'api'] as const;
const namespaces = ['a', 'b'] as const;

/** A label selector on `app`: matchLabels, an expression, `{}` or nil. */
export const selectorArb: fc.Arbitrary<JsonObject | null> = fc.oneof(
  fc.constantFrom(...apps).map((app): JsonObject => ({ matchLabels: { app } })),
  fc.constantFrom('In', 'NotIn').map((operator): JsonObject => ({ matchExpressions: [{ key: 'app', operator, values: ['web'] }] })),
  fc.constant<JsonObject>({}),
  fc.constant(null),
);

const termArb: fc.Arbitrary<JsonObject> = fc.record({ labelSelector: selectorArb, topologyKey: fc.constantFrom(...topologyKeys) });

/** A node `n<i>` with its hostname, usually a zone among three, and a region. */
export const nodeObjectArb = (i: number): fc.Arbitrary<JsonObject> =>
  fc.option(fc.constantFrom('z1', 'z2', 'z3'), { freq: 5 }).map((zone) => ({
    metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}`, region: 'r1', ...(zone ? { zone } : {}) } },
  }));

/** An existing pod on one of `nodeCount` nodes (or an unknown one), sometimes finished or terminating. */
export const existingPodArb = (nodeCount: number, i: number): fc.Arbitrary<JsonObject> =>
  fc
    .record({
      node: fc.integer({ min: 0, max: nodeCount }),
      namespace: fc.constantFrom(...namespaces),
      app: fc.option(fc.constantFrom(...apps)),
      phase: fc.constantFrom('Running', 'Running', 'Running', 'Pending', 'Succeeded'),
      terminating: fc.boolean(),
      anti: fc.array(termArb, { maxLength: 1 }),
    })
    .map(({ node, namespace, app, phase, terminating, anti }) => ({
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace, labels: app ? { app } : {}, ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
      spec: { nodeName: `n${node}`, ...(anti.length > 0 ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti } } } : {}) },
      status: { phase },
    }));

/** The incoming pod's parts: namespace, app label, anti-affinity terms and DoNotSchedule spread constraints. */
export const incomingArb: fc.Arbitrary<{ namespace: string; app: string | null; spec: JsonObject }> = fc.record({
  namespace: fc.constantFrom(...namespaces),
  app: fc.option(fc.constantFrom(...apps)),
  spec: fc.record({
    affinity: fc.array(termArb, { maxLength: 2 }).map((terms) => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } })),
    topologySpreadConstraints: fc.array(
      fc.record({
        maxSkew: fc.integer({ min: 1, max: 3 }),
        topologyKey: fc.constantFrom('zone', 'kubernetes.io/hostname'),
        whenUnsatisfiable: fc.constant('DoNotSchedule'),
        labelSelector: selectorArb,
        minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      { maxLength: 2 },
    ).map((cs) => cs.filter((c, i) => cs.findIndex((o) => o.topologyKey === c.topologyKey) === i).map((c) => (c.minDomains === undefined ? { ...c, minDomains: null } : c))),
  }),
});

/** A whole case: node objects, existing pod objects and the incoming pod. */
export const caseArb = fc.integer({ min: 1, max: 5 }).chain((nodeCount) =>
  fc.record({
    nodes: fc.tuple(...Array.from({ length: nodeCount }, (_, i) => nodeObjectArb(i))),
    pods: fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => existingPodArb(nodeCount, i)))),
    incoming: incomingArb,
  }),
);

function decoded<T>(read: (d: Decoder) => T): T {
  const d = new Decoder();
  const value = read(d);
  if (d.errors.length > 0) throw new Error(`generated object does not decode: ${JSON.stringify(d.errors)}`);
  return value;
}

/** Decodes a generated node. */
export const toNode = (object: JsonObject): Node => decoded((d) => decodeNode(d, object));

/** Decodes a generated existing pod. */
export function toExistingPod(object: JsonObject): ExistingPod {
  const { pod, errors } = decodePodObject(object);
  if (!pod) throw new Error(`generated pod does not decode: ${JSON.stringify(errors)}`);
  return pod;
}

/** Decodes the generated incoming pod. */
export function toIncoming(incoming: { namespace: string; app: string | null; spec: JsonObject }): IncomingPod {
  const placement = decoded((d) => decodePodPlacement(d, incoming.spec, 'spec.'));
  return { namespace: incoming.namespace, labels: new Map(incoming.app ? [['app', incoming.app]] : []), placement, specPath: 'spec.', controllerAddedLabels: [] };
}

/** The cluster of generated nodes and pods. */
export const toCluster = (nodes: readonly JsonObject[], pods: readonly JsonObject[]): PodToPodCluster => ({
  nodes: nodes.map(toNode),
  pods: pods.map(toExistingPod),
  gates: defaultFeatureGates,
});
