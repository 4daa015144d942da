/**
 * The placement map at 10,000 nodes: for the sample workloads and for ~200 synthetic ones, the
 * matrix alone (what the live page recomputes when nodes change), the whole report cold (a fresh
 * engine, as `placement report` runs) and warm, the page's size, the CLI end to end on the sample,
 * and — when the system Chromium is there — the time until the page is interactive (the page's
 * own `placement-interactive` performance mark) and how long a click takes to show a workload.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../src/api/engine.js';
import type { ImpactTarget } from '../src/api/impact.js';
import { readSources } from '../src/api/read-sources.js';
import { targetsFromSources } from '../src/api/targets-from-sources.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { Node } from '../src/model/types.js';
import { buildReport } from '../src/report/build-report.js';
import { renderReportPage } from '../src/report/render-page.js';
import { hasChromium, startChromium } from '../browser/chromium.js';
import { time, timeOnceMs, type TimingBudget } from './harness.js';
import { benchmarkWorkloads } from './workloads.js';

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const now = Date.parse('2026-01-01T00:00:00Z');

/** Opens each page in Chromium: ms until interactive, and ms for a click on the first row to render its details. */
async function inBrowser(files: readonly string[]): Promise<{ interactiveMs: number; clickMs: number }[]> {
  const browser = await startChromium();
  const out: { interactiveMs: number; clickMs: number }[] = [];
  try {
    for (const file of files) {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready="true"]');
      // String expressions: this code is type-checked without the DOM library.
      const interactiveMs = Number(await page.evaluate("performance.getEntriesByName('placement-interactive')[0].startTime"));
      const clickMs = Number(await page.evaluate("(() => { const t = performance.now(); document.querySelector('tr[data-workload] th').click(); return performance.now() - t; })()"));
      out.push({ interactiveMs: round(interactiveMs), clickMs: round(clickMs) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

function measureSet(nodes: readonly Node[], targets: readonly ImpactTarget[], budget: TimingBudget, file: string): Record<string, number> {
  const fresh = createEngine({ nodes });
  let html = '';
  const coldMs = timeOnceMs(() => (html = renderReportPage(buildReport(fresh, targets, { now, details: true }))));
  const warmMs = timeOnceMs(() => renderReportPage(buildReport(fresh, targets, { now, details: true })));
  const matrix = time(() => buildReport(fresh, targets, { now, details: false }).workloads.length, { warmupMs: budget.warmupMs, samples: 5 });
  writeFileSync(file, html);
  return { workloads: targets.length, matrixMs: round(matrix.medianUs / 1000, 2), generateColdMs: round(coldMs, 0), generateWarmMs: round(warmMs, 0), pageBytes: Buffer.byteLength(html) };
}

/** The CLI run end to end on the sample (reading 10,000 nodes of JSON included), when the bundle is built. */
function cliMs(dir: string, nodes: readonly Node[]): number {
  const nodesFile = join(dir, 'nodes.json');
  writeFileSync(nodesFile, JSON.stringify({ kind: 'List', items: nodes.map((n) => n.raw) }));
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['dist/cli.js', 'report', '--nodes', nodesFile, '--workloads', 'src/sample/workloads'], { maxBuffer: 64 << 20 });
  return run.status === 0 ? round(Number(process.hrtime.bigint() - start) / 1e6, 0) : -1;
}

/** Measures the report over `nodes` (the 10,000-node sample cluster). */
export async function measureReportPage(nodes: readonly Node[], budget: TimingBudget): Promise<Record<string, Record<string, number>>> {
  const dir = mkdtempSync(join(tmpdir(), 'placement-bench-report-'));
  try {
    const sample = targetsFromSources(readSources('src/sample/workloads', () => ''), { validate: true, featureGates: defaultFeatureGates });
    const synthetic = benchmarkWorkloads(nodes.map((n) => n.name), 200);
    const files = [join(dir, 'sample.html'), join(dir, 'synthetic.html')];
    const sets: Record<string, Record<string, number>> = {
      sample: { ...measureSet(nodes, sample, budget, files[0]!), cliMs: cliMs(dir, nodes) },
      synthetic200: measureSet(nodes, synthetic, budget, files[1]!),
    };
    if (hasChromium) {
      const [a, b] = await inBrowser(files);
      Object.assign(sets['sample']!, a);
      Object.assign(sets['synthetic200']!, b);
    }
    return sets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
