/**
 * The soak (part of `npm run bench`): the load benchmark's question (`POST /v1/eligible?explain=false`,
 * the headline workload) at a fixed honest rate — first alone, then with a share of hostile
 * requests mixed in, cycling through the shapes that broke the server before it had budgets — and
 * the honest requests' p99 of both runs side by side (target: within 2x). /healthz is probed
 * throughout; the node count must be the same at the end.
 *
 * The honest load runs at a fixed rate, not flat out: at saturation p99 is queueing, not the
 * effect of the hostile requests. Each hostile request is bounded (it is refused, or its work is
 * sliced), but a single unit of work — parsing its body, validating a pod with 1,000 terms,
 * compiling its rule — still runs whole, so the honest p99 rises with the hostile rate.
 */
import { readFileSync } from 'node:fs';
import { podObject, podWithSelectorKeys, podWithTerms, trivialPod } from '../src/testing/hostile-requests.js';
import { load, percentile, type LoadResult } from './http-load.js';
import { clockTicks, cpuMicros } from './process-cpu.js';

/** A hostile request of the soak; `refused` when the server refuses it before any expensive work. */
interface HostileShape {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly refused: boolean;
}

/** The shapes: refused before the expensive work, or answered with bounded, sliced work. */
function hostileShapes(nodeNames: readonly string[], typicalPod: unknown): HostileShape[] {
  const post = (name: string, path: string, body: unknown, refused = false): HostileShape => ({ name, method: 'POST', path, body: JSON.stringify(body), refused });
  const windows = podObject({ nodeSelector: { 'kubernetes.io/os': 'windows' } });
  const node = nodeNames[0]!;
  return [
    post('eligible: 1,000 required terms, over the input limit (400)', '/v1/eligible', { pod: podWithTerms(1000) }, true),
    post('eligible: 1,000 nodeSelector keys, over the input limit (400)', '/v1/eligible', { pod: podWithSelectorKeys(1000) }, true),
    post('eligible: 1,001 pods (413)', '/v1/eligible?explain=false', { pods: Array.from({ length: 1001 }, () => trivialPod) }, true),
    post('daemonsets: 1,001 (413)', '/v1/daemonset?explain=false', { daemonsets: Array.from({ length: 1001 }, () => ({})) }, true),
    post('daemonset: now 2024-02-30 (400)', '/v1/daemonset?explain=false', { daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x' }, spec: {} }, now: '2024-02-30T00:00:00Z' }, true),
    post('eligible: neither pod nor pods (400)', '/v1/eligible', { pod: null, pods: null }, true),
    post('eligible: 100 terms of 10 expressions, explained (422)', '/v1/eligible', { pod: podWithTerms(100, 10) }),
    post('eligible: 100 nodeSelector keys, explained (422)', '/v1/eligible', { pod: podWithSelectorKeys(100) }),
    post('eligible: 1,000 pods, explained (422)', '/v1/eligible', { pods: Array.from({ length: 1000 }, () => trivialPod) }),
    post('eligible: 1,000 windows pods, counts (200)', '/v1/eligible?explain=false', { pods: Array.from({ length: 1000 }, () => windows) }),
    post('filter: 100 terms of 10 expressions over every node (200)', '/scheduler/filter', { Pod: podWithTerms(100, 10), NodeNames: nodeNames }),
    post('filter: 100 nodeSelector keys over every node (200)', '/scheduler/filter', { Pod: podWithSelectorKeys(100), NodeNames: nodeNames }),
    post('eligible: the typical pod, explained (200, ~2.6 MB)', '/v1/eligible', { pod: typicalPod }),
    { name: 'node: a 1,000,000-digit resourceVersion (400)', method: 'PUT', path: `/v1/nodes/${node}`, body: JSON.stringify({ kind: 'Node', metadata: { name: node, resourceVersion: '9'.repeat(1_000_000) } }), refused: false },
  ];
}

/** GET /healthz every `everyMs` until stopped; the slowest answer and any status but 200. */
function probeHealth(url: string, everyMs = 50): () => Promise<{ slowestMs: number; p99Ms: number; failures: number }> {
  let running = true;
  const latencies: number[] = [];
  let failures = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const r = await fetch(`${url}/healthz`);
        await r.text();
        if (r.status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    const sorted = Float64Array.from(latencies).sort();
    return { slowestMs: sorted[sorted.length - 1] ?? NaN, p99Ms: percentile(sorted, 0.99), failures };
  };
}

/** What the soak needs from the load benchmark. */
export interface SoakOptions {
  readonly url: string;
  /** The server's process, for its CPU time per request of each shape. */
  readonly serverPid: number | undefined;
  /** The honest question: URL, method, headers, body. */
  readonly question: { readonly url: string; readonly method: string; readonly headers: Record<string, string>; readonly body: string };
  readonly seconds: number;
  /** Honest requests per second. */
  readonly honestRate: number;
  /** Hostile requests per honest one. */
  readonly hostileShare: number;
  /** The node set's names (the extender's NodeNames) and the typical pod object. */
  readonly snapshot: string;
  readonly typicalPod: unknown;
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

async function nodeCount(url: string): Promise<number> {
  return ((await (await fetch(`${url}/readyz`)).json()) as { nodes: number }).nodes;
}

/** One mixed run: the honest load with `shapes` cycled through at `hostileRate`. */
async function mixedRun(options: SoakOptions, shapes: readonly HostileShape[], hostileRate: number, clean: LoadResult): Promise<Record<string, number | string>> {
  let next = 0;
  const stopProbe = probeHealth(options.url);
  const nodesBefore = await nodeCount(options.url);
  const hostile = load({
    url: options.url,
    connections: 4,
    overallRate: hostileRate,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const shape = shapes[next++ % shapes.length]!;
          return { ...request, method: shape.method, path: shape.path, body: shape.body, headers: { 'content-type': 'application/json' } };
        },
      },
    ],
  });
  const honest = { ...options.question, connections: 8, overallRate: options.honestRate, timeout: 10 };
  const [mixed, attacked] = await Promise.all([load({ ...honest, duration: options.seconds }), hostile]);
  const health = await stopProbe();
  const nodesKept = nodesBefore === (await nodeCount(options.url));
  return {
    hostileRate,
    hostileShapes: shapes.length,
    honestRps: Math.round(mixed.rps),
    honestP50Ms: round(mixed.p50, 3),
    honestP99Ms: round(mixed.p99, 3),
    honestP99Ratio: round(mixed.p99 / clean.p99, 2),
    honestFailed: mixed.failed,
    hostileAnswered: attacked.ok + attacked.failed,
    hostileStatuses: [...attacked.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', '),
    hostileServerErrors: [...attacked.statuses].filter(([status]) => status >= 500 && status !== 503).reduce((n, [, count]) => n + count, 0),
    healthSlowestMs: round(health.slowestMs, 1),
    healthP99Ms: round(health.p99Ms, 1),
    healthFailures: health.failures,
    nodesKept: nodesKept ? 1 : 0,
    meetsTarget: mixed.p99 <= 2 * clean.p99 && health.failures === 0 && nodesKept ? 1 : 0,
  };
}

/**
 * Each shape alone, `times` requests one after another while /healthz is probed every 5 ms: what
 * each costs (the median time of its requests, answer read, and the server's CPU time per request,
 * which a busy machine disturbs less than times) and how long it holds up the rest (the slowest
 * probe: one unit of its work that runs whole, or its slices with the probes between them).
 */
async function eachShapeAlone(url: string, pid: number | undefined, shapes: readonly HostileShape[], times = 10): Promise<Record<string, number | string>[]> {
  const rows: Record<string, number | string>[] = [];
  const ticks = clockTicks();
  for (const shape of shapes) {
    const stopProbe = probeHealth(url, 5);
    const cpuBefore = cpuMicros(pid, ticks);
    const ms: number[] = [];
    let status = 0;
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      const r = await fetch(`${url}${shape.path}`, { method: shape.method, body: shape.body, headers: { 'content-type': 'application/json' } });
      await r.arrayBuffer();
      status = r.status;
      ms.push(performance.now() - started);
    }
    const health = await stopProbe();
    // The probes' own CPU is in it too: ~0.1 ms each.
    const cpuMs = (cpuMicros(pid, ticks) - cpuBefore) / 1000 / times;
    rows.push({ shape: shape.name, status, medianMs: round(percentile(Float64Array.from(ms).sort(), 0.5), 1), serverCpuMs: round(cpuMs, 1), healthSlowestMs: round(health.slowestMs, 1) });
  }
  return rows;
}

/**
 * Runs the clean run, then two mixed runs: the requests the server refuses before any expensive
 * work, and every shape; then each shape alone. The numbers go under `server.soak` in
 * results/latest.json.
 */
export async function measureSoak(options: SoakOptions): Promise<Record<string, unknown>> {
  const names = (JSON.parse(readFileSync(options.snapshot, 'utf8')) as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name);
  const shapes = hostileShapes(names, options.typicalPod);
  const hostileRate = Math.max(1, Math.round(options.honestRate * options.hostileShare));
  process.stderr.write(`  soak: clean, ${options.honestRate} honest req/s for ${options.seconds} s\n`);
  const clean = await load({ ...options.question, connections: 8, overallRate: options.honestRate, timeout: 10, duration: options.seconds });
  process.stderr.write(`  soak: ${options.honestRate} honest and ${hostileRate} refused hostile req/s for ${options.seconds} s\n`);
  const refused = await mixedRun(options, shapes.filter((s) => s.refused), hostileRate, clean);
  process.stderr.write(`  soak: ${options.honestRate} honest and ${hostileRate} hostile req/s of every shape for ${options.seconds} s\n`);
  const all = await mixedRun(options, shapes, hostileRate, clean);
  // The mixed run's last answers may still be in flight: let them finish before anything is counted.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  process.stderr.write(`  soak: each hostile shape alone, 10 times, /healthz probed every 5 ms\n`);
  const alone = await eachShapeAlone(options.url, options.serverPid, shapes);
  return { honestRate: options.honestRate, cleanHonestRps: Math.round(clean.rps), cleanHonestP50Ms: round(clean.p50, 3), cleanHonestP99Ms: round(clean.p99, 3), refused, all, alone };
}
