/**
 * `npm run bench [-- --quick] [-- --server] [-- --hostile]`: the size ladder (1k, 10k, 50k, 100k
 * nodes), indexed engine, the straightforward per-node loop (benchmarks/naive.ts: the baseline
 * speedups are reported against, `...VsNaive`) and the reference evaluator side by side in one process, then the server under
 * load with its soak (and with `--hostile`, the hostile requests one at a time; with
 * `--server-cpu-prof`, the server's CPU profile over it, written to a temporary folder), and the placement
 * map, printed as tables and written to benchmarks/results/latest.json with the machine's
 * description. `--server` runs the server part alone and keeps the rest of the previous results;
 * `--pod-to-pod` runs only the pod-to-pod filters at 10k nodes / 300k pods (benchmarks/pod-to-pod.ts)
 * and keeps the rest; `--pod-to-pod-scores` likewise the pod-to-pod scores (benchmarks/pod-to-pod-scores.ts);
 * `--report-page` measures only the placement map (benchmarks/results/report-page.json);
 * `--serialization` only compares fast-json-stringify with JSON.stringify on the server
 * (benchmarks/results/serialization.json).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { nodesFromSources } from '../src/api/inputs.js';
import { createEngine } from '../src/api/engine.js';
import { compilePod } from '../src/compile/compile-pod.js';
import { preparePod } from '../src/eval/filters.js';
import { IndexedEvaluator } from '../src/eval/indexed.js';
import { countEligibleReference } from '../src/eval/reference.js';
import { collectBits } from '../src/node-index/bitset.js';
import { RuleEvaluator } from '../src/node-index/evaluate-rule.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { Node } from '../src/model/types.js';
import { generateCluster } from '../src/sample/generate-cluster.js';
import { time, timeOnceMs, type TimingBudget } from './harness.js';
import { measureIndexBuild } from './index-build.js';
import { measureDaemonSets } from './daemonsets.js';
import { measureExplain } from './explain.js';
import { countEligibleNaive } from './naive.js';
import { measureRollout } from './daemonset-rollout.js';
import type { HostileRow } from './hostile.js';
import { measureServerLoad } from './load.js';
import { measureRankResources } from './rank-resources.js';
import { measurePodToPod } from './pod-to-pod.js';
import { measurePodToPodScores } from './pod-to-pod-scores.js';
import { measureReportPage } from './report-page.js';
import { measureResources } from './resources.js';
import { measureSerialization } from './serialization.js';
import { benchmarkWorkloads, typicalWorkload } from './workloads.js';

const quick = process.argv.includes('--quick');
const serverOnly = process.argv.includes('--server');
const sizes = serverOnly ? [] : quick ? [1_000, 10_000] : [1_000, 10_000, 50_000, 100_000];
const budget: TimingBudget = quick ? { warmupMs: 150, samples: 15 } : { warmupMs: 300, samples: 31 };
const gates = defaultFeatureGates;
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

function loadNodes(n: number): Node[] {
  const objects = generateCluster({ nodes: n, seed: 1 }).map((object) => ({ object, file: 'generated' }));
  return nodesFromSources(objects, { validate: false, featureGates: gates });
}

/** One label changed back and forth on one node: an informer update. */
function labelFlip(node: Node): [Node, Node] {
  const a = new Map(node.labels);
  const b = new Map(node.labels);
  a.set('example.com/env', 'prod');
  b.set('example.com/env', 'staging');
  return [{ ...node, labels: a }, { ...node, labels: b }];
}

function taintFlip(node: Node): [Node, Node] {
  return [{ ...node, taints: [] }, { ...node, taints: [{ key: 'example.com/maintenance', value: 'true', effect: 'NoSchedule' }] }];
}

/** Progress on stderr, so a long run shows where it is. */
function phase(n: number, name: string): void {
  process.stderr.write(`  ${n} nodes: ${name}\n`);
}

function measureSize(n: number): Record<string, number> {
  phase(n, 'generating');
  const nodes = loadNodes(n);
  const typical = typicalWorkload();
  const workloads = benchmarkWorkloads(nodes.map((x) => x.name));

  phase(n, 'index build');
  const buildColdMs = timeOnceMs(() => buildNodeIndex(nodes));
  const build = measureIndexBuild(nodes, { warmupMs: budget.warmupMs, samples: quick ? 5 : 9 });
  const index = buildNodeIndex(nodes);
  const evaluator = new RuleEvaluator(index);
  const out = new Uint32Array(index.words);

  phase(n, 'typical workload');
  const compiled = compilePod(typical.pod, gates, typical.specPath);
  const prepared = preparePod(typical.pod, gates);
  const indexedEvaluator = new IndexedEvaluator(evaluator);
  const eligibleTypical = indexedEvaluator.eligibleInto(compiled, out);
  const referenceTypical = countEligibleReference(prepared, nodes);
  if (eligibleTypical !== referenceTypical) throw new Error(`indexed ${eligibleTypical} != reference ${referenceTypical} at ${n}`);
  const indexed = time(() => indexedEvaluator.eligibleInto(compiled, out), budget);
  const reference = time(() => countEligibleReference(prepared, nodes), budget);
  // The honest baseline: the loop a tool author writes without placement (benchmarks/naive.ts).
  if (countEligibleNaive(typical.pod, nodes) !== eligibleTypical) throw new Error(`naive != indexed at ${n}`);
  const naive = time(() => countEligibleNaive(typical.pod, nodes), budget);
  const plain = new RuleEvaluator(index, { memoize: false });
  const plainEvaluator = new IndexedEvaluator(plain);
  const indexedNoMemo = time(() => plainEvaluator.eligibleInto(compiled, out), budget);
  const cold = time(() => indexedEvaluator.eligibleInto(compilePod(typical.pod, gates, typical.specPath), out), budget);

  phase(n, 'workload matrix');
  const plans = workloads.map((w) => compilePod(w.pod, gates, w.specPath));
  const matrixNoMemo = time(() => {
    let total = 0;
    for (const plan of plans) total += plainEvaluator.eligibleInto(plan, out);
    return total;
  }, budget);
  const matrix = time(() => {
    let total = 0;
    for (const plan of plans) total += indexedEvaluator.eligibleInto(plan, out);
    return total;
  }, budget);
  // Materializing names alone: every workload's eligible set computed once, then turned into names.
  const sets = plans.map((plan) => {
    const bits = new Uint32Array(index.words);
    indexedEvaluator.eligibleInto(plan, bits);
    return bits;
  });
  const ids = new Int32Array(n);
  const names = new Array<string>(n).fill('');
  let materialized = 0;
  const namesOnly = time(() => {
    materialized = 0;
    for (const bits of sets) {
      const count = collectBits(bits, evaluator.words, ids);
      for (let i = 0; i < count; i++) names[i] = index.names[ids[i]!]!;
      materialized += count;
    }
    return materialized;
  }, budget);
  const preparedAll = workloads.map((w) => preparePod(w.pod, gates));
  const naiveTotal = workloads.reduce((s, w) => s + countEligibleNaive(w.pod, nodes), 0);
  const indexedTotal = plans.reduce((s, plan) => s + indexedEvaluator.eligibleInto(plan, out), 0);
  if (naiveTotal !== indexedTotal) throw new Error(`workload matrix: naive ${naiveTotal} != indexed ${indexedTotal} at ${n}`);
  const matrixNaive = n <= 10_000 ? time(() => workloads.reduce((s, w) => s + countEligibleNaive(w.pod, nodes), 0), { warmupMs: budget.warmupMs, samples: quick ? 3 : 5 }) : undefined;
  const matrixReference = n <= 10_000 ? time(() => preparedAll.reduce((s, p) => s + countEligibleReference(p, nodes), 0), { warmupMs: budget.warmupMs, samples: quick ? 3 : 5 }) : undefined;

  phase(n, 'updates');
  const victim = nodes[Math.floor(n / 2)]!;
  const [labelA, labelB] = labelFlip(victim);
  let flip = false;
  const update = time(() => index.upsert((flip = !flip) ? labelA : labelB), budget);
  const [taintA, taintB] = taintFlip(victim);
  const taintUpdate = time(() => index.upsert((flip = !flip) ? taintA : taintB), budget);
  index.upsert(victim);

  phase(n, 'rank');
  const engine = createEngine({ nodes });
  const referenceEngine = createEngine({ nodes, evaluator: 'reference' });
  const rank = time(() => engine.rank(typical).nodes.length, { warmupMs: budget.warmupMs, samples: quick ? 5 : 11 });
  const rankReference = time(() => referenceEngine.rank(typical).nodes.length, { warmupMs: budget.warmupMs, samples: quick ? 3 : 5 });
  phase(n, 'rank with the resource and image scores');
  const rankResources = measureRankResources(nodes, budget, quick);

  phase(n, 'explanations and why');
  const explain = n <= 50_000 ? measureExplain(nodes, typical, budget, naive) : { naiveMedianUs: round(naive.medianUs, 1) };

  phase(n, 'daemonsets');
  const daemonsets = n <= 10_000 ? measureDaemonSets(engine, referenceEngine, nodes, budget) : {};
  phase(n, 'rollout forecast');
  const rollout = n <= 10_000 ? measureRollout(engine, n <= 1_000) : {};

  return {
    nodes: n,
    eligibleTypical,
    indexedMedianUs: round(indexed.medianUs, 3),
    indexedP99Us: round(indexed.p99Us, 3),
    indexedNoMemoMedianUs: round(indexedNoMemo.medianUs, 3),
    referenceMedianUs: round(reference.medianUs, 1),
    referenceP99Us: round(reference.p99Us, 1),
    speedup: round(reference.medianUs / indexed.medianUs, 0),
    indexedVsNaive: round(naive.medianUs / indexed.medianUs, 0),
    indexedNoMemoVsNaive: round(naive.medianUs / indexedNoMemo.medianUs, 0),
    coldUs: round(cold.medianUs, 2),
    matrixMs: round(matrix.medianUs / 1000, 3),
    matrixNoMemoMs: round(matrixNoMemo.medianUs / 1000, 3),
    matrixReferenceMs: matrixReference ? round(matrixReference.medianUs / 1000, 1) : -1,
    matrixSpeedup: matrixReference ? round(matrixReference.medianUs / matrix.medianUs, 0) : -1,
    matrixNaiveMs: matrixNaive ? round(matrixNaive.medianUs / 1000, 1) : -1,
    matrixVsNaive: matrixNaive ? round(matrixNaive.medianUs / matrix.medianUs, 0) : -1,
    namesNsPerEligibleNode: round((namesOnly.medianUs * 1000) / Math.max(1, materialized), 2),
    ...build,
    buildColdMs: round(buildColdMs, 2),
    updateUs: round(update.medianUs, 3),
    taintUpdateUs: round(taintUpdate.medianUs, 3),
    rankUs: round(rank.medianUs, 1),
    rankReferenceUs: round(rankReference.medianUs, 1),
    ...rankResources,
    ...explain,
    ...daemonsets,
    ...rollout,
  };
}

/** Metrics as rows, sizes as columns: the ladder reads across. */
function table(rows: readonly Record<string, number>[]): string {
  const metrics = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((m) => m !== 'nodes');
  const header = ['metric', ...rows.map((r) => `${r['nodes']} nodes`)];
  const body = metrics.map((m) => [m, ...rows.map((r) => (r[m] === undefined ? '-' : String(r[m])))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const format = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [format(header), ...body.map(format)].join('\n');
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
};

/** The placement map's figures (benchmarks/report-page.ts), also written alone to report-page.json. */
async function reportPageFigures(): Promise<Record<string, Record<string, number>>> {
  process.stderr.write('measuring the placement map (10000 nodes; in Chromium when installed)...\n');
  const reportPage = await measureReportPage(loadNodes(10_000), budget);
  mkdirSync('benchmarks/results', { recursive: true });
  writeFileSync('benchmarks/results/report-page.json', `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, reportPage }, null, 2)}\n`);
  return reportPage;
}

if (process.argv.includes('--report-page')) {
  const reportPage = await reportPageFigures();
  console.log(`${JSON.stringify(reportPage, null, 2)}\nwritten to benchmarks/results/report-page.json`);
  process.exit(0);
}

if (process.argv.includes('--serialization')) {
  process.stderr.write('comparing answer serializers on the server (10000 nodes, loopback HTTP)...\n');
  const rows = await measureSerialization({ nodes: 10_000, seconds: quick ? 4 : 8, rounds: 3, connections: 8 });
  mkdirSync('benchmarks/results', { recursive: true });
  writeFileSync('benchmarks/results/serialization.json', `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  for (const row of rows) console.log(Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(', '));
  console.log('written to benchmarks/results/serialization.json');
  process.exit(0);
}

const resultsFile = 'benchmarks/results/latest.json';

function resourceFigures(): Record<string, number> {
  process.stderr.write('measuring resources (10000 nodes, 300000 running pods)...\n');
  return measureResources(loadNodes(10_000), typicalWorkload(), budget);
}

// `--resources`: only the resources figures, merged into the previous results.
if (process.argv.includes('--resources')) {
  const resources = resourceFigures();
  const kept = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(resultsFile, `${JSON.stringify({ ...kept, resourcesGeneratedAt: new Date().toISOString(), resources }, null, 2)}\n`);
  console.log(`${table([resources])}\nwritten to ${resultsFile} (resources)`);
  process.exit(0);
}
type PreviousResults = {
  generatedAt?: string;
  ladderGeneratedAt?: string;
  sizes?: Record<string, number>[];
  reportPage?: Record<string, Record<string, number>>;
  podToPod?: Record<string, number>;
  podToPodScores?: Record<string, number>;
};

/** InterPodAffinity and PodTopologySpread over the indexes, at 10k nodes and 300k running pods, beside the per-node loop. */
function podToPodFigures(): Record<string, number> {
  process.stderr.write('measuring the pod-to-pod filters (10000 nodes, 300000 pods)...\n');
  return measurePodToPod(loadNodes(10_000), 300_000, budget);
}

const podToPodTarget = 'target: decision median ≤ 200 µs, pod bind ≤ 2 µs';
if (process.argv.includes('--pod-to-pod')) {
  const kept: PreviousResults & Record<string, unknown> = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as PreviousResults & Record<string, unknown>) : {};
  const podToPod = podToPodFigures();
  const podToPodGeneratedAt = new Date().toISOString();
  writeFileSync(resultsFile, `${JSON.stringify({ ...kept, podToPodGeneratedAt, podToPod }, null, 2)}\n`);
  console.log(`pod-to-pod filters (benchmarks/pod-to-pod.ts; ${podToPodTarget})\n${table([podToPod])}\nwritten to ${resultsFile}`);
  process.exit(0);
}
/** The InterPodAffinity and PodTopologySpread scores over the indexes, at 10k nodes and 300k running pods, beside the semantics layer. */
function podToPodScoreFigures(): Record<string, number> {
  process.stderr.write('measuring the pod-to-pod scores (10000 nodes, 300000 pods)...\n');
  return measurePodToPodScores(loadNodes(10_000), 300_000, budget);
}

if (process.argv.includes('--pod-to-pod-scores')) {
  const kept: PreviousResults & Record<string, unknown> = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as PreviousResults & Record<string, unknown>) : {};
  const podToPodScores = podToPodScoreFigures();
  const podToPodScoresGeneratedAt = new Date().toISOString();
  writeFileSync(resultsFile, `${JSON.stringify({ ...kept, podToPodScoresGeneratedAt, podToPodScores }, null, 2)}\n`);
  console.log(`pod-to-pod scores (benchmarks/pod-to-pod-scores.ts)\n${table([podToPodScores])}\nwritten to ${resultsFile}`);
  process.exit(0);
}
const previous: PreviousResults = serverOnly && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as PreviousResults) : {};
const results: Record<string, number>[] = serverOnly ? (previous.sizes ?? []) : [];
for (const n of sizes) {
  process.stderr.write(`measuring ${n} nodes...\n`);
  results.push(measureSize(n));
}
// `--server-cpu-prof`: the server's CPU profile (node --cpu-prof) over the whole server part, soak included.
const serverProfileDir = process.argv.includes('--server-cpu-prof') ? mkdtempSync(join(tmpdir(), 'placement-server-profile-')) : undefined;
process.stderr.write('measuring the server under load (10000 nodes, loopback HTTP)...\n');
const server = await measureServerLoad({
  nodes: 10_000,
  seconds: quick ? 4 : 10,
  connections: 8,
  updatesPerSecond: 200,
  soakRate: 1000,
  hostileShare: 0.05,
  hostileRows: process.argv.includes('--hostile'),
  ...(serverProfileDir ? { serverCpuProfileDir: serverProfileDir } : {}),
  budget,
});
const { soak, hostile, ...serverFigures } = server as Record<string, unknown> & { soak: Record<string, unknown>; hostile: HostileRow[] };
const at = (n: number): Record<string, number> | undefined => results.find((r) => r.nodes === n);
const big = at(100_000)?.['indexedMedianUs'];
const base = at(10_000)?.['indexedMedianUs'];
const scaling = big !== undefined && base !== undefined ? round(big / base, 2) : undefined;
const reportPage = serverOnly ? previous.reportPage : await reportPageFigures();
const resources = serverOnly ? undefined : resourceFigures();
const podToPod = serverOnly ? previous.podToPod : podToPodFigures();
const podToPodScores = serverOnly ? previous.podToPodScores : podToPodScoreFigures();
const generatedAt = new Date().toISOString();
// With --server the ladder (and the placement map) are the previous run's: say when they were measured.
const ladderGeneratedAt = serverOnly ? (previous.ladderGeneratedAt ?? previous.generatedAt) : generatedAt;
const report = { generatedAt, ladderGeneratedAt, quick, machine, workload: 'payments-api (nodeSelector + 2 terms x 3 expressions incl. NotIn and Gt + toleration)', scaling10kTo100k: scaling, sizes: results, server, reportPage, ...(resources ? { resources } : {}), podToPod, podToPodScores };
// npm runs scripts from the package root.
mkdirSync('benchmarks/results', { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
if (!serverOnly) console.log(table(results));
if (scaling !== undefined && !serverOnly) console.log(`\nscaling 10k -> 100k (indexed median): ${scaling}x`);
console.log(`\nserver under load: POST /v1/eligible?explain=false over loopback HTTP (benchmarks/load.ts; target ≥ 5,000 req/s, p99 ≤ 10 ms on 2 cores)\n${table([serverFigures as Record<string, number>])}`);
console.log(`\nsoak: the question at a fixed rate, alone and with hostile requests mixed in (benchmarks/soak.ts; target: honest p99 within 2x)`);
for (const [key, value] of Object.entries(soak)) {
  if (Array.isArray(value)) {
    console.log(`  ${key}: status, median ms, server CPU ms per request, slowest /healthz meanwhile (ms)`);
    for (const row of value as Record<string, unknown>[]) {
      const figures = [row['medianMs'], row['serverCpuMs'], row['healthSlowestMs']].map((x) => String(x).padStart(7)).join('  ');
      console.log(`    ${String(row['shape']).padEnd(64)} ${String(row['status'])}  ${figures}`);
    }
  } else if (typeof value !== 'object' || value === null) console.log(`  ${key.padEnd(20)} ${String(value)}`);
  else for (const [inner, figure] of Object.entries(value)) console.log(`  ${`${key}.${inner}`.padEnd(28)} ${String(figure)}`);
}
if (hostile.length > 0) {
  console.log('\nhostile requests one at a time (benchmarks/hostile.ts): status, ms, slowest /healthz meanwhile (ms), nodes after');
  for (const r of hostile) console.log(`  ${r.request}\n      ${r.status}  ${r.ms} ms  health ≤ ${r.healthSlowestMs} ms  ${r.nodesAfter} nodes`);
}
if (resources) console.log(`\nresources: 10,000 nodes, 300,000 running pods (benchmarks/resources.ts)\n${table([resources])}`);
if (podToPod && !serverOnly) console.log(`\npod-to-pod filters (benchmarks/pod-to-pod.ts; ${podToPodTarget})\n${table([podToPod])}`);
if (podToPodScores && !serverOnly) console.log(`\npod-to-pod scores (benchmarks/pod-to-pod-scores.ts)\n${table([podToPodScores])}`);
if (!serverOnly) console.log(`\nplacement map at 10,000 nodes (benchmarks/report-page.ts)\n${JSON.stringify(reportPage, null, 2)}`);
if (serverProfileDir) console.log(`\nthe server's CPU profile (open in Chrome DevTools or speedscope): ${serverProfileDir}`);
console.log(`\nmachine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}; written to benchmarks/results/latest.json`);
