/**
 * `PUT /v1/objects` over real HTTP: the cluster's Namespaces and selecting objects, as
 * `kubectl get ns,svc,rc,rs,sts -A -o json` prints them, swapped in whole or (on a 400 naming
 * `items[i]` and the field) not at all, and kept when `PUT /v1/nodes` replaces the node set.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;

const namespace = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const service = (name: string, ns: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name } } });
const nodes = { kind: 'List', items: [{ kind: 'Node', metadata: { name: 'n1' } }] };

test.before(async () => {
  t = await startTestServer({ nodes: [] });
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

test('PUT /v1/objects replaces the objects; the engine holds them, across a node-set replacement too', async () => {
  assert.equal(t.server.state.engine.objects, {});
  const r = await t.request('PUT', '/v1/objects', { apiVersion: 'v1', kind: 'List', items: [namespace('shop', { team: 'web' }), namespace('default'), service('web', 'shop')] });
  assert.equal([r.status, r.json], [200, { namespaces: 2, selectingObjects: 1 }]);
  assert.equal(t.server.state.engine.objects.namespaces?.map((ns) => ns.name), ['shop', 'default']);
  assert.is((await t.request('PUT', '/v1/nodes', nodes)).status, 200);
  assert.equal(t.server.state.engine.objects.namespaces?.map((ns) => ns.name), ['shop', 'default']);
  assert.equal((await t.request('PUT', '/v1/objects', { kind: 'List', items: [service('web', 'shop')] })).json, { namespaces: 0, selectingObjects: 1 });
  assert.is(t.server.state.engine.objects.namespaces, undefined, 'without a Namespace, a namespaceSelector is not evaluated');
});

test('an invalid List: a 400 naming items[i] and the field, and nothing applied', async () => {
  await t.request('PUT', '/v1/objects', { kind: 'List', items: [namespace('shop')] });
  const cases: [unknown, string[]][] = [
    [{ kind: 'List', items: [namespace('a'), { kind: 'ConfigMap', metadata: { name: 'c' } }] }, ['items[1]: kind']],
    [{ kind: 'List', items: [namespace('a'), namespace('a')] }, ['items[1]: metadata.name']],
    [{ kind: 'List', items: [{ kind: 'StatefulSet', metadata: { name: 's' }, spec: { selector: { matchLabels: { 'bad key!': 'x' } } } }] }, ['items[0]: spec.selector.matchLabels']],
    [{ kind: 'List', items: [{ kind: 'Namespace', metadata: {} }] }, ['items[0]: metadata.name']],
    [{ kind: 'PodList', items: [] }, ['kind']],
    [{ kind: 'List' }, ['items']],
    [{ items: [7] }, ['items[0]']],
  ];
  for (const [body, fields] of cases) {
    const r = await t.request('PUT', '/v1/objects', body);
    assert.equal([r.status, r.json.error.code], [400, 'invalid'], JSON.stringify(body).slice(0, 80));
    const named = (r.json.error.errors as { field: string; at?: string }[]).map((e) => (e.at ? `${e.at}: ${e.field}` : e.field));
    assert.equal(named, fields, JSON.stringify(r.json));
  }
  assert.equal(t.server.state.engine.objects.namespaces?.map((ns) => ns.name), ['shop'], 'the old objects stay');
});

test.run();
