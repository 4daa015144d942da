/**
 * Registered workloads and `POST /v1/impact` over real HTTP on the real fixture nodes: registration
 * (201/200/404, identity checks), impact answers equal to the library's `engine.impact`, and the
 * node set untouched by a what-if.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { daemonSetsFromSources } from '../api/daemonset-inputs.js';
import { impactJson } from '../api/contracts.js';
import { createEngine } from '../api/engine.js';
import { workloadsFromSources } from '../api/inputs.js';
import { readSources } from '../api/read-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { fixtureDir, fixtureObjects, realNodeList, realNodes, realWorkloads, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const calico = fixtureObjects(join(fixtureDir('workloads'), 'calico-kube-controllers-deployment.yaml'))[0]!;
const kubeProxy = fixtureObjects(join(fixtureDir('daemonsets'), 'kube-proxy.yaml'))[0]!;
const devicePlugin = fixtureObjects(join(fixtureDir('daemonsets'), 'nvidia-device-plugin.yaml'))[0]!;
const web = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' } } };

test.before(async () => {
  t = await startTestServer();
  assert.is((await t.request('PUT', '/v1/nodes', realNodeList())).status, 200);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

test('PUT /v1/workloads/{namespace}/{name}: 201 then 200; GET returns the object; GET /v1/workloads lists them', async () => {
  let r = await t.request('PUT', '/v1/workloads/kube-system/calico-kube-controllers', calico);
  assert.equal([r.status, r.json], [201, { workload: 'kube-system/calico-kube-controllers', kind: 'Deployment' }]);
  r = await t.request('PUT', '/v1/workloads/kube-system/calico-kube-controllers', calico);
  assert.is(r.status, 200);
  r = await t.request('PUT', '/v1/workloads/kube-system/kube-proxy', kubeProxy);
  assert.equal([r.status, r.json.kind], [201, 'DaemonSet']);
  r = await t.request('PUT', '/v1/workloads/kube-system/nvidia-device-plugin-daemonset', devicePlugin);
  assert.is(r.status, 201);
  // No namespace in the body: the URL's is used.
  r = await t.request('PUT', '/v1/workloads/shop/web', web);
  assert.equal([r.status, r.json], [201, { workload: 'shop/web', kind: 'Pod' }]);
  r = await t.request('GET', '/v1/workloads/shop/web');
  assert.equal([r.status, r.json], [200, web]);
  r = await t.request('GET', '/v1/workloads');
  assert.equal(r.json.workloads, [
    { workload: 'kube-system/calico-kube-controllers', kind: 'Deployment' },
    { workload: 'kube-system/kube-proxy', kind: 'DaemonSet' },
    { workload: 'kube-system/nvidia-device-plugin-daemonset', kind: 'DaemonSet' },
    { workload: 'shop/web', kind: 'Pod' },
  ]);
});

test('workload registration errors: identity, validation, unknown names', async () => {
  let r = await t.request('PUT', '/v1/workloads/other/calico-kube-controllers', calico);
  assert.equal([r.status, r.json.error.errors], [400, [{ field: 'metadata.namespace', message: 'Invalid value: "kube-system": must equal the namespace in the URL path ("other")' }]]);
  r = await t.request('PUT', '/v1/workloads/shop/api', { kind: 'Pod', spec: { tolerations: [{ operator: 'Equal' }] } });
  assert.is(r.status, 400);
  assert.is(r.json.error.errors[0].field, 'spec.tolerations[0].operator');
  r = await t.request('PUT', '/v1/workloads/shop/ds', { kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { template: { spec: {} } } });
  assert.is(r.status, 400);
  // ValidateDaemonSetSpec: a nil selector selects nothing, so the template's labels do not match it.
  assert.ok(r.json.error.errors.some((e: { field: string; message: string }) => e.field === 'spec.template.metadata.labels' && e.message.includes('`selector` does not match template `labels`')));
  for (const method of ['GET', 'DELETE']) {
    r = await t.request(method, '/v1/workloads/shop/nope');
    assert.equal([r.status, r.json.error], [404, { code: 'not-found', message: 'workload "shop/nope" not found', errors: [] }]);
  }
  r = await t.request('GET', '/v1/workloads/shop');
  assert.is(r.status, 404);
});

const scenarios = [
  [{ node: 'kind-control-plane', removeTaints: [{ key: 'node-role.kubernetes.io/master' }] }],
  [{ node: 'kind-worker', addTaints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] }, { node: 'minikube', unschedulable: true }],
  [{ node: 'kind-worker', setLabels: { 'kubernetes.io/os': 'windows' } }],
  [{ node: 'ip-172-31-21-92', addTaints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }], removeLabels: ['nvidia.com/gpu.present'] }, { node: 'nori', addTaints: [{ key: 'x', effect: 'NoExecute' }] }],
];

test('POST /v1/impact answers what engine.impact answers for the registered workloads', async () => {
  const options = { validate: true, featureGates: defaultFeatureGates };
  const engine = createEngine({ nodes: realNodes() });
  const ds = daemonSetsFromSources(readSources(fixtureDir('daemonsets'), () => ''), options);
  const targets = [
    realWorkloads().find((w) => w.name === 'calico-kube-controllers')!,
    ds.find((d) => d.workload.name === 'kube-proxy')!,
    ds.find((d) => d.workload.name === 'nvidia-device-plugin-daemonset')!,
    { ...workloadsFromSources([{ object: web, file: 'web' }], options)[0]!, namespace: 'shop' },
  ];
  for (const changes of scenarios) {
    const r = await t.request('POST', '/v1/impact', { changes });
    assert.is(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json, impactJson(engine.impact(changes, targets)));
  }
});

test('impact: a NoExecute taint on kind-worker, and the node set is not changed by asking', async () => {
  const before = await t.request('POST', '/v1/eligible', { pod: web });
  const r = await t.request('POST', '/v1/impact', { changes: [{ node: 'kind-worker', addTaints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] }] });
  assert.equal(r.json.workloads, [
    { workload: 'kube-system/calico-kube-controllers', kind: 'Deployment', gained: [], lost: ['kind-worker'], evict: ['kind-worker'], notEvaluated: [] },
    { workload: 'shop/web', kind: 'Pod', gained: [], lost: ['kind-worker'], evict: ['kind-worker'], notEvaluated: [] },
  ]);
  assert.equal(r.json.daemonsets, [
    { daemonset: 'kube-system/kube-proxy', create: [], evict: [], stopScheduling: [], lost: [], notEvaluated: [] },
    { daemonset: 'kube-system/nvidia-device-plugin-daemonset', create: [], evict: ['kind-worker'], stopScheduling: [], lost: ['kind-worker'], notEvaluated: [] },
  ]);
  assert.equal((await t.request('POST', '/v1/eligible', { pod: web })).json, before.json);
  assert.equal((await t.request('GET', '/v1/nodes/kind-worker')).json.spec?.taints, undefined);
});

test('impact errors: unknown node → 404 at its change; invalid changes → 400 with paths', async () => {
  let r = await t.request('POST', '/v1/impact', { changes: [{ node: 'minikube' }, { node: 'ghost', unschedulable: true }] });
  assert.equal([r.status, r.json.error.code, r.json.error.errors], [404, 'not-found', [{ field: 'changes[1].node', message: 'Not found: "ghost"' }]]);
  // The shape is the request schema's (it names the first problem); the values are the validators' (every problem).
  r = await t.request('POST', '/v1/impact', { changes: [{ node: 'minikube', removeTaints: [], colour: 'red' }] });
  assert.is(r.status, 400);
  assert.equal(r.json.error.errors, [{ field: 'changes[0].colour', message: 'Forbidden: unknown field; supported fields: node, removeTaints, addTaints, removeLabels, setLabels, unschedulable' }]);
  r = await t.request('POST', '/v1/impact', { changes: [{ node: 'minikube', removeTaints: 'all' }] });
  assert.equal(r.json.error.errors, [{ field: 'changes[0].removeTaints', message: 'Invalid value: "all": must be a list, not string' }]);
  r = await t.request('POST', '/v1/impact', { changes: [{ node: 'minikube', addTaints: [{ key: 'k', effect: 'Sometimes' }, { key: '-', effect: 'NoSchedule' }] }] });
  assert.equal(r.json.error.errors.map((e: { field: string }) => e.field), ['changes[0].addTaints[0].effect', 'changes[0].addTaints[1].key']);
  r = await t.request('POST', '/v1/impact', { changes: [{ node: 'minikube', addTaints: [{ key: 'k', effect: 'Sometimes' }] }] });
  assert.equal(r.json.error.errors, [{ field: 'changes[0].addTaints[0].effect', message: 'Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' }]);
  r = await t.request('POST', '/v1/impact', {});
  assert.equal(r.json.error.errors, [{ field: 'changes', message: 'Required value' }]);
});

test('DELETE /v1/workloads/{namespace}/{name} unregisters; impact then leaves it out', async () => {
  const r = await t.request('DELETE', '/v1/workloads/kube-system/kube-proxy');
  assert.equal([r.status, r.json], [200, { workloads: 3 }]);
  const impact = await t.request('POST', '/v1/impact', { changes: [] });
  assert.equal(impact.json.daemonsets.map((d: { daemonset: string }) => d.daemonset), ['kube-system/nvidia-device-plugin-daemonset']);
});

test('impact lists what it did not evaluate per workload, as {field, what}', async () => {
  const claim = { kind: 'Pod', spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } };
  assert.is((await t.request('PUT', '/v1/workloads/shop/db', claim)).status, 201);
  const r = await t.request('POST', '/v1/impact', { changes: [{ node: 'kind-worker', unschedulable: true }] });
  const db = r.json.workloads.find((w: { workload: string }) => w.workload === 'shop/db');
  assert.equal(db.notEvaluated.map((n: object) => Object.keys(n)), [['field', 'what']]);
  assert.is(db.notEvaluated[0].field, 'spec.volumes[0].persistentVolumeClaim');
  assert.ok(db.notEvaluated[0].what.includes('(VolumeBinding'));
  assert.is((await t.request('DELETE', '/v1/workloads/shop/db')).status, 200);
});

test.run();
