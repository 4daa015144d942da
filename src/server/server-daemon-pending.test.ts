/**
 * The DaemonSet Pending forecast when the server holds the cluster's pods: the live map's rows and
 * details and `POST /v1/daemonset` without body pods plan each DaemonSet with its own pods found
 * among the cluster's (getDaemonPods: ownerReference or selector), so a daemon pod already running
 * is neither created again nor a host-port conflict for itself; another DaemonSet binding the same
 * host port stays Pending there (NodePorts, framework/plugins/nodeports: "node(s) didn't have free
 * ports for the requested pod ports"). Real nodes, the real node-exporter DaemonSet and its pods.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureDir, fixtureObjects, realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const now = Date.parse('2026-02-01T00:00:00Z');
const nodeExporter = fixtureObjects(join(fixtureDir('daemonsets'), 'prometheus-node-exporter.yaml'))[0]!;
const podList = fixtureObjects(join(fixtureDir('pods'), 'cluster-pods.json'));
const portReason = "node(s) didn't have free ports for the requested pod ports";
/** A second exporter in another namespace, binding the same host port 9100. */
const otherExporter = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'other-exporter', namespace: 'observability' },
  spec: {
    selector: { matchLabels: { app: 'other-exporter' } },
    template: {
      metadata: { labels: { app: 'other-exporter' } },
      spec: { containers: [{ name: 'exporter', image: 'exporter', ports: [{ containerPort: 9100, hostPort: 9100 }], resources: { requests: { cpu: '10m', memory: '20Mi' } } }] },
    },
  },
};

test.before(async () => {
  t = await startTestServer({ now: () => now });
  assert.is((await t.request('PUT', '/v1/nodes', realNodeList())).status, 200);
  assert.is((await t.request('PUT', '/v1/pods', { apiVersion: 'v1', kind: 'List', items: podList })).status, 200);
  assert.is((await t.request('PUT', '/v1/workloads/monitoring/node-exporter', nodeExporter)).status, 201);
  assert.is((await t.request('PUT', '/v1/workloads/observability/other-exporter', otherExporter)).status, 201);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

test('the live map: each DaemonSet row says how many of its daemon pods will stay Pending, and why', async () => {
  const rows = (await t.request('GET', '/v1/report')).json.workloads as { id: string; message: string }[];
  const message = (name: string): string => rows.find((r) => r.id.endsWith(`/${name}`))!.message;
  assert.match(message('node-exporter'), / 0 will stay Pending\.$/);
  assert.match(message('other-exporter'), new RegExp(` 1 will stay Pending: ${portReason.replace(/[()]/g, '\\$&')}\\.$`));
});

test('details on click: the Pending count and the nodes by reason; the node-exporter pods already running are its own, not conflicts', async () => {
  const own = (await t.request('GET', '/v1/report/workloads/monitoring/node-exporter')).json;
  assert.is(own.daemonset.podsGiven, true);
  assert.equal(own.daemonset.pending, { count: 0, groups: [], moreGroups: 0 });
  // The other exporter tolerates no taint: of the two nodes where 9100 is taken, it runs on kind-worker only.
  const other = (await t.request('GET', '/v1/report/workloads/observability/other-exporter')).json;
  assert.equal(other.daemonset.pending, { count: 1, groups: [{ reasons: [portReason], details: [], count: 1, nodes: ['kind-worker'], more: 0 }], moreGroups: 0 });
});

test('POST /v1/daemonset without body pods plans with the DaemonSet\'s pods the server holds; body pods, even none, are taken as given', async () => {
  const held = (await t.request('POST', '/v1/daemonset?nodes=false', { daemonset: nodeExporter, now: '2026-02-01T00:00:00Z' })).json;
  assert.not.ok(held.create.includes('kind-worker'), 'its pod runs there already');
  assert.equal(held.pending, []);
  const none = (await t.request('POST', '/v1/daemonset?nodes=false', { daemonset: nodeExporter, pods: [], now: '2026-02-01T00:00:00Z' })).json;
  assert.ok(none.create.includes('kind-worker'));
  assert.equal(none.pending.map((p: { node: string }) => p.node), ['kind-control-plane', 'kind-worker']);
  const rollout = await t.request('POST', '/v1/daemonset/rollout', { daemonset: otherExporter, now: '2026-02-01T00:00:00Z' });
  assert.is(rollout.status, 200);
});

test.run();
