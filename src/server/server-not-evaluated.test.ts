/**
 * The server's answers list what they did not evaluate, as the CLI's do: `notEvaluated` ends
 * eligible (every `?explain=` form, batches included), rank, why and daemonset.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
const db = {
  kind: 'Deployment',
  metadata: { name: 'db' },
  spec: {
    selector: { matchLabels: { app: 'db' } },
    template: {
      metadata: { labels: { app: 'db' } },
      spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }, schedulingGates: [{ name: 'example.com/quota' }], containers: [{ name: 'db', image: 'postgres' }] },
    },
  },
};
const expected = [
  { field: 'spec.template.spec.schedulingGates', what: 'the pod is not scheduled at all until every scheduling gate is removed (SchedulingGates)' },
  {
    field: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]',
    what: 'pod anti-affinity: no pod matching the term runs in the node\'s topology domain (topologyKey "kubernetes.io/hostname") (InterPodAffinity)',
  },
];

test.before(async () => {
  t = await startTestServer();
  assert.is((await t.request('PUT', '/v1/nodes', realNodeList())).status, 200);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

test('eligible: notEvaluated last, in every explain form and in batches; empty for a pod with nothing left out', async () => {
  for (const explain of ['', '?explain=groups', '?explain=none', '?explain=false']) {
    const r = await t.request('POST', `/v1/eligible${explain}`, { pod: db });
    assert.is(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.notEvaluated, expected, explain);
    assert.is(Object.keys(r.json).at(-1), 'notEvaluated', explain);
  }
  const batch = await t.request('POST', '/v1/eligible?explain=none', { pods: [db, { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } }] });
  assert.equal(batch.json.results.map((r: { notEvaluated: unknown }) => r.notEvaluated), [expected, []]);
});

test('rank, why and daemonset list them too', async () => {
  assert.equal((await t.request('POST', '/v1/rank', { pod: db })).json.notEvaluated, expected);
  assert.equal((await t.request('POST', '/v1/why', { pod: db })).json.notEvaluated, expected);
  const daemonset = { ...db, kind: 'DaemonSet', metadata: { name: 'db', namespace: 'default', uid: 'u1' }, spec: { ...db.spec } };
  for (const explain of ['', '?explain=false']) {
    const r = await t.request('POST', `/v1/daemonset${explain}`, { daemonset, now: '2026-01-01T00:00:00Z' });
    assert.is(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.notEvaluated, expected, explain);
  }
});

test.run();
