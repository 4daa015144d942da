/**
 * A request's time budget: from its admission to the engine, waiting included. JavaScript cannot
 * interrupt a running computation, so the work checks the deadline between its units (see
 * slices.ts) — each workload of a batch, each DaemonSet, each block of the extender's candidate
 * nodes — and stops with a 503 once it has passed; each unit is bounded by the input limits and
 * the explanation budget.
 */
import { performance } from 'node:perf_hooks';
import { unavailable, type HttpError } from './http-error.js';

/** When a request must be done by. */
export class Deadline {
  /** A deadline that never passes (health and metrics, and work outside any request). */
  static readonly none = new Deadline(0, Infinity, 1);

  /**
   * @param startedAt `performance.now()` when the request was admitted.
   * @param budgetMs Its time budget.
   * @param retryAfterSeconds The `Retry-After` of the 503 past it.
   */
  constructor(
    readonly startedAt: number,
    readonly budgetMs: number,
    private readonly retryAfterSeconds: number,
  ) {}

  /** Milliseconds since the request was admitted. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Has the budget been spent? */
  passed(): boolean {
    return this.elapsedMs() > this.budgetMs;
  }

  /** Throws the 503 once the budget is spent; called between units of work. */
  check(): void {
    if (this.budgetMs !== Infinity && this.passed()) throw this.exceeded();
  }

  /** The 503 for a request past its budget. */
  exceeded(): HttpError {
    const spent = Math.round(this.elapsedMs());
    return unavailable(
      'deadline-exceeded',
      `the request did not finish within its ${this.budgetMs} ms time budget (${spent} ms spent, waiting and working); retry later, or ask for less (fewer items per batch, ?explain=false)`,
      this.retryAfterSeconds,
    );
  }
}
