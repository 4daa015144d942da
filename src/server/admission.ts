/**
 * Admission control for the routes that use the engine. Their work is synchronous, so a burst of
 * requests read in one turn of the event loop would otherwise run back to back, and everything else
 * — `/healthz` included — would wait for all of them. Instead each request joins a bounded FIFO
 * queue, and each turn of the event loop (`setImmediate`) starts requests until ~2 ms of work has
 * been done (many short ones, or one long one), so between turns Node reads sockets, answers
 * health checks and sheds what it cannot do in time:
 *
 * - `maxPendingRequests` already admitted and not answered (waiting, or working a slice at a time):
 *   503 `overloaded` at once, with `Retry-After`;
 * - a request that waited its whole time budget: 503 `deadline-exceeded` without doing the work;
 * - a request whose client has gone away: skipped;
 * - while working, the request checks its {@link Deadline} between units of work, and long work
 *   yields between slices (slices.ts), so requests started after it are answered meanwhile.
 */
import { performance } from 'node:perf_hooks';
import { Deadline } from './deadline.js';
import { unavailable, type HttpError } from './http-error.js';

/** What the queue needs from the budgets. */
export interface AdmissionBudgets {
  readonly timeBudgetMs: number;
  readonly maxPendingRequests: number;
  readonly retryAfterSeconds: number;
}

/** Milliseconds of requests started per turn of the event loop before the rest wait for the next. */
const startBudgetMs = 2;

/** Why requests were turned away, counted for the metrics. */
export interface AdmissionCounts {
  /** Answered 503 because the queue was full. */
  queueFull: number;
  /** Answered 503 because they waited past their time budget. */
  expired: number;
  /** Skipped because the client had closed the connection. */
  abandoned: number;
}

interface Job {
  readonly work: (deadline: Deadline) => unknown;
  readonly gone: () => boolean;
  readonly queuedAt: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

const isPromise = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** A bounded FIFO of requests waiting for the engine, started one per event-loop turn. */
export class AdmissionQueue {
  private readonly waiting: Job[] = [];
  /** Started requests whose work continues over later turns (slices, a node-set replacement). */
  private working = 0;
  private scheduled = false;
  /** Requests turned away so far. */
  readonly counts: AdmissionCounts = { queueFull: 0, expired: 0, abandoned: 0 };

  constructor(private readonly budgets: AdmissionBudgets) {}

  /** Requests waiting to start. */
  get depth(): number {
    return this.waiting.length;
  }

  /** Started requests still working over later turns of the event loop. */
  get running(): number {
    return this.working;
  }

  /**
   * Runs `work` when its turn comes, with the request's deadline (its budget starts now); resolves
   * to what `work` returns (a promise is followed, without holding up the queue). `gone` says
   * whether the client has disconnected meanwhile.
   */
  run<T>(work: (deadline: Deadline) => T | Promise<T>, gone: () => boolean = () => false): Promise<T> {
    const refused = this.refusal();
    if (refused) return Promise.reject(refused);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, gone, queuedAt: performance.now(), resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * The 503 for a request that arrives while `maxPendingRequests` are admitted and not answered
   * (counted), or `undefined` when it may join. Asked before the body is read, too: refusing a burst
   * early spares reading and parsing every body of it.
   */
  refusal(): HttpError | undefined {
    const pending = this.waiting.length + this.working;
    if (pending < this.budgets.maxPendingRequests) return undefined;
    this.counts.queueFull += 1;
    return unavailable('overloaded', `the server is busy: ${pending} requests are already waiting or working; retry after ${this.budgets.retryAfterSeconds} s`, this.budgets.retryAfterSeconds);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runNext());
  }

  /** Sheds every request that can no longer be answered in time, and starts the others until this turn's start budget is spent. */
  private runNext(): void {
    this.scheduled = false;
    const turnEnds = performance.now() + startBudgetMs;
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
      const deadline = new Deadline(job.queuedAt, this.budgets.timeBudgetMs, this.budgets.retryAfterSeconds);
      if (job.gone()) {
        // Nobody will read the answer; the rejection only settles the handler's promise.
        this.counts.abandoned += 1;
        job.reject(unavailable('overloaded', 'the client closed the connection before the request was started', this.budgets.retryAfterSeconds));
        continue;
      }
      if (deadline.passed()) {
        this.counts.expired += 1;
        job.reject(deadline.exceeded());
        continue;
      }
      try {
        const result = job.work(deadline);
        if (isPromise(result)) {
          this.working += 1;
          const done = (): void => void (this.working -= 1);
          result.then(done, done);
        }
        job.resolve(result);
      } catch (error) {
        job.reject(error);
      }
      if (performance.now() > turnEnds) break;
    }
    // The rest wait for the next turn, after Node has polled for I/O.
    if (this.waiting.length > 0) this.schedule();
  }
}
