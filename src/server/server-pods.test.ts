/**
 * The cluster's pods over real HTTP: `PUT /v1/pods` with a List as kubectl prints it (at once and
 * on a worker thread, with the same answers), `PUT|GET|DELETE /v1/pods/{namespace}/{name}` with
 * 201/200/400/404/409, and what a pod holds on its node — cpu for NodeResourcesFit
 * (upstream pkg/scheduler/framework/plugins/noderesources/fit.go, fitsRequest) and host ports for
 * NodePorts (plugins/nodeports/node_ports.go, fitsPorts) — freed when it moves, finishes
 * (upstream counts only pods not Succeeded/Failed: pkg/scheduler/backend/cache, NodeInfo of
 * assigned pods; the informer drops terminated pods) or is deleted.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
let offThread: TestServer;

const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } } });
const nodes = { kind: 'List', items: [node('n1'), node('n2')] };

/** A running pod on `nodeName` asking `cpu` and host port 8080. */
function pod(name: string, nodeName: string, cpu: string, more: { namespace?: string; resourceVersion?: string; phase?: string } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: more.namespace ?? 'default', ...(more.resourceVersion ? { resourceVersion: more.resourceVersion } : {}) },
    spec: { nodeName, containers: [{ name: 'c', image: 'app', resources: { requests: { cpu } }, ports: [{ containerPort: 80, hostPort: 8080 }] }] },
    status: { phase: more.phase ?? 'Running' },
  };
}

/** The question: a pod asking one cpu and host port 8080. */
const question = { pod: { kind: 'Pod', metadata: { name: 'w' }, spec: { containers: [{ name: 'c', image: 'app', resources: { requests: { cpu: '1' } }, ports: [{ containerPort: 80, hostPort: 8080 }] }] } } };

/** Node → its reasons for the question. */
async function reasons(s: TestServer): Promise<Record<string, string[]>> {
  const r = await s.request('POST', '/v1/eligible', question);
  assert.is(r.status, 200);
  const out: Record<string, string[]> = {};
  for (const name of r.json.eligible as string[]) out[name] = [];
  for (const entry of r.json.ineligible as { node: string; reasons: string[] }[]) out[entry.node] = entry.reasons;
  return out;
}

const ports = "node(s) didn't have free ports for the requested pod ports";
const cpu = 'Insufficient cpu';

test.before(async () => {
  t = await startTestServer({ nodes: [] });
  offThread = await startTestServer({ offThreadNodeListBytes: 0 });
  for (const s of [t, offThread]) assert.is((await s.request('PUT', '/v1/nodes', nodes)).status, 200);
});
test.after(async () => {
  assert.equal([...t.bugs, ...offThread.bugs], [], 'no request may end in a 500');
  await Promise.all([t.close(), offThread.close()]);
});

test('PUT /v1/pods takes a List as kubectl prints it; what the pods hold shows in the answers', async () => {
  const before = await t.request('POST', '/v1/eligible', question);
  assert.ok(before.json.notEvaluated.length > 0, 'no pods given yet: NodePorts and NodeResourcesFit are not evaluated');
  const r = await t.request('PUT', '/v1/pods', { apiVersion: 'v1', kind: 'List', items: [pod('a', 'n1', '1500m'), pod('b', 'n2', '500m', { namespace: 'other' })] });
  assert.equal([r.status, r.json], [200, { pods: 2 }]);
  assert.equal(await reasons(t), { n1: [ports, cpu], n2: [ports] });
  assert.equal((await t.request('POST', '/v1/eligible', question)).json.notEvaluated, []);
  assert.equal((await t.request('GET', '/v1/pods/other/b')).json, pod('b', 'n2', '500m', { namespace: 'other' }), 'the stored object is the one sent');
  // Replaced whole: the empty List frees everything.
  assert.equal((await t.request('PUT', '/v1/pods', { kind: 'PodList', items: [] })).json, { pods: 0 });
  assert.equal(await reasons(t), { n1: [], n2: [] });
  assert.is((await t.request('GET', '/v1/pods/other/b')).status, 404);
});

test('an invalid List: a 400 naming items[i] and the field, and nothing applied', async () => {
  await t.request('PUT', '/v1/pods', { kind: 'List', items: [pod('a', 'n1', '1500m')] });
  const cases: [unknown, string[]][] = [
    [{ kind: 'List', items: [pod('x', 'n1', '1'), { ...pod('y', 'n1', 'lots') }] }, ['items[1]: spec.containers[0].resources.requests[cpu]']],
    [{ kind: 'List', items: [pod('x', 'n1', '1'), pod('x', 'n2', '1')] }, ['items[1]: metadata.name']],
    [{ kind: 'List', items: [{ kind: 'ControllerRevision', metadata: { name: 'r' } }] }, ['items[0]: kind']],
    [{ kind: 'NodeList', items: [] }, ['kind']],
    [{ kind: 'List' }, ['items']],
    [{ items: [7] }, ['items[0]']],
    [{ kind: 'List', items: {} }, ['items']],
  ];
  for (const [body, fields] of cases) {
    const r = await t.request('PUT', '/v1/pods', body);
    assert.equal([r.status, r.json.error.code], [400, 'invalid'], JSON.stringify(body).slice(0, 80));
    const named = (r.json.error.errors as { field: string; at?: string }[]).map((e) => (e.at ? `${e.at}: ${e.field}` : e.field));
    assert.equal(named, fields, JSON.stringify(r.json));
  }
  assert.equal(await reasons(t), { n1: [ports, cpu], n2: [] }, 'the old pod set stays');
});

test('PUT /v1/pods/{namespace}/{name}: 201, 200, 400 on a path mismatch, 409 on a stale resourceVersion', async () => {
  await t.request('PUT', '/v1/pods', { kind: 'List', items: [] });
  let r = await t.request('PUT', '/v1/pods/default/a', pod('a', 'n1', '1500m', { resourceVersion: '9' }));
  assert.equal([r.status, r.json], [201, { pods: 1 }]);
  assert.equal(await reasons(t), { n1: [ports, cpu], n2: [] });
  r = await t.request('PUT', '/v1/pods/default/a', pod('a', 'n1', '1500m', { resourceVersion: '10' }));
  assert.equal([r.status, r.json], [200, { pods: 1 }]);
  r = await t.request('PUT', '/v1/pods/default/a', pod('a', 'n2', '100m', { resourceVersion: '9' }));
  assert.equal([r.status, r.json.error.code], [409, 'conflict']);
  assert.match(r.json.error.message, /pod default\/a: metadata.resourceVersion "9" is older than the stored "10"/);
  assert.equal(await reasons(t), { n1: [ports, cpu], n2: [] }, 'a refused update changes nothing');
  for (const [path, field] of [['/v1/pods/default/b', 'metadata.name'], ['/v1/pods/kube-system/a', 'metadata.namespace']] as const) {
    r = await t.request('PUT', path, pod('a', 'n1', '1'));
    assert.equal([r.status, r.json.error.errors.map((e: { field: string }) => e.field)], [400, [field]], path);
  }
  r = await t.request('PUT', '/v1/pods/default/c', { kind: 'Pod', metadata: { name: 'c' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: 'x' } } }] } });
  assert.equal([r.status, r.json.error.errors[0].field], [400, 'spec.containers[0].resources.requests[cpu]']);
  r = await t.request('PUT', '/v1/pods/default/c', { kind: 'Node', metadata: { name: 'c' } });
  assert.equal([r.status, r.json.error.errors[0].field], [400, 'kind']);
  r = await t.request('PUT', '/v1/pods/default/c', '[1]');
  assert.is(r.status, 400);
  // A pod without a namespace takes the path's, as the API server fills it.
  r = await t.request('PUT', '/v1/pods/team/d', { kind: 'Pod', metadata: { name: 'd' }, spec: { nodeName: 'n2', containers: [{ name: 'c' }] } });
  assert.is(r.status, 201);
  assert.equal((await t.request('GET', '/v1/pods/team/d')).json.metadata, { name: 'd', namespace: 'team' });
});

test('a pod moving, finishing or deleted frees what it held', async () => {
  await t.request('PUT', '/v1/pods', { kind: 'List', items: [pod('a', 'n1', '1500m')] });
  assert.equal(await reasons(t), { n1: [ports, cpu], n2: [] });
  await t.request('PUT', '/v1/pods/default/a', pod('a', 'n2', '1500m'));
  assert.equal(await reasons(t), { n1: [], n2: [ports, cpu] }, 'moved to n2');
  await t.request('PUT', '/v1/pods/default/a', pod('a', 'n2', '1500m', { phase: 'Succeeded' }));
  assert.equal(await reasons(t), { n1: [], n2: [] }, 'Succeeded holds nothing');
  await t.request('PUT', '/v1/pods/default/a', pod('a', 'n2', '1500m', { phase: 'Running' }));
  await t.request('PUT', '/v1/pods/default/a', pod('a', 'n2', '1500m', { phase: 'Failed' }));
  assert.equal(await reasons(t), { n1: [], n2: [] }, 'Failed holds nothing');
  await t.request('PUT', '/v1/pods/default/a', pod('a', 'n1', '1500m'));
  assert.equal(await reasons(t), { n1: [ports, cpu], n2: [] });
  assert.equal((await t.request('DELETE', '/v1/pods/default/a')).json, { pods: 0 });
  assert.equal(await reasons(t), { n1: [], n2: [] }, 'deleted');
});

test('GET and DELETE: 200 and 404; the pods count in the metrics; pods stay when the node set is replaced', async () => {
  await t.request('PUT', '/v1/pods', { kind: 'List', items: [pod('a', 'n1', '1500m'), pod('b', 'n9', '1')] });
  assert.is((await t.request('GET', '/v1/pods/default/a')).status, 200);
  const missing = await t.request('GET', '/v1/pods/default/zz');
  assert.equal([missing.status, missing.json.error.code, missing.json.error.message], [404, 'not-found', 'pod "default/zz" not found']);
  assert.is((await t.request('DELETE', '/v1/pods/default/zz')).status, 404);
  assert.match((await t.request('GET', '/metrics')).text, /\nplacement_pods 2\n/);
  // n9 arrives with the new node set: the pod already bound to it counts there.
  assert.is((await t.request('PUT', '/v1/nodes', { kind: 'List', items: [node('n1'), node('n9')] })).status, 200);
  assert.equal(await reasons(t), { n1: [ports, cpu], n9: [ports] });
  assert.equal((await t.request('DELETE', '/v1/pods/default/b')).json, { pods: 1 });
  assert.match((await t.request('GET', '/metrics')).text, /\nplacement_pods 1\n/);
  assert.equal((await t.request('PATCH', '/v1/pods/default/a')).status, 405);
});

test('a List read on a worker thread: the same pods and the same errors as at once', async () => {
  const list = { kind: 'List', items: Array.from({ length: 200 }, (_, i) => pod(`p${i}`, i % 2 ? 'n1' : 'n2', '10m', { namespace: `ns${i % 3}` })) };
  const bad = { kind: 'List', items: [pod('x', 'n1', 'lots'), pod('x', 'n1', '1')] };
  assert.is((await t.request('PUT', '/v1/nodes', nodes)).status, 200);
  for (const body of [bad, '{"items": [', list]) {
    const [a, b] = await Promise.all([t.request('PUT', '/v1/pods', body), offThread.request('PUT', '/v1/pods', body)]);
    assert.equal([b.status, b.json], [a.status, a.json], JSON.stringify(body).slice(0, 60));
  }
  assert.equal(await reasons(offThread), await reasons(t));
  assert.equal((await offThread.request('GET', '/v1/pods/ns1/p7')).json, list.items[7]);
});

test('serve --pods: the initial pods count and answer GET', async () => {
  const { createPlacementServer } = await import('./server.js');
  const { podsFromListBody } = await import('./pod-list.js');
  const { nodesFromListBody } = await import('./request-objects.js');
  const stored = podsFromListBody({ kind: 'List', items: [pod('a', 'n1', '1500m')] });
  const s = await createPlacementServer({ nodes: nodesFromListBody(nodes, t.server.state.inputOptions), pods: stored.map((p) => p.pod), podObjects: stored.map((p) => p.raw) });
  try {
    const r = await s.app.inject({ method: 'POST', url: '/v1/eligible', payload: question });
    assert.equal(r.json().ineligible.map((e: { node: string }) => e.node), ['n1']);
    assert.equal((await s.app.inject({ method: 'GET', url: '/v1/pods/default/a' })).json(), pod('a', 'n1', '1500m'));
  } finally {
    await s.close();
  }
});

test.run();
