/**
 * fast-check arbitraries over placement's whole input space, for the property suites in this folder
 * and for other tools that want to fuzz the engine (`placement-engine/arbitraries`).
 *
 * Everything is generated twice over:
 * - as Kubernetes-shaped plain objects (`nodeObjectArb`, `podSpecObjectArb`, `podObjectArb`, ...),
 *   exactly what a manifest or `kubectl get -o json` would hold — counterexamples then read as manifests;
 * - as decoded model objects (`nodeArb`, `nodesArb`, `podPlacementArb`, `workloadArb`), run through
 *   the real decoders of src/model.
 *
 * Keys and values come from a SMALL vocabulary so that labels collide across nodes and requirements
 * hit them: numeric values with leading zeros, int64 extremes, signs and non-integers, keys such as
 * `__proto__` and `constructor` (objects are built with `Object.fromEntries`, so those stay own
 * properties), a label called `metadata.name`. Pods cover every operator, invalid ones included
 * (`in`, wrong value counts, non-integer or negative Gt/Lt thresholds), matchFields on
 * `metadata.name` with 0/1/2 values and unknown keys, empty terms, empty term lists, absent blocks,
 * preferred terms with weights 0..100, and tolerations in every form.
 *
 * Node names in `nodeObjectsArb` are unique and non-empty, as API validation requires; a nameless
 * node (`metadata.name: ""`, which upstream treats specially for matchFields) appears only in the
 * separately named `nodeObjectsWithNamelessArb` / `nodesWithNamelessArb`.
 */
import fc from 'fast-check';
import { Decoder, type JsonObject } from '../src/model/decode.js';
import { decodeNode } from '../src/model/decode-node.js';
import { decodePodPlacement } from '../src/model/decode-pod.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import type { Node, PodPlacement, Workload } from '../src/model/types.js';
import { decodeWorkload } from '../src/model/workload.js';
import { decodePodObject } from '../src/model/decode-daemonset.js';
import type { PodObject } from '../src/model/daemonset-types.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Label keys nodes carry and requirements ask about. `__proto__` is an invalid key (so a requirement on it breaks its term) but a fine map key. */
export const labelKeys = [
  'zone',
  'tier',
  'num',
  'example.com/team',
  'kubernetes.io/hostname',
  'metadata.name',
  'constructor',
  '__proto__',
] as const;

/** Keys only requirements use: invalid label keys (the term breaks) and a key no node has. */
export const oddRequirementKeys = ['', 'Bad Key', '-x', 'a/b/c', 'absent-key'] as const;

/** Numeric-looking values: leading zeros, int64 max and overflow, signs (invalid label values), a non-integer. */
export const numericValues = ['0', '007', '7', '42', '9223372036854775807', '9223372036854775808', '-3', '+5', 'x'] as const;

/** Label values: few, so nodes share them; numeric ones for Gt/Lt. */
export const labelValues = ['', 'a', 'b', 'A', ...numericValues] as const;

/** Extra values that only pods use: not a valid label value, or not an integer. */
export const oddValues = ['1.5', ' 5', 'a b', '-0'] as const;

/** Node names. The first few are the ones pods pin; the rest make large node sets. */
export const nodeNames: readonly string[] = Array.from({ length: 100 }, (_, i) => `n${i}`);

/** Node names pods mention (matchFields, nodeName): a few real ones, one no node has, and the empty string. */
export const podNodeNames = ['n0', 'n1', 'n2', 'n3', 'missing', ''] as const;

/** Taint keys; the unschedulable one is what cordons stand for. */
export const taintKeys = ['dedicated', 'gpu', 'zone', 'node.kubernetes.io/unschedulable', 'node.kubernetes.io/not-ready'] as const;

/** Taint values, including canonical and non-canonical integers for toleration Gt/Lt. */
export const taintValues = ['', 'a', 'b', '0', '5', '42', '-3', '007', '9223372036854775807'] as const;

/** Every taint effect. */
export const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** Node-affinity operators, valid and invalid. */
export const validOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
export const invalidOperators = ['in', 'notin', 'exists', 'Equals', '', 'GT'] as const;

/** Toleration operators: empty means Equal; wrong case tolerates nothing; Gt/Lt depend on a feature gate. */
export const tolerationOperators = ['', 'Equal', 'Exists', 'exists', 'equal', 'Gt', 'Lt', 'In'] as const;

/** Toleration effects: empty matches every effect; a wrong-case one matches none. */
export const tolerationEffects = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute', 'noschedule'] as const;

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

/** Builds a plain object from entries as JSON.parse would: `__proto__` becomes an own property. */
export function objectFromEntries(entries: readonly (readonly [string, unknown])[]): JsonObject {
  return Object.fromEntries(entries) as JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Nodes (plain objects)
// ---------------------------------------------------------------------------------------------

export const labelKeyArb: fc.Arbitrary<string> = pick(labelKeys);
export const labelValueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: pick(['a', 'b', '7', '42'] as const) },
  { weight: 2, arbitrary: pick(labelValues) },
);

/** `metadata.labels`: 0..5 entries with colliding keys and values. */
export const labelsObjectArb: fc.Arbitrary<JsonObject> = fc
  .uniqueArray(fc.tuple(labelKeyArb, labelValueArb), { maxLength: 5, selector: ([k]) => k })
  .map(objectFromEntries);

/** A taint as in a manifest (`value` sometimes omitted, which reads as ""). */
export const taintObjectArb: fc.Arbitrary<JsonObject> = fc
  .tuple(pick(taintKeys), fc.option(pick(taintValues), { nil: undefined, freq: 4 }), pick(taintEffects))
  .map(([key, value, effect]) => (value === undefined ? { key, effect } : { key, value, effect }));

/** A node's taints, unique by key and effect (the API server rejects duplicates). */
export const taintsObjectArb: fc.Arbitrary<JsonObject[]> = fc.uniqueArray(taintObjectArb, {
  maxLength: 3,
  selector: (t) => `${String(t['key'])}\u0000${String(t['effect'])}`,
});

/**
 * The images nodes hold, with sizes around ImageLocality's thresholds (23Mi; 1000Mi per container).
 * A name has one size everywhere: kube-scheduler's cache keeps the size of the first node that
 * reported a name, so with differing sizes an engine updated in place and one built afresh may
 * rightly disagree. Pods run `busybox` (`busybox:latest`) and `registry.local:5000/app` untagged.
 */
export const imageCatalogue: readonly JsonObject[] = Object.freeze([
  { names: ['busybox:latest'], sizeBytes: 10 * 2 ** 20 },
  { names: ['nginx:1.25'], sizeBytes: 300 * 2 ** 20 },
  { names: ['app:v1', 'registry.local:5000/app:latest'], sizeBytes: 2000 * 2 ** 20 },
  { names: ['other:v9'], sizeBytes: 23 * 2 ** 20 },
  { names: ['empty:v0'], sizeBytes: 0 },
]);

/** A node's `status.images`: 0..3 entries of the {@link imageCatalogue}. */
export const nodeImagesObjectArb: fc.Arbitrary<JsonObject[]> = fc.uniqueArray(pick(imageCatalogue), { maxLength: 3 });

/** A node's `status.allocatable` for the scores: cpu and memory each sometimes absent or zero, pods always. */
export const scoringAllocatableObjectArb: fc.Arbitrary<JsonObject> = fc
  .record({ cpu: fc.option(pick(['0', '500m', '1', '2', '4', '64']), { nil: undefined }), memory: fc.option(pick(['0', '512Mi', '1Gi', '2Gi', '64Gi']), { nil: undefined }) })
  .map(({ cpu, memory }) => objectFromEntries([...(cpu !== undefined ? [['cpu', cpu] as const] : []), ...(memory !== undefined ? [['memory', memory] as const] : []), ['pods', '110']]));

/** A node's `status`: allocatable and images, each sometimes absent (what the resource scores read). */
export const nodeStatusObjectArb: fc.Arbitrary<JsonObject | undefined> = fc.option(
  fc.record({ allocatable: scoringAllocatableObjectArb, images: nodeImagesObjectArb }, { requiredKeys: [] }),
  { nil: undefined, freq: 3 },
);

/** One Node object with the given name; labels, taints, `spec.unschedulable` and `status` are sometimes absent. */
export function nodeObjectArbNamed(name: string): fc.Arbitrary<JsonObject> {
  return fc
    .record(
      {
        labels: labelsObjectArb,
        taints: fc.oneof({ weight: 3, arbitrary: fc.constant([] as JsonObject[]) }, { weight: 2, arbitrary: taintsObjectArb }),
        unschedulable: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        omit: fc.record({ labels: fc.boolean(), taints: fc.boolean(), unschedulable: fc.boolean() }),
        status: nodeStatusObjectArb,
      },
    )
    .map(({ labels, taints, unschedulable, omit, status }) => {
      const metadata: JsonObject = { name };
      if (!(omit.labels && Object.keys(labels).length === 0)) metadata['labels'] = labels;
      const spec: JsonObject = {};
      if (!(omit.taints && taints.length === 0)) spec['taints'] = taints;
      if (!(omit.unschedulable && !unschedulable)) spec['unschedulable'] = unschedulable;
      return { apiVersion: 'v1', kind: 'Node', metadata, spec, ...(status ? { status } : {}) };
    });
}

/** A Node object named from `names` (default: the first 12 node names). */
export function nodeObjectArb(names: readonly string[] = nodeNames.slice(0, 12)): fc.Arbitrary<JsonObject> {
  return pick(names).chain(nodeObjectArbNamed);
}

/** The name of a Node object. */
export function nodeObjectName(object: JsonObject): string {
  const metadata = object['metadata'] as JsonObject | undefined;
  return String(metadata?.['name'] ?? '');
}

/** Options of the node-set arbitraries. */
export interface NodeSetOptions {
  readonly minNodes?: number;
  readonly maxNodes?: number;
  /** Names to draw from; they also bound the set size. */
  readonly names?: readonly string[];
}

/** A list of Node objects with unique, non-empty names (what validation allows). */
export function nodeObjectListArb(options: NodeSetOptions = {}): fc.Arbitrary<JsonObject[]> {
  const names = options.names ?? nodeNames.slice(0, 12);
  return fc.uniqueArray(nodeObjectArb(names), {
    minLength: options.minNodes ?? 0,
    maxLength: Math.min(options.maxNodes ?? 8, names.length),
    selector: nodeObjectName,
  });
}

/**
 * Node sets: mostly small (0..8 nodes, names n0..n11, so pods pin them often), sometimes large
 * (20..70 nodes) so the index grows past one word and label-value sets turn dense.
 */
export const nodeObjectsArb: fc.Arbitrary<JsonObject[]> = fc.oneof(
  { weight: 5, arbitrary: nodeObjectListArb({ maxNodes: 8 }) },
  { weight: 1, arbitrary: nodeObjectListArb({ minNodes: 20, maxNodes: 70, names: nodeNames }) },
);

/**
 * NOT VALID INPUT: node sets that may contain nodes with an empty name (`metadata.name: ""`, one
 * or several). Validation forbids them; upstream's matchers still define what they do (a nameless
 * node has no fields, so every matchFields requirement passes).
 */
export const nodeObjectsWithNamelessArb: fc.Arbitrary<JsonObject[]> = fc
  .tuple(nodeObjectListArb({ maxNodes: 6 }), fc.array(nodeObjectArbNamed(''), { minLength: 1, maxLength: 2 }), fc.nat())
  .map(([named, nameless, at]) => {
    const out = [...named];
    for (const [i, node] of nameless.entries()) out.splice((at + i * 7) % (out.length + 1), 0, node);
    return out;
  });

// ---------------------------------------------------------------------------------------------
// Pods (plain objects)
// ---------------------------------------------------------------------------------------------

const valuesFor = (operator: string): fc.Arbitrary<string[] | undefined> => {
  switch (operator) {
    case 'In':
    case 'NotIn':
      return fc.uniqueArray(labelValueArb, { minLength: 1, maxLength: 3 });
    case 'Exists':
    case 'DoesNotExist':
      return fc.constantFrom(undefined, [] as string[]);
    case 'Gt':
    case 'Lt':
      return fc.oneof({ weight: 4, arbitrary: pick(['0', '5', '7', '007', '41', '42', '9223372036854775807'] as const) }, { weight: 1, arbitrary: pick(numericValues) }).map((v) => [v]);
    default:
      return fc.constant(undefined);
  }
};

/** Any values list: wrong counts, invalid label values, non-integers, negative thresholds. */
const anyValuesArb: fc.Arbitrary<string[] | undefined> = fc.option(fc.array(fc.oneof(pick(labelValues), pick(oddValues)), { maxLength: 3 }), { nil: undefined, freq: 5 });

/** A `matchExpressions` entry that parses (valid operator, key, value count and values). */
export const validRequirementObjectArb: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.constantFrom('zone', 'tier', 'num', 'example.com/team', 'metadata.name', 'constructor'), pick(validOperators))
  .chain(([key, operator]) =>
    valuesFor(operator).map((values): JsonObject => (values === undefined ? { key, operator } : { key, operator, values })),
  );

/** A `matchExpressions` entry of any shape: invalid operators, keys, value counts and values included. */
export const anyRequirementObjectArb: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.oneof(labelKeyArb, pick(oddRequirementKeys)), fc.oneof(pick(validOperators), pick(invalidOperators)), anyValuesArb)
  .map(([key, operator, values]): JsonObject => (values === undefined ? { key, operator } : { key, operator, values }));

/** `matchExpressions` entries: mostly valid, sometimes anything. */
export const requirementObjectArb: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 6, arbitrary: validRequirementObjectArb },
  { weight: 1, arbitrary: anyRequirementObjectArb },
);

/** A `matchFields` entry: mostly `metadata.name In/NotIn [one name]`; also 0 or 2 values, unknown keys and operators. */
export const fieldRequirementObjectArb: fc.Arbitrary<JsonObject> = fc
  .record({
    key: fc.oneof({ weight: 8, arbitrary: fc.constant('metadata.name') }, { weight: 1, arbitrary: pick(['metadata.namespace', 'spec.nodeName', ''] as const) }),
    operator: fc.oneof({ weight: 8, arbitrary: pick(['In', 'NotIn'] as const) }, { weight: 1, arbitrary: pick(['in', 'Exists', 'Gt'] as const) }),
    values: fc.oneof(
      { weight: 8, arbitrary: pick(podNodeNames).map((v) => [v]) },
      { weight: 1, arbitrary: fc.constant([] as string[]) },
      { weight: 1, arbitrary: fc.uniqueArray(pick(podNodeNames), { minLength: 2, maxLength: 2 }) },
    ),
  })
  .map(({ key, operator, values }): JsonObject => ({ key, operator, values }));

/**
 * A `NodeSelectorTerm`: usually expressions, sometimes fields or both; sometimes empty
 * (`{}`, `{matchExpressions: []}`, `null` lists), which matches no node.
 */
export const termObjectArb: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 8, arbitrary: fc.array(requirementObjectArb, { minLength: 1, maxLength: 3 }).map((matchExpressions): JsonObject => ({ matchExpressions })) },
  { weight: 2, arbitrary: fc.array(fieldRequirementObjectArb, { minLength: 1, maxLength: 2 }).map((matchFields): JsonObject => ({ matchFields })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.array(requirementObjectArb, { minLength: 1, maxLength: 2 }), fc.array(fieldRequirementObjectArb, { minLength: 1, maxLength: 2 }))
      .map(([matchExpressions, matchFields]): JsonObject => ({ matchExpressions, matchFields })),
  },
  { weight: 1, arbitrary: fc.constantFrom<JsonObject>({}, { matchExpressions: [] }, { matchExpressions: [], matchFields: [] }, { matchExpressions: null }) },
);

/** `requiredDuringSchedulingIgnoredDuringExecution`: 1..3 terms, or an empty / absent term list (matches no node). */
export const requiredObjectArb: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 10, arbitrary: fc.array(termObjectArb, { minLength: 1, maxLength: 3 }).map((nodeSelectorTerms): JsonObject => ({ nodeSelectorTerms })) },
  { weight: 1, arbitrary: fc.constantFrom<JsonObject>({ nodeSelectorTerms: [] }, {}) },
);

/** A `PreferredSchedulingTerm` with weight 0..100 (0 is skipped by the scheduler, even when invalid). */
export const preferredTermObjectArb: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 100 }) }, { weight: 1, arbitrary: fc.constant(0) }), termObjectArb)
  .map(([weight, preference]): JsonObject => ({ weight, preference }));

/** `spec.affinity`: absent blocks at every level, required and/or preferred node affinity. */
export const affinityObjectArb: fc.Arbitrary<JsonObject | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<JsonObject>({}, { nodeAffinity: {} }) },
  {
    weight: 10,
    arbitrary: fc
      .record(
        { required: requiredObjectArb, preferred: fc.array(preferredTermObjectArb, { maxLength: 3 }) },
        { requiredKeys: [] },
      )
      .map(({ required, preferred }): JsonObject => {
        const nodeAffinity: JsonObject = {};
        if (required !== undefined) nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] = required;
        if (preferred !== undefined) nodeAffinity['preferredDuringSchedulingIgnoredDuringExecution'] = preferred;
        return { nodeAffinity };
      }),
  },
);

/** `spec.nodeSelector`: absent, `{}`, or 1..3 equalities (keys include `__proto__`, values include ""). */
export const nodeSelectorObjectArb: fc.Arbitrary<JsonObject | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant({} as JsonObject) },
  { weight: 3, arbitrary: fc.uniqueArray(fc.tuple(labelKeyArb, labelValueArb), { minLength: 1, maxLength: 3, selector: ([k]) => k }).map(objectFromEntries) },
);

/** A toleration of any form: empty key + Exists, empty operator/effect, wrong case, Gt/Lt, tolerationSeconds. */
export const tolerationObjectArb: fc.Arbitrary<JsonObject> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record(
        {
          key: fc.oneof({ weight: 4, arbitrary: pick(taintKeys) }, { weight: 1, arbitrary: fc.constantFrom('', 'tier') }),
          operator: fc.oneof({ weight: 4, arbitrary: pick(['', 'Equal', 'Exists'] as const) }, { weight: 2, arbitrary: pick(tolerationOperators) }),
          value: pick(taintValues),
          effect: pick(tolerationEffects),
          tolerationSeconds: fc.constantFrom(0, 300, -1),
        },
        { requiredKeys: [] },
      )
      .map((t): JsonObject => objectFromEntries(Object.entries(t).filter(([, v]) => v !== undefined))),
  },
  // The canonical forms people write.
  {
    weight: 1,
    arbitrary: fc.constantFrom<JsonObject>(
      { operator: 'Exists' },
      { operator: 'Exists', effect: 'NoSchedule' },
      { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Equal', value: 'a', effect: 'NoSchedule' },
    ),
  },
  // Gt/Lt tolerations (feature-gated) against numeric taint values.
  {
    weight: 1,
    arbitrary: fc
      .record({ key: pick(['dedicated', 'gpu'] as const), operator: pick(['Gt', 'Lt'] as const), value: pick(['0', '5', '41', '-3', '007', '+5', 'x'] as const), effect: pick(['', 'NoSchedule', 'NoExecute'] as const) })
      .map((t): JsonObject => ({ ...t })),
  },
);

/** `spec.tolerations`: absent or 0..4 tolerations. */
export const tolerationsObjectArb: fc.Arbitrary<JsonObject[] | undefined> = fc.option(fc.array(tolerationObjectArb, { maxLength: 4 }), { nil: undefined, freq: 4 });

/** A container's image (untagged names get `:latest`) and cpu / memory requests, each sometimes absent. */
const containerObjectArb = (name: string): fc.Arbitrary<JsonObject> =>
  fc
    .record({
      image: pick(['busybox', 'nginx:1.25', 'app:v1', 'registry.local:5000/app', 'other:v9', 'absent:v1']),
      cpu: fc.option(pick(['0', '100m', '250m', '1', '3']), { nil: undefined, freq: 2 }),
      memory: fc.option(pick(['0', '64Mi', '200Mi', '1Gi', '3Gi']), { nil: undefined, freq: 2 }),
    })
    .map(({ image, cpu, memory }) => {
      const requests = objectFromEntries([...(cpu !== undefined ? [['cpu', cpu] as const] : []), ...(memory !== undefined ? [['memory', memory] as const] : [])]);
      return { name, image, ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}) };
    });

/** A pod's containers: one or two (what NodeResourcesFit, BalancedAllocation and ImageLocality score). */
export const containersObjectArb: fc.Arbitrary<JsonObject[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null).map((): JsonObject[] => [{ name: 'app', image: 'busybox' }]) },
  { weight: 3, arbitrary: fc.tuple(containerObjectArb('app')).map((c) => [...c]) },
  { weight: 1, arbitrary: fc.tuple(containerObjectArb('app'), containerObjectArb('sidecar')).map((c) => [...c]) },
);

/** The placement fields of a pod spec, as written in a manifest, and its containers. */
export const podSpecObjectArb: fc.Arbitrary<JsonObject> = fc
  .record({
    nodeName: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: pick(podNodeNames) }),
    nodeSelector: nodeSelectorObjectArb,
    affinity: affinityObjectArb,
    tolerations: tolerationsObjectArb,
    containers: containersObjectArb,
  })
  .map((spec): JsonObject => {
    const out: JsonObject = { containers: [{ name: 'app', image: 'busybox' }] };
    for (const [key, value] of Object.entries(spec)) if (value !== undefined) out[key] = value;
    return out;
  });

/**
 * Pod spec fields that placement does not evaluate (volumes the volume plugins check and ones they
 * ignore, resource claims, scheduling gates, a scheduler name, pod affinity and anti-affinity terms,
 * topology spread constraints, requests and host ports), merged into `spec`, with the field paths
 * (relative to the spec) an answer must list for them. `spec.nodeName` is listed too when set.
 */
export function withUnevaluatedFieldsArb(spec: JsonObject): fc.Arbitrary<{ spec: JsonObject; fields: string[] }> {
  const volumeArb = fc.constantFrom<[string, JsonObject]>(
    ['persistentVolumeClaim', { claimName: 'data' }],
    ['ephemeral', { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } }],
    ['csi', { driver: 'secrets-store.csi.k8s.io' }],
    ['gcePersistentDisk', { pdName: 'disk' }],
    ['awsElasticBlockStore', { volumeID: 'vol' }],
    ['rbd', { image: 'i', monitors: ['m'] }],
    ['iscsi', { iqn: 'iqn.x', lun: 0, targetPortal: 't' }],
    ['configMap', { name: 'cfg' }],
    ['emptyDir', {}],
    ['hostPath', { path: '/var/log' }],
  );
  const termArb = fc.record({ labelSelector: fc.constant({ matchLabels: { app: 'db' } }), topologyKey: fc.constantFrom('kubernetes.io/hostname', 'zone') });
  const rulesArb = fc.record({ required: fc.array(termArb, { maxLength: 2 }), preferred: fc.array(termArb.map((podAffinityTerm) => ({ weight: 10, podAffinityTerm })), { maxLength: 2 }) });
  const spreadArb = fc.record({ maxSkew: fc.integer({ min: 1, max: 3 }), topologyKey: fc.constantFrom('zone', 'kubernetes.io/hostname'), whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'), labelSelector: fc.constant({ matchLabels: { app: 'db' } }) });
  return fc
    .record({
      volumes: fc.array(volumeArb, { maxLength: 4 }),
      claims: fc.nat({ max: 2 }),
      gates: fc.nat({ max: 2 }),
      schedulerName: fc.constantFrom(undefined, '', 'default-scheduler', 'volcano'),
      podAffinity: fc.option(rulesArb, { nil: undefined }),
      podAntiAffinity: fc.option(rulesArb, { nil: undefined }),
      spread: fc.array(spreadArb, { maxLength: 2 }),
      requests: fc.boolean(),
      hostPort: fc.boolean(),
    })
    .map((g) => {
      const out: JsonObject = { ...spec };
      const fields: string[] = typeof spec['nodeName'] === 'string' && spec['nodeName'] !== '' ? ['nodeName'] : [];
      if (g.schedulerName !== undefined) out['schedulerName'] = g.schedulerName;
      if (g.schedulerName === 'volcano') fields.push('schedulerName');
      if (g.gates > 0) {
        out['schedulingGates'] = Array.from({ length: g.gates }, (_, i) => ({ name: `example.com/gate-${i}` }));
        fields.push('schedulingGates');
      }
      out['resourceClaims'] = Array.from({ length: g.claims }, (_, i) => ({ name: `claim-${i}`, resourceClaimTemplateName: 'gpu' }));
      fields.push(...Array.from({ length: g.claims }, (_, i) => `resourceClaims[${i}]`));
      out['volumes'] = g.volumes.map(([source, value], i) => ({ name: `v${i}`, [source]: value }));
      g.volumes.forEach(([source], i) => {
        if (!['configMap', 'emptyDir', 'hostPath'].includes(source)) fields.push(`volumes[${i}].${source}`);
      });
      const port = g.hostPort ? { ports: [{ containerPort: 9100, hostPort: 9100 }] } : {};
      const resources = g.requests ? { resources: { requests: { cpu: '100m' } } } : {};
      out['containers'] = [{ name: 'app', image: 'busybox', ...resources, ...port }];
      if (g.requests) fields.push('containers[*].resources.requests');
      if (g.hostPort) fields.push('containers[0].ports[0].hostPort');
      const affinity: JsonObject = { ...(spec['affinity'] as JsonObject | undefined) };
      for (const [key, rules] of [['podAffinity', g.podAffinity], ['podAntiAffinity', g.podAntiAffinity]] as const) {
        if (!rules) continue;
        affinity[key] = { requiredDuringSchedulingIgnoredDuringExecution: rules.required, preferredDuringSchedulingIgnoredDuringExecution: rules.preferred };
        fields.push(...rules.required.map((_, i) => `affinity.${key}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
        fields.push(...rules.preferred.map((_, i) => `affinity.${key}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`));
      }
      if (Object.keys(affinity).length > 0) out['affinity'] = affinity;
      if (g.spread.length > 0) out['topologySpreadConstraints'] = g.spread;
      fields.push(...g.spread.map((_, i) => `topologySpreadConstraints[${i}]`));
      return { spec: out, fields };
    });
}

/** A whole Pod manifest around a pod spec. */
export function podObjectFromSpec(spec: JsonObject, name = 'p'): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec };
}

/** A Pod manifest. */
export const podObjectArb: fc.Arbitrary<JsonObject> = podSpecObjectArb.map((spec) => podObjectFromSpec(spec));

/** kube-scheduler feature gates that change answers. */
export const featureGatesArb: fc.Arbitrary<FeatureGates> = fc.boolean().map((on) => Object.freeze({ TaintTolerationComparisonOperators: on }));

// ---------------------------------------------------------------------------------------------
// Decoded model objects
// ---------------------------------------------------------------------------------------------

function decoded<T>(what: string, object: unknown, read: (d: Decoder) => T): T {
  const d = new Decoder();
  const value = read(d);
  if (d.errors.length > 0) throw new Error(`generated ${what} does not decode: ${JSON.stringify(d.errors)} in ${JSON.stringify(object)}`);
  return value;
}

/** A Node object → the model's Node (through the real decoder). */
export function decodeNodeObject(object: JsonObject): Node {
  return decoded('node', object, (d) => decodeNode(d, object));
}

/** A pod spec object → the model's PodPlacement. */
export function decodePodSpec(spec: JsonObject): PodPlacement {
  return decoded('pod spec', spec, (d) => decodePodPlacement(d, spec, 'spec.'));
}

/** A pod spec object → a Pod workload (`kind: Pod`, `specPath: 'spec.'`), as `decodeWorkload` builds it. */
export function workloadFromSpec(spec: JsonObject, name = 'p'): Workload {
  const result = decodeWorkload(podObjectFromSpec(spec, name));
  if (!result.ok) throw new Error(`generated pod does not decode: ${JSON.stringify(result.errors)} in ${JSON.stringify(spec)}`);
  return result.workload;
}

export const nodeArb: fc.Arbitrary<Node> = nodeObjectArb().map(decodeNodeObject);
export const nodesArb: fc.Arbitrary<Node[]> = nodeObjectsArb.map((list) => list.map(decodeNodeObject));
/** NOT VALID INPUT: decoded node sets that may contain nameless nodes (see {@link nodeObjectsWithNamelessArb}). */
export const nodesWithNamelessArb: fc.Arbitrary<Node[]> = nodeObjectsWithNamelessArb.map((list) => list.map(decodeNodeObject));
export const podPlacementArb: fc.Arbitrary<PodPlacement> = podSpecObjectArb.map(decodePodSpec);
export const workloadArb: fc.Arbitrary<Workload> = podSpecObjectArb.map((spec) => workloadFromSpec(spec));

// ---------------------------------------------------------------------------------------------
// Adversarial node sets: nodes built from what a pod asks for
// ---------------------------------------------------------------------------------------------

/** The label keys, label values (with Gt/Lt thresholds ±1) and node names a pod spec object mentions. */
export function mentionedBy(spec: JsonObject): { keys: string[]; values: Map<string, string[]>; names: string[] } {
  const values = new Map<string, Set<string>>();
  const names = new Set<string>();
  const note = (key: string, value?: string): void => {
    let set = values.get(key);
    if (!set) values.set(key, (set = new Set()));
    if (value === undefined) return;
    set.add(value);
    if (/^[+-]?[0-9]+$/.test(value)) {
      const n = BigInt(value);
      for (const m of [n - 1n, n, n + 1n]) set.add(m.toString());
    }
  };
  const selector = spec['nodeSelector'];
  if (selector && typeof selector === 'object') for (const [k, v] of Object.entries(selector)) note(k, String(v));
  const terms: unknown[] = [];
  const affinity = spec['affinity'] as JsonObject | undefined;
  const nodeAffinity = affinity?.['nodeAffinity'] as JsonObject | undefined;
  const required = nodeAffinity?.['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject | undefined;
  if (Array.isArray(required?.['nodeSelectorTerms'])) terms.push(...(required['nodeSelectorTerms'] as unknown[]));
  const preferred = nodeAffinity?.['preferredDuringSchedulingIgnoredDuringExecution'];
  if (Array.isArray(preferred)) for (const p of preferred) terms.push((p as JsonObject | null)?.['preference']);
  for (const term of terms) {
    if (!term || typeof term !== 'object') continue;
    const t = term as JsonObject;
    for (const rq of Array.isArray(t['matchExpressions']) ? (t['matchExpressions'] as JsonObject[]) : []) {
      const key = String(rq['key'] ?? '');
      note(key);
      for (const v of Array.isArray(rq['values']) ? (rq['values'] as unknown[]) : []) note(key, String(v));
    }
    for (const rq of Array.isArray(t['matchFields']) ? (t['matchFields'] as JsonObject[]) : []) {
      for (const v of Array.isArray(rq['values']) ? (rq['values'] as unknown[]) : []) if (String(v) !== '') names.add(String(v));
    }
  }
  if (typeof spec['nodeName'] === 'string' && spec['nodeName'] !== '') names.add(spec['nodeName']);
  return { keys: [...values.keys()], values: new Map([...values].map(([k, v]) => [k, [...v]])), names: [...names] };
}

/**
 * Node sets aimed at a pod: named after the names it pins, labelled with the keys and values it
 * mentions (thresholds ±1 included), untainted and not cordoned — the nodes most likely to fit it.
 */
export function nodeObjectsFittingArb(spec: JsonObject, maxNodes = 8): fc.Arbitrary<JsonObject[]> {
  const m = mentionedBy(spec);
  const names = [...new Set([...m.names, ...nodeNames.slice(0, 6)])];
  const keys = [...new Set([...m.keys, 'zone', 'num'])];
  const labelArb = fc
    .subarray(keys)
    .chain((present) =>
      fc.tuple(...present.map((key) => fc.tuple(fc.constant(key), fc.constantFrom(...(m.values.get(key) ?? []), ...labelValues)))),
    )
    .map((entries) => objectFromEntries(entries));
  const nodeArbFor = (name: string) => labelArb.map((labels): JsonObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {} }));
  return fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: Math.min(maxNodes, names.length) }).chain((chosen) => fc.tuple(...chosen.map(nodeArbFor)));
}

// ---------------------------------------------------------------------------------------------
// DaemonSets (plain objects): nodes with the taints and conditions node lifecycle sets, and
// DaemonSet manifests with every update strategy form
// ---------------------------------------------------------------------------------------------

/**
 * Taint keys that matter to DaemonSets: the ones the implicit daemon tolerations cover
 * (network-unavailable only with hostNetwork), and one no implicit toleration covers.
 */
export const daemonTaintKeys = [
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/unschedulable',
  'node.kubernetes.io/network-unavailable',
  'node.kubernetes.io/out-of-service',
] as const;

/** A taint keyed like node lifecycle's (any effect, value mostly empty). */
export const daemonTaintObjectArb: fc.Arbitrary<JsonObject> = fc
  .tuple(pick(daemonTaintKeys), fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick(taintValues) }), pick(taintEffects))
  .map(([key, value, effect]): JsonObject => (value === '' ? { key, effect } : { key, value, effect }));

/** Node conditions; the DaemonSet controller must never read them. */
export const nodeConditionTypes = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'] as const;

/** `status.conditions`: 0..5 conditions, unique by type, each True / False / Unknown. */
export const nodeConditionsObjectArb: fc.Arbitrary<JsonObject[]> = fc
  .uniqueArray(fc.tuple(pick(nodeConditionTypes), pick(['True', 'False', 'Unknown'] as const)), { maxLength: 5, selector: ([type]) => type })
  .map((list) => list.map(([type, status]): JsonObject => ({ type, status })));

/** Taints unique by key and effect: the later of two equal keys+effects wins. */
export function uniqueTaints(taints: readonly JsonObject[]): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const t of taints) byKey.set(`${String(t['key'])}\u0000${String(t['effect'])}`, t);
  return [...byKey.values()];
}

/** A Node object as {@link nodeObjectArbNamed}, plus (sometimes) daemon-relevant taints and conditions. */
export function daemonNodeObjectArbNamed(name: string): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(
      nodeObjectArbNamed(name),
      fc.oneof({ weight: 3, arbitrary: fc.constant([] as JsonObject[]) }, { weight: 1, arbitrary: fc.array(daemonTaintObjectArb, { minLength: 1, maxLength: 2 }) }),
      fc.option(nodeConditionsObjectArb, { nil: undefined, freq: 2 }),
    )
    .map(([node, extra, conditions]) => {
      const spec = { ...((node['spec'] as JsonObject | undefined) ?? {}) };
      if (extra.length > 0) spec['taints'] = uniqueTaints([...((spec['taints'] as JsonObject[] | undefined) ?? []), ...extra]);
      const out: JsonObject = { ...node, spec };
      if (conditions !== undefined) out['status'] = { conditions };
      return out;
    });
}

/** Node objects for DaemonSet suites: unique names drawn from `names` (default n0..n11). */
export function daemonNodeObjectListArb(options: NodeSetOptions = {}): fc.Arbitrary<JsonObject[]> {
  const names = options.names ?? nodeNames.slice(0, 12);
  return fc.uniqueArray(pick(names), { minLength: options.minNodes ?? 0, maxLength: Math.min(options.maxNodes ?? 8, names.length) }).chain((chosen) =>
    chosen.length === 0 ? fc.constant([] as JsonObject[]) : fc.tuple(...chosen.map(daemonNodeObjectArbNamed)),
  );
}

/** A toleration of any form ({@link tolerationObjectArb}), or one for a daemon taint key. */
export const daemonTolerationObjectArb: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 3, arbitrary: tolerationObjectArb },
  {
    weight: 1,
    arbitrary: fc
      .record(
        {
          key: pick(daemonTaintKeys),
          operator: pick(['', 'Equal', 'Exists'] as const),
          value: fc.constantFrom('', 'a'),
          effect: pick(tolerationEffects),
          tolerationSeconds: fc.constantFrom(0, 60, -1),
        },
        { requiredKeys: ['key', 'operator'] },
      )
      .map((t): JsonObject => objectFromEntries(Object.entries(t).filter(([, v]) => v !== undefined))),
  },
);

/**
 * A DaemonSet's pod template spec: sometimes just tolerations (fits most nodes), otherwise any
 * pod spec ({@link podSpecObjectArb}: nodeName, nodeSelector, affinity terms of every shape); plus
 * `hostNetwork` (which decides the network-unavailable implicit toleration).
 */
export const daemonPodSpecObjectArb: fc.Arbitrary<JsonObject> = fc
  .tuple(
    fc.oneof({ weight: 2, arbitrary: fc.constant({ containers: [{ name: 'app', image: 'busybox' }] } as JsonObject) }, { weight: 3, arbitrary: podSpecObjectArb }),
    fc.option(fc.array(daemonTolerationObjectArb, { maxLength: 4 }), { nil: undefined, freq: 3 }),
    fc.option(fc.boolean(), { nil: undefined, freq: 3 }),
  )
  .map(([spec, tolerations, hostNetwork]) => {
    const out: JsonObject = { ...spec };
    if (tolerations !== undefined) out['tolerations'] = [...((spec['tolerations'] as JsonObject[] | undefined) ?? []), ...tolerations];
    if (hostNetwork !== undefined) out['hostNetwork'] = hostNetwork;
    return out;
  });

/** An int-or-percent (`maxUnavailable`, `maxSurge`): 0..3, or 0%..100%. */
export const intOrPercentObjectArb: fc.Arbitrary<number | string> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom('0%', '10%', '25%', '50%', '100%') },
);

/**
 * `spec.updateStrategy`: absent (defaults RollingUpdate 1/0), OnDelete, RollingUpdate with or
 * without a `rollingUpdate` block, and surge; both budgets zero is included (validation rejects
 * it, the controller then falls back to maxUnavailable 1).
 */
export const updateStrategyObjectArb: fc.Arbitrary<JsonObject | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constant({ type: 'OnDelete' } as JsonObject) },
  {
    weight: 6,
    arbitrary: fc
      .record({ maxUnavailable: intOrPercentObjectArb, maxSurge: intOrPercentObjectArb, omit: fc.constantFrom('none', 'maxUnavailable', 'maxSurge', 'block') })
      .map(({ maxUnavailable, maxSurge, omit }): JsonObject => {
        if (omit === 'block') return { type: 'RollingUpdate' };
        const rollingUpdate: JsonObject = {};
        if (omit !== 'maxUnavailable') rollingUpdate['maxUnavailable'] = maxUnavailable;
        if (omit !== 'maxSurge') rollingUpdate['maxSurge'] = maxSurge;
        return { type: 'RollingUpdate', rollingUpdate };
      }),
  },
);

/** The selector and template labels of generated DaemonSets. */
export const daemonSelectorLabels: Readonly<Record<string, string>> = Object.freeze({ app: 'daemon' });

/** Options of {@link daemonSetObjectArb}. */
export interface DaemonSetObjectOptions {
  readonly spec?: fc.Arbitrary<JsonObject>;
  readonly strategy?: fc.Arbitrary<JsonObject | undefined>;
}

/**
 * A DaemonSet manifest (`default/ds`, uid `ds-uid`) selecting `app=daemon`: template spec from
 * {@link daemonPodSpecObjectArb}, strategy from {@link updateStrategyObjectArb}, minReadySeconds
 * 0/5/30, and sometimes the deprecated template-generation annotation.
 */
export function daemonSetObjectArb(options: DaemonSetObjectOptions = {}): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      spec: options.spec ?? daemonPodSpecObjectArb,
      strategy: options.strategy ?? updateStrategyObjectArb,
      minReadySeconds: fc.constantFrom(0, 0, 5, 30),
      generation: fc.option(fc.constantFrom('1', '2'), { nil: undefined, freq: 4 }),
    })
    .map(({ spec, strategy, minReadySeconds, generation }): JsonObject => {
      const metadata: JsonObject = { name: 'ds', namespace: 'default', uid: 'ds-uid' };
      if (generation !== undefined) metadata['annotations'] = { 'deprecated.daemonset.template.generation': generation };
      const dsSpec: JsonObject = {
        selector: { matchLabels: { ...daemonSelectorLabels } },
        template: { metadata: { labels: { ...daemonSelectorLabels } }, spec },
      };
      if (strategy !== undefined) dsSpec['updateStrategy'] = strategy;
      if (minReadySeconds !== 0) dsSpec['minReadySeconds'] = minReadySeconds;
      return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: dsSpec };
    });
}

// ---------------------------------------------------------------------------------------------
// Resources, host ports and the pods already running (NodePorts, NodeResourcesFit)
// ---------------------------------------------------------------------------------------------

/** Resources requested and offered: the core three, an extended resource and hugepages. */
export const resourceNames = ['cpu', 'memory', 'ephemeral-storage', 'nvidia.com/gpu', 'hugepages-2Mi'] as const;
const amountsOf: Readonly<Record<(typeof resourceNames)[number], readonly string[]>> = {
  cpu: ['0', '100m', '250m', '500m', '1', '1500m', '2', '4'],
  memory: ['0', '64Mi', '200Mi', '1Gi', '2Gi', '4Gi'],
  'ephemeral-storage': ['0', '1Gi', '10Gi'],
  'nvidia.com/gpu': ['0', '1', '2'],
  'hugepages-2Mi': ['0', '2Mi', '4Mi'],
};

/** A `requests` object of up to three resources. */
export const requestsObjectArb: fc.Arbitrary<JsonObject> = fc
  .subarray([...resourceNames], { maxLength: 3 })
  .chain((names) => fc.tuple(...names.map((n) => pick(amountsOf[n]))).map((values) => objectFromEntries(names.map((n, i) => [n, values[i]]))));

/** A node's `status.allocatable`: small nodes, so generated pods fill them; `pods` from 0 to 4. */
export const allocatableObjectArb: fc.Arbitrary<JsonObject> = fc
  .record({
    cpu: pick(['0', '1', '2', '4', '8']),
    memory: pick(['0', '1Gi', '4Gi', '8Gi']),
    'ephemeral-storage': pick(['0', '10Gi', '100Gi']),
    pods: pick(['0', '1', '2', '4', '110']),
    'nvidia.com/gpu': fc.option(pick(['1', '2']), { nil: undefined }),
    'hugepages-2Mi': fc.option(pick(['0', '4Mi']), { nil: undefined }),
  })
  .map((a) => objectFromEntries(Object.entries(a).filter(([, v]) => v !== undefined)));

/** A host port a container binds: few ports, protocols and IPs, so they collide. */
export const hostPortObjectArb: fc.Arbitrary<JsonObject> = fc
  .record({ port: pick([80, 443, 9100]), protocol: pick([undefined, 'TCP', 'UDP']), hostIP: pick([undefined, '0.0.0.0', '127.0.0.1', '10.0.0.1']) })
  .map(({ port, protocol, hostIP }) => objectFromEntries([['containerPort', port], ['hostPort', port], ...(protocol ? [['protocol', protocol] as const] : []), ...(hostIP ? [['hostIP', hostIP] as const] : [])]));

const portIdentity = (p: JsonObject): string => `${String(p['hostPort'])}/${String(p['protocol'] ?? 'TCP')}/${String(p['hostIP'] ?? '')}`;

/** A container with requests (extended resources and hugepages limited to their request, as validation wants). */
function containerObject(name: string, requests: JsonObject, ports: readonly JsonObject[], sidecar: boolean): JsonObject {
  const limits = objectFromEntries(Object.entries(requests).filter(([k]) => k.includes('/') || k.startsWith('hugepages-')));
  return {
    name,
    image: 'busybox',
    resources: { requests, ...(Object.keys(limits).length > 0 ? { limits } : {}) },
    ...(ports.length > 0 ? { ports } : {}),
    ...(sidecar ? { restartPolicy: 'Always' } : {}),
  };
}

/**
 * The resource fields of a pod spec: containers with requests and host ports, init containers
 * (some restartable: sidecars) and sometimes `overhead`. Host ports are unique within the pod, as
 * validation requires. Hugepages come with a cpu request (validation wants cpu or memory).
 */
export const podResourcesObjectArb: fc.Arbitrary<JsonObject> = fc
  .record({
    containers: fc.array(requestsObjectArb, { minLength: 1, maxLength: 3 }),
    inits: fc.array(fc.tuple(requestsObjectArb, fc.boolean()), { maxLength: 2 }),
    ports: fc.uniqueArray(hostPortObjectArb, { maxLength: 2, selector: portIdentity }),
    overhead: fc.option(fc.record({ cpu: pick(['100m', '250m']) }), { nil: undefined, freq: 4 }),
  })
  .map(({ containers, inits, ports, overhead }) => {
    const withCpu = (r: JsonObject): JsonObject => ('hugepages-2Mi' in r && !('cpu' in r) ? { ...r, cpu: '100m' } : r);
    // The ports go to the first container, or to a sidecar when there is one.
    const sidecarAt = inits.findIndex(([, sidecar]) => sidecar);
    const initContainers = inits.map(([r, sidecar], i) => containerObject(`i${i}`, withCpu(r), i === sidecarAt ? ports : [], sidecar));
    const appContainers = containers.map((r, i) => containerObject(`c${i}`, withCpu(r), i === 0 && sidecarAt < 0 ? ports : [], false));
    return { containers: appContainers, ...(initContainers.length > 0 ? { initContainers } : {}), ...(overhead ? { overhead } : {}) };
  });

/** A pod spec: generated placement fields and generated resource fields. */
export const podSpecWithResourcesObjectArb: fc.Arbitrary<JsonObject> = fc
  .tuple(podSpecObjectArb, podResourcesObjectArb)
  .map(([placement, resources]) => ({ ...placement, ...resources }));

/** A Node object with `status.allocatable`. */
export function nodeWithAllocatableArbNamed(name: string): fc.Arbitrary<JsonObject> {
  return fc.tuple(nodeObjectArbNamed(name), allocatableObjectArb).map(([node, allocatable]) => ({ ...node, status: { allocatable, capacity: allocatable } }));
}

/** Node sets with allocatable (unique names from `names`). */
export function nodesWithAllocatableArb(options: NodeSetOptions = {}): fc.Arbitrary<JsonObject[]> {
  const names = options.names ?? nodeNames.slice(0, 8);
  return fc
    .uniqueArray(pick(names), { minLength: options.minNodes ?? 0, maxLength: Math.min(options.maxNodes ?? 6, names.length) })
    .chain((chosen) => (chosen.length === 0 ? fc.constant([]) : fc.tuple(...chosen.map(nodeWithAllocatableArbNamed))));
}

/** A pod of the cluster (`kubectl get pods -A` item): bound to one of `nodeNames` (or none, or a missing node), some finished. */
export function clusterPodObjectArb(nodes: readonly string[] = nodeNames.slice(0, 8)): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      name: pick(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']),
      namespace: pick(['default', 'kube-system']),
      nodeName: fc.oneof({ weight: 8, arbitrary: pick(nodes) }, { weight: 1, arbitrary: pick(['', 'missing']) }),
      phase: fc.oneof({ weight: 6, arbitrary: fc.constant('Running') }, { weight: 1, arbitrary: pick(['Pending', 'Succeeded', 'Failed', '']) }),
      resources: podResourcesObjectArb,
    })
    .map(({ name, namespace, nodeName, phase, resources }) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace },
      spec: { ...resources, ...(nodeName ? { nodeName } : {}) },
      status: phase ? { phase } : {},
    }));
}

/** Cluster pods with unique namespace/name. */
export function clusterPodObjectsArb(nodes: readonly string[] = nodeNames.slice(0, 8), maxPods = 10): fc.Arbitrary<JsonObject[]> {
  const identity = (p: JsonObject): string => JSON.stringify([(p['metadata'] as JsonObject)['namespace'], (p['metadata'] as JsonObject)['name']]);
  return fc.uniqueArray(clusterPodObjectArb(nodes), { maxLength: maxPods, selector: identity });
}

/** A cluster Pod object → the model's PodObject (through the real decoder). */
export function decodeClusterPod(object: JsonObject): PodObject {
  const { pod, errors } = decodePodObject(object);
  if (!pod) throw new Error(`generated pod does not decode: ${JSON.stringify(errors)} in ${JSON.stringify(object)}`);
  return pod;
}

/** The pod-to-pod generators (InterPodAffinity, PodTopologySpread): clusters with running pods, incoming pods with constraints. */
export * as podToPod from './pod-to-pod-arbitraries.js';
