/**
 * The request budgets over real HTTP, on a 2,000-node generated cluster: batch sizes (413 naming
 * the field and the limit), the explanation budget (422 saying how to ask instead, while the
 * counts stay available), the time budget and the admission queue (503 with Retry-After, health
 * answered meanwhile), the extender's one reason per node, and times outside Go's range. The node
 * set is the same after every refusal.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { daemonSetBatch, daemonSetObject, podObject, podWithSelectorKeys, podWithTerms, sampleNodeList, trivialPod } from '../testing/hostile-requests.js';
import { burstFromAnotherProcess, startTestServer, type TestServer } from '../testing/test-server.js';

const clusterSize = 2000;
const cluster = sampleNodeList(clusterSize);
// Node lists are read on this thread here (the worker thread has its own tests: server-nodes).
const inline = { offThreadNodeListBytes: Number.MAX_SAFE_INTEGER };
let t: TestServer;

test.before(async () => {
  // A time budget that a burst of explained answers fits on a busy 2-core machine; the budget has its own test below.
  t = await startTestServer({ ...inline, maxBatchItems: 50, timeBudgetMs: 10_000 });
  assert.is((await t.request('PUT', '/v1/nodes', cluster)).status, 200);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

const envelope = (json: any, code: string): void => {
  assert.is(json?.error?.code, code, JSON.stringify(json));
  assert.type(json.error.message, 'string');
  assert.ok(Array.isArray(json.error.errors));
};

async function nodeCount(server: TestServer): Promise<number> {
  return (await server.request('GET', '/readyz')).json.nodes;
}

test('batches over maxBatchItems (pods, daemonsets, impact changes): 413 naming the field and the limit, before anything is decoded', async () => {
  const pods = await t.request('POST', '/v1/eligible?explain=false', { pods: Array.from({ length: 51 }, () => trivialPod) });
  assert.is(pods.status, 413);
  envelope(pods.json, 'too-many');
  assert.equal(pods.json.error.errors, [{ field: 'pods', message: 'Too many: 51: must have at most 50 items' }]);
  assert.is(pods.json.error.message, 'pods: at most 50 items per request, not 51; send several requests');
  const rank = await t.request('POST', '/v1/rank', { pods: Array.from({ length: 51 }, () => ({})) });
  assert.equal([rank.status, rank.json.error.errors[0].field], [413, 'pods'], 'counted before the items are read');
  const ds = await t.request('POST', '/v1/daemonset?explain=false', { daemonsets: daemonSetBatch(51) });
  assert.equal([ds.status, ds.json.error.errors[0].field], [413, 'daemonsets']);
  const names = cluster.items.map((n) => (n['metadata'] as { name: string }).name);
  const changes = await t.request('POST', '/v1/impact', { changes: names.slice(0, 51).map((node) => ({ node, unschedulable: true })) });
  assert.equal([changes.status, changes.json.error.errors], [413, [{ field: 'changes', message: 'Too many: 51: must have at most 50 items' }]]);
  const atLimit = await t.request('POST', '/v1/eligible?explain=false', { pods: Array.from({ length: 50 }, () => trivialPod) });
  assert.equal([atLimit.status, atLimit.json.results.length], [200, 50]);
});

test('explanations over the budget: 422 saying to ask with ?explain=groups or ?explain=false, which answer', async () => {
  // The largest pods the input limits allow: 100 nodeSelector keys; 100 terms of 10 expressions.
  for (const [what, pod] of [
    ['100 nodeSelector keys', podWithSelectorKeys(100)],
    ['100 required terms', podWithTerms(100, 10)],
  ] as const) {
    const r = await t.request('POST', '/v1/eligible', { pod });
    assert.is(r.status, 422, what);
    envelope(r.json, 'answer-too-large');
    assert.match(r.json.error.message, /2000 node entries, about \d+ MiB, over the 8\.0 MiB explanation budget; ask with \?explain=groups .*, \?explain=false/, what);
    const counts = await t.request('POST', '/v1/eligible?explain=false', { pod });
    assert.equal([counts.status, counts.json], [200, { eligibleCount: 0, totalNodes: clusterSize, notEvaluated: [] }], what);
    const groups = await t.request('POST', '/v1/eligible?explain=groups', { pod });
    assert.equal([groups.status, groups.headers.get('content-type'), groups.json.eligible, groups.json.groups.length > 0], [200, 'application/json; charset=utf-8', [], true], what);
  }
  // Each within the budget, together over it.
  const fiveKeys = podWithSelectorKeys(5);
  const batch = await t.request('POST', '/v1/eligible', { pods: Array.from({ length: 50 }, () => fiveKeys) });
  assert.is(batch.status, 422);
  assert.match(batch.json.error.message, /^the answer for 50 pods would list 100000 node entries/);
  const one = await t.request('POST', '/v1/eligible', { pod: fiveKeys });
  assert.is(one.status, 200);
  assert.equal([one.json.eligible.length, one.json.ineligible.length], [0, clusterSize]);
  assert.ok(one.json.ineligible.every((n: { details: string[] }) => n.details.length >= 5));
  assert.is(await nodeCount(t), clusterSize);
});

test('the budget is the server option: grouped answers (measured), names, per-node DaemonSet lists and rank answers count too', async () => {
  const small = await startTestServer({ ...inline, maxExplanationBytes: 50_000 });
  try {
    assert.is((await small.request('PUT', '/v1/nodes', cluster)).status, 200);
    const ds = await small.request('POST', '/v1/daemonset', { daemonset: daemonSetObject() });
    assert.is(ds.status, 422);
    assert.match(ds.json.error.message, /ask with \?explain=false to leave out the per-node list/);
    const counts = await small.request('POST', '/v1/daemonset?explain=false', { daemonset: daemonSetObject() });
    assert.equal([counts.status, 'nodes' in counts.json, counts.json.create.length > 0], [200, false, true]);
    const rank = await small.request('POST', '/v1/rank', { pod: trivialPod });
    assert.is(rank.status, 422);
    assert.match(rank.json.error.message, /ask for fewer pods per request/);
    // 100 terms of 100 values each: the grouped answer repeats every term for each group.
    const grouped = await small.request('POST', '/v1/eligible?explain=groups', { pod: podWithTerms(100, 1, 100) });
    assert.equal([grouped.status, grouped.json.error.code], [422, 'answer-too-large']);
    assert.match(grouped.json.error.message, /^the grouped answer is [\d.]+ MiB, over the 0\.0 MiB explanation budget; ask with \?explain=none/);
    // Every node is listed for each pod (each DaemonSet): a batch over the budget whatever its items
    // say is refused from its length, naming the field and how many fit, before any item is read
    // (these items are not even valid).
    const floor = await small.request('POST', '/v1/eligible', { pods: [{}, {}, {}] });
    assert.equal([floor.status, floor.json.error.code], [422, 'answer-too-large'], floor.text);
    assert.match(floor.json.error.message, /^the answer for 3 pods would list 6000 node entries, at least [\d.]+ MiB, over the 0\.0 MiB explanation budget; ask with \?explain=groups/);
    assert.equal(floor.json.error.errors, [{ field: 'pods', message: 'Too many: 3: must have at most 0 items for answers within the 0.0 MiB explanation budget (serve --max-explanation-bytes)' }]);
    const dsFloor = await small.request('POST', '/v1/daemonset', { daemonsets: [{}, {}] });
    assert.equal([dsFloor.status, dsFloor.json.error.errors[0].field], [422, 'daemonsets'], dsFloor.text);
    assert.is((await small.request('POST', '/v1/eligible?explain=false', { pods: [{}, {}, {}] })).status, 400, 'counts only: the items are read');
    const names = await small.request('POST', '/v1/eligible?explain=none', { pods: [trivialPod, trivialPod] });
    assert.equal([names.status, names.json.error.code], [422, 'answer-too-large']);
    assert.match(names.json.error.message, /for 2 pods would list \d+ node entries/);
    assert.equal(small.bugs, []);
  } finally {
    await small.close();
  }
});

test('the extender filter answers a pod with 100 terms of 10 expressions with one short reason per node', async () => {
  const args = { Pod: podWithTerms(100, 10), NodeNames: cluster.items.map((n) => (n['metadata'] as { name: string }).name) };
  const r = await t.request('POST', '/scheduler/filter', args);
  assert.is(r.status, 200);
  const reasons = Object.values(r.json.FailedAndUnresolvableNodes) as string[];
  assert.is(reasons.length, clusterSize);
  assert.ok(reasons.every((reason) => reason.length < 60 && reason.startsWith('node(s)')));
  assert.ok(r.text.length < clusterSize * 150, `${r.text.length} bytes`);
});

test('time budget: a request not started within it is a 503 with Retry-After; health, readiness and metrics still answer', async () => {
  const hurried = await startTestServer({ ...inline, timeBudgetMs: 0, retryAfterSeconds: 7 });
  try {
    assert.is((await hurried.request('PUT', '/v1/nodes', { kind: 'List', items: cluster.items.slice(0, 10) })).status, 503);
    const r = await hurried.request('POST', '/v1/eligible', { pod: trivialPod });
    assert.equal([r.status, r.headers.get('retry-after')], [503, '7']);
    envelope(r.json, 'deadline-exceeded');
    assert.match(r.json.error.message, /within its 0 ms time budget/);
    assert.is((await hurried.request('GET', '/healthz')).status, 200);
    assert.is((await hurried.request('GET', '/readyz')).status, 503, 'no node set could be loaded');
    const metrics = (await hurried.request('GET', '/metrics')).text;
    assert.match(metrics, /placement_requests_shed_total\{reason="expired"\} 2/);
    assert.match(metrics, /placement_request_queue_depth 0/);
    assert.equal(hurried.bugs, []);
  } finally {
    await hurried.close();
  }
});

test('a full queue: the overflow is answered 503 at once; the rest are answered, health meanwhile, the node set kept', async () => {
  const narrow = await startTestServer({ ...inline, maxPendingRequests: 4 });
  try {
    assert.is((await narrow.request('PUT', '/v1/nodes', cluster)).status, 200);
    // 40 questions and a health check read by the server in one turn of its event loop.
    const question = { method: 'POST', path: '/v1/eligible', body: { pod: podWithSelectorKeys(5) } };
    const answers = await burstFromAnotherProcess(narrow.port, [...Array.from({ length: 40 }, () => question), { method: 'GET', path: '/healthz' }]);
    const health = answers.pop()!;
    const statuses = answers.map((a) => a.status);
    // The first request read may start before the rest arrive: 4 or 5 admitted.
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join(' '));
    assert.ok(statuses.filter((s) => s === 503).length >= 30, statuses.join(' '));
    for (const refused of answers.filter((a) => a.status === 503)) {
      envelope(JSON.parse(refused.body), 'overloaded');
      assert.is(refused.headers.get('retry-after'), '1');
    }
    assert.is(health.status, 200);
    assert.is(await nodeCount(narrow), clusterSize);
    assert.equal(narrow.bugs, []);
  } finally {
    await narrow.close();
  }
});

test('health is answered between queued requests, not after all of them', async () => {
  // 12 different pods, so that no compiled rule or explanation is reused: each is explained afresh
  // (~1.5 MB each, so all of them fit the answers in flight).
  const questions = Array.from({ length: 12 }, (_, i) => ({ method: 'POST', path: '/v1/eligible', body: { pod: podWithSelectorKeys(8, `q${i}-`) } }));
  const answers = await burstFromAnotherProcess(t.port, [...questions, { method: 'GET', path: '/healthz' }]);
  const health = answers.pop()!;
  assert.equal(answers.map((a) => a.status), questions.map(() => 200));
  assert.is(health.status, 200);
  const last = Math.max(...answers.map((a) => a.ms));
  assert.ok(health.ms < last, `health after ${Math.round(health.ms)} ms, the last question after ${Math.round(last)} ms`);
});

test('times: now must be a time Go reads (a real day, years 0000-9999); an eviction time out of range is a 422, never a 500', async () => {
  const ds = daemonSetObject('ds', [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]);
  for (const now of ['2024-02-30T00:00:00Z', '10000-01-01T00:00:00Z', '2024-01-01T24:00:00Z', 'yesterday', 7, `2024-01-01T00:00:00.${'9'.repeat(100_000)}Z`]) {
    const r = await t.request('POST', '/v1/daemonset?explain=false', { daemonset: ds, now });
    assert.is(r.status, 400, String(now).slice(0, 40));
    assert.equal(r.json.error.errors.map((e: { field: string }) => e.field), ['now']);
    assert.ok(r.text.length < 1000, 'the bad value is not echoed whole');
  }
  const ok = await t.request('POST', '/v1/daemonset?explain=false', { daemonset: ds, now: '2024-02-29T23:59:59.999999999+05:30' });
  assert.is(ok.status, 200);
  // A running daemon pod on a node with a NoExecute taint, tolerated for 1e300 seconds: the
  // decoder may refuse the value (Go's does: not an int64); if it does not, the time guard does.
  const node = { kind: 'Node', apiVersion: 'v1', metadata: { name: 'tainted', labels: { 'kubernetes.io/os': 'linux' } }, spec: { taints: [{ key: 'x', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' }] } };
  assert.is((await t.request('PUT', '/v1/nodes/tainted', node)).status, 201);
  const pod = {
    ...podObject({ nodeName: 'tainted', tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1e300 }] }, 'ds-a'),
    metadata: { name: 'ds-a', namespace: 'default', uid: 'p1', labels: { app: 'ds' }, creationTimestamp: '2023-12-01T00:00:00Z', ownerReferences: [{ kind: 'DaemonSet', name: 'ds', uid: 'uid-ds', controller: true }] },
    status: { phase: 'Running' },
  };
  const huge = await t.request('POST', '/v1/daemonset?explain=false', { daemonset: ds, pods: [pod], now: '2024-01-01T00:00:30Z' });
  assert.ok([400, 422].includes(huge.status), `${huge.status} ${huge.text}`);
  assert.is(huge.json.error.code, huge.status === 422 ? 'time-out-of-range' : 'invalid');
  assert.is((await t.request('DELETE', '/v1/nodes/tainted')).status, 200);
  assert.is(await nodeCount(t), clusterSize);
});

test.run();
