/**
 * Generators for the pod-to-pod score plugins (not a test file): the rich clusters of
 * pod-to-pod-arbitraries.ts, with existing pods that carry required affinity and preferred
 * (anti-)affinity terms, an incoming pod with preferred terms and ScheduleAnyway spread
 * constraints (or none, so the system defaults apply), the Services and ReplicaSets behind the
 * default spreading selector (or none supplied), and a subset of the nodes as the feasible ones.
 */
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import type { SelectingObject } from '../src/model/pod-affinity-types.js';
import type { IncomingPod, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { existingPodArb, fullNodeObjectArb, fullTermArb, selectorArb, toCluster, toFullIncoming, toNamespaces } from './pod-to-pod-arbitraries.js';

/** A preferred term: a weight (sometimes the extremes) and a term. */
const weightedTermArb: fc.Arbitrary<JsonObject> = fc.record({ weight: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(1, 100)), podAffinityTerm: fullTermArb });

/** `podAffinity` / `podAntiAffinity` with required and preferred lists, any of them empty. */
const affinityArb: fc.Arbitrary<JsonObject> = fc
  .record({ required: fc.array(fullTermArb, { maxLength: 1 }), preferred: fc.array(weightedTermArb, { maxLength: 2 }), antiPreferred: fc.array(weightedTermArb, { maxLength: 2 }), antiRequired: fc.array(fullTermArb, { maxLength: 1 }) })
  .map(({ required, preferred, antiPreferred, antiRequired }) => {
    const out: JsonObject = {};
    if (required.length > 0 || preferred.length > 0) out['podAffinity'] = { requiredDuringSchedulingIgnoredDuringExecution: required, preferredDuringSchedulingIgnoredDuringExecution: preferred };
    if (antiRequired.length > 0 || antiPreferred.length > 0) out['podAntiAffinity'] = { requiredDuringSchedulingIgnoredDuringExecution: antiRequired, preferredDuringSchedulingIgnoredDuringExecution: antiPreferred };
    return out;
  });

/** An existing pod as `existingPodArb`, with a `tier` label and scoring terms. */
export const scoredExistingPodArb = (nodeCount: number, i: number): fc.Arbitrary<JsonObject> =>
  fc.record({ base: existingPodArb(nodeCount, i), tier: fc.option(fc.constantFrom('1', '2')), affinity: affinityArb }).map(({ base, tier, affinity }) => {
    const metadata = base['metadata'] as JsonObject;
    const labels = { ...(metadata['labels'] as JsonObject), ...(tier ? { tier } : {}) };
    const spec = { nodeName: (base['spec'] as JsonObject)['nodeName'], ...(Object.keys(affinity).length > 0 ? { affinity } : {}) };
    return { ...base, metadata: { ...metadata, labels }, spec };
  });

const spreadPolicyArb = fc.constantFrom<JsonObject>({}, {}, { nodeAffinityPolicy: 'Ignore' }, { nodeTaintsPolicy: 'Honor' });

/** The incoming pod: preferred terms, ScheduleAnyway (and sometimes DoNotSchedule) constraints or none, node selector, tolerations. */
export const scoredIncomingArb = fc.record({
  namespace: fc.constantFrom('a', 'b'),
  app: fc.option(fc.constantFrom('web', 'api')),
  tier: fc.option(fc.constantFrom('1', '2')),
  affinity: affinityArb,
  spread: fc.array(
    fc.record({
      maxSkew: fc.integer({ min: 1, max: 5 }),
      topologyKey: fc.constantFrom('zone', 'kubernetes.io/hostname', 'disk'),
      whenUnsatisfiable: fc.constantFrom('ScheduleAnyway', 'ScheduleAnyway', 'DoNotSchedule'),
      labelSelector: selectorArb,
      policy: spreadPolicyArb,
      matchLabelKeys: fc.constantFrom<string[]>([], [], ['tier']),
    }),
    { maxLength: 2 },
  ),
  nodeSelector: fc.option(fc.constantFrom<JsonObject>({ disk: 'ssd' }, { region: 'r1' }), { freq: 3 }),
  tolerate: fc.boolean(),
  controller: fc.option(fc.constantFrom('rs-web', 'rs-other')),
});

/** The Services and ReplicaSets of namespaces `a` and `b`, or none supplied. */
export const selectingObjectsArb: fc.Arbitrary<SelectingObject[] | null> = fc.option(
  fc.subarray<SelectingObject>([
    { kind: 'Service', namespace: 'a', name: 'web', selectorMap: new Map([['app', 'web']]) },
    { kind: 'Service', namespace: 'b', name: 'web', selectorMap: new Map([['app', 'web']]) },
    { kind: 'Service', namespace: 'a', name: 'tier', selectorMap: new Map([['tier', '1']]) },
    { kind: 'Service', namespace: 'b', name: 'nil', selectorMap: undefined },
    { kind: 'ReplicaSet', namespace: 'a', name: 'rs-web', selector: { matchLabels: new Map([['app', 'web']]), isEmptyObject: false } },
    { kind: 'ReplicaSet', namespace: 'b', name: 'rs-web', selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: [] }], isEmptyObject: false } },
  ]),
);

/** A whole scoring case: nodes, existing pods, the incoming pod, Namespaces and selecting objects (or none), and which nodes are feasible. */
export const scoreCaseArb = fc.integer({ min: 1, max: 7 }).chain((nodeCount) =>
  fc.record({
    nodes: fc.tuple(...Array.from({ length: nodeCount }, (_, i) => fullNodeObjectArb(i))),
    pods: fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => scoredExistingPodArb(nodeCount, i)))),
    incoming: scoredIncomingArb,
    namespaceTeams: fc.option(fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('x', 'y'))),
    selecting: selectingObjectsArb,
    feasible: fc.array(fc.boolean(), { minLength: nodeCount, maxLength: nodeCount }),
  }),
);

type Incoming = typeof scoredIncomingArb extends fc.Arbitrary<infer T> ? T : never;

/** The generated incoming pod's spec, as a manifest has it. */
export function scoredIncomingSpec(incoming: Incoming): JsonObject {
  const constraints = incoming.spread
    .filter((c, i) => incoming.spread.findIndex((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable) === i)
    .map(({ policy, matchLabelKeys, ...c }) => ({ ...c, ...policy, ...(c.labelSelector && matchLabelKeys.length > 0 ? { matchLabelKeys } : {}) }));
  return {
    ...(Object.keys(incoming.affinity).length > 0 ? { affinity: incoming.affinity } : {}),
    topologySpreadConstraints: constraints,
    ...(incoming.nodeSelector ? { nodeSelector: incoming.nodeSelector } : {}),
    ...(incoming.tolerate ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
  };
}

/** The generated incoming pod as a Pod manifest (its controller as an owner reference). */
export function scoredIncomingManifest(incoming: Incoming): JsonObject {
  const labels = { ...(incoming.app ? { app: incoming.app } : {}), ...(incoming.tier ? { tier: incoming.tier } : {}) };
  const owner = incoming.controller ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: incoming.controller, controller: true, uid: 'u' }] } : {};
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'incoming', namespace: incoming.namespace, labels, ...owner }, spec: { ...scoredIncomingSpec(incoming), containers: [{ name: 'c', image: 'c' }] } };
}

/** Decodes the generated incoming pod. */
export function toScoredIncoming(incoming: Incoming): IncomingPod {
  const pod = toFullIncoming({ namespace: incoming.namespace, app: incoming.app, tier: incoming.tier, spec: scoredIncomingSpec(incoming) });
  return incoming.controller ? { ...pod, controller: { ref: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: incoming.controller } } } : pod;
}

/** A generated node with room for pods (the engine's NodeResourcesFit then passes it with the running pods given). */
export const withRoom = (node: JsonObject): JsonObject => ({ ...node, status: { allocatable: { pods: '110', cpu: '8', memory: '32Gi' } } });

/** The cluster of a generated scoring case. */
export function toScoreCluster(nodes: readonly JsonObject[], pods: readonly JsonObject[], namespaceTeams: [string, string] | null, selecting: SelectingObject[] | null): PodToPodCluster {
  const namespaces = toNamespaces(namespaceTeams);
  return { ...toCluster(nodes, pods), ...(namespaces ? { namespaces } : {}), ...(selecting ? { selectingObjects: selecting } : {}) };
}
