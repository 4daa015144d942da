/**
 * NodePorts and NodeResourcesFit, the default profile's filters after NodeAffinity, over the pods
 * already running (the cluster-pods store). Two forms, which must agree (property-tested):
 * per node, through the semantics functions (`fitsRequest`, `findPortConflict`), for the reference
 * evaluator and explanations; and as passes over the store's typed columns and its port index,
 * yielding sets, for the indexed engine.
 */
import type { ClusterPods } from '../node-index/cluster-pods.js';
import { countBits, forEachBit, setBit, type Bits } from '../node-index/bitset.js';
import type { Node } from '../model/types.js';
import type { HostPort } from '../semantics/host-ports.js';
import { describePortConflict, ErrReasonNodePorts, findPortConflict } from '../semantics/node-ports.js';
import { describeInsufficientResource } from '../semantics/resources/fit-details.js';
import {
  fitsRequest,
  insufficientResourceReason,
  ReasonInsufficientCPU,
  ReasonInsufficientEphemeralStorage,
  ReasonInsufficientMemory,
  ReasonTooManyPods,
} from '../semantics/resources/fit.js';
import type { NodeUsage } from '../semantics/resources/node-usage.js';
import { requestsNothing, type PodDemand } from '../semantics/resources/pod-demand.js';
import { allocatableResource } from '../semantics/resources/resource.js';
import type { FilterFailure } from './filters.js';

/** The failures of both filters on one node, in order: NodePorts, then one per insufficient resource. */
export function resourceFailures(demand: PodDemand, pods: ClusterPods, node: Node): FilterFailure[] {
  return resourceFailuresWith(demand, pods.usageOf(node.name), node);
}

/** {@link resourceFailures} against a given usage of the node (e.g. with some pods gone). */
export function resourceFailuresWith(demand: PodDemand, usage: NodeUsage, node: Node): FilterFailure[] {
  const out: FilterFailure[] = [];
  const conflict = findPortConflict(demand.hostPorts, usage.ports);
  if (conflict) out.push({ filter: 'NodePorts', reason: ErrReasonNodePorts, details: [describePortConflict(conflict)] });
  for (const r of fitsRequest(demand.request, allocatableResource(node.allocatable), usage)) {
    out.push({ filter: 'NodeResourcesFit', reason: r.reason, details: [describeInsufficientResource(r)] });
  }
  return out;
}

/** The two filters' failing sets over the store's columns, and NodeResourcesFit's set per reason. */
export interface ResourceFailing {
  readonly ports: Bits;
  readonly fit: Bits;
  /** Per reason, in upstream's order (pods, cpu, memory, ephemeral-storage, scalars by name), its nodes. */
  readonly byReason: ReadonlyMap<string, Bits>;
}

/**
 * Adds to `out` the nodes of `among` where host port `p` is in use: through the (protocol, port) →
 * nodes index when fewer nodes hold the port than `among` has, else node by node over `among` (a
 * port every node holds, such as node-exporter's 9100, against a DaemonSet's few new pods).
 */
export function addPortConflicts(p: HostPort, pods: ClusterPods, among: Bits, out: Bits): void {
  const index = pods.index;
  if (pods.portHolderCount(p.protocol, p.port) > countBits(among, index.liveWords)) {
    forEachBit(among, index.liveWords, (id) => {
      if (pods.usageAt(id).ports.conflicts(p)) setBit(out, id);
    });
    return;
  }
  for (const name of pods.nodesHoldingPort(p.protocol, p.port)) {
    const id = index.idOf(name);
    if (id !== undefined && (among[id >>> 5]! & (1 << (id & 31))) !== 0 && pods.usageOf(name).ports.conflicts(p)) setBit(out, id);
  }
}

/**
 * Judges the nodes of `among` (the live nodes, or only the candidates left by the label rules when
 * that is cheaper): NodePorts from the (protocol, port) → nodes index, NodeResourcesFit as one
 * comparison per requested resource against the free-capacity columns.
 */
export function resourceFailingIndexed(demand: PodDemand, pods: ClusterPods, among: Bits, words: number): ResourceFailing {
  const index = pods.index;
  const ports = new Uint32Array(index.words);
  for (const p of demand.hostPorts) addPortConflicts(p, pods, among, ports);
  const r = demand.request;
  const tooMany = new Uint32Array(index.words);
  const cpu = r.milliCPU > 0 ? new Uint32Array(index.words) : undefined;
  const memory = r.memory > 0 ? new Uint32Array(index.words) : undefined;
  const ephemeral = r.ephemeralStorage > 0 ? new Uint32Array(index.words) : undefined;
  const scalars = [...r.scalar].filter(([, amount]) => amount !== 0).map(([name, amount]) => ({ name, amount, set: new Uint32Array(index.words) }));
  const { freePods, freeMilliCPU, freeMemory, freeEphemeralStorage } = pods;
  forEachBit(among, words, (id) => {
    if (freePods[id]! < 1) setBit(tooMany, id);
    if (cpu && r.milliCPU > freeMilliCPU[id]!) setBit(cpu, id);
    if (memory && r.memory > freeMemory[id]!) setBit(memory, id);
    if (ephemeral && r.ephemeralStorage > freeEphemeralStorage[id]!) setBit(ephemeral, id);
    if (scalars.length === 0) return;
    const capacity = pods.allocatableAt(id).scalar;
    const usage = pods.usageAt(id);
    for (const s of scalars) if (s.amount > (capacity.get(s.name) ?? 0) - usage.requestedScalar(s.name)) setBit(s.set, id);
  });
  const byReason = new Map<string, Bits>([[ReasonTooManyPods, tooMany]]);
  if (cpu) byReason.set(ReasonInsufficientCPU, cpu);
  if (memory) byReason.set(ReasonInsufficientMemory, memory);
  if (ephemeral) byReason.set(ReasonInsufficientEphemeralStorage, ephemeral);
  for (const s of scalars) byReason.set(insufficientResourceReason(s.name), s.set);
  const fit = new Uint32Array(index.words);
  for (const set of byReason.values()) for (let w = 0; w < words; w++) fit[w]! |= set[w]!;
  return { ports, fit, byReason };
}

/**
 * Clears from `out` the nodes failing NodePorts or NodeResourcesFit: the eligibility-only form of
 * {@link resourceFailingIndexed}, one pass over the candidates' words with no per-reason sets.
 */
export function clearResourceFailures(demand: PodDemand, pods: ClusterPods, out: Bits, words: number): void {
  const index = pods.index;
  if (demand.hostPorts.length > 0) {
    const ports = new Uint32Array(index.words);
    for (const p of demand.hostPorts) addPortConflicts(p, pods, out, ports);
    for (let w = 0; w < words; w++) out[w]! &= ~ports[w]!;
  }
  const r = demand.request;
  const { freePods, freeMilliCPU, freeMemory, freeEphemeralStorage } = pods;
  const cpu = r.milliCPU > 0 ? r.milliCPU : Infinity;
  const memory = r.memory > 0 ? r.memory : Infinity;
  const ephemeral = r.ephemeralStorage > 0 ? r.ephemeralStorage : Infinity;
  const scalars = [...r.scalar].filter(([, amount]) => amount !== 0);
  for (let w = 0; w < words; w++) {
    let word = out[w]!;
    let bits = word;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const id = (w << 5) | (31 - Math.clz32(low));
      // A resource the pod does not request is not checked.
      let fails = freePods[id]! < 1 || (cpu !== Infinity && cpu > freeMilliCPU[id]!) || (memory !== Infinity && memory > freeMemory[id]!) || (ephemeral !== Infinity && ephemeral > freeEphemeralStorage[id]!);
      if (!fails && scalars.length > 0) {
        const capacity = pods.allocatableAt(id).scalar;
        const usage = pods.usageAt(id);
        for (const [name, amount] of scalars) if (amount > (capacity.get(name) ?? 0) - usage.requestedScalar(name)) fails = true;
      }
      if (fails) word &= ~low;
    }
    out[w] = word;
  }
}


/**
 * Per node of `among` that fails NodePorts or NodeResourcesFit, the reasons the scheduler records
 * there: NodePorts' alone when a port is taken (it runs first and the chain stops), else one per
 * short resource — read from the failing sets of {@link resourceFailingIndexed}.
 */
export function resourceReasonsIndexed(demand: PodDemand, pods: ClusterPods, among: Bits, words: number): Map<number, string[]> {
  const failing = resourceFailingIndexed(demand, pods, among, words);
  const out = new Map<number, string[]>();
  forEachBit(failing.ports, words, (id) => void out.set(id, [ErrReasonNodePorts]));
  for (const [reason, set] of failing.byReason) {
    forEachBit(set, words, (id) => {
      if ((failing.ports[id >>> 5]! & (1 << (id & 31))) !== 0) return;
      const reasons = out.get(id);
      if (reasons) reasons.push(reason);
      else out.set(id, [reason]);
    });
  }
  return out;
}
