/**
 * The server's request budgets in one place: how long a request may take, how many may wait, how
 * large a batch and an explained answer may be, how long a resourceVersion may be compared, and
 * when a node list is decoded off the event loop. Every value is documented in README.md with what
 * happens past it. kube-scheduler gives an extender 5 s (`httpTimeout`, default
 * `DefaultExtenderTimeout`) before it fails the scheduling cycle, so the time budget stays well under it.
 */

import { limits } from '../model/limits.js';

/**
 * The longest path parameter (a node or workload name, a namespace) the router reads; longer: 414.
 * Node names are DNS subdomains of up to 253 characters (Fastify's default limit is 100).
 */
export const maxPathParameterCharacters = 512;

/** Every request budget, resolved. */
export interface ServerBudgets {
  /** Largest request body in bytes (default 64 MiB: a 10,000-node `kubectl get nodes -o json` is ~30 MB); larger: 413. */
  readonly maxBodyBytes: number;
  /** Deepest nesting of arrays and objects in a body (default: the input limit `nestingDepth`, 128); deeper: 400. */
  readonly maxDepth: number;
  /** Milliseconds a request may spend waiting in the queue and working (default 2000); past it: 503 with Retry-After. */
  readonly timeBudgetMs: number;
  /** Requests admitted to the engine and not yet answered — waiting, or working a slice at a time (default 64); one more: 503 at once. */
  readonly maxPendingRequests: number;
  /** Items of a batch (`pods`, `daemonsets`, `changes`) per request (default 1000); more: 413. */
  readonly maxBatchItems: number;
  /** Estimated bytes of the per-node answers of one request (default 8 MiB); more: 422, saying how to ask instead. */
  readonly maxExplanationBytes: number;
  /** Estimated bytes of all such answers not yet written to their clients (default 32 MiB); over it: 503. */
  readonly maxAnswerBytesInFlight: number;
  /** A `PUT /v1/nodes` body at least this large (default 1 MiB) is parsed, decoded and validated on a worker thread. */
  readonly offThreadNodeListBytes: number;
  /** The `Retry-After` of every 503, in seconds (default 1). */
  readonly retryAfterSeconds: number;
}

/** The defaults. */
export const defaultServerBudgets: ServerBudgets = Object.freeze({
  maxBodyBytes: 64 * 1024 * 1024,
  maxDepth: limits.nestingDepth.value,
  timeBudgetMs: 2000,
  maxPendingRequests: 64,
  maxBatchItems: 1000,
  maxExplanationBytes: 8 * 1024 * 1024,
  maxAnswerBytesInFlight: 32 * 1024 * 1024,
  offThreadNodeListBytes: 1024 * 1024,
  retryAfterSeconds: 1,
});

/** Fills in the defaults, once, into a frozen object; the caller's object is never mutated. */
export function resolveServerBudgets(given: Partial<ServerBudgets> = {}): ServerBudgets {
  const out: Record<string, number> = { ...defaultServerBudgets };
  for (const key of Object.keys(defaultServerBudgets) as (keyof ServerBudgets)[]) {
    const value = given[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`server budget ${key} must be a finite number ≥ 0, not ${String(value)}`);
    out[key] = value;
  }
  return Object.freeze(out) as unknown as ServerBudgets;
}
