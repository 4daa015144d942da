/**
 * Valid but expensive requests against a 2,000-node server, in concurrent groups: pods with
 * thousands of keys, terms, values, tolerations or preferred terms, deep ignored fields, batches
 * around the batch limit, DaemonSet lists, the extender's verbs over every node. Every answer must
 * be a complete, well-formed 2xx, 4xx or 503-with-Retry-After JSON answer within a bound of the time
 * budget; a batch over the limit a 413; /healthz, probed throughout, must answer every time; the
 * heap must not keep what the requests built; and the node set must be the same at the end.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sampleNodeList } from '../src/testing/hostile-requests.js';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';
import { expensiveRequestArb, type ExpensiveRequest } from './server-fuzz-expensive-bodies.js';
import { internalErrors, keepAliveAgent, malformation, send, type FuzzAnswer } from './server-fuzz-http.js';
import { checkAsync, expect } from './support.js';

const clusterSize = 2000;
const maxBatchItems = 200;
const timeBudgetMs = 2000;
/** An answer later than this (queue wait, work, and a loaded 2-core machine) is a budget not kept. */
const answerBoundMs = 3 * timeBudgetMs;

/** A full garbage collection, exposed at run time (uvu runs without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const heapUsed = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

let t: TestServer;
const cluster = sampleNodeList(clusterSize);
const names = cluster.items.map((n) => (n['metadata'] as { name: string }).name);

test.before(async () => {
  // Node lists are read on the server thread: the worker thread is another suite's subject.
  t = await startTestServer({ maxBatchItems, timeBudgetMs, offThreadNodeListBytes: Number.MAX_SAFE_INTEGER });
  assert.is((await t.request('PUT', '/v1/nodes', cluster)).status, 200);
});
test.after(async () => {
  await t.close();
});

/** GET /healthz every 20 ms until stopped: every status and the slowest answer. */
function probeHealth(): { stop: () => Promise<{ statuses: Set<number>; count: number; slowestMs: number }> } {
  let running = true;
  const statuses = new Set<number>();
  let count = 0;
  let slowestMs = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const r = await t.request('GET', '/healthz');
      slowestMs = Math.max(slowestMs, performance.now() - started);
      statuses.add(r.status);
      count += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { statuses, count, slowestMs };
    },
  };
}

function describe(req: ExpensiveRequest, answer: FuzzAnswer, ms: number): string {
  return `${req.shape} → ${answer.status} after ${Math.round(ms)} ms: ${answer.body.toString('utf8').slice(0, 300)}`;
}

test('expensive requests in concurrent groups: well-formed answers in time, health throughout, bounded heap, the node set kept', async (ctx) => {
  const agent = keepAliveAgent();
  const probe = probeHealth();
  const before = heapUsed();
  const statuses = new Map<number, number>();
  let slowest = 0;
  await checkAsync(
    ctx,
    fc.asyncProperty(fc.array(expensiveRequestArb(maxBatchItems, names), { minLength: 1, maxLength: 5 }), async (group) => {
      await Promise.all(
        group.map(async (req) => {
          const body = Buffer.from(JSON.stringify(req.body));
          const started = performance.now();
          const answer = await send(t.port, agent, { method: req.method, path: req.path, headers: { 'content-type': 'application/json' }, body }, answerBoundMs * 2);
          const ms = performance.now() - started;
          slowest = Math.max(slowest, ms);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const wrong = malformation(req.method, req.path, answer);
          expect(wrong === undefined, `${wrong}: ${describe(req, answer, ms)}`);
          expect(answer.status !== 500, describe(req, answer, ms));
          expect(ms < answerBoundMs, `over ${answerBoundMs} ms: ${describe(req, answer, ms)}`);
          if (req.batch !== undefined && req.batch > maxBatchItems) expect(answer.status === 413, `a batch over the limit: ${describe(req, answer, ms)}`);
        }),
      );
    }),
    0.03,
  );
  agent.destroy();
  const health = await probe.stop();
  const growth = heapUsed() - before;
  if (process.env['PLACEMENT_PROPERTY_TIMING'] === '1') {
    const shown = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
    process.stdout.write(`\n  expensive: ${shown.join(', ')}; slowest ${Math.round(slowest)} ms; ${health.count} health probes, slowest ${Math.round(health.slowestMs)} ms; heap +${(growth / 1e6).toFixed(1)} MB\n`);
  }
  assert.equal([...health.statuses], [200], 'every health probe answered 200');
  assert.ok(health.slowestMs < answerBoundMs, `slowest health probe ${Math.round(health.slowestMs)} ms`);
  assert.ok(growth < 64 * 1024 * 1024, `the heap grew by ${(growth / 1e6).toFixed(1)} MB`);
  assert.equal(t.bugs, [], 'exceptions answered with a 500');
  assert.is(internalErrors((await t.request('GET', '/metrics')).text), 0);
  assert.equal((await t.request('GET', '/readyz')).json, { status: 'ready', nodes: clusterSize }, 'the node set is kept');
  assert.equal((await t.request('POST', '/v1/eligible?explain=false', { pod: { kind: 'Pod', spec: {} } })).json.totalNodes, clusterSize);
});

test.run();
