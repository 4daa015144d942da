/**
 * `serializeAnswers` (fast-json-stringify through the contracts' answer schemas) must not change a
 * single answer: a schema that leaves a key out would drop it silently, one that says `integer`
 * would round a fraction. Two servers, one serializing each way, get the same requests (the
 * README's session, then every explain form, batches, errors) and must answer alike, as JSON values.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureDir, fixtureObjects, realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';
import { join } from 'node:path';

let plain: TestServer;
let schemas: TestServer;

test.before(async () => {
  // One clock for both: the report carries the time it was made.
  const now = () => Date.parse('2026-01-02T15:04:05Z');
  [plain, schemas] = await Promise.all([startTestServer({ now }), startTestServer({ now, serializeAnswers: true })]);
});
test.after(async () => {
  assert.equal([...plain.bugs, ...schemas.bugs], []);
  await Promise.all([plain.close(), schemas.close()]);
});

async function both(method: string, path: string, body?: unknown): Promise<void> {
  const [a, b] = await Promise.all([plain.request(method, path, body), schemas.request(method, path, body)]);
  const what = `${method} ${path}`;
  assert.is(b.status, a.status, what);
  assert.is(b.headers.get('content-type'), a.headers.get('content-type'), what);
  if (a.json === undefined) assert.is(b.text, a.text, what);
  else assert.equal(b.json, a.json, what);
}

test('the README session answers alike', async () => {
  const readme = readFileSync(fileURLToPath(new URL('./README.md', import.meta.url)), 'utf8');
  const blocks = [...readme.matchAll(/```http\n([\s\S]*?)```/g)].map((m) => m[1]!.trim()).filter((b) => !b.startsWith('HTTP/'));
  for (const block of blocks) {
    const [line = '', ...rest] = block.split('\n');
    const [method = '', path = ''] = line.split(' ');
    await both(method, path, rest.length > 0 ? (JSON.parse(rest.join('\n')) as unknown) : undefined);
  }
});

test('every question and form answers alike over the real fixtures', async () => {
  await both('GET', '/readyz');
  await both('PUT', '/v1/nodes', realNodeList());
  const workloads = fixtureObjects(fixtureDir('workloads')).slice(0, 6);
  const daemonsets = fixtureObjects(join(fixtureDir('daemonsets'), 'kube-proxy.yaml'));
  for (const explain of ['', '?explain=groups', '?explain=none', '?explain=false']) {
    await both('POST', `/v1/eligible${explain}`, { pods: workloads });
    await both('POST', `/v1/eligible${explain}`, { pod: workloads[0] });
    await both('POST', `/v1/daemonset${explain}`, { daemonsets, now: '2026-01-02T15:04:05Z' });
  }
  await both('POST', '/v1/rank', { pods: workloads });
  await both('POST', '/v1/why', { pods: workloads });
  await both('POST', '/v1/daemonset/rollout', { daemonset: daemonsets[0], now: '2026-01-02T15:04:05Z', readyAfterSeconds: 12.5 });
  await both('PUT', '/v1/workloads/kube-system/kube-proxy', daemonsets[0]);
  await both('POST', '/v1/impact', { changes: [{ node: 'minikube', unschedulable: true }] });
  await both('GET', '/v1/report');
  await both('GET', '/v1/report/workloads/kube-system/kube-proxy');
  await both('GET', '/v1/nodes/minikube');
  await both('GET', '/v1/nodes/ghost');
  await both('POST', '/v1/eligible', { pods: 'x' });
  await both('DELETE', '/v1/workloads/kube-system/kube-proxy');
  await both('GET', '/openapi.json');
});

test.run();
