/**
 * The server under load (`npm run bench`): `placement serve` with a generated 10,000-node snapshot,
 * in a child process (its own event loop and core), hit over loopback by autocannon from this
 * process, with POST /v1/eligible?explain=false and the headline workload:
 *
 * 1. eligible requests/s and latency (p50, p99) with 8 keep-alive connections;
 * 2. the same while node updates stream in (PUT /v1/nodes/{name} at a fixed 200/s from a second
 *    autocannon instance, a label flipped on a different node each time);
 * 3. engine vs HTTP: `engine.eligibleCount` timed in this process on the same node set and workload,
 *    the whole handler (JSON.parse, decoding and validation, count, JSON.stringify) likewise, and the
 *    server's CPU time per request (from /proc over phase 1): the engine's share of a request is the
 *    engine time over the server's CPU time per request (`engineSharePct`; `handlerSharePct` for the
 *    handler); the rest is HTTP (the socket, HTTP parsing, Fastify's routing, hooks and reply).
 *    `engineShareOfP50Pct` compares the engine time with the client-side p50 latency instead;
 * 4. the soak (soak.ts): the question at a fixed rate, alone and with a share of hostile requests;
 * 5. with `--hostile`, the hostile requests one at a time, then 1,000 concurrent explained
 *    questions and a 50,000-node replacement (hostile.ts), last because it replaces the node set.
 *
 * The server is the CLI bundled from the current sources with esbuild (as `npm run build` bundles
 * it), so dist/ need not be fresh. Latencies are autocannon's per-response times at sub-millisecond
 * precision, collected here (its own histogram keeps whole milliseconds). Everything runs on
 * 127.0.0.1 and stops by itself.
 */
import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/api/engine.js';
import { nodesFromSources } from '../src/api/inputs.js';
import { readSources } from '../src/api/read-sources.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import { generateCluster } from '../src/sample/generate-cluster.js';
import { bodyObject, workloadsFromBody } from '../src/server/request-objects.js';
import { time, type TimingBudget } from './harness.js';
import { measureHostileRows } from './hostile.js';
import { load } from './http-load.js';
import { clockTicks, cpuMicros } from './process-cpu.js';
import { measureSoak } from './soak.js';
import { typicalWorkload } from './workloads.js';

/** How long each phase runs and how hard. */
export interface LoadOptions {
  readonly nodes: number;
  /** Seconds of load per measured phase (a warm-up of half as long comes first). */
  readonly seconds: number;
  /** Keep-alive connections of the question load. */
  readonly connections: number;
  /** Node updates per second during the streaming phase. */
  readonly updatesPerSecond: number;
  /** The soak's honest requests per second, and its hostile requests per honest one. */
  readonly soakRate: number;
  readonly hostileShare: number;
  /** Also run the hostile requests one by one (the last phase: it replaces the node set). */
  readonly hostileRows: boolean;
  /** Run the server with `--cpu-prof`, writing its CPU profile (of the whole run, soak included) here on exit. */
  readonly serverCpuProfileDir?: string;
  readonly budget: TimingBudget;
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Starts `placement serve` on 127.0.0.1 and an ephemeral port; resolves when it listens. */
function startServer(cli: string, snapshot: string, cpuProfileDir?: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const profile = cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`];
    // A body limit that admits the 50,000-node replacement of the hostile rows (~137 MB).
    const args = [...profile, cli, 'serve', '--nodes', snapshot, '--port', '0', '--host', '127.0.0.1', '--max-body-bytes', String(256 * 1024 * 1024)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`placement serve did not start within 60 s: ${stderr}`));
    }, 60_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      stderr += text;
      const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`placement serve exited (${code}) before listening: ${stderr}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Runs the load benchmark; the numbers go under `server` in results/latest.json. */
export async function measureServerLoad(options: LoadOptions): Promise<Record<string, unknown>> {
  const work = mkdtempSync(join(tmpdir(), 'placement-load-'));
  // Inside node_modules so the bundle's package imports (fastify, yaml, ...) resolve from the repository.
  const bundleDir = join('node_modules', '.cache', 'placement-load');
  mkdirSync(bundleDir, { recursive: true });
  const cli = join(bundleDir, 'cli.mjs');
  let child: ChildProcess | undefined;
  try {
    process.stderr.write(`  ${options.nodes} nodes: server load (snapshot, bundle, start)\n`);
    // The snapshot exactly as `placement sample --nodes N --print-nodes` writes it.
    const objects = generateCluster({ nodes: options.nodes, seed: 1 });
    const snapshot = join(work, 'nodes.json');
    writeFileSync(snapshot, `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } })}\n`);
    // The CLI and, beside it, the node-list worker it starts, as `npm run build` lays them out.
    const entryPoints = { cli: 'src/cli/bin.ts', 'node-list-worker': 'src/server/node-list-worker.ts' };
    await build({ entryPoints, bundle: true, platform: 'node', format: 'esm', target: 'node20', outdir: bundleDir, outExtension: { '.js': '.mjs' }, packages: 'external', logLevel: 'warning' });
    const server = await startServer(cli, snapshot, options.serverCpuProfileDir);
    child = server.child;
    const url = server.url;

    const typical = typicalWorkload();
    const body = JSON.stringify({ pod: typical.raw });
    const question = { url: `${url}/v1/eligible?explain=false`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: options.connections, timeout: 10 };

    // The same node set and workload in this process, read as `serve` reads them.
    const inputOptions = { validate: true, featureGates: defaultFeatureGates };
    const nodes = nodesFromSources(readSources(snapshot, () => ''), inputOptions);
    const engine = createEngine({ nodes });
    const [workload] = workloadsFromBody(bodyObject(JSON.parse(body)), inputOptions).workloads;
    const expected = { eligibleCount: engine.eligibleCount(workload!), totalNodes: nodes.length, notEvaluated: engine.notEvaluated(workload!) };
    const check = await fetch(question.url, { method: 'POST', headers: question.headers, body });
    const answer = await check.text();
    if (check.status !== 200 || answer !== JSON.stringify(expected)) throw new Error(`the server answered ${check.status} ${answer}, the engine ${JSON.stringify(expected)}`);

    // Engine and handler in this process, while the server idles. Each request brings a freshly
    // decoded workload (the plan cache is keyed by content, so it hits), hence fresh objects here
    // too. This machine class is noisy (medians move 2x between runs), so alternating rounds and
    // the lowest median of each: the least disturbed estimate.
    process.stderr.write(`  ${options.nodes} nodes: server load (engine and handler in-process)\n`);
    const decode = () => workloadsFromBody(bodyObject(JSON.parse(body)), inputOptions).workloads[0]!;
    const fresh = Array.from({ length: 512 }, decode);
    let turn = 0;
    let engineUs = Infinity;
    let handlerUs = Infinity;
    for (let round = 0; round < 3; round++) {
      engineUs = Math.min(engineUs, time(() => engine.eligibleCount(fresh[turn++ & 511]!), options.budget).medianUs);
      handlerUs = Math.min(handlerUs, time(() => JSON.stringify({ eligibleCount: engine.eligibleCount(decode()), totalNodes: engine.nodeCount }), options.budget).medianUs);
    }

    process.stderr.write(`  ${options.nodes} nodes: server load (eligible, ${options.seconds} s after ${options.seconds / 2} s warm-up)\n`);
    await load({ ...question, duration: options.seconds / 2 });
    const ticks = clockTicks();
    const cpuBefore = cpuMicros(child.pid, ticks);
    const quiet = await load({ ...question, duration: options.seconds });
    const serverCpuUsPerRequest = (cpuMicros(child.pid, ticks) - cpuBefore) / Math.max(1, quiet.ok);

    process.stderr.write(`  ${options.nodes} nodes: server load (eligible?explain=groups, ${options.seconds} s)\n`);
    const grouped = await load({ ...question, url: `${url}/v1/eligible?explain=groups`, duration: options.seconds });

    process.stderr.write(`  ${options.nodes} nodes: server load (eligible while ${options.updatesPerSecond} node updates/s stream in)\n`);
    const names = objects.map((o) => String((o['metadata'] as Record<string, unknown>)['name']));
    let next = 0;
    const updates = load({
      url,
      connections: 2,
      overallRate: options.updatesPerSecond,
      duration: options.seconds,
      timeout: 10,
      requests: [
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            const i = next++;
            const object = objects[i % objects.length]!;
            const metadata = object['metadata'] as Record<string, unknown>;
            const labels = { ...(metadata['labels'] as Record<string, string>), 'example.com/env': i % 2 === 0 ? 'staging' : 'prod' };
            const updated = { ...object, metadata: { ...metadata, labels, resourceVersion: String(1000 + i) } };
            return { ...request, path: `/v1/nodes/${names[i % names.length]}`, body: JSON.stringify(updated) };
          },
        },
      ],
    });
    const [streaming, updated] = await Promise.all([load({ ...question, duration: options.seconds }), updates]);

    const failed = quiet.failed + grouped.failed + streaming.failed + updated.failed;
    if (failed > 0) process.stderr.write(`  warning: ${failed} request(s) failed or were not 2xx under load\n`);

    const soak = await measureSoak({ url, serverPid: child.pid, question, seconds: options.seconds, honestRate: options.soakRate, hostileShare: options.hostileShare, snapshot, typicalPod: typical.raw });
    const hostile = options.hostileRows ? await measureHostileRows(url, names, typical.raw) : [];
    return {
      nodes: options.nodes,
      connections: options.connections,
      seconds: options.seconds,
      eligibleCount: expected.eligibleCount,
      eligibleRps: Math.round(quiet.rps),
      eligibleP50Ms: round(quiet.p50, 3),
      eligibleP99Ms: round(quiet.p99, 3),
      groupsRps: Math.round(grouped.rps),
      groupsP50Ms: round(grouped.p50, 3),
      groupsP99Ms: round(grouped.p99, 3),
      streamingEligibleRps: Math.round(streaming.rps),
      streamingEligibleP50Ms: round(streaming.p50, 3),
      streamingEligibleP99Ms: round(streaming.p99, 3),
      streamingUpdatesPerSec: Math.round(updated.rps),
      streamingUpdateP50Ms: round(updated.p50, 3),
      streamingUpdateP99Ms: round(updated.p99, 3),
      failedRequests: failed,
      engineEligibleCountUs: round(engineUs, 2),
      handlerUs: round(handlerUs, 2),
      serverCpuUsPerRequest: round(serverCpuUsPerRequest, 1),
      engineSharePct: round((100 * engineUs) / serverCpuUsPerRequest, 1),
      handlerSharePct: round((100 * handlerUs) / serverCpuUsPerRequest, 1),
      engineShareOfP50Pct: round((100 * engineUs) / (quiet.p50 * 1000), 1),
      meetsTarget: quiet.rps >= 5000 && quiet.p99 <= 10 ? 1 : 0,
      soak,
      hostile,
    };
  } finally {
    if (child) await stopServer(child);
    rmSync(work, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  }
}
