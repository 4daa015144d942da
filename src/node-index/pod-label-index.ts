/**
 * The index of the pods already running, beside the node index, for the pod-to-pod plugins
 * (InterPodAffinity, PodTopologySpread). Each pod gets a stable integer id (freed ids are reused);
 * namespaces and label values map to sets of pod ids, as node labels map to node ids, so "the pods
 * matching selector S in namespaces N" is a few set operations. Each pod remembers its node's id;
 * existing pods' required anti-affinity terms are grouped by term, so the incoming pod is checked
 * once per distinct term instead of once per pod.
 *
 * Which pods count mirrors the scheduler's snapshot: a pod bound to one of the indexed nodes whose
 * phase is neither Succeeded nor Failed (`isAssignedPod`). Pods on nodes the index does not hold
 * are kept and start counting when their node is added.
 */
import type { AffinityTerm } from '../semantics/affinity-term.js';
import { existingPodAffinityInfo } from '../semantics/pod-affinity-info.js';
import type { ExistingPod } from '../semantics/pod-to-pod-inputs.js';
import { isAssignedPod } from '../semantics/resources/assigned-pod.js';
import { clearBit, grownBits, setBit, wordsToHold, type Bits } from './bitset.js';
import { ChurnMap } from './churn-map.js';
import { addId, removeId, resizeIdSet, type IdSet } from './id-set.js';
import type { NodeIndex } from './node-index.js';
import { ScoreTermGroups } from './pod-score-terms.js';

/** Whether the pod has neither pod affinity nor anti-affinity, the only parts of its spec the index reads. */
function withoutPodAffinity(pod: ExistingPod): boolean {
  return !pod.placement.podAffinity && !pod.placement.podAntiAffinity;
}

/** One pod label key: the pods that have it, and the pods with each value. */
export interface PodLabelEntry {
  present: IdSet | undefined;
  readonly values: Map<string, IdSet>;
}

/** Existing pods sharing one required anti-affinity term (same owner namespace, selectors, key and position). */
export interface AntiAffinityGroup {
  readonly signature: string;
  readonly term: AffinityTerm;
  /** `key\0value` of a single-value `In` requirement the selector has (a pod must carry it to match), or `undefined`. */
  readonly anchor: string | undefined;
  /** The owning pods' ids (placed or not: placement is read when the group is evaluated). */
  readonly pods: Set<number>;
}

const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** A term's identity for grouping: everything `AffinityTerm.Matches` and the topology key read, plus its position for explanations. */
function termSignature(term: AffinityTerm): string {
  return JSON.stringify([term.path, [...term.namespaces].sort(), term.namespaceSelector, term.selector, term.topologyKey]);
}

/**
 * The grouped terms of a pod's placement in a namespace. Pods of one workload share their
 * placement object when decoded from one template, so their terms are parsed once.
 */
const termsByPlacement = new WeakMap<object, Map<string, { readonly term: AffinityTerm; readonly signature: string }[]>>();

function groupedTerms(pod: ExistingPod): readonly { readonly term: AffinityTerm; readonly signature: string }[] {
  let byNamespace = termsByPlacement.get(pod.placement);
  if (!byNamespace) termsByPlacement.set(pod.placement, (byNamespace = new Map()));
  let terms = byNamespace.get(pod.namespace);
  if (!terms) {
    terms = existingPodAffinityInfo(pod).requiredAntiAffinity.map((term) => ({ term, signature: termSignature(term) }));
    byNamespace.set(pod.namespace, terms);
  }
  return terms;
}

/** A label the term's selector requires outright, so only pods carrying it need checking against the group. */
function anchorOf(term: AffinityTerm): string | undefined {
  if (term.selector.kind !== 'requirements') return undefined;
  const rq = term.selector.requirements.find((r) => r.operator === 'In' && r.values.length === 1);
  return rq ? `${rq.key}\u0000${rq.values[0]!}` : undefined;
}

function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

/** An incrementally maintained index of existing pods over a {@link NodeIndex}. */
export class PodLabelIndex {
  /** Capacity in 32-bit words; every dense pod set has this length. */
  words = 1;
  /** Ids ever handed out. */
  highWater = 0;
  /** Pod by id (`undefined` for free ids). */
  readonly pods: (ExistingPod | undefined)[] = [];
  /** The node id each pod counts on, -1 when it does not count (not assigned, or its node is not indexed). */
  nodeOf: Int32Array = new Int32Array(32);
  /** Pods that count on an indexed node (InterPodAffinity counts these). */
  placed: Bits = new Uint32Array(1);
  /** Placed pods that are terminating (PodTopologySpread skips these). */
  terminating: Bits = new Uint32Array(1);
  readonly namespaces = new Map<string, IdSet>();
  readonly labels = new Map<string, PodLabelEntry>();
  readonly antiAffinity = new Map<string, AntiAffinityGroup>();
  /** Existing pods' affinity terms that InterPodAffinity scoring reads, grouped by term. */
  readonly scoreTerms = new ScoreTermGroups();
  /** Anti-affinity groups by anchor label, and those without one. */
  private readonly anchoredGroups = new Map<string, Set<AntiAffinityGroup>>();
  private readonly unanchoredGroups = new Set<AntiAffinityGroup>();
  /** Bumped on every change, for callers caching per-evaluation work. */
  version = 0;
  // A removed pod's key keeps its entry (id -1) until swept, so a pod recreated under its name does not
  // re-add a key V8's Map would chain behind its dead entries (see ChurnMap).
  private readonly idByKey = new ChurnMap<string, number>((id) => id < 0);
  /** Assigned pods by node name, indexed or not, so node churn relinks them. */
  private readonly byNodeName = new Map<string, Set<number>>();
  private readonly free: number[] = [];
  /** The anti-affinity group keys of each pod, to unlink on removal. */
  private readonly groupsOf: (string[] | undefined)[] = [];

  constructor(readonly nodes: NodeIndex, pods: Iterable<ExistingPod> = []) {
    for (const pod of pods) this.upsert(pod);
  }

  /** Number of pods held (counted or not). */
  get size(): number {
    return this.idByKey.size;
  }

  /** Words that can hold a live id. */
  get liveWords(): number {
    return (this.highWater + 31) >>> 5;
  }

  idOf(namespace: string, name: string): number | undefined {
    return this.liveId(podKey(namespace, name));
  }

  private liveId(key: string): number | undefined {
    const id = this.idByKey.get(key);
    return id === undefined || id < 0 ? undefined : id;
  }

  /**
   * Adds a pod, or updates the pod of the same namespace/name in place. A bind or a move (only
   * `nodeName` or `phase` changed, same labels and terms) touches only the node link.
   */
  upsert(pod: ExistingPod): number {
    const key = podKey(pod.namespace, pod.name);
    const existing = this.liveId(key);
    this.version++;
    if (existing !== undefined) {
      const old = this.pods[existing]!;
      // Only the pod affinity and anti-affinity terms of the placement are indexed (anti-affinity for
      // the filter, both for the scores): without any on either side, a spec decoded anew (another
      // placement object) is the same to the index.
      if (sameLabels(old.labels, pod.labels) && (old.placement === pod.placement || (withoutPodAffinity(old) && withoutPodAffinity(pod)))) {
        this.unlinkNode(existing, old);
        this.pods[existing] = pod;
        this.linkNode(existing, pod);
        return existing;
      }
      this.removeId(existing, old);
    }
    const id = this.free.pop() ?? this.highWater++;
    this.ensureCapacity(id);
    if (this.idByKey.get(key) !== undefined) this.idByKey.revived();
    this.idByKey.set(key, id);
    this.pods[id] = pod;
    this.namespaces.set(pod.namespace, addId(this.namespaces.get(pod.namespace), id, this.words));
    pod.labels.forEach((value, labelKey) => this.addLabel(id, labelKey, value));
    this.linkGroups(id, pod);
    this.scoreTerms.link(id, pod);
    this.linkNode(id, pod);
    return id;
  }

  /** Removes a pod by namespace and name. */
  remove(namespace: string, name: string): boolean {
    const id = this.liveId(podKey(namespace, name));
    if (id === undefined) return false;
    this.version++;
    this.removeId(id, this.pods[id]!);
    return true;
  }

  /** A node was added to (or renamed into) the node index: its pods start counting. */
  nodeAdded(name: string): void {
    const nodeId = this.nodes.idOf(name);
    if (nodeId === undefined) return;
    this.version++;
    for (const id of this.byNodeName.get(name) ?? []) this.place(id, nodeId);
  }

  /** A node is gone from the node index: its pods stop counting (they stay, and return with the node). */
  nodeRemoved(name: string): void {
    this.version++;
    for (const id of this.byNodeName.get(name) ?? []) this.unplace(id);
  }

  /**
   * The anti-affinity groups whose term could select a pod with these labels: those anchored on
   * one of its labels, and those without an anchor. The caller still checks each term.
   */
  candidateGroups(labels: ReadonlyMap<string, string>): AntiAffinityGroup[] {
    const out = [...this.unanchoredGroups];
    for (const [key, value] of labels) {
      const anchored = this.anchoredGroups.get(`${key}\u0000${value}`);
      if (anchored) out.push(...anchored);
    }
    return out;
  }

  /** The pods of an indexed node, for explanations and tests. */
  podsOnNode(name: string): ExistingPod[] {
    return [...(this.byNodeName.get(name) ?? [])].filter((id) => this.nodeOf[id]! >= 0).map((id) => this.pods[id]!);
  }

  private removeId(id: number, pod: ExistingPod): void {
    this.unlinkNode(id, pod);
    for (const [key, value] of pod.labels) this.removeLabel(id, key, value);
    const ns = removeId(this.namespaces.get(pod.namespace)!, id);
    if (ns === undefined) this.namespaces.delete(pod.namespace);
    else this.namespaces.set(pod.namespace, ns);
    for (const signature of this.groupsOf[id] ?? []) {
      const group = this.antiAffinity.get(signature)!;
      group.pods.delete(id);
      if (group.pods.size === 0) this.dropGroup(group);
    }
    this.groupsOf[id] = undefined;
    this.scoreTerms.unlink(id);
    this.idByKey.set(podKey(pod.namespace, pod.name), -1);
    this.idByKey.idled();
    this.pods[id] = undefined;
    this.free.push(id);
  }

  private linkNode(id: number, pod: ExistingPod): void {
    this.nodeOf[id] = -1;
    if (!isAssignedPod(pod)) return;
    let onNode = this.byNodeName.get(pod.nodeName);
    if (!onNode) this.byNodeName.set(pod.nodeName, (onNode = new Set()));
    onNode.add(id);
    const nodeId = this.nodes.idOf(pod.nodeName);
    if (nodeId !== undefined) this.place(id, nodeId);
  }

  private unlinkNode(id: number, pod: ExistingPod): void {
    if (!isAssignedPod(pod)) return;
    const onNode = this.byNodeName.get(pod.nodeName)!;
    onNode.delete(id);
    if (onNode.size === 0) this.byNodeName.delete(pod.nodeName);
    this.unplace(id);
  }

  private place(id: number, nodeId: number): void {
    this.nodeOf[id] = nodeId;
    setBit(this.placed, id);
    if (this.pods[id]!.deletionTimestamp !== undefined) setBit(this.terminating, id);
  }

  private unplace(id: number): void {
    this.nodeOf[id] = -1;
    clearBit(this.placed, id);
    clearBit(this.terminating, id);
  }

  /** Groups the pod's required anti-affinity terms; a list that does not parse contributes nothing, as the scheduler cache drops it. */
  private linkGroups(id: number, pod: ExistingPod): void {
    if (!pod.placement.podAntiAffinity) return;
    const signatures: string[] = [];
    for (const { term, signature } of groupedTerms(pod)) {
      let group = this.antiAffinity.get(signature);
      if (!group) group = this.addGroup(signature, term);
      group.pods.add(id);
      signatures.push(signature);
    }
    if (signatures.length > 0) this.groupsOf[id] = signatures;
  }

  private addGroup(signature: string, term: AffinityTerm): AntiAffinityGroup {
    const group: AntiAffinityGroup = { signature, term, anchor: anchorOf(term), pods: new Set() };
    this.antiAffinity.set(signature, group);
    if (group.anchor === undefined) this.unanchoredGroups.add(group);
    else {
      let anchored = this.anchoredGroups.get(group.anchor);
      if (!anchored) this.anchoredGroups.set(group.anchor, (anchored = new Set()));
      anchored.add(group);
    }
    return group;
  }

  private dropGroup(group: AntiAffinityGroup): void {
    this.antiAffinity.delete(group.signature);
    if (group.anchor === undefined) this.unanchoredGroups.delete(group);
    else {
      const anchored = this.anchoredGroups.get(group.anchor)!;
      anchored.delete(group);
      if (anchored.size === 0) this.anchoredGroups.delete(group.anchor);
    }
  }

  private addLabel(id: number, key: string, value: string): void {
    let entry = this.labels.get(key);
    if (!entry) this.labels.set(key, (entry = { present: undefined, values: new Map() }));
    entry.present = addId(entry.present, id, this.words);
    const before = entry.values.get(value);
    const after = addId(before, id, this.words);
    if (after !== before) entry.values.set(value, after);
  }

  private removeLabel(id: number, key: string, value: string): void {
    const entry = this.labels.get(key)!;
    entry.present = removeId(entry.present!, id);
    const set = removeId(entry.values.get(value)!, id);
    if (set === undefined) entry.values.delete(value);
    else entry.values.set(value, set);
    if (entry.present === undefined) this.labels.delete(key);
  }

  /** Doubles the capacity until `id` fits, growing every dense set. */
  private ensureCapacity(id: number): void {
    if (id < this.words * 32) return;
    const words = wordsToHold(id, this.words);
    const grow = (bits: Bits): Bits => grownBits(bits, words);
    this.placed = grow(this.placed);
    this.terminating = grow(this.terminating);
    const nodeOf = new Int32Array(words * 32).fill(-1);
    nodeOf.set(this.nodeOf.subarray(0, this.highWater));
    this.nodeOf = nodeOf;
    for (const [ns, set] of this.namespaces) this.namespaces.set(ns, resizeIdSet(set, words));
    for (const entry of this.labels.values()) {
      if (entry.present !== undefined) entry.present = resizeIdSet(entry.present, words);
      for (const [value, set] of entry.values) entry.values.set(value, resizeIdSet(set, words));
    }
    this.words = words;
  }
}
