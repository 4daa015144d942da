/**
 * The pods already running in the cluster, beside the node index, kept as kube-scheduler's cache
 * keeps them: per node, what its pods request and the host ports they hold (`NodeInfo`), and per
 * node id, the free capacity as typed columns so NodeResourcesFit is a pass over numbers.
 *
 * Every change costs O(1) per pod (O(resources + ports) of that pod): a pod added, replaced (moved
 * between nodes, finished) or removed touches its old and new node only, and its demand is computed
 * once per request shape (a replaced pod whose spec asks the same keeps its demand); a node added,
 * replaced or removed in the index touches that node's row only. Pods may name nodes the index does not hold
 * (yet): their usage is kept under the name and counts once the node arrives, as upstream's cache
 * keeps pods of nodes it has not seen.
 */
import type { PodObject } from '../model/daemonset-types.js';
import type { PodResources } from '../model/resource-types.js';
import type { Node } from '../model/types.js';
import { protocolPortKey } from '../semantics/host-ports.js';
import { isAssignedPod } from '../semantics/resources/assigned-pod.js';
import { NodeUsage } from '../semantics/resources/node-usage.js';
import { computePodDemand, type PodDemand } from '../semantics/resources/pod-demand.js';
import { PodDemandCache, sameDemandInputs } from '../semantics/resources/pod-demand-cache.js';
import { allocatableResource, emptyResource, type Resource } from '../semantics/resources/resource.js';
import { ChurnMap } from './churn-map.js';
import type { NodeIndex } from './node-index.js';
import { PodLabelIndex } from './pod-label-index.js';

/** A pod held by the store: where it counts (`''`: nowhere) and what it holds there; `pod` undefined once removed. */
interface HeldPod {
  pod: PodObject | undefined;
  node: string;
  demand: PodDemand;
}

/** The key of a pod: `namespace/name`. */
export const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** What a pod without `resources` (decoded without them) asks: nothing. */
export const noResources: PodResources = Object.freeze({ containers: [], initContainers: [], overhead: undefined, podRequests: undefined, podLimits: undefined });

/** A pod's demand on its own (for one-off judgements such as a DaemonSet's Pending forecast; the store shares demands by shape). */
export function demandOfPod(pod: PodObject): PodDemand {
  return computePodDemand(pod.resources ?? noResources);
}

const emptyUsage = new NodeUsage();

/** The cluster's pods and what they hold on each node. */
export class ClusterPods {
  // Entries of removed pods, emptied nodes and freed ports stay (idle) for a while: see ChurnMap.
  private readonly pods = new ChurnMap<string, HeldPod>((held) => held.pod === undefined);
  /** One demand per request shape: a bind of a known shape computes nothing. */
  private readonly demands = new PodDemandCache();
  private readonly usageByNode = new ChurnMap<string, NodeUsage>((usage) => usage.podCount === 0);
  /** `protocol/port` → node name → pods there holding it (on any IP). Few keys, kept once seen. */
  private readonly portHolders = new Map<string, ChurnMap<string, number>>();
  /** Per node id: allocatable minus requested, in scheduler units (`pods`: allowed minus running). */
  freeMilliCPU = new Float64Array(0);
  freeMemory = new Float64Array(0);
  freeEphemeralStorage = new Float64Array(0);
  freePods = new Float64Array(0);
  /** Per node id: its allocatable (`NewResource(node.Status.Allocatable)`). */
  private allocatableById: Resource[] = [];
  private allocatableOf = new WeakMap<Node, Resource>();
  /** Changes on every pod change and every node change: answers that read the store are current while it holds. */
  version = 0;
  /** Whether pods were given at all (without them every node is empty). */
  given = false;
  /** The same pods by namespace and label, for the pod-to-pod plugins; replaced whole by {@link setPods}, kept in step otherwise. */
  labelIndex: PodLabelIndex;
  /** The held pods by namespace, as of store version `version`; built on first ask after a change. */
  private byNamespace: { version: number; pods: Map<string, PodObject[]> } | undefined;

  constructor(readonly index: NodeIndex) {
    this.labelIndex = new PodLabelIndex(index);
    this.resizeColumns();
    for (let id = 0; id < index.highWater; id++) this.syncRow(id);
  }

  /** How many pods the store holds (assigned or not). */
  get size(): number {
    return this.pods.size;
  }

  /** Replaces every pod. */
  setPods(pods: readonly PodObject[]): void {
    this.pods.clear();
    this.usageByNode.clear();
    this.portHolders.clear();
    for (const pod of pods) {
      const held: HeldPod = { pod, node: '', demand: this.demands.demandOf(pod.resources ?? noResources) };
      this.pods.set(podKey(pod.namespace, pod.name), held);
      this.place(held);
    }
    for (let id = 0; id < this.index.highWater; id++) this.syncRow(id);
    this.labelIndex = new PodLabelIndex(this.index, pods);
    this.given = true;
    this.version++;
  }

  /**
   * Adds or replaces a pod (by namespace and name): a move, a phase change or a new spec frees what it
   * held. A bind allocates nothing: the held entry is updated in place and keeps its demand when the
   * spec asks the same.
   */
  upsertPod(pod: PodObject): void {
    const key = podKey(pod.namespace, pod.name);
    const resources = pod.resources ?? noResources;
    let held = this.pods.get(key);
    if (held === undefined) {
      this.pods.set(key, (held = { pod, node: '', demand: this.demands.demandOf(resources) }));
    } else {
      if (held.pod === undefined) this.pods.revived();
      else this.unplace(held);
      if (held.pod === undefined || !sameDemandInputs(held.pod.resources ?? noResources, resources)) held.demand = this.demands.demandOf(resources);
      held.pod = pod;
    }
    this.place(held);
    this.labelIndex.upsert(pod);
    this.given = true;
    this.version++;
  }

  /** Removes a pod; false when there was none. */
  removePod(namespace: string, name: string): boolean {
    const held = this.pods.get(podKey(namespace, name));
    if (held === undefined || held.pod === undefined) return false;
    this.unplace(held);
    held.pod = undefined;
    this.pods.idled();
    this.labelIndex.remove(namespace, name);
    this.version++;
    return true;
  }

  /** The pod of that namespace and name, if held. */
  pod(namespace: string, name: string): PodObject | undefined {
    return this.pods.get(podKey(namespace, name))?.pod;
  }

  /** The held pods of `namespace` (assigned or not), in no particular order. */
  podsInNamespace(namespace: string): readonly PodObject[] {
    if (this.byNamespace?.version !== this.version) {
      const byNamespace = new Map<string, PodObject[]>();
      for (const held of this.pods.liveValues()) {
        const pod = held.pod!;
        const list = byNamespace.get(pod.namespace);
        if (list) list.push(pod);
        else byNamespace.set(pod.namespace, [pod]);
      }
      this.byNamespace = { version: this.version, pods: byNamespace };
    }
    return this.byNamespace.pods.get(namespace) ?? [];
  }

  /** What the pods on the node of that name use (read-only; empty when none). */
  usageOf(nodeName: string): NodeUsage {
    const usage = this.usageByNode.get(nodeName);
    return usage === undefined || usage.podCount === 0 ? emptyUsage : usage;
  }

  /** What the pods on node `id` use. */
  usageAt(id: number): NodeUsage {
    const node = this.index.nodes[id];
    return node === undefined || node.name === '' ? emptyUsage : this.usageOf(node.name);
  }

  /** Node `id`'s allocatable. */
  allocatableAt(id: number): Resource {
    return this.allocatableById[id] ?? emptyResource;
  }

  /** The names of the nodes where some pod holds `protocol/port` (on any IP). */
  nodesHoldingPort(protocol: string, port: number): Iterable<string> {
    return this.portHolders.get(protocolPortKey(protocol, port))?.liveKeys() ?? [];
  }

  /** How many nodes have some pod holding `protocol/port` (on any IP). */
  portHolderCount(protocol: string, port: number): number {
    return this.portHolders.get(protocolPortKey(protocol, port))?.size ?? 0;
  }

  /** The index changed node `name` (added, replaced or removed): refresh its row. */
  nodeChanged(name: string): void {
    this.resizeColumns();
    const id = this.index.idOf(name);
    if (id !== undefined) this.syncRow(id);
    this.labelIndex.nodeAdded(name);
    this.version++;
  }

  /** The index removed node `name`: its pods stay, and stop counting until it returns. */
  nodeRemoved(name: string): void {
    this.labelIndex.nodeRemoved(name);
    this.version++;
  }

  /** Counts `held` on its pod's node, when the pod is assigned and unfinished, and refreshes that node's row. */
  private place(held: HeldPod): void {
    const pod = held.pod!;
    const node = isAssignedPod(pod) ? pod.nodeName : '';
    held.node = node;
    if (node === '') return;
    let usage = this.usageByNode.get(node);
    if (usage === undefined) this.usageByNode.set(node, (usage = new NodeUsage()));
    else if (usage.podCount === 0) this.usageByNode.revived();
    usage.add(held.demand);
    // Only a pod with host ports touches the port index.
    for (const p of held.demand.hostPorts) this.countPort(protocolPortKey(p.protocol, p.port), node, 1);
    this.syncNamed(node);
  }

  /** Frees what `held` holds on its node, and refreshes that node's row. */
  private unplace(held: HeldPod): void {
    const node = held.node;
    if (node === '') return;
    held.node = '';
    const usage = this.usageByNode.get(node)!;
    usage.remove(held.demand);
    for (const p of held.demand.hostPorts) this.countPort(protocolPortKey(p.protocol, p.port), node, -1);
    this.syncNamed(node);
    if (usage.podCount === 0) this.usageByNode.idled();
  }

  private countPort(key: string, node: string, delta: 1 | -1): void {
    let holders = this.portHolders.get(key);
    if (holders === undefined) this.portHolders.set(key, (holders = new ChurnMap((n) => n === 0)));
    const before = holders.get(node);
    // A port is freed only where it was taken, so a new entry is always a first holder.
    if (before === undefined) return holders.set(node, delta);
    const after = before + delta;
    holders.set(node, after);
    if (after === 0) holders.idled();
    else if (before === 0) holders.revived();
  }

  private syncNamed(name: string): void {
    if (name === '') return;
    const id = this.index.idOf(name);
    if (id !== undefined) this.syncRow(id);
  }

  /** Row `id` = allocatable − usage, computed as `fitsRequest` computes it (same operations, same numbers). */
  private syncRow(id: number): void {
    const node = this.index.nodes[id];
    if (node === undefined) return;
    let allocatable = this.allocatableOf.get(node);
    if (!allocatable) this.allocatableOf.set(node, (allocatable = allocatableResource(node.allocatable)));
    this.allocatableById[id] = allocatable;
    const usage = this.usageAt(id);
    this.freeMilliCPU[id] = allocatable.milliCPU - usage.milliCPU;
    this.freeMemory[id] = allocatable.memory - usage.memory;
    this.freeEphemeralStorage[id] = allocatable.ephemeralStorage - usage.ephemeralStorage;
    this.freePods[id] = allocatable.allowedPodNumber - usage.podCount;
  }

  private resizeColumns(): void {
    const need = this.index.highWater;
    if (this.freeMilliCPU.length >= need) return;
    const size = Math.max(need, this.freeMilliCPU.length * 2, 64);
    const grow = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    this.freeMilliCPU = grow(this.freeMilliCPU);
    this.freeMemory = grow(this.freeMemory);
    this.freeEphemeralStorage = grow(this.freeEphemeralStorage);
    this.freePods = grow(this.freePods);
  }
}
