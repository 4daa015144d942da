/**
 * `placement daemonset --rollout` through `main(argv, io)`: the JSON shape, the table (a row per
 * wave, a summary, stuck nodes grouped by reason), `--ready-after` / `--terminate-after` as Go
 * durations or seconds, usage errors (exit 2, one line), and the real fixtures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { realFixturesDir } from '../testdata/fixtures.js';
import { run, type Run } from '../testing/cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-cli-rollout-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const clock = '2026-01-02T00:00:00Z';

// Three plain nodes and one with an untolerated NoSchedule taint; each takes 110 pods (with --pods
// the forecast judges the daemon pods' fit, and a node without allocatable pods takes none).
const allocatable = { allocatable: { pods: '110' } };
const nodes = file(
  'nodes.json',
  JSON.stringify({
    kind: 'List',
    items: [
      ...['n1', 'n2', 'n3'].map((name) => ({ kind: 'Node', metadata: { name }, status: allocatable })),
      { kind: 'Node', metadata: { name: 'gpu' }, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }, status: allocatable },
    ],
  }),
);
const daemonSetYaml = (name: string, strategy = 'RollingUpdate') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: kube-system, uid: uid-${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  updateStrategy: {type: ${strategy}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: x}]}
`;
const agent = file('agent.yaml', daemonSetYaml('agent'));
// kubectl get pods -o json: an old pod on each plain node, Ready since long ago.
const pods = file(
  'pods.json',
  JSON.stringify({
    kind: 'List',
    items: ['n1', 'n2', 'n3'].map((node) => ({
      kind: 'Pod',
      metadata: {
        name: `agent-${node}`,
        namespace: 'kube-system',
        creationTimestamp: '2025-12-01T00:00:00Z',
        labels: { app: 'agent', 'controller-revision-hash': 'old' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'uid-agent', controller: true }],
      },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-12-01T00:01:00Z' }] },
    })),
  }),
);
const rollout = (extra: string[] = [], ds = agent): Run => run(['daemonset', '--nodes', nodes, '--daemonset', ds, '--pods', pods, '--revision-hash', 'new', '--now', clock, '--rollout', ...extra]);

const forecastKeys = ['syncs', 'converged', 'estimatedSeconds', 'waves', 'stuck', 'stopped', 'status', 'notEligible', 'assumptions', 'warnings', 'notEvaluated'];
const waveKeys = ['sync', 'atSeconds', 'deleted', 'created', 'surged', 'updatedNodes', 'unavailable'];

test('--rollout -o json: the forecast object, exactly these keys', () => {
  const r = rollout(['-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(Object.keys(out), forecastKeys);
  assert.equal([out.syncs, out.converged, out.estimatedSeconds, out.stopped, out.stuck], [10, true, 90, 'converged', []]);
  assert.equal(out.waves.length, 6);
  assert.equal(Object.keys(out.waves[0]), waveKeys);
  assert.equal(Object.keys(out.waves[1]), [...waveKeys, 'createBatches']);
  assert.equal(out.notEligible, [{ reasons: ['node(s) had untolerated taint(s)'], nodes: 1 }]);
  // --pods given: the daemon pods' fit is judged (they all fit here).
  assert.equal(out.assumptions.pendingForecast, 'applied');
});

test('--ready-after: Go durations and seconds scale the forecast', () => {
  const at = (extra: string[]) => JSON.parse(rollout([...extra, '-o', 'json']).stdout).estimatedSeconds;
  assert.is(at(['--ready-after', '2m']), 360);
  assert.is(at(['--ready-after', '1h30m']), 3 * 5400);
  assert.is(at(['--ready-after', '45']), 135);
  assert.is(at(['--ready-after', '10s', '--terminate-after', '5s']), 45);
});

test('--rollout -o table: a row per wave, the summary, the assumptions', () => {
  const r = rollout(['-o', 'table']);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines[0], 'DaemonSet kube-system/agent: rollout forecast');
  assert.equal(lines[1]!.split(/\s+/), ['SYNC', 'AT', 'DELETED', 'CREATED', 'SURGED', 'UPDATED', 'UNAVAILABLE']);
  assert.equal(lines.slice(2, 8).map((l) => l.split(/\s+/).slice(0, 2)), [['1', '0s'], ['2', '0s'], ['4', '30s'], ['5', '30s'], ['7', '1m0s'], ['8', '1m0s']]);
  assert.is(lines[8], 'converged after 10 sync(s), 6 wave(s) in about 1m30s');
  assert.match(lines[9]!, /^assumed: pods Ready 30s after creation, minReadySeconds 0, deleted pods gone before the next sync; Pending forecast applied/);
  assert.is(lines[10], 'not eligible (not part of the rollout): 1 node(s): node(s) had untolerated taint(s)');
});

test('OnDelete: the table groups the stuck nodes by reason, not one row per node', () => {
  const r = rollout(['-o', 'table'], file('ondelete.yaml', daemonSetYaml('agent', 'OnDelete')));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /does not converge: 3 node\(s\) never settle/);
  assert.match(r.stdout, /\nstuck:\n {2}3 node\(s\): OnDelete: the controller never replaces the old pod; it is updated only after someone deletes it \(n1, n2, n3\)\n/);
});

test('several DaemonSets: {"daemonsets": [{name, namespace, ...forecast}]}', () => {
  const r = rollout(['-o', 'json'], file('both.yaml', `${daemonSetYaml('agent')}---\n${daemonSetYaml('logger')}`));
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.daemonsets.map((d: { name: string }) => d.name), ['agent', 'logger']);
  assert.equal(Object.keys(out.daemonsets[1]), ['name', 'namespace', ...forecastKeys]);
  // logger has no pods yet: one wave creates on the three eligible nodes.
  assert.equal(out.daemonsets[1].waves.map((w: { created: number }) => w.created), [3]);
});

test('bad durations and flags out of place: exit 2, one line, no stack', () => {
  const bad = rollout(['--ready-after', '30 s']);
  assert.is(bad.code, 2);
  assert.is(bad.stdout, '');
  assert.is(bad.stderr, 'placement daemonset: --ready-after: Invalid value: "30 s": unknown unit " s": must be a duration such as "30s", "2m" or "1h30m" (units ns, us, ms, s, m, h), or a number of seconds\n');
  const negative = rollout(['--terminate-after=-5s']);
  assert.equal([negative.code, negative.stderr], [2, 'placement daemonset: --terminate-after: Invalid value: "-5s": must be greater than or equal to 0\n']);
  const without = run(['daemonset', '--nodes', nodes, '--daemonset', agent, '--ready-after', '30s']);
  assert.equal([without.code, without.stderr], [2, "placement daemonset: --ready-after needs --rollout. Run 'placement help' for usage.\n"]);
});

test('real fixtures: every real DaemonSet, from no pods, converges over the real nodes in one create wave per 250 nodes', () => {
  const nodesDir = join(realFixturesDir, 'nodes');
  const dsDir = join(realFixturesDir, 'daemonsets');
  const plans = JSON.parse(run(['daemonset', '--nodes', nodesDir, '--daemonset', dsDir, '--now', clock, '-o', 'json']).stdout);
  const r = run(['daemonset', '--nodes', nodesDir, '--daemonset', dsDir, '--now', clock, '--rollout', '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.daemonsets.length >= 10);
  out.daemonsets.forEach((f: any, i: number) => {
    const plan = plans.daemonsets[i];
    assert.is(f.name, plan.name);
    const desired = plan.nodes.filter((n: { shouldRun: boolean }) => n.shouldRun).length;
    // The first wave is the one-sync plan; nothing else is needed, and each node's pod is Ready after 30 s.
    assert.equal(f.waves.map((w: { created: number }) => w.created), desired > 0 ? [plan.create.length] : [], f.name);
    assert.equal([f.converged, f.stuck, f.status.updatedNumberScheduled, f.status.numberAvailable], [true, [], desired, desired], f.name);
    assert.is(f.estimatedSeconds, desired > 0 ? 30 : 0, f.name);
  });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
