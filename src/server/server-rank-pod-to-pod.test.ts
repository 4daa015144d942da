/**
 * `POST /v1/rank` once the cluster's pods (`PUT /v1/pods`) and objects (`PUT /v1/objects`) are in:
 * the PodTopologySpread and InterPodAffinity scores join `scores`, as `placement rank --pods
 * --objects` computes them; before the pods arrive they are absent and listed as not evaluated.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const node = (name: string, zone: string): object => ({
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
  status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
});
const running = (name: string, nodeName: string): object => ({
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web' } },
  spec: { nodeName, containers: [{ name: 'c', image: 'c' }] },
  status: { phase: 'Running' },
});
const pod = { kind: 'Pod', metadata: { name: 'web-x', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'c' }] } };

test.before(async () => {
  t = await startTestServer();
  assert.is((await t.request('PUT', '/v1/nodes', { kind: 'List', items: [node('a1', 'a'), node('a2', 'a'), node('b1', 'b'), node('b2', 'b')] })).status, 200);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

type Ranked = { nodes: { node: string; scores: Record<string, number> }[]; notEvaluated: { field: string }[] };

test('before the pods: no pod-to-pod scores; with pods and the Service selecting the pod: the default spreading scores', async () => {
  const before = (await t.request('POST', '/v1/rank', { pod })).json as Ranked;
  assert.ok(before.nodes.every((n) => !('PodTopologySpread' in n.scores)));
  assert.is((await t.request('PUT', '/v1/pods', { kind: 'List', items: [running('web-1', 'a1'), running('web-2', 'a2')] })).status, 200);
  const withoutObjects = (await t.request('POST', '/v1/rank', { pod })).json as Ranked;
  assert.equal(withoutObjects.notEvaluated.map((n) => n.field), ['spec.topologySpreadConstraints']);
  const service = { kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' } } };
  assert.is((await t.request('PUT', '/v1/objects', { kind: 'List', items: [service] })).status, 200);
  const ranked = (await t.request('POST', '/v1/rank', { pod })).json as Ranked;
  assert.equal(ranked.notEvaluated, []);
  assert.equal(Object.fromEntries(ranked.nodes.map((n) => [n.node, n.scores['PodTopologySpread']])), { b1: 100, b2: 100, a1: 54, a2: 54 });
});

test.run();
