/**
 * What the server holds: the live engine (one node set and the cluster's pods), the pods as they
 * were sent, the registered workloads, and readiness.
 * The engine is synchronous and Node runs one request handler at a time, so every evaluation sees
 * one consistent node set; replacing the set builds the new engine first — for a large set over
 * many turns of the event loop, while requests keep reading the old one — and swaps it in one
 * assignment, so no request ever sees a half-built one.
 */
import { createEngine, type Engine, type EngineOptions } from '../api/engine.js';
import type { ImpactTarget } from '../api/impact.js';
import type { InputOptions } from '../api/inputs.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { SchedulingObjects } from '../model/pod-affinity-types.js';
import type { Node } from '../model/types.js';
import { podKey } from '../node-index/cluster-pods.js';
import type { AnswerMemory } from './answer-memory.js';
import type { ServerBudgets } from './budgets.js';

/** A registered workload or DaemonSet, with the object as it was sent. */
export interface RegisteredWorkload {
  readonly target: ImpactTarget;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A cluster pod: what the engine holds of it, and the object as it was sent (for `GET`). */
export interface StoredPod {
  readonly pod: PodObject;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The server's mutable state. */
export class ServerState {
  /** The live engine; replaced whole by {@link replaceNodes}, updated in place by node upserts. */
  engine: Engine;
  /** Registered workloads by `namespace/name`, in registration order. */
  readonly workloads = new Map<string, RegisteredWorkload>();
  /** True once a full node set was loaded (at start-up or by `PUT /v1/nodes`). */
  ready: boolean;
  /** How objects in requests are checked (the engine's validate flag and feature gates). */
  readonly inputOptions: InputOptions;
  /** Cache counters of engines replaced so far, so the metrics stay monotonic across swaps. */
  private retired = { hits: 0, misses: 0 };

  /** The cluster's pods by `namespace/name`, in the engine (and in a node-set replacement being built). */
  readonly pods = new Map<string, StoredPod>();
  /** Whether pods were given (at start-up or by a pod route): only then does the engine hold any set. */
  private podsGiven: boolean;
  /** The cluster objects (Namespaces, selecting objects), given to every engine this server builds. */
  private objects: SchedulingObjects;
  /** The engine a node-set replacement is filling; pod changes meanwhile reach it too. */
  private pending: Engine | undefined;

  constructor(
    private readonly engineOptions: EngineOptions,
    nodes: readonly Node[] | undefined,
    pods?: readonly StoredPod[],
  ) {
    this.podsGiven = pods !== undefined;
    this.objects = engineOptions.objects ?? {};
    for (const stored of pods ?? []) this.pods.set(podKey(stored.pod.namespace, stored.pod.name), stored);
    this.engine = createEngine({ ...engineOptions, nodes: nodes ?? [], ...this.podsOption() });
    this.ready = nodes !== undefined;
    this.inputOptions = { validate: this.engine.options.validate, featureGates: this.engine.options.featureGates };
  }

  /** True while a node-set replacement is being built off the request path; a second one is refused meanwhile. */
  replacing = false;

  /** True while a large pod list is being decoded; a second one is refused meanwhile. */
  replacingPods = false;

  /** Replaces the node set: builds the new engine, then swaps it in. */
  replaceNodes(nodes: readonly Node[]): void {
    this.install(createEngine({ ...this.engineOptions, nodes, ...this.podsOption() }));
  }

  /**
   * An engine with this server's options, the current pods and no nodes, to be filled before
   * {@link install}; pod changes until then are applied to it as well.
   */
  emptyEngine(): Engine {
    this.pending = createEngine({ ...this.engineOptions, nodes: [], ...this.podsOption() });
    return this.pending;
  }

  /** The node-set replacement failed: its engine is dropped. */
  dropPending(): void {
    this.pending = undefined;
  }

  /** The pods and objects for a new engine: none given stays none given (NodePorts and NodeResourcesFit not evaluated). */
  private podsOption(): { pods?: PodObject[]; objects: SchedulingObjects } {
    return this.podsGiven ? { pods: Array.from(this.pods.values(), (stored) => stored.pod), objects: this.objects } : { objects: this.objects };
  }

  /** Replaces the cluster objects, in the engine and in a node-set replacement being built. */
  setObjects(objects: SchedulingObjects): void {
    this.engine.setObjects(objects);
    this.pending?.setObjects(objects);
    this.objects = objects;
  }

  /** Replaces the cluster's pods (validated, each namespace/name once). */
  setPods(pods: readonly StoredPod[]): void {
    const decoded = pods.map((stored) => stored.pod);
    this.engine.setPods(decoded);
    this.pending?.setPods(decoded);
    this.pods.clear();
    for (const stored of pods) this.pods.set(podKey(stored.pod.namespace, stored.pod.name), stored);
    this.podsGiven = true;
  }

  /** Adds or replaces one pod; true when it replaced one. */
  upsertPod(stored: StoredPod): boolean {
    const key = podKey(stored.pod.namespace, stored.pod.name);
    const replaced = this.pods.has(key);
    // The engine refuses a pod over the pod limit; then nothing changes here either.
    this.engine.upsertPod(stored.pod);
    this.pending?.upsertPod(stored.pod);
    this.pods.set(key, stored);
    this.podsGiven = true;
    return replaced;
  }

  /** Removes one pod; false when there was none. */
  removePod(namespace: string, name: string): boolean {
    if (!this.pods.delete(podKey(namespace, name))) return false;
    this.engine.removePod(namespace, name);
    this.pending?.removePod(namespace, name);
    return true;
  }

  /** Swaps in a complete engine in one assignment: readers see the old node set or the new one, never a mix. */
  install(next: Engine): void {
    const stats = this.engine.cacheStats;
    this.retired = { hits: this.retired.hits + stats.hits, misses: this.retired.misses + stats.misses };
    this.engine = next;
    this.pending = undefined;
    this.ready = true;
  }

  /** Compiled-rule cache counters over every engine this server has had. */
  cacheStats(): { hits: number; misses: number } {
    const stats = this.engine.cacheStats;
    return { hits: this.retired.hits + stats.hits, misses: this.retired.misses + stats.misses };
  }
}

/** What route handlers share. */
export interface ServerContext {
  readonly state: ServerState;
  readonly budgets: ServerBudgets;
  /** Bytes reserved by large answers not yet written. */
  readonly answers: AnswerMemory;
  /** The clock for DaemonSet plans without an explicit `now` (ms since the epoch). */
  readonly now: () => number;
}
