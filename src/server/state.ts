/**
 * What the server holds: the live engine (one node set), the registered workloads, and readiness.
 * The engine is synchronous and Node runs one request handler at a time, so every evaluation sees
 * one consistent node set; replacing the set builds the new engine first — for a large set over
 * many turns of the event loop, while requests keep reading the old one — and swaps it in one
 * assignment, so no request ever sees a half-built one.
 */
import { createEngine, type Engine, type EngineOptions } from '../api/engine.js';
import type { ImpactTarget } from '../api/impact.js';
import type { InputOptions } from '../api/inputs.js';
import type { Node } from '../model/types.js';
import type { AnswerMemory } from './answer-memory.js';
import type { ServerBudgets } from './budgets.js';

/** A registered workload or DaemonSet, with the object as it was sent. */
export interface RegisteredWorkload {
  readonly target: ImpactTarget;
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

  constructor(
    private readonly engineOptions: EngineOptions,
    nodes: readonly Node[] | undefined,
  ) {
    this.engine = createEngine({ ...engineOptions, nodes: nodes ?? [] });
    this.ready = nodes !== undefined;
    this.inputOptions = { validate: this.engine.options.validate, featureGates: this.engine.options.featureGates };
  }

  /** True while a node-set replacement is being built off the request path; a second one is refused meanwhile. */
  replacing = false;

  /** Replaces the node set: builds the new engine, then swaps it in. */
  replaceNodes(nodes: readonly Node[]): void {
    this.install(createEngine({ ...this.engineOptions, nodes }));
  }

  /** An engine with this server's options and no nodes, to be filled before {@link install}. */
  emptyEngine(): Engine {
    return createEngine({ ...this.engineOptions, nodes: [] });
  }

  /** Swaps in a complete engine in one assignment: readers see the old node set or the new one, never a mix. */
  install(next: Engine): void {
    const stats = this.engine.cacheStats;
    this.retired = { hits: this.retired.hits + stats.hits, misses: this.retired.misses + stats.misses };
    this.engine = next;
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
