/**
 * Answers serialized through their contract's schemas (fast-json-stringify) against JSON.stringify,
 * side by side in one run (`npm run bench -- --serialization`, results in
 * benchmarks/results/serialization.json): two servers over the same generated 10,000-node set, each
 * in its own process, loaded in alternating rounds by autocannon with the load benchmark's question
 * (`POST /v1/eligible?explain=false`, the typical workload, 8 keep-alive connections) and with a
 * larger answer (`?explain=none`: every eligible node's name). Per variant and question: the best
 * round's requests/s and that round's p50 and p99, and the server's CPU time per request (from
 * /proc, the lowest of the rounds): on a machine shared with other work, throughput moves by 2× or
 * more between rounds. Then the serializers alone, in this process, on the same answers
 * (`serializeUs`: the lower of the alternating rounds' medians), which no other process disturbs as much.
 */
import { build } from 'esbuild';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastJson from 'fast-json-stringify';
import { defaultServerBudgets } from '../src/server/budgets.js';
import { routeContracts } from '../src/server/contract/contracts.js';
import { generateCluster } from '../src/sample/generate-cluster.js';
import { time } from './harness.js';
import { load, type LoadResult } from './http-load.js';
import { typicalWorkload } from './workloads.js';

function start(script: string, snapshot: string, mode: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, snapshot, mode], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      stderr += text;
      const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`the ${mode} server exited (${code}): ${stderr}`)));
  });
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

const ticksPerSecond = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's CPU time (user + system) so far, in microseconds; NaN without /proc. */
function cpuMicros(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return NaN;
  }
}

/** Runs the comparison; one row per question and variant. */
export async function measureSerialization(options: { nodes: number; seconds: number; rounds: number; connections: number }): Promise<Record<string, number | string>[]> {
  const work = mkdtempSync(join(tmpdir(), 'placement-serialization-'));
  const bundleDir = join('node_modules', '.cache', 'placement-serialization');
  mkdirSync(bundleDir, { recursive: true });
  const servers: ChildProcess[] = [];
  try {
    const snapshot = join(work, 'nodes.json');
    writeFileSync(snapshot, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generateCluster({ nodes: options.nodes, seed: 1 }) }));
    await build({ entryPoints: { server: 'benchmarks/serialization-server.ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', outdir: bundleDir, outExtension: { '.js': '.mjs' }, packages: 'external', logLevel: 'warning' });
    const script = join(bundleDir, 'server.mjs');
    const variants = ['json', 'fjs'] as const;
    const urls = new Map<string, string>();
    const pids = new Map<string, number | undefined>();
    for (const mode of variants) {
      const { child, url } = await start(script, snapshot, mode);
      servers.push(child);
      urls.set(mode, url);
      pids.set(mode, child.pid);
    }
    const body = JSON.stringify({ pod: typicalWorkload().raw });
    const questions = ['/v1/eligible?explain=false', '/v1/eligible?explain=none'];
    // Both variants answer alike, byte for byte, before any is measured.
    const answers = new Map<string, unknown>();
    for (const path of questions) {
      const [a, b] = await Promise.all(variants.map(async (mode) => (await fetch(`${urls.get(mode)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text()));
      if (a !== b) throw new Error(`the variants answer ${path} differently`);
      answers.set(path, JSON.parse(a!) as unknown);
    }
    // The serializers alone, on those answers.
    const schema = routeContracts(defaultServerBudgets).find((c) => c.method === 'POST' && c.path === '/v1/eligible')!.responses['200']!.schema;
    const compiled = fastJson(schema as Parameters<typeof fastJson>[0]);
    const serializeUs = new Map<string, number>();
    for (const path of questions) {
      const answer = answers.get(path);
      for (let r = 0; r < options.rounds; r++) {
        for (const [mode, fn] of [['json', () => JSON.stringify(answer)], ['fjs', () => compiled(answer)]] as const) {
          const us = time(fn, { warmupMs: 300, samples: 31 }).medianUs;
          serializeUs.set(`${path} ${mode}`, Math.min(serializeUs.get(`${path} ${mode}`) ?? Infinity, us));
        }
      }
    }
    const rows: Record<string, number | string>[] = [];
    for (const path of questions) {
      const best = new Map<string, LoadResult>();
      const cpu = new Map<string, number>();
      for (const mode of variants) await load({ url: `${urls.get(mode)}${path}`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: options.connections, duration: options.seconds / 2 });
      for (let r = 0; r < options.rounds; r++) {
        for (const mode of r % 2 === 0 ? variants : [...variants].reverse()) {
          process.stderr.write(`  ${path} ${mode} round ${r + 1}/${options.rounds}\n`);
          const before = cpuMicros(pids.get(mode));
          const result = await load({ url: `${urls.get(mode)}${path}`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: options.connections, duration: options.seconds });
          const perRequest = (cpuMicros(pids.get(mode)) - before) / Math.max(1, result.ok);
          cpu.set(mode, Math.min(cpu.get(mode) ?? Infinity, perRequest));
          if (result.failed > 0) throw new Error(`${mode} ${path}: ${result.failed} failed requests`);
          if (!best.has(mode) || result.rps > best.get(mode)!.rps) best.set(mode, result);
        }
      }
      for (const mode of variants) {
        const b = best.get(mode)!;
        rows.push({ question: path, serializer: mode === 'fjs' ? 'fast-json-stringify' : 'JSON.stringify', rps: Math.round(b.rps), p50Ms: round(b.p50), p99Ms: round(b.p99), serverCpuUsPerRequest: round(cpu.get(mode)!, 1), serializeUs: round(serializeUs.get(`${path} ${mode}`)!, 2) });
      }
    }
    return rows;
  } finally {
    for (const child of servers) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  }
}
