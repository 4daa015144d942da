/**
 * The HTTP API as a contract: `GET /openapi.json` is the document generated from the route
 * contracts, the limits in it are the server's budgets (and are enforced as such), and a request
 * that fails its schema gets the usual envelope with the API server's field paths, never ajv's text.
 * (Every answer of every server test is also checked against its contract: testing/test-server.ts.)
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultServerBudgets } from './budgets.js';
import { routeContracts } from './contract/contracts.js';
import { openApiDocument, openApiPath } from './contract/openapi.js';
import { startTestServer, realNodeList, type TestServer } from '../testing/test-server.js';

let t: TestServer;
let tight: TestServer;

test.before(async () => {
  t = await startTestServer();
  tight = await startTestServer({ maxBatchItems: 2 });
  await t.request('PUT', '/v1/nodes', realNodeList());
  await tight.request('PUT', '/v1/nodes', realNodeList());
});
test.after(async () => {
  assert.equal([...t.bugs, ...tight.bugs], []);
  await Promise.all([t.close(), tight.close()]);
});

const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: {} };
const daemonset = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: 'n' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: {} } } };
type Doc = { openapi: string; paths: Record<string, Record<string, any>>; 'x-placement-budgets': Record<string, number> };

test('GET /openapi.json: OpenAPI 3.1, every route, generated from the contracts with the budgets in force', async () => {
  const r = await t.request('GET', '/openapi.json');
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  const doc = r.json as Doc;
  assert.is(doc.openapi, '3.1.0');
  assert.equal(doc, JSON.parse(JSON.stringify(openApiDocument(routeContracts(defaultServerBudgets), defaultServerBudgets))));
  for (const c of routeContracts(defaultServerBudgets)) assert.ok(doc.paths[openApiPath(c.path)]?.[c.method.toLowerCase()], `${c.method} ${c.path}`);
  assert.ok(doc.paths['/v1/nodes/{name}']?.['get'].parameters.some((p: { name: string; in: string }) => p.name === 'name' && p.in === 'path'));
  assert.is(doc['x-placement-budgets']['maxBatchItems'], 1000);
});

test('the batch limit in the schemas is the server budget, and is enforced as it says (413 too-many)', async () => {
  const doc = (await tight.request('GET', '/openapi.json')).json as Doc;
  const body = (path: string, method = 'post') => doc.paths[path]?.[method].requestBody.content['application/json'].schema;
  assert.is(body('/v1/eligible').properties.pods.maxItems, 2);
  assert.is(body('/v1/daemonset').properties.daemonsets.maxItems, 2);
  assert.is(body('/v1/daemonset/rollout').properties.daemonsets.maxItems, 2);
  assert.is(body('/v1/impact').properties.changes.maxItems, 2);
  assert.is(doc.paths['/v1/eligible']?.['post'].requestBody['x-max-body-bytes'], defaultServerBudgets.maxBodyBytes);
  assert.is(doc.paths['/v1/eligible']?.['post'].requestBody['x-max-nesting-depth'], defaultServerBudgets.maxDepth);
  const cases: [string, Record<string, unknown>, string][] = [
    ['/v1/eligible', { pods: [pod, pod, pod] }, 'pods'],
    ['/v1/why', { pods: [pod, pod, pod] }, 'pods'],
    ['/v1/daemonset', { daemonsets: [daemonset, daemonset, daemonset] }, 'daemonsets'],
    ['/v1/impact', { changes: [{ node: 'a' }, { node: 'b' }, { node: 'c' }] }, 'changes'],
  ];
  for (const [path, request, field] of cases) {
    const r = await tight.request('POST', path, request);
    assert.equal([r.status, r.json.error.code, r.json.error.errors], [413, 'too-many', [{ field, message: 'Too many: 3: must have at most 2 items' }]], path);
    assert.is(r.json.error.message, `${field}: at most 2 items per request, not 3; send several requests`);
  }
  assert.is((await tight.request('POST', '/v1/eligible', { pods: [pod, pod] })).status, 200);
});

test("a request that fails its schema: the envelope, the API server's field path, our words", async () => {
  const cases: [string, string, unknown, string, string][] = [
    ['POST', '/v1/eligible', { pods: [pod, 1] }, 'pods[1]', 'Invalid value: 1: must be an object, not number'],
    ['POST', '/v1/eligible', { pod: 'p' }, 'pod', 'Invalid value: "p": must be an object, not string'],
    ['POST', '/v1/eligible', { pod, explain: 'false' }, 'explain', 'Forbidden: unknown field; supported fields: pod, pods'],
    ['POST', '/v1/eligible?explain=maybe', { pod }, 'explain', 'Unsupported value: "maybe": supported values: "nodes", "groups", "none", "false", "true"'],
    ['POST', '/v1/daemonset', { daemonset, now: 5 }, 'now', 'Invalid value: 5: must be a string, not number'],
    ['POST', '/v1/daemonset', { daemonset, revisionHash: ['a'] }, 'revisionHash', 'Invalid value: ["a"]: must be a string, not array'],
    ['POST', '/v1/impact', { changes: [{ node: 'a', setLabels: { 'example.com/zone': 1 } }] }, 'changes[0].setLabels[example.com/zone]', 'Invalid value: 1: must be a string, not number'],
    ['POST', '/v1/impact', { changes: [{ node: 'a', unschedulable: 'yes' }] }, 'changes[0].unschedulable', 'Invalid value: "yes": must be a boolean, not string'],
    ['POST', '/v1/impact', {}, 'changes', 'Required value'],
    ['GET', '/v1/report/pool-nodes', undefined, 'pool', 'Required value'],
  ];
  for (const [method, path, body, field, message] of cases) {
    const r = await t.request(method, path, body);
    assert.equal([r.status, r.json.error.code, r.json.error.errors], [400, 'invalid', [{ field, message }]], `${method} ${path} ${JSON.stringify(body)}`);
  }
  for (const body of ['[]', 'null', '"pod"', '5']) {
    const r = await t.request('POST', '/v1/rank', body);
    assert.equal([r.status, r.json.error.code], [400, 'invalid'], body);
    assert.match(r.json.error.message, /^request body must be a JSON object, not (array|null|string|number)$/);
  }
  // A missing body reads as {}, as before: the question's own "Required value".
  const empty = await t.request('POST', '/v1/why');
  assert.equal([empty.status, empty.json.error.errors[0].field], [400, 'pod']);
});

test('a route without a contract is refused when the server is built', async () => {
  const { RouteTable } = await import('./route-table.js');
  const table = new RouteTable(t.server.app, undefined as never, routeContracts(defaultServerBudgets));
  assert.throws(() => table.add('GET', '/v1/unknown', () => ({})), /GET \/v1\/unknown has no contract/);
});

test.run();
