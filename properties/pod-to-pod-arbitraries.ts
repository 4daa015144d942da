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
import type { NamespaceObject } from '../src/model/pod-affinity-types.js';
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

// Richer cases, for the indexed evaluation against the reference: affinity as well as
// anti-affinity, namespaces and namespaceSelectors, matchLabelKeys, spread inclusion policies,
// node affinity, taints and tolerations, Namespace objects given or not.

/** `namespaces` / `namespaceSelector` of a term: unset, a list, all (`{}`), or a selector on `team`. */
const termNamespacesArb: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.constant<JsonObject>({}),
  fc.constant<JsonObject>({}),
  fc.subarray([...namespaces], { minLength: 1 }).map((list): JsonObject => ({ namespaces: list })),
  fc.constant<JsonObject>({ namespaceSelector: {} }),
  fc.constantFrom('x', 'y').map((team): JsonObject => ({ namespaceSelector: { matchLabels: { team } } })),
);

/** A term with its namespaces, and sometimes `matchLabelKeys` / `mismatchLabelKeys` on `tier`. */
export const fullTermArb: fc.Arbitrary<JsonObject> = fc
  .record({ base: termArb, ns: termNamespacesArb, keys: fc.constantFrom<JsonObject>({}, {}, { matchLabelKeys: ['tier'] }, { mismatchLabelKeys: ['tier'] }) })
  .map(({ base, ns, keys }) => ({ ...base, ...ns, ...(base['labelSelector'] ? keys : {}) }));

/** A node with a zone (usually), a hostname, a region, a `disk` label and sometimes a taint. */
export const fullNodeObjectArb = (i: number): fc.Arbitrary<JsonObject> =>
  fc
    .record({
      zone: fc.option(fc.constantFrom('z1', 'z2', 'z3'), { freq: 5 }),
      disk: fc.option(fc.constantFrom('ssd', 'hdd')),
      taint: fc.option(fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'), { freq: 3 }),
    })
    .map(({ zone, disk, taint }) => ({
      metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}`, region: 'r1', ...(zone ? { zone } : {}), ...(disk ? { disk } : {}) } },
      spec: { taints: taint ? [{ key: 'dedicated', value: 'x', effect: taint }] : [] },
    }));

/** An existing pod as {@link existingPodArb}, with a `tier` label and richer anti-affinity terms. */
export const fullExistingPodArb = (nodeCount: number, i: number): fc.Arbitrary<JsonObject> =>
  fc.record({ base: existingPodArb(nodeCount, i), tier: fc.option(fc.constantFrom('1', '2')), anti: fc.array(fullTermArb, { maxLength: 2 }) }).map(({ base, tier, anti }) => {
    const metadata = base['metadata'] as JsonObject;
    const labels = { ...(metadata['labels'] as JsonObject), ...(tier ? { tier } : {}) };
    const spec = { nodeName: (base['spec'] as JsonObject)['nodeName'], ...(anti.length > 0 ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti } } } : {}) };
    return { ...base, metadata: { ...metadata, labels }, spec };
  });

const spreadPolicyArb = fc.constantFrom<JsonObject>({}, {}, { nodeAffinityPolicy: 'Ignore' }, { nodeTaintsPolicy: 'Honor' }, { nodeAffinityPolicy: 'Ignore', nodeTaintsPolicy: 'Honor' });

/** The incoming pod with affinity and anti-affinity, spread constraints with policies and matchLabelKeys, node affinity and tolerations. */
export const fullIncomingArb: fc.Arbitrary<{ namespace: string; app: string | null; tier: string | null; spec: JsonObject }> = fc.record({
  namespace: fc.constantFrom(...namespaces),
  app: fc.option(fc.constantFrom(...apps)),
  tier: fc.option(fc.constantFrom('1', '2')),
  spec: fc
    .record({
      affinity: fc.array(fullTermArb, { maxLength: 2 }),
      anti: fc.array(fullTermArb, { maxLength: 2 }),
      spread: fc.array(
        fc.record({
          maxSkew: fc.integer({ min: 1, max: 3 }),
          topologyKey: fc.constantFrom('zone', 'kubernetes.io/hostname', 'disk'),
          labelSelector: selectorArb,
          minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
          policy: spreadPolicyArb,
          matchLabelKeys: fc.constantFrom<string[]>([], [], ['tier']),
        }),
        { maxLength: 2 },
      ),
      nodeSelector: fc.option(fc.constantFrom<JsonObject>({ disk: 'ssd' }, { region: 'r1' }), { freq: 3 }),
      tolerate: fc.boolean(),
    })
    .map(({ affinity, anti, spread, nodeSelector, tolerate }): JsonObject => {
      const constraints = spread
        .filter((c, i) => spread.findIndex((o) => o.topologyKey === c.topologyKey) === i)
        .map(({ policy, minDomains, labelSelector, matchLabelKeys, ...c }) => ({
          ...c,
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector,
          ...policy,
          ...(minDomains === undefined ? {} : { minDomains }),
          ...(labelSelector && matchLabelKeys.length > 0 ? { matchLabelKeys } : {}),
        }));
      return {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: affinity }, podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti } },
        topologySpreadConstraints: constraints,
        ...(nodeSelector ? { nodeSelector } : {}),
        ...(tolerate ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
      };
    }),
});

/** A whole rich case: nodes, existing pods, the incoming pod, and Namespace objects (or none). */
export const fullCaseArb = fc.integer({ min: 1, max: 6 }).chain((nodeCount) =>
  fc.record({
    nodes: fc.tuple(...Array.from({ length: nodeCount }, (_, i) => fullNodeObjectArb(i))),
    pods: fc.integer({ min: 0, max: 10 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fullExistingPodArb(nodeCount, i)))),
    incoming: fullIncomingArb,
    namespaceTeams: fc.option(fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('x', 'y'))),
  }),
);

/** Decodes the rich incoming pod. */
export function toFullIncoming(incoming: { namespace: string; app: string | null; tier: string | null; spec: JsonObject }): IncomingPod {
  const pod = toIncoming(incoming);
  const labels = new Map(pod.labels);
  if (incoming.tier) labels.set('tier', incoming.tier);
  return { ...pod, labels };
}

/** Namespace objects for `a` and `b` with `team` labels, or `undefined` (none supplied). */
export function toNamespaces(teams: [string, string] | null): NamespaceObject[] | undefined {
  if (!teams) return undefined;
  return namespaces.map((name, i) => ({ name, labels: new Map([['team', teams[i]!]]) }));
}
