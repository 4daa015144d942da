/**
 * Shared fixtures for the DaemonSet controller example tests: Kubernetes-shaped DaemonSets, Nodes
 * and Pods as plain objects (decoded with the real decoders), the fixtures of upstream's
 * daemon_controller_test.go (`newDaemonSet`, `newNode`, `newPod`, `addNodes`, `addPods`,
 * `markPodsReady`, `setPodReadiness`), and a fake cluster that applies a sync's creates and deletes
 * the way upstream's fake pod control does, so multi-sync tests run step by step. Time is always
 * injected; nothing reads the wall clock.
 */
import * as assert from 'uvu/assert';
import { createEngine } from '../api/engine.js';
import { Decoder, type JsonObject } from '../model/decode.js';
import { decodeNode } from '../model/decode-node.js';
import { decodeDaemonSet, decodePodObject } from '../model/decode-daemonset.js';
import type { DaemonSet, PodObject } from '../model/daemonset-types.js';
import type { Node, Toleration } from '../model/types.js';
import { addOrUpdateToleration, implicitDaemonTolerations } from '../controllers/daemonset/daemon-pod.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';

export type Labels = Readonly<Record<string, string>>;

// The label sets of upstream's daemon_controller_test.go.
export const simpleDaemonSetLabel: Labels = { name: 'simple-daemon', type: 'production' };
export const simpleDaemonSetLabel2: Labels = { name: 'simple-daemon', type: 'test' };
export const simpleNodeLabel: Labels = { color: 'blue', speed: 'fast' };
export const simpleNodeLabel2: Labels = { color: 'red', speed: 'fast' };

export const noScheduleTolerations: readonly JsonObject[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
export const noScheduleTaints: readonly JsonObject[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
export const noExecuteTaints: readonly JsonObject[] = [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }];

/** The `controller-revision-hash` the tests treat as current unless they say otherwise. */
export const HASH = 'hash-1';
/** The controller clock the tests inject (ms since the epoch). */
export const NOW = Date.parse('2026-03-01T12:00:00Z');

/** Unix seconds → RFC 3339 (upstream tests use `time.Unix(s, 0)`). */
export function unix(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** Unix seconds → ms, for `now`. */
export function unixMs(seconds: number): number {
  return seconds * 1000;
}

const clone = <T>(value: T): T => structuredClone(value);

// ---------- DaemonSets ----------

/** `updateStrategy` values. */
export const onDelete = (): JsonObject => ({ type: 'OnDelete' });
export const rollingUpdate = (maxUnavailable: number | string = 1): JsonObject => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable } });
/** upstream `newUpdateSurge`: maxUnavailable 0, maxSurge as given. */
export const updateSurge = (maxSurge: number | string): JsonObject => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge } });
/** upstream `newUpdateUnavailable`: only maxUnavailable (maxSurge defaults to 0). */
export const updateUnavailable = (maxUnavailable: number | string): JsonObject => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable } });

/** upstream `updateStrategies()`: OnDelete, then RollingUpdate with maxUnavailable 1. */
export function updateStrategies(): { name: string; strategy: JsonObject }[] {
  return [
    { name: 'OnDelete', strategy: onDelete() },
    { name: 'RollingUpdate', strategy: rollingUpdate(1) },
  ];
}

export interface DaemonSetOptions {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly strategy?: JsonObject;
  /** `spec.selector`; default `{matchLabels: simpleDaemonSetLabel}`. */
  readonly selector?: JsonObject;
  readonly templateLabels?: Labels;
  /** Merged over the template's pod spec (`containers` is always present). */
  readonly spec?: JsonObject;
  readonly minReadySeconds?: number;
  readonly deletionTimestamp?: string;
  readonly annotations?: Labels;
}

/** upstream `newDaemonSet(name)`: selector and template labels `simpleDaemonSetLabel`, OnDelete. */
export function dsObject(options: DaemonSetOptions = {}): JsonObject {
  const name = options.name ?? 'foo';
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      uid: options.uid ?? `uid-${name}`,
      ...(options.deletionTimestamp ? { deletionTimestamp: options.deletionTimestamp } : {}),
      ...(options.annotations ? { annotations: { ...options.annotations } } : {}),
    },
    spec: {
      selector: clone(options.selector ?? { matchLabels: { ...simpleDaemonSetLabel } }),
      updateStrategy: clone(options.strategy ?? onDelete()),
      ...(options.minReadySeconds !== undefined ? { minReadySeconds: options.minReadySeconds } : {}),
      template: {
        metadata: { labels: { ...(options.templateLabels ?? simpleDaemonSetLabel) } },
        spec: { containers: [{ name: 'c', image: 'foo/bar' }], ...clone(options.spec ?? {}) },
      },
    },
  };
}

/** Decodes with the real decoder (no API validation: the `{}` selector and 0/0 budgets stay possible). */
export function decodeDs(object: JsonObject): DaemonSet {
  const { daemonset, errors } = decodeDaemonSet(object);
  if (!daemonset) throw new Error(`test DaemonSet does not decode: ${JSON.stringify(errors)}`);
  return daemonset;
}

/** A shorthand: `decodeDs(dsObject(options))`. */
export function newDaemonSet(options: DaemonSetOptions = {}): DaemonSet {
  return decodeDs(dsObject(options));
}

// ---------- Nodes ----------

export interface NodeOptions {
  readonly taints?: readonly JsonObject[];
  readonly unschedulable?: boolean;
  readonly conditions?: readonly JsonObject[];
}

/** upstream `newNode(name, labels)`: Ready, pods allocatable. */
export function nodeObject(name: string, labels?: Labels, options: NodeOptions = {}): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(labels ? { labels: { ...labels } } : {}) },
    spec: {
      ...(options.taints ? { taints: clone(options.taints) } : {}),
      ...(options.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      conditions: clone(options.conditions ?? [{ type: 'Ready', status: 'True' }]),
      allocatable: { pods: '100' },
    },
  };
}

/** upstream `addNodes(store, start, n, labels)`: node-<start> … node-<start+n-1>. */
export function addNodes(start: number, count: number, labels?: Labels, options: NodeOptions = {}): JsonObject[] {
  return Array.from({ length: count }, (_, i) => nodeObject(`node-${start + i}`, labels, options));
}

export function decodeNodes(objects: readonly JsonObject[]): Node[] {
  return objects.map((object) => {
    const d = new Decoder();
    const node = decodeNode(d, object);
    if (d.errors.length > 0) throw new Error(`test node does not decode: ${JSON.stringify(d.errors)}`);
    return node;
  });
}

// ---------- Pods ----------

let podSeq = 0;
/** `names.SimpleNameGenerator.GenerateName`, deterministic. */
export function generateName(prefix: string): string {
  podSeq++;
  return `${prefix}${podSeq.toString(36).padStart(5, '0')}`;
}

export interface PodOptions {
  /** Exact name (default: generated from the prefix). */
  readonly name?: string;
  readonly namespace?: string;
  /** `controller-revision-hash` label when owned by a DaemonSet (default {@link HASH}); `null` drops it. */
  readonly hash?: string | null;
  readonly phase?: string;
  /** Ready condition: a boolean (no lastTransitionTime) or status plus transition time (unix s). */
  readonly ready?: boolean | { readonly status: boolean; readonly at?: number };
  /** creationTimestamp in unix seconds (default: absent, Go's zero time). */
  readonly created?: number;
  /** deletionTimestamp in unix seconds. */
  readonly deleted?: number;
  /** Extra pod spec fields. */
  readonly spec?: JsonObject;
  /** Pins the pod to a node with required node affinity instead of `spec.nodeName`. */
  readonly affinityNode?: string;
  readonly tolerations?: readonly JsonObject[];
}

/** The ownerReference a DaemonSet object puts on its pods. */
function controllerRefOf(ds: JsonObject): JsonObject {
  const metadata = ds['metadata'] as JsonObject;
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', name: metadata['name'], uid: metadata['uid'], controller: true, blockOwnerDeletion: true };
}

function readyCondition(ready: PodOptions['ready']): JsonObject | undefined {
  if (ready === undefined) return undefined;
  const status = typeof ready === 'boolean' ? ready : ready.status;
  const at = typeof ready === 'boolean' ? undefined : ready.at;
  return { type: 'Ready', status: status ? 'True' : 'False', ...(at !== undefined ? { lastTransitionTime: unix(at) } : {}) };
}

/**
 * upstream `newPod(podName, nodeName, labels, ds)`: with a DaemonSet, a controllerRef to it and the
 * current hash label; without, an orphan with exactly the given labels.
 */
export function podObject(prefix: string, nodeName: string, labels: Labels | undefined, ds?: JsonObject, options: PodOptions = {}): JsonObject {
  const podLabels: Record<string, string> = { ...(labels ?? {}) };
  const hash = options.hash === undefined ? HASH : options.hash;
  if (ds && hash !== null) podLabels['controller-revision-hash'] = hash;
  const condition = readyCondition(options.ready);
  const spec: JsonObject = { containers: [{ name: 'c', image: 'foo/bar' }], ...clone(options.spec ?? {}) };
  if (nodeName !== '') spec['nodeName'] = nodeName;
  if (options.affinityNode !== undefined) spec['affinity'] = pinnedAffinity(undefined, options.affinityNode);
  if (options.tolerations) spec['tolerations'] = clone(options.tolerations);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name ?? generateName(prefix),
      namespace: options.namespace ?? 'default',
      labels: podLabels,
      ...(ds ? { ownerReferences: [controllerRefOf(ds)] } : {}),
      ...(options.created !== undefined ? { creationTimestamp: unix(options.created) } : {}),
      ...(options.deleted !== undefined ? { deletionTimestamp: unix(options.deleted) } : {}),
    },
    spec,
    status: { ...(options.phase ? { phase: options.phase } : {}), ...(condition ? { conditions: [condition] } : {}) },
  };
}

/** upstream `addPods(store, nodeName, labels, ds, n)`. */
export function addPods(nodeName: string, labels: Labels, ds: JsonObject | undefined, count: number, options: PodOptions = {}): JsonObject[] {
  return Array.from({ length: count }, () => podObject(`${nodeName}-`, nodeName, labels, ds, options));
}

/** upstream `addFailedPods`. */
export function addFailedPods(nodeName: string, labels: Labels, ds: JsonObject | undefined, count: number): JsonObject[] {
  return addPods(nodeName, labels, ds, count, { phase: 'Failed' });
}

export function decodePods(objects: readonly JsonObject[]): PodObject[] {
  return objects.map((object) => {
    const { pod, errors } = decodePodObject(object);
    if (!pod) throw new Error(`test pod does not decode: ${JSON.stringify(errors)}`);
    return pod;
  });
}

export function podName(pod: JsonObject): string {
  return (pod['metadata'] as JsonObject)['name'] as string;
}

/** `ReplaceDaemonSetPodNodeNameNodeAffinity`: required terms replaced by one `metadata.name In [node]` term. */
function pinnedAffinity(affinity: JsonObject | undefined, node: string): JsonObject {
  const nodeAffinity = (affinity?.['nodeAffinity'] as JsonObject | undefined) ?? {};
  return {
    ...(affinity ?? {}),
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  };
}

// ---------- One sync ----------

export interface SyncRequest {
  /** The current revision hash (default {@link HASH}); `''` means unknown. */
  readonly hash?: string;
  readonly now?: number;
}

/**
 * One controller sync through the engine, as `engine.daemonset` answers it with the indexed
 * evaluator; the reference evaluator must give the very same plan.
 */
export function syncOnce(ds: DaemonSet, nodes: readonly Node[], pods: readonly PodObject[], request: SyncRequest = {}): DaemonSetPlan {
  const options = { revisionHash: request.hash ?? HASH, now: request.now ?? NOW };
  const indexed = createEngine({ nodes }).daemonset(ds, pods, options);
  const reference = createEngine({ nodes, evaluator: 'reference' }).daemonset(ds, pods, options);
  assert.equal(reference, indexed, 'indexed and reference evaluators disagree');
  return indexed;
}

/** `syncOnce` over plain objects. */
export function sync(ds: JsonObject, nodes: readonly JsonObject[], pods: readonly JsonObject[], request: SyncRequest = {}): DaemonSetPlan {
  return syncOnce(decodeDs(ds), decodeNodes(nodes), decodePods(pods), request);
}

/** upstream `expectSyncDaemonSets(..., creates, deletes)`. */
export function expectCounts(plan: DaemonSetPlan, creates: number, deletes: number, message = ''): void {
  assert.equal({ creates: plan.create.length, deletes: plan.delete.length }, { creates, deletes }, `${message} create=${JSON.stringify(plan.create)} delete=${JSON.stringify(plan.delete)}`);
}

// ---------- A fake cluster over several syncs ----------

/**
 * The pod store of upstream's unit tests: a sync's deletes remove pods at once and its creates add
 * unscheduled pods pinned by node affinity, labelled with the current hash and owned by the
 * DaemonSet. `clearExpectations` stamps a zero creationTimestamp with the clock; here created pods
 * get the sync's clock directly.
 */
export class FakeCluster {
  readonly nodes: Node[];
  pods: JsonObject[] = [];

  constructor(nodes: readonly JsonObject[], pods: readonly JsonObject[] = []) {
    this.nodes = decodeNodes(nodes);
    this.pods = pods.map(clone);
  }

  /** Runs one sync and applies it; returns the plan. */
  sync(ds: JsonObject, request: SyncRequest = {}): DaemonSetPlan {
    const plan = syncOnce(decodeDs(ds), this.nodes, decodePods(this.pods), request);
    const deleted = new Set(plan.delete);
    this.pods = this.pods.filter((p) => !deleted.has(podName(p)));
    const now = request.now ?? NOW;
    for (const node of plan.create) this.pods.push(createdPod(ds, node, request.hash ?? HASH, now));
    return plan;
  }

  /** upstream `markPodsReady`: every pod Ready (an unchanged condition keeps its transition time). */
  markPodsReady(now: number = NOW): void {
    for (const pod of this.pods) setReady(pod, true, now);
  }

  /** upstream `setPodReadiness(dsc, ready, count, fn)`: flips `count` live pods that fn selects. */
  setPodReadiness(ready: boolean, count: number, fn: (pod: JsonObject) => boolean, now: number = NOW): void {
    let left = count;
    for (const pod of this.pods) {
      if (left <= 0) break;
      if ((pod['metadata'] as JsonObject)['deletionTimestamp']) continue;
      if (isReady(pod) === ready || !fn(pod)) continue;
      setReady(pod, ready, now);
      left--;
    }
    if (left > 0) throw new Error(`could not mark ${left} pods ready=${ready}`);
  }

  /** Pods by target node (nodeName, else the pinned affinity), for assertions. */
  podsOn(node: string): JsonObject[] {
    return this.pods.filter((p) => targetOf(p) === node);
  }
}

export function labelsOf(pod: JsonObject): Record<string, string> {
  return ((pod['metadata'] as JsonObject)['labels'] as Record<string, string> | undefined) ?? {};
}

export function isReady(pod: JsonObject): boolean {
  const conditions = ((pod['status'] as JsonObject | undefined)?.['conditions'] as JsonObject[] | undefined) ?? [];
  return conditions.some((c) => c['type'] === 'Ready' && c['status'] === 'True');
}

function setReady(pod: JsonObject, ready: boolean, now: number): void {
  const status = (pod['status'] ??= {}) as JsonObject;
  const conditions = ((status['conditions'] ??= []) as JsonObject[]);
  const wanted = ready ? 'True' : 'False';
  const existing = conditions.find((c) => c['type'] === 'Ready');
  if (existing) {
    if (existing['status'] === wanted) return;
    existing['status'] = wanted;
    existing['lastTransitionTime'] = new Date(now).toISOString();
  } else {
    conditions.push({ type: 'Ready', status: wanted, lastTransitionTime: new Date(now).toISOString() });
  }
}

export function targetOf(pod: JsonObject): string | undefined {
  const spec = pod['spec'] as JsonObject;
  if (typeof spec['nodeName'] === 'string' && spec['nodeName'] !== '') return spec['nodeName'];
  const terms = ((((spec['affinity'] as JsonObject | undefined)?.['nodeAffinity'] as JsonObject | undefined)?.['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject | undefined)?.['nodeSelectorTerms'] as JsonObject[] | undefined) ?? [];
  for (const term of terms) {
    for (const field of (term['matchFields'] as JsonObject[] | undefined) ?? []) {
      if (field['key'] === 'metadata.name' && field['operator'] === 'In') return (field['values'] as string[])[0];
    }
  }
  return undefined;
}

function fullToleration(raw: JsonObject): Toleration {
  return {
    key: (raw['key'] as string | undefined) ?? '',
    operator: (raw['operator'] as string | undefined) ?? '',
    value: (raw['value'] as string | undefined) ?? '',
    effect: (raw['effect'] as string | undefined) ?? '',
    ...(typeof raw['tolerationSeconds'] === 'number' ? { tolerationSeconds: raw['tolerationSeconds'] } : {}),
  };
}

/** The pod `syncNodes` creates: `CreatePodTemplate` (labels, implicit tolerations) pinned to the node. */
export function createdPod(ds: JsonObject, node: string, hash: string, now: number): JsonObject {
  const metadata = ds['metadata'] as JsonObject;
  const template = (ds['spec'] as JsonObject)['template'] as JsonObject;
  const spec = clone(template['spec'] as JsonObject);
  let tolerations = ((spec['tolerations'] as JsonObject[] | undefined) ?? []).map(fullToleration);
  for (const t of implicitDaemonTolerations(spec['hostNetwork'] === true)) tolerations = addOrUpdateToleration(tolerations, t);
  const generation = (metadata['annotations'] as Record<string, string> | undefined)?.['deprecated.daemonset.template.generation'];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: generateName(`${metadata['name'] as string}-`),
      namespace: metadata['namespace'],
      labels: {
        ...((template['metadata'] as JsonObject)['labels'] as Labels),
        ...(hash !== '' ? { 'controller-revision-hash': hash } : {}),
        ...(generation !== undefined ? { 'pod-template-generation': generation } : {}),
      },
      creationTimestamp: new Date(now).toISOString(),
      ownerReferences: [controllerRefOf(ds)],
    },
    spec: { ...spec, tolerations, affinity: pinnedAffinity(spec['affinity'] as JsonObject | undefined, node) },
    status: { phase: 'Pending' },
  };
}
