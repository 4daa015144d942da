/**
 * Builders for the pod-to-pod tests, shaped like kube-scheduler's test wrappers
 * (pkg/scheduler/testing `st.MakePod()...Obj()`, `st.MakeNode()`), so ported upstream cases read
 * like the originals. Objects go through the real decoders. Namespaces default to `""` as in
 * upstream tests (real manifests default to `default`). Not a test file itself.
 */
import { decodeNode } from '../model/decode-node.js';
import { decodePodObject } from '../model/decode-daemonset.js';
import { decodePodPlacement } from '../model/decode-pod.js';
import { Decoder, type JsonObject } from '../model/decode.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import type { NamespaceObject, SelectingObject } from '../model/pod-affinity-types.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node, Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import type { PodController } from '../model/workload-pod.js';
import type { ExistingPod, IncomingPod, PodToPodCluster } from '../semantics/pod-to-pod-inputs.js';

/** `st.PodAffinityWithRequiredReq` / `st.PodAffinityWithPreferredReq` (preferred terms get weight 1). */
export type TermKind = 'required' | 'preferred';

type Expression = { key: string; operator: string; values?: string[] };

/** A pod under construction, `st.MakePod()` style. */
export class PodBuilder {
  private readonly metadata: JsonObject = { name: '' };
  private ns = '';
  private readonly labelMap: Record<string, string> = {};
  private readonly spec: JsonObject = {};
  private terminatingPod = false;

  name(name: string): this {
    this.metadata['name'] = name;
    return this;
  }
  namespace(ns: string): this {
    this.ns = ns;
    return this;
  }
  label(key: string, value: string): this {
    this.labelMap[key] = value;
    return this;
  }
  labels(labels: Record<string, string>): this {
    Object.assign(this.labelMap, labels);
    return this;
  }
  node(name: string): this {
    this.spec['nodeName'] = name;
    return this;
  }
  terminating(): this {
    this.terminatingPod = true;
    return this;
  }
  nodeSelector(selector: Record<string, string>): this {
    this.spec['nodeSelector'] = selector;
    return this;
  }
  /** `NodeAffinityIn` / `NodeAffinityNotIn`: one required node selector term. */
  nodeAffinity(key: string, operator: 'In' | 'NotIn', values: string[]): this {
    this.spec['affinity'] = { ...(this.spec['affinity'] as JsonObject | undefined), nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator, values }] }] } } };
    return this;
  }
  taintToleration(toleration: JsonObject): this {
    this.spec['tolerations'] = [...((this.spec['tolerations'] as JsonObject[] | undefined) ?? []), toleration];
    return this;
  }
  /** Adds a whole PodAffinityTerm (as JSON) to `podAffinity` or `podAntiAffinity`. */
  term(anti: boolean, kind: TermKind, term: JsonObject, weight = 1): this {
    const affinity = (this.spec['affinity'] as JsonObject | undefined) ?? {};
    const field = anti ? 'podAntiAffinity' : 'podAffinity';
    const rules = (affinity[field] as JsonObject | undefined) ?? {};
    const list = kind === 'required' ? 'requiredDuringSchedulingIgnoredDuringExecution' : 'preferredDuringSchedulingIgnoredDuringExecution';
    const entry = kind === 'required' ? term : { weight, podAffinityTerm: term };
    rules[list] = [...((rules[list] as JsonObject[] | undefined) ?? []), entry];
    this.spec['affinity'] = { ...affinity, [field]: rules };
    return this;
  }
  private expr(anti: boolean, kind: TermKind, topologyKey: string, expression: Expression): this {
    return this.term(anti, kind, { labelSelector: { matchExpressions: [expression] }, topologyKey });
  }
  podAffinityIn(key: string, topologyKey: string, values: string[], kind: TermKind): this {
    return this.expr(false, kind, topologyKey, { key, operator: 'In', values });
  }
  podAffinityNotIn(key: string, topologyKey: string, values: string[], kind: TermKind): this {
    return this.expr(false, kind, topologyKey, { key, operator: 'NotIn', values });
  }
  podAffinityExists(key: string, topologyKey: string, kind: TermKind): this {
    return this.expr(false, kind, topologyKey, { key, operator: 'Exists' });
  }
  podAntiAffinityIn(key: string, topologyKey: string, values: string[], kind: TermKind): this {
    return this.expr(true, kind, topologyKey, { key, operator: 'In', values });
  }
  podAntiAffinityNotIn(key: string, topologyKey: string, values: string[], kind: TermKind): this {
    return this.expr(true, kind, topologyKey, { key, operator: 'NotIn', values });
  }
  podAntiAffinityExists(key: string, topologyKey: string, kind: TermKind): this {
    return this.expr(true, kind, topologyKey, { key, operator: 'Exists' });
  }
  /** `SpreadConstraint(maxSkew, key, action, selector, minDomains, nodeAffinityPolicy, nodeTaintsPolicy, matchLabelKeys)`. */
  spreadConstraint(maxSkew: number, topologyKey: string, whenUnsatisfiable: string, labelSelector: JsonObject | null, minDomains?: number, nodeAffinityPolicy?: string, nodeTaintsPolicy?: string, matchLabelKeys?: string[]): this {
    const constraint: JsonObject = { maxSkew, topologyKey, whenUnsatisfiable, labelSelector };
    if (minDomains !== undefined) constraint['minDomains'] = minDomains;
    if (nodeAffinityPolicy !== undefined) constraint['nodeAffinityPolicy'] = nodeAffinityPolicy;
    if (nodeTaintsPolicy !== undefined) constraint['nodeTaintsPolicy'] = nodeTaintsPolicy;
    if (matchLabelKeys !== undefined) constraint['matchLabelKeys'] = matchLabelKeys;
    this.spec['topologySpreadConstraints'] = [...((this.spec['topologySpreadConstraints'] as JsonObject[] | undefined) ?? []), constraint];
    return this;
  }

  /** The pod as a Kubernetes object. */
  json(): JsonObject {
    const metadata = { ...this.metadata, namespace: this.ns, labels: { ...this.labelMap }, ...(this.terminatingPod ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) };
    return { kind: 'Pod', metadata, spec: this.spec, status: { phase: 'Running' } };
  }

  /** As a pod already in the cluster (decoded by the cluster pod decoder). */
  existing(): ExistingPod {
    const { pod, errors } = decodePodObject({ ...this.json(), metadata: { ...(this.json()['metadata'] as JsonObject), name: this.metadata['name'] || 'pod' } });
    if (!pod) throw new Error(`test pod does not decode: ${JSON.stringify(errors)}`);
    return { ...pod, name: this.metadata['name'] as string, namespace: this.ns };
  }

  /** As the pod being placed. */
  incoming(controller?: PodController): IncomingPod {
    const d = new Decoder();
    const placement = decodePodPlacement(d, this.spec, 'spec.');
    if (d.errors.length > 0) throw new Error(`test pod does not decode: ${JSON.stringify(d.errors)}`);
    return { namespace: this.ns, labels: new Map(Object.entries(this.labelMap)), placement, specPath: 'spec.', ...(controller ? { controller } : {}), controllerAddedLabels: [] };
  }
}

/** `st.MakePod()`. */
export const makePod = (): PodBuilder => new PodBuilder();

/** `st.MakeNode().Name(name).Label(...)...Taints(...)`. */
export function makeNode(name: string, labels: Record<string, string> = {}, taints: JsonObject[] = []): Node {
  const d = new Decoder();
  const node = decodeNode(d, { metadata: { name, labels }, spec: { taints } });
  if (d.errors.length > 0) throw new Error(`test node does not decode: ${JSON.stringify(d.errors)}`);
  return node;
}

/** `st.MakeLabelSelector().Exists(key).Obj()`. */
export const exists = (key: string): JsonObject => ({ matchExpressions: [{ key, operator: 'Exists' }] });

/** A Namespace object. */
export const namespace = (name: string, labels: Record<string, string> = {}): NamespaceObject => ({ name, labels: new Map(Object.entries(labels)) });

/** The cluster of a test case. */
export function cluster(nodes: Node[], pods: PodBuilder[] = [], extra: { namespaces?: NamespaceObject[]; selectingObjects?: SelectingObject[] } = {}): PodToPodCluster {
  return { nodes, pods: pods.map((p) => p.existing()), gates: defaultFeatureGates, ...extra };
}

/** The builder's pod as a running pod given to the engine (`pods`). */
export function runningPod(b: PodBuilder): PodObject {
  const { pod, errors } = decodePodObject(b.json());
  if (!pod) throw new Error(`test pod does not decode: ${JSON.stringify(errors)}`);
  return pod;
}

/** The builder's pod as the workload the engine places, named `incoming`, with one container. */
export function incomingWorkload(b: PodBuilder): Workload {
  const json = b.json();
  const decoded = decodeWorkload({ ...json, metadata: { ...(json['metadata'] as object), name: 'incoming' }, spec: { ...(json['spec'] as object), containers: [{ name: 'c', image: 'i' }] } });
  if (!decoded.ok) throw new Error(`test workload does not decode: ${JSON.stringify(decoded.errors)}`);
  return decoded.workload;
}
