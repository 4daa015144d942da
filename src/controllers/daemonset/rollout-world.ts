/**
 * The cluster a rollout forecast simulates around the DaemonSet controller: the pods, what the
 * controller's writes do to them, and what happens between syncs — created pods turn Ready
 * `readyAfter` after creation, terminating pods are gone at their deletion time, the scheduler
 * binds pending pods, the pod garbage collector removes pods bound to nodes that no longer exist.
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import { isTerminal, targetNodeName } from './claim.js';
import { createdDaemonPod, type CreatedPodTemplate } from './created-pod.js';
import { isPodReady } from './pod-state.js';
import type { DaemonSetPlan } from './sync.js';

/** Why a pod never turns Ready. */
export type NeverReady = { readonly kind: 'pending'; readonly reason: string } | { readonly kind: 'overdue' };

/** What the forecast knows about a pod's future. */
export interface PodClock {
  /** When it turns Ready (ms since the epoch); absent when it is Ready already or never will be. */
  readyAt?: number;
  /** When the controller next syncs to find it available: minReadySeconds + 1 s after it turned Ready. */
  availableAt?: number;
  /** Set when it never turns Ready. */
  never?: NeverReady;
  /** When a terminating pod is gone (ms since the epoch). */
  goneAt?: number;
}

/** The assumptions the world runs on. */
export interface WorldAssumptions {
  readonly readyAfterMs: number;
  /** How long a deleted pod terminates; 0: gone before the next sync. */
  readonly terminationMs: number;
  readonly minReadySeconds: number;
  /** Is there a node of this name? */
  readonly hasNode: (name: string) => boolean;
  /**
   * Why a daemon pod for this node stays Pending (unschedulable), or undefined when it schedules;
   * `beside`: the DaemonSet's other pods bound to the node then (they hold resources and ports there).
   */
  readonly pending: (node: string, beside: readonly PodObject[]) => string | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The pod with every field present, in one order: pods decoded, created and updated by spreads
 * otherwise come in many shapes, and a sync over mixed shapes measured 30% slower (1,000 nodes).
 */
function canonical(pod: PodObject): PodObject {
  return {
    name: pod.name,
    namespace: pod.namespace,
    uid: pod.uid,
    labels: pod.labels,
    controllerRef: pod.controllerRef,
    creationTimestamp: pod.creationTimestamp,
    deletionTimestamp: pod.deletionTimestamp,
    nodeName: pod.nodeName,
    placement: pod.placement,
    tolerations: pod.tolerations,
    phase: pod.phase,
    ready: pod.ready,
  };
}

/** The simulated pods, keyed by name (insertion order kept, so plans see a stable order). */
export class RolloutWorld {
  private readonly pods = new Map<string, PodObject>();
  /** Pods with a future: a time something happens to them, or never Ready. */
  private readonly clocks = new Map<string, PodClock>();
  /** Pods the scheduler or the pod garbage collector still has to deal with (unbound, or bound to a missing node). */
  private readonly housekeeping = new Set<string>();
  private listed: PodObject[] | undefined;
  private seq = 0;
  /** Pods the scheduler could not place yet: tried again whenever the world moves (a pod gone frees its node). */
  private readonly waiting = new Set<string>();
  /** Node name → the pods bound to it (terminating ones included: they hold the node until gone). */
  private readonly boundTo = new Map<string, Set<string>>();

  constructor(
    private readonly ds: DaemonSet,
    private readonly template: CreatedPodTemplate,
    given: readonly PodObject[],
    start: number,
    private readonly assume: WorldAssumptions,
  ) {
    for (const pod of given) this.set(pod.name, pod);
    for (const pod of given) {
      const clock = this.initialClock(pod, start);
      if (clock) this.clocks.set(pod.name, clock);
      if (clock?.never?.kind === 'pending') this.waiting.add(pod.name);
      if (!pod.deletionTimestamp && (pod.nodeName === '' || !assume.hasNode(pod.nodeName))) this.housekeeping.add(pod.name);
    }
  }

  /**
   * A given pod's future: a terminating one is gone at its deletion time; a not-Ready one turns
   * Ready `readyAfter` after its creation, or never if that is past; a Ready one is found
   * available minReadySeconds + 1 s after its transition.
   */
  private initialClock(pod: PodObject, start: number): PodClock | undefined {
    if (pod.deletionTimestamp) {
      const at = Date.parse(pod.deletionTimestamp);
      return { goneAt: Number.isNaN(at) ? start : Math.max(at, start) };
    }
    if (isTerminal(pod)) return undefined;
    if (isPodReady(pod)) {
      const availableAt = this.availableAfter(Date.parse(pod.ready?.lastTransitionTime ?? ''));
      return availableAt !== undefined && availableAt > start ? { availableAt } : undefined;
    }
    const target = targetNodeName(pod);
    const pending = pod.nodeName === '' && target !== undefined ? this.assume.pending(target, this.beside(target)) : undefined;
    if (pending !== undefined) return { never: { kind: 'pending', reason: pending } };
    const readyAt = Date.parse(pod.creationTimestamp) + this.assume.readyAfterMs;
    return Number.isNaN(readyAt) || readyAt <= start ? { never: { kind: 'overdue' } } : { readyAt };
  }

  /** When the controller finds a pod Ready since `readySince` available (undefined without minReadySeconds). */
  private availableAfter(readySince: number): number | undefined {
    if (this.assume.minReadySeconds === 0 || Number.isNaN(readySince)) return undefined;
    return readySince + this.assume.minReadySeconds * 1000 + 1000;
  }

  /** The pods, as a sync lists them. */
  list(): PodObject[] {
    return (this.listed ??= [...this.pods.values()]);
  }

  /** The forecast's knowledge of a pod's future. */
  clockOf(name: string): PodClock | undefined {
    return this.clocks.get(name);
  }

  /** The pods bound to `node` that hold it: not finished (terminating ones still do). */
  private beside(node: string): PodObject[] {
    const out: PodObject[] = [];
    for (const name of this.boundTo.get(node) ?? []) {
      const pod = this.pods.get(name)!;
      if (!isTerminal(pod)) out.push(pod);
    }
    return out;
  }

  private unbind(name: string): void {
    const node = this.pods.get(name)?.nodeName;
    if (!node) return;
    const names = this.boundTo.get(node)!;
    names.delete(name);
    if (names.size === 0) this.boundTo.delete(node);
  }

  private set(name: string, pod: PodObject): void {
    this.unbind(name);
    this.pods.set(name, canonical(pod));
    if (pod.nodeName !== '') {
      let names = this.boundTo.get(pod.nodeName);
      if (!names) this.boundTo.set(pod.nodeName, (names = new Set()));
      names.add(name);
    }
    this.listed = undefined;
  }

  private remove(name: string): void {
    this.unbind(name);
    this.waiting.delete(name);
    this.pods.delete(name);
    this.clocks.delete(name);
    this.housekeeping.delete(name);
    this.listed = undefined;
  }

  /** The controller's writes at `now`: ownership patches, deletes, creates. Returns whether anything changed. */
  apply(plan: DaemonSetPlan, now: number): boolean {
    let changed = false;
    const ref = { kind: 'DaemonSet', name: this.ds.workload.name, uid: this.ds.uid };
    for (const name of plan.released) {
      const pod = this.pods.get(name);
      if (!pod?.controllerRef) continue;
      this.set(name, { ...pod, controllerRef: undefined });
      changed = true;
    }
    for (const name of plan.adopted) {
      const pod = this.pods.get(name);
      if (!pod || pod.controllerRef) continue;
      this.set(name, { ...pod, controllerRef: ref });
      changed = true;
    }
    for (const name of plan.delete) changed = this.delete(name, now) || changed;
    for (const node of plan.create) {
      this.create(node, now);
      changed = true;
    }
    return changed;
  }

  /** A delete marks the pod terminating until `now + termination` (gone at once when that is 0); deleting a terminating pod again changes nothing. */
  private delete(name: string, now: number): boolean {
    const pod = this.pods.get(name);
    if (!pod || pod.deletionTimestamp) return false;
    if (this.assume.terminationMs === 0) {
      this.remove(name);
      return true;
    }
    const goneAt = now + this.assume.terminationMs;
    this.set(name, { ...pod, deletionTimestamp: iso(goneAt) });
    this.clocks.set(name, { goneAt });
    this.housekeeping.delete(name);
    return true;
  }

  private create(node: string, now: number): void {
    let name: string;
    do name = `${this.ds.workload.name}-${(++this.seq).toString(36).padStart(5, '0')}`;
    while (this.pods.has(name));
    const pending = this.assume.pending(node, this.beside(node));
    this.set(name, createdDaemonPod(this.template, { name, node, now, bound: pending === undefined }));
    this.clocks.set(name, pending !== undefined ? { never: { kind: 'pending', reason: pending } } : { readyAt: now + this.assume.readyAfterMs });
    if (pending !== undefined) this.waiting.add(name);
  }

  /**
   * Everything due by `now` besides the controller: terminating pods go, pods bound to missing nodes
   * are collected, the scheduler binds unbound pods whose node exists (unless they stay Pending),
   * pods turn Ready. Returns whether anything changed.
   */
  advance(now: number): boolean {
    let changed = false;
    for (const name of [...this.housekeeping]) {
      const pod = this.pods.get(name)!;
      this.housekeeping.delete(name);
      if (pod.deletionTimestamp) continue;
      if (pod.nodeName !== '') {
        if (!this.assume.hasNode(pod.nodeName)) this.remove(name); // the pod garbage collector
        changed ||= !this.pods.has(name);
        continue;
      }
      const target = targetNodeName(pod);
      if (target === undefined || !this.assume.hasNode(target) || this.assume.pending(target, this.beside(target)) !== undefined) continue;
      this.set(name, { ...pod, nodeName: target, placement: { ...pod.placement, nodeName: target } });
      changed = true;
    }
    for (const [name, clock] of [...this.clocks]) {
      if (clock.goneAt !== undefined && clock.goneAt <= now) {
        this.remove(name);
        changed = true;
      } else if (clock.readyAt !== undefined && clock.readyAt <= now) {
        const pod = this.pods.get(name)!;
        const availableAt = this.availableAfter(clock.readyAt);
        this.set(name, { ...pod, phase: 'Running', ready: { status: 'True', lastTransitionTime: iso(clock.readyAt) } });
        if (availableAt !== undefined) this.clocks.set(name, { availableAt });
        else this.clocks.delete(name);
        changed = true;
      } else if (clock.availableAt !== undefined && clock.availableAt <= now) {
        this.clocks.delete(name); // nothing changes but the controller's view, which the next sync takes
      }
    }
    // After the pods gone by now have freed their nodes.
    changed = this.retryWaiting(now) || changed;
    return changed;
  }

  /** The scheduler tries the Pending pods again: one whose node now has room is bound and starts. */
  private retryWaiting(now: number): boolean {
    let changed = false;
    for (const name of [...this.waiting]) {
      const pod = this.pods.get(name)!;
      const target = targetNodeName(pod);
      if (pod.deletionTimestamp || target === undefined || !this.assume.hasNode(target)) continue;
      const why = this.assume.pending(target, this.beside(target));
      if (why !== undefined) {
        this.clocks.set(name, { never: { kind: 'pending', reason: why } });
        continue;
      }
      this.waiting.delete(name);
      this.set(name, { ...pod, nodeName: target, placement: { ...pod.placement, nodeName: target } });
      this.clocks.set(name, { readyAt: now + this.assume.readyAfterMs });
      changed = true;
    }
    return changed;
  }

  /**
   * The next moment after `now` that can change a plan: a pod turns Ready, a Ready pod becomes
   * available (the controller requeues minReadySeconds + 1 s after it saw the pod turn Ready), a
   * terminating pod is gone.
   */
  nextEvent(now: number): number | undefined {
    let next = Infinity;
    for (const clock of this.clocks.values()) {
      for (const at of [clock.readyAt, clock.availableAt, clock.goneAt]) if (at !== undefined && at > now && at < next) next = at;
    }
    return next === Infinity ? undefined : next;
  }
}
