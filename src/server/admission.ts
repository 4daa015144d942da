/**
 * Admission control for the routes that use the engine. Their work is synchronous, so a burst of
 * requests read in one turn of the event loop would otherwise run back to back, and everything else
 * — `/healthz` included — would wait for all of them. Instead each request joins a bounded FIFO
 * queue and one runs per turn of the event loop (`setImmediate`), so between two of them Node reads
 * sockets, answers health checks and sheds what it cannot do in time:
 *
 * - the queue full (`maxQueuedRequests` waiting): 503 `overloaded` at once, with `Retry-After`;
 * - a request that waited its whole time budget: 503 `deadline-exceeded` without doing the work;
 * - a request whose client has gone away: skipped;
 * - while working, the request checks its {@link Deadline} between units of work.
 */
import { performance } from 'node:perf_hooks';
import { Deadline } from './deadline.js';
import { unavailable } from './http-error.js';

/** What the queue needs from the budgets. */
export interface AdmissionBudgets {
  readonly timeBudgetMs: number;
  readonly maxQueuedRequests: number;
  readonly retryAfterSeconds: number;
}

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

/** A bounded FIFO of requests waiting for the engine, run one per event-loop turn. */
export class AdmissionQueue {
  private readonly waiting: Job[] = [];
  private scheduled = false;
  /** Requests turned away so far. */
  readonly counts: AdmissionCounts = { queueFull: 0, expired: 0, abandoned: 0 };

  constructor(private readonly budgets: AdmissionBudgets) {}

  /** Requests waiting now. */
  get depth(): number {
    return this.waiting.length;
  }

  /**
   * Runs `work` when its turn comes, with the request's deadline (its budget starts now); resolves
   * to what `work` returns (a promise is followed, without holding up the queue). `gone` says
   * whether the client has disconnected meanwhile.
   */
  run<T>(work: (deadline: Deadline) => T | Promise<T>, gone: () => boolean = () => false): Promise<T> {
    if (this.waiting.length >= this.budgets.maxQueuedRequests) {
      this.counts.queueFull += 1;
      const message = `the server is busy: ${this.waiting.length} requests are already waiting; retry after ${this.budgets.retryAfterSeconds} s`;
      return Promise.reject(unavailable('overloaded', message, this.budgets.retryAfterSeconds));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, gone, queuedAt: performance.now(), resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runNext());
  }

  /** Sheds every request that can no longer be answered in time, then runs the first one that can. */
  private runNext(): void {
    this.scheduled = false;
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
      // The next request waits for the next turn, after Node has polled for I/O.
      if (this.waiting.length > 0) this.schedule();
      try {
        job.resolve(job.work(deadline));
      } catch (error) {
        job.reject(error);
      }
      return;
    }
  }
}
