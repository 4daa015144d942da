/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written here rather than with a
 * client library: a few counters, one histogram family and some gauges are ~100 lines. Route labels
 * are route patterns (`/v1/nodes/:name`), never request paths, so label cardinality stays bounded.
 */

/** Latency buckets in seconds: sub-millisecond answers up to multi-second node-set replacements. */
export const latencyBuckets: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The content type of the exposition. */
export const metricsContentType = 'text/plain; version=0.0.4; charset=utf-8';

interface Histogram {
  readonly labels: string;
  readonly counts: number[];
  sum: number;
  count: number;
}

/** Label values escaped as the format requires: backslash, double quote and newline. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
}

/** Gauges and counters read from the server state when scraped. */
export interface ScrapeValues {
  readonly nodes: number;
  /** The cluster's pods held (bound to a node or not). */
  readonly pods: number;
  readonly workloads: number;
  readonly ready: boolean;
  readonly cacheHits: number;
  readonly cacheMisses: number;
  /** Bytes reserved by large answers not yet written. */
  readonly answerBytesInFlight: number;
}

/** What the metrics read from the admission queue. */
export interface QueueStats {
  readonly depth: number;
  readonly running: number;
  readonly counts: { readonly queueFull: number; readonly expired: number; readonly abandoned: number };
}

/** Request counters and latency histograms, and the exposition of everything. */
export class Metrics {
  constructor(private readonly queue: QueueStats = { depth: 0, running: 0, counts: { queueFull: 0, expired: 0, abandoned: 0 } }) {}

  private readonly requests = new Map<string, number>();
  private readonly latencies = new Map<string, Histogram>();
  /** Unexpected exceptions answered with a 500: each one is a bug. */
  internalErrors = 0;

  /** Records one answered request. */
  observe(route: string, method: string, status: number, seconds: number): void {
    const counted = labelText({ route, method, status: String(status) });
    this.requests.set(counted, (this.requests.get(counted) ?? 0) + 1);
    const timed = labelText({ route, method });
    let h = this.latencies.get(timed);
    if (!h) this.latencies.set(timed, (h = { labels: timed, counts: latencyBuckets.map(() => 0), sum: 0, count: 0 }));
    // Buckets are cumulative in the exposition; here each observation lands in its first bucket.
    const at = latencyBuckets.findIndex((le) => seconds <= le);
    if (at >= 0) h.counts[at]! += 1;
    h.sum += seconds;
    h.count += 1;
  }

  /** Requests counted so far for a route, method and status (for tests and health checks). */
  requestCount(route: string, method: string, status: number): number {
    return this.requests.get(labelText({ route, method, status: String(status) })) ?? 0;
  }

  /** The whole exposition. */
  render(values: ScrapeValues): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('placement_http_requests_total', 'counter', 'HTTP requests answered, by route pattern, method and status.');
    for (const [labels, n] of this.requests) out.push(`placement_http_requests_total{${labels}} ${n}`);
    family('placement_http_request_duration_seconds', 'histogram', 'Time from receiving a request to finishing its answer, by route pattern and method.');
    for (const h of this.latencies.values()) {
      let cumulative = 0;
      latencyBuckets.forEach((le, i) => {
        cumulative += h.counts[i]!;
        out.push(`placement_http_request_duration_seconds_bucket{${h.labels},le="${le}"} ${cumulative}`);
      });
      out.push(`placement_http_request_duration_seconds_bucket{${h.labels},le="+Inf"} ${h.count}`);
      out.push(`placement_http_request_duration_seconds_sum{${h.labels}} ${h.sum}`);
      out.push(`placement_http_request_duration_seconds_count{${h.labels}} ${h.count}`);
    }
    family('placement_nodes', 'gauge', 'Nodes in the live node set.');
    out.push(`placement_nodes ${values.nodes}`);
    family('placement_pods', 'gauge', 'Pods of the cluster held (bound to a node or not).');
    out.push(`placement_pods ${values.pods}`);
    family('placement_workloads_registered', 'gauge', 'Workloads and DaemonSets registered for impact analysis.');
    out.push(`placement_workloads_registered ${values.workloads}`);
    family('placement_ready', 'gauge', '1 once a node set has been loaded.');
    out.push(`placement_ready ${values.ready ? 1 : 0}`);
    family('placement_compiled_rule_cache_hits_total', 'counter', 'Compiled-rule cache hits.');
    out.push(`placement_compiled_rule_cache_hits_total ${values.cacheHits}`);
    family('placement_compiled_rule_cache_misses_total', 'counter', 'Compiled-rule cache misses (compilations).');
    out.push(`placement_compiled_rule_cache_misses_total ${values.cacheMisses}`);
    family('placement_internal_errors_total', 'counter', 'Requests answered 500 because of an unexpected exception (bugs).');
    out.push(`placement_internal_errors_total ${this.internalErrors}`);
    family('placement_request_queue_depth', 'gauge', 'Requests waiting for the engine in the admission queue.');
    out.push(`placement_request_queue_depth ${this.queue.depth}`);
    family('placement_requests_working', 'gauge', 'Started requests working a slice at a time over later turns of the event loop.');
    out.push(`placement_requests_working ${this.queue.running}`);
    family('placement_answer_bytes_in_flight', 'gauge', 'Estimated bytes of large answers not yet written to their clients.');
    out.push(`placement_answer_bytes_in_flight ${values.answerBytesInFlight}`);
    family('placement_requests_shed_total', 'counter', 'Requests not run: queue-full and expired were answered 503, abandoned had lost their client.');
    const { queueFull, expired, abandoned } = this.queue.counts;
    out.push(`placement_requests_shed_total{reason="queue-full"} ${queueFull}`, `placement_requests_shed_total{reason="expired"} ${expired}`, `placement_requests_shed_total{reason="abandoned"} ${abandoned}`);
    return `${out.join('\n')}\n`;
  }
}
