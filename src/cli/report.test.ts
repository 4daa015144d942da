import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixturesDir } from '../testing/placement-fixtures.js';
import { run } from '../testing/cli-runner.js';

const nodes = join(fixturesDir, 'nodes');
const workloads = join(fixturesDir, 'workloads');
const daemonsets = join(fixturesDir, 'daemonsets');
const sampleWorkloads = fileURLToPath(new URL('../sample/workloads', import.meta.url));

test('report -o json: pools, one row per workload with per-pool counts, details per row', () => {
  const r = run(['report', '--nodes', nodes, '--workloads', daemonsets, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout);
  assert.is(data.kind, 'PlacementReport');
  assert.is(data.nodes.total, 11);
  assert.is(data.workloads.length, data.details.length);
  const kubeProxy = data.workloads.find((w: { id: string }) => w.id === 'DaemonSet/kube-system/kube-proxy');
  assert.is(kubeProxy.decidedBy, 'DaemonSet controller');
  assert.is(kubeProxy.counts.reduce((a: number, b: number) => a + b, 0), kubeProxy.eligible);
});

test('report: an HTML page by default, on stdout; the same rows as -o json', () => {
  const html = run(['report', '--nodes', nodes, '--workloads', sampleWorkloads]);
  assert.is(html.code, 0, html.stderr);
  assert.match(html.stdout, /^<!doctype html>/);
  const json = JSON.parse(run(['report', '--nodes', nodes, '--workloads', sampleWorkloads, '-o', 'json']).stdout);
  const start = html.stdout.indexOf('id="placement-data">') + 'id="placement-data">'.length;
  const embedded = JSON.parse(html.stdout.slice(start, html.stdout.indexOf('</script>', start)));
  assert.equal(embedded.workloads, json.workloads);
});

test('report: two input objects of one name each get a row, with a warning', () => {
  const r = run(['report', '--nodes', nodes, '--workloads', workloads, '-o', 'json']);
  assert.is(r.code, 0);
  assert.match(r.stderr, /warning: 2 workloads are named Deployment\/kube-system\/cluster-autoscaler; each has its own row/);
  assert.is(JSON.parse(r.stdout).workloads.filter((w: { id: string }) => w.id === 'Deployment/kube-system/cluster-autoscaler').length, 2);
});

test('report --group-by and --pods: pools by that label; DaemonSet plans read the given pods', () => {
  const dir = mkdtempSync(join(tmpdir(), 'placement-report-'));
  const pods = join(dir, 'pods.json');
  writeFileSync(pods, JSON.stringify({ kind: 'List', items: [] }));
  const r = run(['report', '--nodes', nodes, '--workloads', daemonsets, '--group-by', 'kubernetes.io/os', '--pods', pods, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout);
  assert.equal(data.groupBy, ['kubernetes.io/os']);
  assert.equal(data.pools.map((p: { name: string }) => p.name), ['linux', 'windows'].filter((os) => data.pools.some((p: { name: string }) => p.name === os)));
});

test('report: usage errors and bad input exit 2 with one clear line', () => {
  const cases: [string[], RegExp][] = [
    [['report', '--nodes', nodes], /--workloads is required/],
    [['report', '--nodes', nodes, '--workloads', workloads, '-o', 'yaml'], /-o: Unsupported value: "yaml": supported values: "html", "json"/],
    [['report', '--nodes', nodes, '--workloads', workloads, '--group-by', 'bad key'], /--group-by: Invalid value: "bad key"/],
    [['report', '--nodes', '-', '--workloads', '-'], /only one of --nodes, --workloads and --pods can read stdin/],
    [['report', '--nodes', nodes, '--workloads', join(fixturesDir, 'missing.yaml')], /missing\.yaml/],
  ];
  for (const [argv, message] of cases) {
    const r = run(argv);
    assert.is(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test.run();
