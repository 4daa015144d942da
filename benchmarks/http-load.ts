/**
 * Load over loopback HTTP with autocannon, shared by the load benchmark and the soak: latencies
 * collected per response at sub-millisecond precision (autocannon's own histogram keeps whole
 * milliseconds), 2xx only, with every other status counted.
 */
import autocannon from 'autocannon';

/** The value at fraction `p` of sorted samples. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** What one run measured: 2xx rate and latencies (ms), and every status seen. */
export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  /** Non-2xx answers, errors and timeouts. */
  readonly failed: number;
  readonly seconds: number;
  readonly statuses: ReadonlyMap<number, number>;
}

/** One autocannon run. */
export async function load(options: Parameters<typeof autocannon>[0]): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let failed = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon(options);
  instance.on('response', (_client, status, _bytes, ms) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) latencies.push(ms);
    else failed += 1;
  });
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  return { rps: latencies.length / seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), ok: latencies.length, failed: failed + result.errors + result.timeouts, seconds, statuses };
}
