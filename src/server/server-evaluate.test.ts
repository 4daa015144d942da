/**
 * `POST /v1/eligible`, `/v1/rank` and `/v1/daemonset` over real HTTP, answered with exactly the CLI's
 * JSON (compared with `main()` on the same real fixtures), the batch forms, `?explain=false`, and
 * bad input with the CLI's field paths.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run as runCli } from '../testing/cli-runner.js';
import { fixtureDir, fixtureObjects, realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'placement-server-evaluate-'));
const nodesDir = fixtureDir('nodes');
const workloadFiles = ['calico-kube-controllers-deployment.yaml', 'gke-spot-job.yaml', 'karpenter-prefer-arm-deployment.yaml', 'gke-tpu-job.yaml', 'tigera-operator-deployment.yaml', 'gke-tf-notebook-gpu-statefulset.yaml'];

test.before(async () => {
  t = await startTestServer();
  assert.is((await t.request('PUT', '/v1/nodes', realNodeList())).status, 200);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const cliJson = (argv: string[]): unknown => {
  const r = runCli([...argv, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
};

test('eligible and rank answer exactly what the CLI prints, for real workloads of every kind', async () => {
  for (const name of workloadFiles) {
    const path = join(fixtureDir('workloads'), name);
    const [pod] = fixtureObjects(path);
    const eligible = await t.request('POST', '/v1/eligible', { pod });
    assert.is(eligible.status, 200, name);
    assert.equal(eligible.json, cliJson(['eligible', '--nodes', nodesDir, '--pod', path]), name);
    const rank = await t.request('POST', '/v1/rank', { pod });
    assert.equal([rank.status, rank.json], [200, cliJson(['rank', '--nodes', nodesDir, '--pod', path])], name);
  }
});

test('POST /v1/rank scores resources and images: the default profile\'s five plugins, totals weighted 3, 2, 1, 1, 1', async () => {
  const [pod] = fixtureObjects(join(fixtureDir('workloads'), 'tigera-operator-deployment.yaml'));
  const rank = await t.request('POST', '/v1/rank', { pod });
  assert.is(rank.status, 200);
  const nodes = rank.json.nodes as { node: string; score: number; scores: Record<string, number> }[];
  assert.ok(nodes.length > 1);
  const weights: Record<string, number> = { NodeAffinity: 2, TaintToleration: 3, NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 };
  for (const n of nodes) {
    for (const plugin of ['TaintToleration', 'NodeResourcesFit', 'ImageLocality']) assert.type(n.scores[plugin], 'number', `${n.node} ${plugin}`);
    assert.is(n.score, Object.entries(n.scores).reduce((sum, [plugin, value]) => sum + value * weights[plugin]!, 0), n.node);
  }
});

test('?explain=groups|none and POST /v1/why answer exactly what the CLI prints with --explain groups|none and placement why', async () => {
  for (const name of workloadFiles.slice(0, 3)) {
    const path = join(fixtureDir('workloads'), name);
    const [pod] = fixtureObjects(path);
    for (const mode of ['groups', 'none'] as const) {
      const r = await t.request('POST', `/v1/eligible?explain=${mode}`, { pod });
      assert.equal([r.status, r.json], [200, cliJson(['eligible', '--nodes', nodesDir, '--pod', path, '--explain', mode])], `${name} ${mode}`);
    }
    const why = await t.request('POST', '/v1/why', { pod });
    assert.equal([why.status, why.json], [200, cliJson(['why', '--nodes', nodesDir, '--pod', path])], `${name} why`);
  }
  const [a, b] = workloadFiles.slice(0, 2).map((name) => fixtureObjects(join(fixtureDir('workloads'), name))[0]);
  const batch = await t.request('POST', '/v1/why', { pods: [a, b] });
  assert.equal(batch.json.results, [(await t.request('POST', '/v1/why', { pod: a })).json, (await t.request('POST', '/v1/why', { pod: b })).json]);
});

test('?explain=groups follows the node set: the same question after a node update answers from the new nodes; omitted groups are part of the answer', async () => {
  const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector: { 'example.com/explain-probe': 'yes' } } };
  const before = await t.request('POST', '/v1/eligible?explain=groups', { pod });
  assert.equal([before.status, before.json.eligible], [200, []]);
  assert.equal((await t.request('POST', '/v1/eligible?explain=groups', { pod })).json, before.json);
  const probe = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'explain-probe', labels: { 'example.com/explain-probe': 'yes' } } };
  assert.is((await t.request('PUT', '/v1/nodes/explain-probe', probe)).status, 201);
  try {
    const after = await t.request('POST', '/v1/eligible?explain=groups', { pod });
    assert.equal(after.json.eligible, ['explain-probe']);
    const batch = await t.request('POST', '/v1/eligible?explain=groups', { pods: [pod, pod] });
    assert.equal(batch.json, { results: [after.json, after.json] });
  } finally {
    assert.is((await t.request('DELETE', '/v1/nodes/explain-probe')).status, 200);
  }
  assert.equal((await t.request('POST', '/v1/eligible?explain=groups', { pod })).json, before.json);
});

test('?explain=false: counts only, from the index; the batch form answers each in order', async () => {
  const pods = workloadFiles.map((name) => fixtureObjects(join(fixtureDir('workloads'), name))[0]);
  const full = await t.request('POST', '/v1/eligible', { pods });
  assert.is(full.json.results.length, pods.length);
  const counts = await t.request('POST', '/v1/eligible?explain=false', { pods });
  assert.equal(
    counts.json.results,
    full.json.results.map((r: { eligible: string[]; notEvaluated: unknown[] }) => ({ eligibleCount: r.eligible.length, totalNodes: realNodeList().items.length, notEvaluated: r.notEvaluated })),
  );
  const one = await t.request('POST', '/v1/eligible?explain=false', { pod: pods[0] });
  assert.equal(one.json, counts.json.results[0]);
  const ranks = await t.request('POST', '/v1/rank?explain=false', { pods: pods.slice(0, 2) });
  assert.equal(ranks.json.results, [(await t.request('POST', '/v1/rank', { pod: pods[0] })).json, (await t.request('POST', '/v1/rank', { pod: pods[1] })).json]);
  assert.equal((await t.request('POST', '/v1/eligible', { pods: [] })).json, { results: [] });
  const bad = await t.request('POST', '/v1/eligible?explain=maybe', { pod: pods[0] });
  assert.equal([bad.status, bad.json.error.errors], [400, [{ field: 'explain', message: 'Unsupported value: "maybe": supported values: "nodes", "groups", "none", "false", "true"' }]]);
});

const podJson = (name: string, node: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'kube-system',
    creationTimestamp: '2025-12-01T00:00:00Z',
    labels: { 'k8s-app': 'kube-proxy', 'controller-revision-hash': 'abc123' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'ad9136c7-7336-496c-a5a9-527ea61cc8fc', controller: true }],
  },
  spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-12-01T00:01:00Z' }] },
});

test('daemonset answers exactly what the CLI prints, with pods, revisionHash and now', async () => {
  const dsPath = join(fixtureDir('daemonsets'), 'kube-proxy.yaml');
  const [daemonset] = fixtureObjects(dsPath);
  const pods = [podJson('kube-proxy-a', 'kind-worker'), podJson('kube-proxy-b', 'minikube'), podJson('kube-proxy-c', 'gone-node')];
  const podsFile = join(dir, 'pods.json');
  writeFileSync(podsFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pods }));
  const now = '2026-01-02T00:00:00Z';
  const r = await t.request('POST', '/v1/daemonset', { daemonset, pods, revisionHash: 'abc123', now });
  assert.is(r.status, 200);
  // The body's pods are the DaemonSet's; the CLI's --pods also loads them as the cluster's pods,
  // which the server takes from `serve --pods` — so only the CLI adds a Pending forecast here.
  const { pending: _pending, ...cliPlan } = cliJson(['daemonset', '--nodes', nodesDir, '--daemonset', dsPath, '--pods', podsFile, '--revision-hash', 'abc123', '--now', now]) as Record<string, unknown>;
  assert.equal(r.json, cliPlan);
  const { nodes: _nodes, ...rest } = r.json;
  const quiet = await t.request('POST', '/v1/daemonset?explain=false', { daemonset, pods, revisionHash: 'abc123', now });
  assert.equal(quiet.json, rest);
  const countOnly = await t.request('POST', '/v1/daemonset?nodes=false', { daemonset, pods, revisionHash: 'abc123', now });
  assert.equal(countOnly.json, rest, '?nodes=false: the count-only plan');
  const bad = await t.request('POST', '/v1/daemonset?nodes=no', { daemonset, pods, now });
  assert.is(bad.status, 400);
  assert.equal(bad.json.error.errors, [{ field: 'nodes', message: 'Unsupported value: "no": supported values: "true", "false"' }]);
  const fluentdPath = join(fixtureDir('daemonsets'), 'fluentd.yaml');
  const other = fixtureObjects(fluentdPath)[0];
  const bare = await t.request('POST', '/v1/daemonset', { daemonset: other, now });
  assert.equal(bare.json, cliJson(['daemonset', '--nodes', nodesDir, '--daemonset', fluentdPath, '--now', now]));
  const batch = await t.request('POST', '/v1/daemonset', { daemonsets: [daemonset, other], pods, revisionHash: 'abc123', now });
  assert.equal(batch.json.results, [r.json, (await t.request('POST', '/v1/daemonset', { daemonset: other, pods, revisionHash: 'abc123', now })).json]);
});

test('bad input: 400 with the CLI field paths, where in the body, every problem at once', async () => {
  const pod = { kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { tolerations: [{ key: 'k', operator: 'exists' }], nodeSelector: { ok: 'v' } } } } };
  let r = await t.request('POST', '/v1/eligible', { pods: [{ kind: 'Pod' }, pod, 'x'] });
  assert.equal([r.status, r.json.error.errors], [400, [{ field: 'pods[2]', message: 'Invalid value: "x": must be an object, not string' }]]);
  r = await t.request('POST', '/v1/eligible', { pods: [{ kind: 'Pod' }, pod, { kind: 'Secret' }] });
  assert.is(r.status, 400);
  assert.equal(r.json.error.errors, [
    { field: 'spec', message: 'Required value', at: 'pods[0]' },
    { field: 'spec.template.spec.tolerations[0].operator', message: 'Unsupported value: "exists": supported values: "Equal", "Exists"', at: 'pods[1]' },
    {
      field: 'kind',
      message: 'Unsupported value: "Secret": supported values: "Pod", "PodTemplate", "Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "DaemonSet", "Job", "CronJob"',
      at: 'pods[2]',
    },
  ]);
  // The CLI reports the same path and message for the same object.
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify(pod));
  assert.equal(runCli(['eligible', '--nodes', nodesDir, '--pod', file]).stderr, `${file}: spec.template.spec.tolerations[0].operator: Unsupported value: "exists": supported values: "Equal", "Exists"\n`);
  r = await t.request('POST', '/v1/rank', { pod: { kind: 'Pod', spec: { nodeSelector: { k: 1 } } } });
  assert.equal(r.json.error.errors, [{ field: 'spec.nodeSelector[k]', message: 'Invalid value: 1: must be a string, not number', at: 'pod' }]);
  for (const body of [{}, { pod: {}, pods: [] }, { pod: 3 }, { pods: {} }]) {
    r = await t.request('POST', '/v1/eligible', body);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.is(r.json.error.code, 'invalid');
  }
  r = await t.request('POST', '/v1/daemonset', { daemonset: { kind: 'Deployment' }, now: 'yesterday' });
  assert.equal([r.status, r.json.error.errors[0].field], [400, 'now']);
  r = await t.request('POST', '/v1/daemonset', { daemonset: { kind: 'Deployment' } });
  assert.equal(r.json.error.errors, [{ field: 'kind', message: 'Unsupported value: "Deployment": supported values: "DaemonSet"', at: 'daemonset' }]);
  r = await t.request('POST', '/v1/daemonset', {});
  assert.equal(r.json.error.errors[0].field, 'daemonset');
  r = await t.request('POST', '/v1/daemonset', { daemonset: fixtureObjects(join(fixtureDir('daemonsets'), 'fluentd.yaml'))[0], pods: [{ kind: 'Secret' }], revisionHash: 5 });
  assert.equal(r.json.error.errors[0].field, 'revisionHash');
});

test('an invalid preferred term (validation off) is the scheduler PreScore error: 400, not 500', async () => {
  const lax = await startTestServer({ validate: false, nodes: [] });
  try {
    await lax.request('PUT', '/v1/nodes', { kind: 'List', items: [{ kind: 'Node', metadata: { name: 'a' } }, { kind: 'Node', metadata: { name: 'b' } }] });
    const term = { weight: 1, preference: { matchExpressions: [{ key: 'k', operator: 'Bogus' }] } };
    const r = await lax.request('POST', '/v1/rank', { pod: { kind: 'Pod', spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term] } } } } });
    assert.equal([r.status, r.json.error.code], [400, 'unschedulable-error']);
    assert.equal(lax.bugs, []);
  } finally {
    await lax.close();
  }
});

test.run();
