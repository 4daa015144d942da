/**
 * `placement daemonset --pods`: the plan stays the controller's (it creates on every node), and the
 * Pending forecast says which of those pods the scheduler will not place — in JSON (`pending`) and
 * in the table ("3 should run, 1 will stay Pending: ...").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../testing/cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-cli-ds-pending-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
const nodes = file('nodes.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: ['n1', 'n2', 'n3'].map(node) }));
const running = (name: string, nodeName: string, requests: object, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { nodeName, containers: [{ name: 'c', image: 'i', resources: { requests }, ...extra }] },
  status: { phase: 'Running' },
});
const pods = file('pods.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [running('full', 'n1', { memory: '8Gi' }), running('exporter', 'n2', {}, { ports: [{ containerPort: 9100, hostPort: 9100 }] })] }));
const ds = file(
  'ds.yaml',
  `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      containers:
      - name: node-exporter
        image: quay.io/prometheus/node-exporter
        resources: {requests: {cpu: 100m, memory: 180Mi}}
        ports: [{containerPort: 9100, hostPort: 9100}]
`,
);
const ports = "node(s) didn't have free ports for the requested pod ports";

test('daemonset --pods -o json: pending lists the created pods the scheduler rejects, with its reasons', () => {
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', ds, '--pods', pods, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  assert.equal(plan.create, ['n1', 'n2', 'n3']);
  assert.equal(plan.pending, [{ node: 'n1', reasons: ['Insufficient memory'] }, { node: 'n2', reasons: [ports] }]);
});

test('daemonset --pods (table): the count line and the Pending reason per group of nodes', () => {
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', ds, '--pods', pods, '-o', 'table']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, `3 should run, 2 will stay Pending: 1 Insufficient memory, 1 ${ports}\n`);
  assert.match(r.stdout, 'stays Pending: Insufficient memory');
  const wide = run(['daemonset', '--nodes', nodes, '--daemonset', ds, '--pods', pods, '-o', 'wide']);
  assert.match(wide.stdout, /n2\s+yes\s+yes\s+stays Pending: node\(s\) didn't have free ports/);
});

test('daemonset without --pods: no forecast, no new line, no pending field', () => {
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', ds, '-o', 'table']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, 'Pending');
  const json = JSON.parse(run(['daemonset', '--nodes', nodes, '--daemonset', ds, '-o', 'json']).stdout);
  assert.not.ok('pending' in json);
});

test('report --pods: the DaemonSet\'s details carry the Pending forecast, grouped by reasons', () => {
  const r = run(['report', '--nodes', nodes, '--workloads', ds, '--pods', pods, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const coverage = JSON.parse(r.stdout).details[0].daemonset;
  assert.is(coverage.pending.count, 2);
  assert.equal(coverage.pending.groups.map((g: { reasons: string[]; nodes: string[] }) => [g.reasons, g.nodes]), [[['Insufficient memory'], ['n1']], [[ports], ['n2']]]);
  const without = JSON.parse(run(['report', '--nodes', nodes, '--workloads', ds, '-o', 'json']).stdout).details[0].daemonset;
  assert.not.ok('pending' in without);
});

test.run();
