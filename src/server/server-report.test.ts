/**
 * The live placement map over real HTTP on the real fixture nodes: the page, its data, the
 * version that moves with nodes and workloads (and only then), details on demand, a pool's nodes
 * for the what-if box, and the errors.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../api/engine.js';
import { targetsFromSources } from '../api/targets-from-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { buildReport } from '../report/build-report.js';
import { fixtureDir, fixtureObjects, realNodeList, realNodes, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const now = Date.parse('2026-01-01T00:00:00Z');
const calico = fixtureObjects(join(fixtureDir('workloads'), 'calico-kube-controllers-deployment.yaml'))[0]!;
const kubeProxy = fixtureObjects(join(fixtureDir('daemonsets'), 'kube-proxy.yaml'))[0]!;
const version = async (): Promise<number> => (await t.request('GET', '/v1/report/version')).json.version;

test.before(async () => {
  t = await startTestServer({ now: () => now });
  assert.is((await t.request('PUT', '/v1/nodes', realNodeList())).status, 200);
  assert.is((await t.request('PUT', '/v1/workloads/kube-system/calico-kube-controllers', calico)).status, 201);
  assert.is((await t.request('PUT', '/v1/workloads/kube-system/kube-proxy', kubeProxy)).status, 201);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

test('GET /v1/report: the map of the registered workloads over the live nodes, as the library draws it (no details)', async () => {
  const r = await t.request('GET', '/v1/report');
  assert.is(r.status, 200);
  const targets = targetsFromSources([calico, kubeProxy].map((object) => ({ object, file: '' })), { validate: true, featureGates: defaultFeatureGates });
  assert.equal(r.json, buildReport(createEngine({ nodes: realNodes() }), targets, { now, details: false }));
});

test('GET /: the live page, self-contained, with the version it shows and a what-if box', async () => {
  const r = await t.request('GET', '/');
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  assert.is(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(r.text, /id="whatif"/);
  assert.match(r.text, new RegExp(`"live":true,"version":${await version()},"pollMs":2000`));
  assert.not.match(r.text, /<(link|img)\b|src=/i, 'nothing loaded from elsewhere');
});

test('the version moves when nodes or workloads change, and only then', async () => {
  const v0 = await version();
  assert.is(await version(), v0);
  await t.request('GET', '/v1/report');
  assert.is(await version(), v0, 'reading changes nothing');
  const node = (await t.request('GET', '/v1/nodes/kind-worker')).json;
  assert.is((await t.request('PUT', '/v1/nodes/kind-worker', { ...node, spec: { ...node.spec, unschedulable: true } })).status, 200);
  const v1 = await version();
  assert.ok(v1 > v0, 'a node update');
  const cordoned = (await t.request('GET', '/v1/report')).json;
  assert.is(cordoned.nodes.cordoned, 1);
  await t.request('DELETE', '/v1/workloads/kube-system/calico-kube-controllers');
  const v2 = await version();
  assert.ok(v2 > v1, 'a workload removed');
  assert.is((await t.request('GET', '/v1/report')).json.workloads.length, 1);
  await t.request('PUT', '/v1/workloads/kube-system/calico-kube-controllers', calico);
  await t.request('PUT', '/v1/nodes', realNodeList());
  assert.ok((await version()) > v2, 'a registration and a new node set');
});

test('GET /v1/report/workloads/{namespace}/{name}: the details a click shows; 404 for an unknown workload', async () => {
  const r = await t.request('GET', '/v1/report/workloads/kube-system/kube-proxy');
  assert.is(r.status, 200);
  assert.is(r.json.id, 'DaemonSet/kube-system/kube-proxy');
  assert.is(r.json.daemonset.total, 11);
  assert.is(r.json.daemonset.podsGiven, false);
  assert.is((await t.request('GET', '/v1/report/workloads/kube-system/nope')).status, 404);
});

test('GET /v1/report/pool-nodes?pool=: the pool’s node names, in node order; 404 unknown pool, 400 without one', async () => {
  const report = (await t.request('GET', '/v1/report')).json;
  const pool = report.pools.find((p: { nodes: number }) => p.nodes > 1);
  const r = await t.request('GET', `/v1/report/pool-nodes?pool=${encodeURIComponent(pool.name)}`);
  assert.is(r.status, 200);
  assert.is(r.json.nodes.length, pool.nodes);
  const expected = realNodes().filter((n) => n.labels.get(pool.label) === pool.value).map((n) => n.name);
  assert.equal(r.json.nodes, expected);
  assert.is((await t.request('GET', '/v1/report/pool-nodes?pool=nope')).status, 404);
  assert.is((await t.request('GET', '/v1/report/pool-nodes')).status, 400);
});

test('?groupBy=LABEL draws pools by that label; an invalid label key or a repeated parameter is a 400 with its path', async () => {
  const r = await t.request('GET', '/v1/report?groupBy=kubernetes.io%2Fos');
  assert.equal(r.json.groupBy, ['kubernetes.io/os']);
  const nodes = await t.request('GET', '/v1/report/pool-nodes?pool=linux&groupBy=kubernetes.io%2Fos');
  assert.is(nodes.json.nodes.length, r.json.pools.find((p: { name: string }) => p.name === 'linux').nodes);
  let bad = await t.request('GET', '/v1/report?groupBy=bad%20key');
  assert.equal([bad.status, bad.json.error.errors[0].field], [400, 'groupBy']);
  bad = await t.request('GET', '/?groupBy=a&groupBy=b');
  assert.equal([bad.status, bad.json.error.errors[0].field], [400, 'groupBy']);
});

test.run();
