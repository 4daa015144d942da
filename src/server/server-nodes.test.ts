/**
 * The node set over real HTTP: `PUT /v1/nodes` with a List as kubectl prints it (readiness follows),
 * `PUT|GET|DELETE /v1/nodes/{name}` with 201/200/404, the resourceVersion rule (409), validation
 * errors with the CLI's paths, and `__proto__` / `constructor` label keys.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isStaleResourceVersion } from './resource-version.js';
import { realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
let lax: TestServer;

test.before(async () => {
  t = await startTestServer();
  lax = await startTestServer({ validate: false });
});
test.after(async () => {
  assert.equal([...t.bugs, ...lax.bugs], [], 'no request may end in a 500');
  await t.close();
  await lax.close();
});

const node = (name: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels, ...extra },
});
const pod = (nodeSelector: Record<string, string>) => ({ pod: { kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector } } });

test('not ready until a node set is loaded; PUT /v1/nodes takes a List as kubectl prints it', async () => {
  let r = await t.request('GET', '/readyz');
  assert.is(r.status, 503);
  assert.is(r.json.status, 'not ready');
  const list = realNodeList();
  r = await t.request('PUT', '/v1/nodes', list);
  assert.is(r.status, 200);
  assert.equal(r.json, { nodes: list.items.length });
  r = await t.request('GET', '/readyz');
  assert.equal([r.status, r.json], [200, { status: 'ready', nodes: list.items.length }]);
  // A NodeList whose items carry no kind, as the API itself returns them.
  const typed = { kind: 'NodeList', items: list.items.slice(0, 2).map(({ kind: _k, apiVersion: _a, ...rest }) => rest) };
  r = await lax.request('PUT', '/v1/nodes', typed);
  assert.equal([r.status, r.json], [200, { nodes: 2 }]);
});

test('PUT /v1/nodes: every problem at once, each with its item; the old node set stays', async () => {
  const r = await t.request('PUT', '/v1/nodes', {
    kind: 'List',
    items: [node('ok'), node('Bad_Name'), { kind: 'Node', metadata: { name: 'x' }, spec: { taints: [{ key: 'k', effect: 'Never' }] } }, 7, node('ok')],
  });
  assert.is(r.status, 400);
  assert.is(r.json.error.code, 'invalid');
  assert.equal(r.json.error.errors, [{ field: 'items[3]', message: 'Invalid value: 7: must be an object, not number' }]);
  const r2 = await t.request('PUT', '/v1/nodes', { kind: 'List', items: [node('ok'), node('Bad_Name'), { kind: 'Node', metadata: { name: 'x' }, spec: { taints: [{ key: 'k', effect: 'Never' }] } }, node('ok')] });
  assert.is(r2.status, 400);
  assert.equal(
    r2.json.error.errors.map((e: { field: string; at: string }) => [e.at, e.field]),
    [
      ['items[1]', 'metadata.name'],
      ['items[2]', 'metadata.taints[0].effect'],
      ['items[3]', 'metadata.name'],
    ],
  );
  assert.match(r2.json.error.errors[2].message, /^Duplicate value: "ok"/);
  assert.is((await t.request('GET', '/readyz')).json.nodes, realNodeList().items.length);
  for (const body of [{ kind: 'Node', metadata: { name: 'n' } }, { kind: 'List' }, { kind: 'List', items: {} }, [1, 2]]) {
    const bad = await t.request('PUT', '/v1/nodes', body);
    assert.is(bad.status, 400, JSON.stringify(body));
    assert.ok(bad.json.error.message.length > 0);
  }
});

test('PUT /v1/nodes/{name}: 201 created, 200 replaced, GET returns the object, DELETE removes it', async () => {
  let r = await t.request('PUT', '/v1/nodes/extra-1', node('extra-1', {}, { disk: 'ssd' }));
  assert.is(r.status, 201);
  const count = r.json.nodes as number;
  r = await t.request('PUT', '/v1/nodes/extra-1', node('extra-1', {}, { disk: 'hdd' }));
  assert.equal([r.status, r.json], [200, { nodes: count }]);
  r = await t.request('GET', '/v1/nodes/extra-1');
  assert.equal([r.status, r.json], [200, node('extra-1', {}, { disk: 'hdd' })]);
  r = await t.request('POST', '/v1/eligible?explain=false', pod({ disk: 'hdd' }));
  assert.is(r.json.eligibleCount, 1);
  r = await t.request('DELETE', '/v1/nodes/extra-1');
  assert.equal([r.status, r.json], [200, { nodes: count - 1 }]);
  for (const method of ['GET', 'DELETE']) {
    r = await t.request(method, '/v1/nodes/extra-1');
    assert.equal([r.status, r.json.error.code], [404, 'not-found']);
  }
});

test('PUT /v1/nodes/{name}: the body must name the node in the URL and be valid', async () => {
  let r = await t.request('PUT', '/v1/nodes/a-node', node('b-node'));
  assert.is(r.status, 400);
  assert.equal(r.json.error.errors, [{ field: 'metadata.name', message: 'Invalid value: "b-node": must equal the name in the URL path ("a-node")' }]);
  r = await t.request('PUT', '/v1/nodes/a-node', { kind: 'Node', metadata: { name: 'a-node', labels: { 'bad key': 'v' } } });
  assert.is(r.status, 400);
  assert.is(r.json.error.errors[0].field, 'metadata.labels');
  r = await t.request('PUT', '/v1/nodes/a-node', { kind: 'Pod', metadata: { name: 'a-node' } });
  assert.equal(r.json.error.errors, [{ field: 'kind', message: 'Unsupported value: "Pod": supported values: "Node"' }]);
  r = await t.request('PUT', '/v1/nodes/a-node', { kind: 'Node', metadata: { name: 'a-node' }, spec: { unschedulable: 'yes' } });
  assert.equal(r.json.error.errors, [{ field: 'spec.unschedulable', message: 'Invalid value: "yes": must be a boolean, not string' }]);
});

test('409 when metadata.resourceVersion is older than the stored one (integers compared as integers)', async () => {
  assert.is((await t.request('PUT', '/v1/nodes/rv', node('rv', { resourceVersion: '10' }))).status, 201);
  let r = await t.request('PUT', '/v1/nodes/rv', node('rv', { resourceVersion: '9' }));
  assert.equal([r.status, r.json.error.code], [409, 'conflict']);
  assert.match(r.json.error.message, /"9" is older than the stored "10"/);
  assert.is((await t.request('PUT', '/v1/nodes/rv', node('rv', { resourceVersion: '10' }))).status, 200, 'a replay is accepted');
  assert.is((await t.request('PUT', '/v1/nodes/rv', node('rv', { resourceVersion: '11' }))).status, 200);
  assert.is((await t.request('PUT', '/v1/nodes/rv', node('rv'))).status, 200, 'no version: no precondition');
  assert.is((await t.request('DELETE', '/v1/nodes/rv')).status, 200);
});

test('isStaleResourceVersion: integers as integers, else as strings; missing means no precondition', () => {
  assert.ok(isStaleResourceVersion('9', '10'));
  assert.ok(isStaleResourceVersion('0009', '10'), 'leading zeros');
  assert.not.ok(isStaleResourceVersion('10', '0009'));
  assert.not.ok(isStaleResourceVersion('000', '0'));
  assert.ok(isStaleResourceVersion('9'.repeat(5000), `1${'0'.repeat(5000)}`), 'any length, no BigInt');
  assert.not.ok(isStaleResourceVersion('10', '9'));
  assert.not.ok(isStaleResourceVersion('10', '10'));
  assert.ok(isStaleResourceVersion('99999999999999999998', '99999999999999999999'), 'beyond 2^53');
  assert.ok(isStaleResourceVersion('abc', 'abd'));
  assert.not.ok(isStaleResourceVersion('abd', 'abc'));
  assert.not.ok(isStaleResourceVersion(undefined, '5'));
  assert.not.ok(isStaleResourceVersion('5', undefined));
  assert.not.ok(isStaleResourceVersion('', '5'));
});

test('a resourceVersion over the input limit is a 400 before any comparison, however long; /healthz stays prompt', async () => {
  assert.is((await t.request('PUT', '/v1/nodes/long-rv', node('long-rv', { resourceVersion: '1' }))).status, 201);
  const huge = node('long-rv', { resourceVersion: '7'.repeat(3_000_000) });
  const [r, health] = await Promise.all([t.request('PUT', '/v1/nodes/long-rv', huge), t.request('GET', '/healthz')]);
  assert.is(r.status, 400);
  assert.equal(r.json.error.errors.map((e: { field: string; message: string }) => [e.field, e.message]), [['metadata.resourceVersion', 'Too long: may not be more than 64 bytes']]);
  assert.ok(r.text.length < 500, 'the value is not echoed');
  assert.is(health.status, 200);
  assert.is((await t.request('PUT', '/v1/nodes/long-rv', node('long-rv', { resourceVersion: '2'.repeat(64) }))).status, 200, 'at the limit');
  assert.is((await t.request('DELETE', '/v1/nodes/long-rv')).status, 200);
});

test('__proto__ and constructor label keys through the API', async () => {
  // `constructor` is a valid label key: stored, selected, returned.
  let r = await t.request('PUT', '/v1/nodes/ctor', node('ctor', {}, { constructor: 'yes' }));
  assert.is(r.status, 201);
  r = await t.request('POST', '/v1/eligible', pod({ constructor: 'yes' }));
  assert.equal(r.json.eligible, ['ctor']);
  assert.equal((await t.request('GET', '/v1/nodes/ctor')).json.metadata.labels, { constructor: 'yes' });
  // `__proto__` is not a valid label key (it starts with "_"): a field error, never a crash.
  const text = '{"kind":"Node","metadata":{"name":"proto","labels":{"__proto__":"x"}}}';
  r = await t.request('PUT', '/v1/nodes/proto', text);
  assert.is(r.status, 400);
  assert.equal([r.json.error.errors[0].field, r.json.error.errors[0].message.startsWith('Invalid value: "__proto__"')], ['metadata.labels', true]);
  // Without validation (objects that bypassed the API server) it is an ordinary key.
  assert.is((await lax.request('PUT', '/v1/nodes/proto', text)).status, 201);
  r = await lax.request('POST', '/v1/eligible', '{"pod":{"kind":"Pod","spec":{"nodeSelector":{"__proto__":"x"}}}}');
  assert.equal(r.json.eligible, ['proto']);
  r = await lax.request('GET', '/v1/nodes/proto');
  assert.is(r.text, text);
  r = await lax.request('POST', '/v1/eligible', '{"pod":{"kind":"Pod","spec":{"nodeSelector":{"__proto__":"y"}}}}');
  assert.equal(r.json.eligible, []);
  assert.is(({} as Record<string, unknown>)['x'], undefined, 'no prototype was polluted');
});

test.run();
