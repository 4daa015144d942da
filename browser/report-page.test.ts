/**
 * The placement map in a real browser (the system Chromium): the file `placement report` writes
 * for the 10,000-node sample cluster and its workloads, opened from disk — its counts against the
 * engine, a click and the keyboard, hostile names kept as text — and the live page of
 * `placement serve` with its what-if box and its refresh when a node changes. Any console error
 * fails the test. Timings are printed, never asserted.
 *
 * `PLACEMENT_SCREENSHOTS=1` saves the screenshots the README shows into benchmarks/results/
 * (otherwise into the system's temporary folder, so a test run leaves the repository as it was).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { createEngine, type Engine } from '../src/api/engine.js';
import { isDaemonSetTarget, type ImpactTarget } from '../src/api/impact.js';
import { nodesFromSources } from '../src/api/inputs.js';
import { clusterPodsFromSources } from '../src/api/pod-inputs.js';
import { readSources } from '../src/api/read-sources.js';
import { targetsFromSources } from '../src/api/targets-from-sources.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { Node } from '../src/model/types.js';
import { buildReport } from '../src/report/build-report.js';
import type { ReportData } from '../src/report/report-data.js';
import { renderReportPage } from '../src/report/render-page.js';
import { generateCluster } from '../src/sample/generate-cluster.js';
import { createPlacementServer, type PlacementServer } from '../src/server/server.js';
import { hostileReport, hostileStrings } from '../src/testing/hostile-report.js';
import { hasChromium, skipNotice, startChromium, watch, type Browser, type PageWatch } from './chromium.js';

const it = hasChromium ? test : test.skip;
const now = Date.parse('2026-01-01T00:00:00Z');
const options = { validate: true, featureGates: defaultFeatureGates };
const workloadsDir = fileURLToPath(new URL('../src/sample/workloads', import.meta.url));
const shotsDir = process.env['PLACEMENT_SCREENSHOTS'] === '1' ? fileURLToPath(new URL('../benchmarks/results', import.meta.url)) : join(tmpdir(), 'placement-screenshots');

interface Fixture {
  readonly browser: Browser;
  readonly dir: string;
  readonly nodes: Node[];
  readonly targets: ImpactTarget[];
  readonly engine: Engine;
  readonly data: ReportData;
  readonly file: string;
}
let f: Fixture;

/** The nodes the engine says a row's workload may use (a DaemonSet: should-run nodes). */
function eligibleCount(engine: Engine, target: ImpactTarget): number {
  if (isDaemonSetTarget(target)) return engine.daemonset(target, [], { now }).nodes.filter((n) => n.shouldRun).length;
  return engine.eligibleCount(target);
}

function idOf(target: ImpactTarget): string {
  return isDaemonSetTarget(target) ? `DaemonSet/${target.workload.namespace}/${target.workload.name}` : `${target.kind}/${target.namespace}/${target.name}`;
}

/** The matrix as the page shows it: per row its workload, eligible count and cells. */
function readMatrix(page: Page): Promise<{ id: string; eligible: number; cells: [string, number][] }[]> {
  return page.$$eval('tr[data-workload]', (rows) =>
    rows.map((tr) => ({
      id: (tr as HTMLElement).dataset['workload']!,
      eligible: Number((tr as HTMLElement).dataset['eligible']),
      cells: Array.from(tr.querySelectorAll('td[data-pool]')).map((td): [string, number] => [(td as HTMLElement).dataset['pool']!, Number((td as HTMLElement).dataset['count'])]),
    })),
  );
}

async function openPage(url: string): Promise<{ page: Page; seen: PageWatch; interactiveMs: number }> {
  const page = await f.browser.context.newPage();
  const seen = watch(page);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const interactiveMs = await page.evaluate(() => performance.getEntriesByName('placement-interactive')[0]!.startTime);
  return { page, seen, interactiveMs };
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  const path = join(shotsDir, name);
  await page.screenshot({ path });
  assert.ok(statSync(path).size > 10_000, `${path} holds a picture`);
  console.log(`  screenshot: ${path}`);
}

test.before(async () => {
  if (!hasChromium) return void console.log(`  ${skipNotice}`);
  const nodes = nodesFromSources(generateCluster({ nodes: 10_000, seed: 1 }).map((object) => ({ object, file: 'generated' })), options);
  const targets = targetsFromSources(readSources(workloadsDir, () => ''), options);
  const engine = createEngine({ nodes });
  const data = buildReport(engine, targets, { now, details: true });
  const dir = mkdtempSync(join(tmpdir(), 'placement-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, renderReportPage(data));
  f = { browser: await startChromium(), dir, nodes, targets, engine, data, file };
});

test.after(async () => {
  if (!hasChromium) return;
  await f.browser.close();
  rmSync(f.dir, { recursive: true, force: true });
});

it('the file opens from disk, loads nothing else, and every row and cell matches the engine', async () => {
  const url = pathToFileURL(f.file).href;
  const { page, seen, interactiveMs } = await openPage(url);
  const matrix = await readMatrix(page);
  assert.equal(matrix.map((r) => r.id).sort(), f.targets.map(idOf).sort());
  for (const target of f.targets) {
    const row = matrix.find((r) => r.id === idOf(target))!;
    assert.is(row.eligible, eligibleCount(f.engine, target), row.id);
    assert.is(row.cells.reduce((sum, [, n]) => sum + n, 0), row.eligible, `${row.id}: cells add up`);
    const data = f.data.workloads.find((w) => w.id === row.id)!;
    assert.equal(row.cells, f.data.pools.map((p, i): [string, number] => [p.name, data.counts[i]!]), `${row.id}: cells`);
  }
  assert.equal(seen.errors, []);
  assert.equal([...new Set(seen.requests)], [url], 'no request but the file itself');
  console.log(`  sample report: ${statSync(f.file).size} bytes, ${matrix.length} workloads × ${f.data.pools.length} pools, interactive after ${interactiveMs.toFixed(0)} ms`);
  await screenshot(page, 'report-page.png');
  await page.close();
});

it('a click on a workload shows its grouped why-not, the funnel and the nearest fixes', async () => {
  const { page, seen } = await openPage(pathToFileURL(f.file).href);
  const payments = f.targets.find((t) => idOf(t) === 'Deployment/payments/payments-api')!;
  assert.ok(payments && !isDaemonSetTarget(payments));
  await page.click('tr[data-workload="Deployment/payments/payments-api"] th');
  const panel = page.locator('#details');
  await panel.waitFor({ state: 'visible' });
  const text = (await panel.textContent()) ?? '';
  const answer = f.engine.eligible(payments, { explain: 'groups' });
  const why = f.engine.why(payments);
  assert.ok(text.includes(answer.message), 'the FitError summary');
  assert.ok(text.includes(answer.groups[0]!.details[0]!), 'the largest group’s detail');
  assert.ok(text.includes(why.nearestFixes[0]!.change), 'the nearest fix');
  assert.ok(text.includes('Funnel'));
  assert.is(await page.getAttribute('tr[data-workload="Deployment/payments/payments-api"]', 'aria-selected'), 'true');
  await page.click('tr[data-workload="DaemonSet/monitoring/node-exporter"] th');
  const coverage = (await panel.textContent()) ?? '';
  assert.match(coverage, /Coverage: a daemon pod should run on 9,781 of 10,000 nodes/);
  assert.match(coverage, /No Pending forecast: give the cluster’s pods/);
  assert.equal(seen.errors, []);
  await page.close();
});

it('the keyboard: Tab into the grid, arrows move one cell, Enter opens, Escape closes and returns focus; the filter narrows rows', async () => {
  const { page, seen } = await openPage(pathToFileURL(f.file).href);
  await page.keyboard.press('Tab');
  assert.is(await page.evaluate(() => document.activeElement?.id), 'filter');
  await page.keyboard.press('Tab');
  assert.is(await page.evaluate(() => document.activeElement?.tagName), 'SUMMARY', 'the pools table');
  await page.keyboard.press('Tab');
  assert.is(await page.evaluate(() => (document.activeElement?.closest('tr') as HTMLElement | null)?.dataset['workload']), f.data.workloads[0]!.id, 'the grid: one tab stop');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return { pool: el.dataset['pool'] ?? '', row: (el.closest('tr') as HTMLElement | null)?.dataset['workload'] ?? '', outline: getComputedStyle(el).outlineStyle };
  });
  const third = f.data.workloads[2]!.id;
  assert.equal(await focused(), { pool: f.data.pools[0]!.name, row: third, outline: 'solid' }, 'row 3, first pool, focus visible');
  await page.keyboard.press('Enter');
  assert.is(await page.evaluate(() => document.activeElement?.id), 'details-title');
  assert.is(await page.textContent('#details-title'), third);
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#details').isHidden());
  assert.equal((await focused()).row, third, 'focus is back on the cell');
  await page.keyboard.press('Control+End');
  assert.equal(await focused(), { pool: f.data.pools.at(-1)!.name, row: f.data.workloads.at(-1)!.id, outline: 'solid' });
  await page.fill('#filter', 'payments');
  assert.is(await page.locator('tr[data-workload]:visible').count(), 1);
  assert.equal(seen.errors, []);
  await page.close();
});

it('hostile names, labels and taints stay text: nothing they carry runs (and the same payloads do run when injected raw)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'placement-hostile-'));
  const file = join(dir, 'hostile.html');
  writeFileSync(file, renderReportPage(hostileReport().data));
  const { page, seen } = await openPage(pathToFileURL(file).href);
  await page.click('tr[data-workload] th');
  await page.locator('#details').waitFor({ state: 'visible' });
  assert.is(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  const headers = await page.$$eval('th.pool', (ths) => ths.map((th) => (th as HTMLElement).dataset['pool']));
  assert.ok(headers.includes(hostileStrings[0]), 'the pool name is shown as the text it is');
  assert.ok(((await page.textContent('#details')) ?? '').includes(`${hostileStrings[0]}-key`), 'the taint in the why-not, as text');
  assert.equal(seen.errors, []);
  // The control: the same payload written into a page as markup runs.
  const control = await f.browser.context.newPage();
  await control.setContent(`<div>${hostileStrings[1]}</div>`);
  await control.waitForFunction(() => (window as unknown as { __pwned?: number }).__pwned === 2);
  await Promise.all([page.close(), control.close()]);
  rmSync(dir, { recursive: true, force: true });
});

it('the live page: the server’s nodes and registered workloads, details on click, what-if through /v1/impact, refreshed when a node changes', async () => {
  // Chromium keeps spare connections open that never send a request; short timeouts let close() end them.
  const server: PlacementServer = await createPlacementServer({ nodes: f.nodes, now: () => now, keepAliveTimeoutMs: 500, headersTimeoutMs: 1000, timeoutCheckIntervalMs: 200 });
  const { url } = await server.listen(0, '127.0.0.1');
  try {
    for (const { object } of readSources(workloadsDir, () => '')) {
      const metadata = object['metadata'] as { name: string; namespace?: string };
      const put = await fetch(`${url}/v1/workloads/${metadata.namespace ?? 'default'}/${metadata.name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(object) });
      assert.is(put.status, 201);
    }
    const { page, seen, interactiveMs } = await openPage(`${url}/`);
    const before = await readMatrix(page);
    for (const target of f.targets) assert.is(before.find((r) => r.id === idOf(target))!.eligible, eligibleCount(f.engine, target), idOf(target));
    await page.click('tr[data-workload="Deployment/payments/payments-api"] th');
    await page.locator('#details h3', { hasText: 'Funnel' }).waitFor();

    // What if the payments-api pool were cordoned? Workloads lose its nodes; DaemonSets ignore cordons.
    const pool = 'payments-api';
    const members = new Set(f.nodes.filter((n) => n.labels.get('karpenter.sh/nodepool') === pool || (!n.labels.has('karpenter.sh/nodepool') && n.labels.get('eks.amazonaws.com/nodegroup') === pool)).map((n) => n.name));
    const cordoned = createEngine({ nodes: f.nodes.map((n) => (members.has(n.name) ? { ...n, unschedulable: true } : n)) });
    await page.selectOption('#whatif-pool', String(f.data.pools.findIndex((p) => p.name === pool)));
    await page.selectOption('#whatif select[name="action"]', 'cordon');
    await page.click('#whatif button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('whatif-status')?.textContent?.startsWith('What if: cordon'));
    const preview = await readMatrix(page);
    for (const target of f.targets) {
      const names = isDaemonSetTarget(target) ? cordoned.daemonset(target, [], { now }).nodes.filter((n) => n.shouldRun).map((n) => n.node) : cordoned.eligible(target, { explain: 'none' }).eligible;
      const row = preview.find((r) => r.id === idOf(target))!;
      assert.is(row.cells.find(([p]) => p === pool)![1], names.filter((n) => members.has(n)).length, `${row.id}: the cordoned pool's cell`);
      assert.is(row.eligible, names.length, `${row.id}: eligible if cordoned`);
    }
    assert.ok((await page.locator('td.changed').count()) > 0, 'changed cells are marked');
    await screenshot(page, 'report-live-whatif.png');
    await page.click('#whatif-clear');
    assert.equal(await readMatrix(page), before, 'nothing was applied');

    // A change the server refuses: its message once, not once per node of the pool.
    await page.selectOption('#whatif select[name="action"]', 'taint');
    await page.fill('#whatif input[name="key"]', 'bad key!');
    await page.click('#whatif button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('whatif-status')?.textContent?.startsWith('The server refused'));
    const refused = (await page.textContent('#whatif-status')) ?? '';
    assert.match(refused, new RegExp(`changes\\[0\\]\\.addTaints\\[0\\]\\.key: Invalid value: "bad key!".*\\(and ${members.size - 1} more like it\\)$`));
    // Chromium logs every 4xx answer to fetch as a console error: that one, and only it, is expected.
    assert.equal(seen.errors.splice(0), ['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);

    // A node of the pool really is cordoned: the page refreshes by itself.
    const payments = f.targets.find((t) => idOf(t) === 'Deployment/payments/payments-api')!;
    const victim = f.engine.eligible(payments as Exclude<ImpactTarget, { updateStrategy: unknown }>, { explain: 'none' }).eligible.find((n) => members.has(n))!;
    const raw = f.nodes.find((n) => n.name === victim)!.raw as { spec?: Record<string, unknown> };
    const put = await fetch(`${url}/v1/nodes/${victim}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...raw, spec: { ...raw.spec, unschedulable: true } }) });
    assert.is(put.status, 200);
    const row = 'tr[data-workload="Deployment/payments/payments-api"]';
    const was = Number(await page.getAttribute(row, 'data-eligible'));
    await page.waitForFunction(([selector, count]) => document.querySelector(selector as string)?.getAttribute('data-eligible') === String(count), [row, was - 1] as const, { timeout: 10_000 });
    assert.match((await page.textContent('#live-status')) ?? '', /the map changed/);
    assert.equal(seen.errors, []);
    console.log(`  live page: interactive after ${interactiveMs.toFixed(0)} ms`);
    await page.close();
  } finally {
    await server.close();
  }
});

it('the live page with the cluster\'s pods: a DaemonSet\'s details show how many daemon pods will stay Pending and why, its own running pods not counted', async () => {
  const realNodes = nodesFromSources(readSources(fileURLToPath(new URL('../src/testdata/real/nodes', import.meta.url)), () => ''), options);
  const pods = clusterPodsFromSources(readSources(fileURLToPath(new URL('../src/testdata/real/pods/cluster-pods.json', import.meta.url)), () => ''));
  const server: PlacementServer = await createPlacementServer({ nodes: realNodes, pods, now: () => now, keepAliveTimeoutMs: 500, headersTimeoutMs: 1000, timeoutCheckIntervalMs: 200 });
  const { url } = await server.listen(0, '127.0.0.1');
  try {
    const exporter = readSources(fileURLToPath(new URL('../src/testdata/real/daemonsets/prometheus-node-exporter.yaml', import.meta.url)), () => '')[0]!.object;
    // A second exporter binding the same host port 9100, without node-exporter's tolerations.
    const other = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'other-exporter', namespace: 'observability' }, spec: { selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'e', image: 'e', ports: [{ containerPort: 9100, hostPort: 9100 }] }] } } } };
    for (const [path, object] of [['monitoring/node-exporter', exporter], ['observability/other-exporter', other]] as const) {
      const put = await fetch(`${url}/v1/workloads/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(object) });
      assert.is(put.status, 201);
    }
    const { page, seen } = await openPage(`${url}/`);
    await page.click('tr[data-workload="DaemonSet/observability/other-exporter"] th');
    await page.locator('#details p', { hasText: 'daemon pods will stay Pending' }).waitFor();
    assert.is(await page.locator('#details p', { hasText: 'daemon pods will stay Pending' }).textContent(), '1 daemon pods will stay Pending:');
    assert.match((await page.textContent('#details')) ?? '', /node\(s\) didn't have free ports for the requested pod ports/);
    assert.match((await page.textContent('#details')) ?? '', /kind-worker/);
    await page.click('tr[data-workload="DaemonSet/monitoring/node-exporter"] th');
    await page.locator('#details p', { hasText: '0 daemon pods will stay Pending.' }).waitFor();
    assert.equal(seen.errors, []);
    await page.close();
  } finally {
    await server.close();
  }
});

test.run();
