/**
 * Timing with the method that held up on this machine class (see the project's perf notes): warm
 * up until the JIT has settled, then take samples that are batches of calls sized to ~200 µs, and
 * report the median and p99 of the per-call times. Ratios are only ever taken within one run.
 */

/** Per-call time statistics, in microseconds. */
export interface Timing {
  readonly medianUs: number;
  readonly p99Us: number;
  readonly samples: number;
}

/** How long to warm up and how many samples to take. */
export interface TimingBudget {
  readonly warmupMs: number;
  readonly samples: number;
}

const now = (): number => Number(process.hrtime.bigint()) / 1000;

/** A sink the benchmarked functions write into, so V8 cannot drop their work. */
export let blackhole = 0;
/** Keeps a value alive. */
export function consume(value: unknown): void {
  blackhole = (blackhole + (typeof value === 'number' ? value : 1)) | 0;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Times `fn` per call. */
export function time(fn: () => unknown, budget: TimingBudget): Timing {
  const warmEnd = now() + budget.warmupMs * 1000;
  let calls = 0;
  let start = now();
  // At least one call, so the batch size below is sized from a real measurement.
  do {
    consume(fn());
    calls++;
  } while (now() < warmEnd);
  // Size a batch to ~200 µs from the warm-up rate.
  const perCall = (now() - start) / calls;
  const batch = Math.max(1, Math.round(200 / Math.max(perCall, 0.001)));
  const perCallTimes: number[] = [];
  for (let s = 0; s < budget.samples; s++) {
    start = now();
    for (let i = 0; i < batch; i++) consume(fn());
    perCallTimes.push((now() - start) / batch);
  }
  perCallTimes.sort((a, b) => a - b);
  return { medianUs: percentile(perCallTimes, 0.5), p99Us: percentile(perCallTimes, 0.99), samples: perCallTimes.length };
}

/** Times a single cold run of `fn` (no warm-up), in milliseconds. */
export function timeOnceMs(fn: () => unknown): number {
  const start = now();
  consume(fn());
  return (now() - start) / 1000;
}

/** Heap plus typed-array bytes in use after a full GC (needs `--expose-gc`; 0 without it). */
export function usedBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return 0;
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
