/**
 * Every CLI answer says what it did not evaluate: `notEvaluated` in the JSON of eligible, rank, why
 * and daemonset; in the tables a suffix on the summary line and a table of the fields; in lint one
 * line per field, without changing the exit code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../testing/cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-cli-not-evaluated-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const nodes = file(
  'nodes.yaml',
  `apiVersion: v1
kind: Node
metadata: {name: a, labels: {zone: a}}
---
apiVersion: v1
kind: Node
metadata: {name: b, labels: {zone: b}}
spec:
  taints: [{key: dedicated, value: db, effect: NoSchedule}]
`,
);

// A StatefulSet-like database: one replica per node (anti-affinity) and a claim per pod.
const db = file(
  'db.yaml',
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: db}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: db}}
            topologyKey: kubernetes.io/hostname
      containers: [{name: db, image: postgres}]
      volumes:
      - name: data
        persistentVolumeClaim: {claimName: data}
`,
);
const plain = file('plain.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}]}\n');
const exporter = file(
  'node-exporter.yaml',
  `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring, uid: u1}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      hostNetwork: true
      containers:
      - name: node-exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
        ports: [{name: metrics, containerPort: 9100}]
`,
);

const volume = 'spec.template.spec.volumes[0].persistentVolumeClaim';
const antiAffinity = 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
const suffix = '(not evaluated: PVC volume binding, pod anti-affinity)';

test('eligible -o json: notEvaluated lists {field, what} in field order; always present', () => {
  const r = run(['eligible', '--nodes', nodes, '--pod', db, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(Object.keys(out), ['eligible', 'ineligible', 'message', 'notEvaluated']);
  assert.equal(out.notEvaluated.map((n: { field: string }) => n.field), [volume, antiAffinity]);
  assert.equal(Object.keys(out.notEvaluated[0]), ['field', 'what']);
  assert.match(out.notEvaluated[0].what, /\(VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits\)$/);
  assert.match(out.notEvaluated[1].what, /\(InterPodAffinity\)$/);
  assert.equal(JSON.parse(run(['eligible', '--nodes', nodes, '--pod', plain, '-o', 'json']).stdout).notEvaluated, []);
  for (const explain of ['groups', 'none']) {
    const other = JSON.parse(run(['eligible', '--nodes', nodes, '--pod', db, '-o', 'json', '--explain', explain]).stdout);
    assert.equal(other.notEvaluated, out.notEvaluated, explain);
  }
});

test('eligible tables: the summary line says what was not evaluated, then a table of the fields', () => {
  for (const args of [['-o', 'table'], ['-o', 'wide'], ['-o', 'table', '--explain', 'none']]) {
    const r = run(['eligible', '--nodes', nodes, '--pod', db, ...args]);
    assert.is(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`1/2 nodes are available: 1 node(s) had untolerated taint(s). ${suffix}\n`), r.stdout);
    assert.match(r.stdout, /\nNOT EVALUATED +WHAT KUBE-SCHEDULER CHECKS THERE\n/);
    assert.match(r.stdout, new RegExp(`\\n${volume.replace(/[.[\]]/g, '\\$&')} +volume node affinity and binding`));
  }
  const quiet = run(['eligible', '--nodes', nodes, '--pod', plain, '-o', 'table']);
  assert.not.match(quiet.stdout, /not evaluated|NOT EVALUATED/, 'nothing to say, nothing said');
});

test('rank and why: JSON and tables list them too', () => {
  const rank = JSON.parse(run(['rank', '--nodes', nodes, '--pod', db, '-o', 'json']).stdout);
  assert.equal(Object.keys(rank), ['nodes', 'notEvaluated']);
  assert.equal(rank.notEvaluated.map((n: { field: string }) => n.field), [volume, antiAffinity]);
  assert.match(run(['rank', '--nodes', nodes, '--pod', db, '-o', 'table']).stdout, /NOT EVALUATED/);
  const why = JSON.parse(run(['why', '--nodes', nodes, '--pod', db, '-o', 'json']).stdout);
  assert.equal(why.notEvaluated, rank.notEvaluated);
  const table = run(['why', '--nodes', nodes, '--pod', db, '-o', 'table']).stdout;
  assert.ok(table.startsWith(`Deployment default/db: 1/2 nodes are eligible ${suffix}\n`), table);
  assert.match(table, /NOT EVALUATED/);
});

test('daemonset: the controller creates node-exporter everywhere; the scheduler still checks host port 9100 (NodePorts)', () => {
  const out = JSON.parse(run(['daemonset', '--nodes', nodes, '--daemonset', exporter, '-o', 'json', '--now', '2026-01-01T00:00:00Z']).stdout);
  assert.equal(out.notEvaluated.map((n: { field: string }) => n.field), ['spec.template.spec.containers[0].ports[0].hostPort']);
  assert.match(out.notEvaluated[0].what, /\(NodePorts\)$/);
  const table = run(['daemonset', '--nodes', nodes, '--daemonset', exporter, '-o', 'table', '--now', '2026-01-01T00:00:00Z']).stdout;
  assert.ok(table.startsWith('DaemonSet monitoring/node-exporter (not evaluated: host ports)\n'), table);
  const rollout = JSON.parse(run(['daemonset', '--nodes', nodes, '--daemonset', exporter, '-o', 'json', '--rollout', '--now', '2026-01-01T00:00:00Z']).stdout);
  assert.equal(rollout.notEvaluated, out.notEvaluated);
});

test('lint: one line per field after the findings; informative, so the exit code stays 0', () => {
  const r = run(['lint', '--pod', db]);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines[0], `${db}: no findings`);
  assert.ok(lines[1]?.startsWith(`${db}: ${volume}: not evaluated: volume node affinity and binding`), lines[1]);
  assert.ok(lines[2]?.startsWith(`${db}: ${antiAffinity}: not evaluated: pod anti-affinity`), lines[2]);
  assert.is(lines.length, 3);
  assert.is(run(['lint', '--pod', plain]).stdout, `${plain}: no findings\n`);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
