/**
 * `placement daemonset` through `main(argv, io)` with a fake io: the JSON contract for one and for
 * several DaemonSets, pods and ControllerRevisions from a kubectl-shaped List, `--revision-hash`,
 * `--now`, tables, and bad input (exit 2 with `file: path: message` on stderr).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, type Run } from '../testing/cli-runner.js';


const dir = mkdtempSync(join(tmpdir(), 'placement-cli-daemonset-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const noStack = (text: string): boolean => !/^\s+at /m.test(text);
/** The controller clock for runs whose answer must not depend on the wall clock. */
const clock = '2026-01-02T00:00:00Z';

// Three nodes, not in name order: b (plain), a (NoSchedule taint: may only continue), c (NoExecute taint: must go).
const nodes = file(
  'nodes.yaml',
  `apiVersion: v1
kind: Node
metadata: {name: b-node, labels: {disk: ssd}}
---
apiVersion: v1
kind: Node
metadata: {name: a-node}
spec:
  taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: c-node}
spec:
  taints: [{key: gone, effect: NoExecute, timeAdded: "2026-01-01T00:00:00Z"}]
`,
);

const daemonSetYaml = (name: string, extra = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: kube-system, uid: uid-${name}}
spec:
  selector: {matchLabels: {app: ${name}}}${extra}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: x}]}
`;
const agent = file('agent.yaml', daemonSetYaml('agent'));

const planKeys = ['nodes', 'create', 'delete', 'status', 'released', 'adopted', 'evictions', 'warnings', 'notEvaluated'];
const statusKeys = ['desiredNumberScheduled', 'currentNumberScheduled', 'numberMisscheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'];

interface PlanJson {
  nodes: { node: string; shouldRun: boolean; shouldContinueRunning: boolean; reasons: string[] }[];
  create: string[];
  delete: string[];
  status: Record<string, number>;
  released: string[];
  adopted: string[];
  evictions: { pod: string; node: string; evictAfterSeconds: number; evictAt?: string }[];
  warnings: string[];
}

function planOf(r: Run): PlanJson {
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  return JSON.parse(r.stdout) as PlanJson;
}

test('daemonset -o json: {nodes, create, delete, status, ...}, nodes in input order', () => {
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', agent, '-o', 'json', '--now', clock]);
  const out = planOf(r);
  assert.equal(Object.keys(out), planKeys);
  assert.equal(out.nodes, [
    { node: 'b-node', shouldRun: true, shouldContinueRunning: true, reasons: [] },
    { node: 'a-node', shouldRun: false, shouldContinueRunning: true, reasons: ['node(s) had untolerated taint(s)'] },
    { node: 'c-node', shouldRun: false, shouldContinueRunning: false, reasons: ['node(s) had untolerated taint(s)'] },
  ]);
  for (const n of out.nodes) assert.equal(Object.keys(n), ['node', 'shouldRun', 'shouldContinueRunning', 'reasons']);
  assert.equal(out.create, ['b-node']);
  assert.equal(out.delete, []);
  assert.equal(Object.keys(out.status), statusKeys);
  assert.equal(out.status, { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 1 });
  assert.ok(r.stdout.endsWith('\n'));
});

test('daemonset: JSON is the default off a terminal; -o wide is a table with a row per node', () => {
  const json = run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', agent]);
  assert.equal(Object.keys(planOf(json)), planKeys);
  const table = run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', agent, '-o', 'wide']);
  assert.is(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.is(lines[0], 'DaemonSet kube-system/agent');
  assert.ok(lines[1]?.startsWith('NODE'), lines[1]);
  assert.equal(lines.slice(2, 5).map((l) => l.split(/\s+/)[0]), ['b-node', 'a-node', 'c-node']);
  assert.ok(table.stdout.includes('create on 1 node(s): b-node'));
});

test('daemonset -o table groups nodes with the same answer, largest group first, with example names', () => {
  const table = run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', agent, '-o', 'table']);
  assert.is(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[1] ?? '', /^NODES\s+SHOULD RUN\s+MAY CONTINUE\s+WHY NOT\s+EXAMPLES$/);
  const counted = lines.slice(2).filter((l) => /^\d+\s/.test(l)).map((l) => Number(l.split(/\s+/)[0]));
  assert.is(counted.reduce((a, b) => a + b, 0), 3, 'every node is in one group');
  assert.equal(counted, [...counted].sort((a, b) => b - a));
});

test('several DaemonSets: a multi-document file and a folder give {"daemonsets": [...]} in input order', () => {
  const both = file('both.yaml', `${daemonSetYaml('agent')}---\n${daemonSetYaml('logger')}`);
  const folder = join(dir, 'ds-folder');
  mkdirSync(folder);
  writeFileSync(join(folder, '2-logger.yaml'), daemonSetYaml('logger'));
  writeFileSync(join(folder, '1-agent.yaml'), daemonSetYaml('agent'));
  for (const path of [both, folder]) {
    const r = run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', path, '-o', 'json']);
    assert.is(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { daemonsets: (PlanJson & { name: string; namespace: string })[] };
    assert.equal(Object.keys(out), ['daemonsets']);
    assert.equal(out.daemonsets.map((d) => [d.name, d.namespace]), [['agent', 'kube-system'], ['logger', 'kube-system']]);
    for (const d of out.daemonsets) {
      assert.equal(Object.keys(d), ['name', 'namespace', ...planKeys]);
      assert.equal(d.nodes.map((n) => n.node), ['b-node', 'a-node', 'c-node']);
      assert.equal(d.create, ['b-node']);
    }
  }
});

// kubectl get pods,controllerrevisions -n kube-system -o json
const podJson = (name: string, node: string, hash: string, ready: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'kube-system',
    creationTimestamp: '2025-12-01T00:00:00Z',
    labels: { app: 'agent', 'controller-revision-hash': hash },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'uid-agent', controller: true, blockOwnerDeletion: true }],
  },
  spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready, lastTransitionTime: '2026-01-01T00:00:00Z' }] },
});
const revisionJson = (hash: string, revision: number) => ({
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: {
    name: `agent-${hash}`,
    namespace: 'kube-system',
    labels: { app: 'agent', 'controller-revision-hash': hash },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'uid-agent', controller: true, blockOwnerDeletion: true }],
  },
  revision,
  data: {},
});
const podList = file(
  'pods.json',
  JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        podJson('agent-b', 'b-node', 'old111', 'True'),
        podJson('agent-a', 'a-node', 'new222', 'True'),
        podJson('agent-c', 'c-node', 'new222', 'True'),
        revisionJson('new222', 2),
        revisionJson('old111', 1),
      ],
      metadata: { resourceVersion: '' },
    },
    null,
    2,
  ),
);

test('--pods: a List with pods and ControllerRevisions; the newest revision is current', () => {
  const out = planOf(run(['daemonset', '--nodes', nodes, '--daemonset', agent, '--pods', podList, '-o', 'json', '--now', clock]));
  // c-node's pod must go (untolerated NoExecute); b-node's pod is old and available, so the rolling update deletes it
  assert.equal(out.delete, ['agent-c', 'agent-b']);
  assert.equal(out.create, []);
  assert.equal(out.warnings, []);
  // a-node keeps its pod (NoSchedule only): misscheduled; b-node is left without a pod until the next sync
  assert.equal(out.status, { desiredNumberScheduled: 1, currentNumberScheduled: 0, numberMisscheduled: 1, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 1 });
  assert.equal(out.evictions, [{ pod: 'agent-c', node: 'c-node', evictAfterSeconds: 0, evictAt: '2026-01-01T00:00:00.000Z' }]);
});

test('--revision-hash overrides the ControllerRevisions', () => {
  const out = planOf(run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', agent, '--pods', podList, '--revision-hash', 'old111', '-o', 'json']));
  // with old111 current, a-node's pod (new222, where it may only continue) is the old one the update removes
  assert.equal(out.delete, ['agent-c', 'agent-a']);
  assert.equal(out.status.updatedNumberScheduled, 1);
  assert.equal(out.status.currentNumberScheduled, 1);
  assert.equal(out.status.numberMisscheduled, 0);
});

test('--now: an RFC 3339 time decides availability with minReadySeconds', () => {
  const slow = file('slow.yaml', daemonSetYaml('agent', '\n  minReadySeconds: 60'));
  const at = (now: string) => planOf(run(['daemonset', '--nodes', nodes, '--daemonset', slow, '--pods', podList, '--revision-hash', 'old111', '--now', now, '-o', 'json'])).status;
  assert.is(at('2026-01-01T00:00:30Z').numberAvailable, 0);
  assert.is(at('2026-01-01T00:01:00Z').numberAvailable, 0);
  assert.is(at('2026-01-01T00:01:01Z').numberAvailable, 1);
  assert.is(at('2026-01-01T02:01:01+02:00').numberAvailable, 1);
  assert.is(at('2026-01-01T00:00:59.999Z').numberAvailable, 0);
});

test('--now: a bad value is exit 2 with one line', () => {
  for (const bad of ['yesterday', '2026-01-01', '2026-01-01 00:00:00Z', '1735689600']) {
    const r = run(['daemonset', '--nodes', nodes, '--daemonset', agent, '--now', bad]);
    assert.is(r.code, 2, bad);
    assert.is(r.stdout, '');
    assert.is(r.stderr, `placement daemonset: --now: Invalid value: ${JSON.stringify(bad)}: must be an RFC 3339 time, e.g. 2006-01-02T15:04:05Z\n`);
  }
});

test('--now: dates that do not exist are refused as Go time.Parse(time.RFC3339) refuses them (parseRFC3339 ranges)', () => {
  const cases: [string, string][] = [
    ['2024-02-30T00:00:00Z', 'day out of range'],
    ['2023-02-29T00:00:00Z', 'day out of range'],
    ['2024-13-01T00:00:00Z', 'month out of range'],
    ['2024-01-01T24:00:00Z', 'hour out of range'],
    ['2024-01-01T00:60:00Z', 'minute out of range'],
    ['2024-01-01T00:00:60Z', 'second out of range'],
    ['2024-01-01T00:00:00+24:00', 'time zone offset hour out of range'],
  ];
  for (const [bad, why] of cases) {
    const r = run(['daemonset', '--nodes', nodes, '--daemonset', agent, '--now', bad]);
    assert.is(r.code, 2, bad);
    assert.is(r.stderr, `placement daemonset: --now: Invalid value: ${JSON.stringify(bad)}: must be an RFC 3339 time: ${why}\n`);
  }
  // Leap days and the ends of Go's year range exist.
  for (const good of ['2024-02-29T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999-23:59']) {
    assert.is(run(['daemonset', '--nodes', nodes, '--daemonset', agent, '--now', good, '-o', 'json']).code, 0, good);
  }
});

test('stdin via `-` for the DaemonSet', () => {
  const out = planOf(run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', '-', '-o', 'json'], { stdin: daemonSetYaml('agent') }));
  assert.equal(out.create, ['b-node']);
});

test('bad DaemonSet input: a workload of another kind is exit 2 with file: path: message', () => {
  const deployment = file('deployment.yaml', daemonSetYaml('agent').replace('kind: DaemonSet', 'kind: Deployment'));
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', deployment, '-o', 'json']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr, `${deployment}: kind: Unsupported value: "Deployment": supported values: "DaemonSet"\n`);
});

test('bad DaemonSet input: a non-workload (the nodes file) is exit 2, one line per object, with its document', () => {
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', nodes, '-o', 'json']);
  assert.is(r.code, 2);
  const lines = r.stderr.trimEnd().split('\n');
  assert.is(lines.length, 3);
  lines.forEach((line, i) => assert.ok(line.startsWith(`${nodes} (document ${i + 1}): kind: Unsupported value: "Node"`), line));
  assert.ok(noStack(r.stderr));
});

test('bad DaemonSet input: a selector that does not match the template labels', () => {
  const bad = file('mismatch.yaml', daemonSetYaml('agent').replace('labels: {app: agent}', 'labels: {app: other}'));
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', bad, '-o', 'json']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /^.+: spec\.template\.metadata\.labels: Invalid value: .+: `selector` does not match template `labels`\n$/);
  assert.ok(r.stderr.startsWith(`${bad}: spec.template.metadata.labels: Invalid value: `), r.stderr);
  // --no-validate plans it as given
  assert.is(run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', bad, '--no-validate', '-o', 'json']).code, 0);
});

test('bad DaemonSet input: an empty selector is rejected by validation; with --no-validate it does nothing but warn', () => {
  const everything = file('everything.yaml', daemonSetYaml('agent').replace('selector: {matchLabels: {app: agent}}', 'selector: {}'));
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', everything, '-o', 'json']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /spec\.selector: Invalid value: \{\}: empty selector is invalid for daemonset/);
  const out = planOf(run(['daemonset', '--now', clock, '--nodes', nodes, '--daemonset', everything, '--pods', podList, '--no-validate', '-o', 'json']));
  assert.equal([out.create, out.delete, out.adopted, out.released], [[], [], [], []]);
  assert.equal(out.warnings, ['SelectingAll: This daemon set is selecting all pods. A non-empty selector is required.']);
});

test('bad pods input: an object that is neither Pod nor ControllerRevision', () => {
  const r = run(['daemonset', '--nodes', nodes, '--daemonset', agent, '--pods', nodes, '-o', 'json']);
  assert.is(r.code, 2);
  assert.ok(r.stderr.startsWith(`${nodes} (document 1): kind: Unsupported value: "Node": supported values: "Pod", "ControllerRevision"`), r.stderr);
});

test('usage: --nodes and --daemonset are required; bad -o', () => {
  const noDs = run(['daemonset', '--nodes', nodes]);
  assert.is(noDs.code, 2);
  assert.match(noDs.stderr, /--daemonset is required/);
  const noNodes = run(['daemonset', '--daemonset', agent]);
  assert.is(noNodes.code, 2);
  assert.match(noNodes.stderr, /--nodes is required/);
  const badOutput = run(['daemonset', '--nodes', nodes, '--daemonset', agent, '-o', 'yaml']);
  assert.is(badOutput.code, 2);
  assert.match(badOutput.stderr, /-o: Unsupported value: "yaml"/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
