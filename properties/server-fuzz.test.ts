/**
 * Fuzzing the real server over loopback HTTP. Thousands of requests to every endpoint — valid
 * bodies from the shared arbitraries, then mutated, truncated, nested 10^5 deep, millions of
 * characters long, full of `__proto__` / `constructor` / `prototype` keys, with invalid UTF-8, under
 * the wrong content type, with the wrong method, to random paths, and raw malformed HTTP — must each
 * get a well-formed answer: 2xx or 4xx (never a 5xx, a dropped connection or a hang), JSON, the error
 * envelope on a 4xx. Afterwards `placement_internal_errors_total` is 0, the server still serves, and
 * no prototype of this process (the server runs in it) was polluted. Then concurrent node updates
 * (`PUT /v1/nodes`, `PUT /v1/nodes/{name}`) interleaved with questions: every answer is one of the
 * exact answers for a whole node set, never a mix of two.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Agent } from 'node:http';
import { realNodeList, startTestServer, type TestServer } from '../src/testing/test-server.js';
import { buildRequest, describeRequest, fuzzCaseArb, pollutingValues, prototypeNames } from './server-fuzz-bodies.js';
import { internalErrors, keepAliveAgent, malformation, parseRawResponse, send, sendRaw, type FuzzAnswer, type FuzzRequest } from './server-fuzz-http.js';
import { checkAsync, expect, expectEqual } from './support.js';

/** A request that takes longer than this is a hang. */
const timeoutMs = 10_000;

interface Target {
  readonly name: string;
  readonly t: TestServer;
  readonly agent: Agent;
}

let strict: Target;
let lax: Target;

// What the prototypes look like before any request: compared at the end.
const builtins = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Number: Number.prototype, Map: Map.prototype };
const pristine = Object.fromEntries(Object.entries(builtins).map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));

function notPolluted(): string | undefined {
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'length', 'hasOwnProperty', 'toString']) {
    const inherited = probe[key];
    const expected = (Object.prototype as unknown as Record<string, unknown>)[key];
    if (key === 'polluted' || key === 'length' ? inherited !== undefined : inherited !== expected || typeof inherited !== 'function') return `({}).${key} is ${String(inherited)}`;
  }
  if (([] as unknown as Record<string, unknown>)['polluted'] !== undefined) return '[].polluted is set';
  if (Object.prototype.toString.call([]) !== '[object Array]') return 'Object.prototype.toString was replaced';
  return undefined;
}

async function start(name: string, options: Parameters<typeof startTestServer>[0]): Promise<Target> {
  const t = await startTestServer(options);
  const target = { name, t, agent: keepAliveAgent() };
  const loaded = await t.request('PUT', '/v1/nodes', realNodeList());
  assert.is(loaded.status, 200);
  return target;
}

async function ask(target: Target, req: FuzzRequest): Promise<FuzzAnswer> {
  return send(target.t.port, target.agent, req, timeoutMs);
}

async function metricsOf(target: Target): Promise<string> {
  const r = await ask(target, { method: 'GET', path: '/metrics', headers: {} });
  assert.is(r.status, 200);
  return r.body.toString('utf8');
}

test.before(async () => {
  // Default limits (64 MiB bodies, 128 levels) with validation; and without validation, so odd
  // values reach the engine, with a 4 MiB body limit, so huge bodies also meet a 413.
  strict = await start('strict', {});
  lax = await start('lax', { validate: false, maxBodyBytes: 4 * 1024 * 1024 });
});

test.after(async () => {
  for (const target of [strict, lax]) {
    target.agent.destroy();
    await target.t.close();
  }
});

let cases = 0;
/** Answers by status (and raw exchanges closed without one), printed with PLACEMENT_PROPERTY_TIMING=1. */
const statuses = new Map<string, number>();
const tally = (key: string | number): void => void statuses.set(String(key), (statuses.get(String(key)) ?? 0) + 1);

test('every request, however malformed, gets a well-formed 2xx/4xx JSON answer', async (ctx) => {
  const started = Date.now();
  await checkAsync(
    ctx,
    fc.asyncProperty(fuzzCaseArb, fc.boolean(), async (c, onLax) => {
      const target = onLax ? lax : strict;
      const req = buildRequest(c);
      cases += 1;
      const answer = await ask(target, req);
      tally(answer.status);
      const wrong = malformation(req.method, req.path, answer);
      expect(wrong === undefined, `${target.name} server: ${wrong}\nrequest: ${describeRequest(req)}\nanswer: ${answer.status} ${answer.body.toString('utf8').slice(0, 600)}`);
      const polluted = notPolluted();
      expect(polluted === undefined, `prototype polluted (${polluted}) by ${describeRequest(req)}`);
    }),
    3,
  );
  if (process.env['PLACEMENT_PROPERTY_TIMING'] === '1') process.stdout.write(`\n  fuzz: ${cases} requests in ${Date.now() - started} ms\n`);
});

// Raw HTTP that node:http would not send: broken request lines and headers, bad Content-Length and
// chunked framing, bytes over 0x7F in the path, unknown methods, oversized headers.
const rawCaseArb = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'FOO', 'G ET', '', 'POST\u0000', 'GET\u00ff'),
    path: fc.constantFrom('/healthz', '/v1/eligible', '/v1/nodes/n0', '/v1/nodes/\u00ff\u00fe', '/v1/nodes/%ZZ', '/v1/nodes/' + 'x'.repeat(600), 'healthz', '*', '/he althz', '/\u0000', 'http://h/healthz', '/v1/nodes/%E0%A4%A', '/v1/workloads/%/x'),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTX/1.1', ''),
    headers: fc.array(
      fc.constantFrom(
        'Content-Type: application/json',
        'Content-Type: text/plain',
        'Content-Length: abc',
        'Content-Length: -1',
        'Content-Length: 1, 2',
        'Transfer-Encoding: chunked',
        'Transfer-Encoding: gzip, chunked',
        'Transfer-Encoding: identity',
        'Bad Header: x',
        'NoColon',
        ' folded: continuation',
        'X-Big: ' + 'a'.repeat(20_000),
        'Host: a',
        'Host: b',
        'Expect: 100-continue',
        'Content-Encoding: gzip',
        'X-\u00ff: \u00ff',
      ),
      { maxLength: 4 },
    ),
    body: fc.constantFrom('', '{}', '{"pod":{"kind":"Pod","spec":{}}}', 'zz\r\n', '2\r\n{}\r\n0\r\n\r\n', '5\r\n{}\r\n', '{', '\u00ff\u00fe'),
    contentLength: fc.constantFrom('exact', 'none', 'short', 'long'),
  })
  .map((r) => {
    const body = Buffer.from(r.body, 'latin1');
    const headers = [...r.headers];
    if (r.contentLength === 'exact') headers.push(`Content-Length: ${body.length}`);
    if (r.contentLength === 'short') headers.push(`Content-Length: ${Math.max(0, body.length - 1)}`);
    if (r.contentLength === 'long') headers.push(`Content-Length: ${body.length + 5}`);
    const head = `${r.method} ${r.path} ${r.version}\r\n${['Host: x', ...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`;
    return Buffer.concat([Buffer.from(head, 'latin1'), body]);
  });

test('raw malformed HTTP gets a well-formed 4xx (or 2xx) answer, or at worst a closed connection', async (ctx) => {
  await checkAsync(
    ctx,
    fc.asyncProperty(rawCaseArb, fc.boolean(), async (bytes, onLax) => {
      const target = onLax ? lax : strict;
      cases += 1;
      const { data, timedOut } = await sendRaw(target.t.port, bytes, timeoutMs);
      const shown = JSON.stringify(bytes.toString('latin1').slice(0, 400));
      expect(!timedOut, `no answer and no close within ${timeoutMs} ms: ${shown}`);
      // A request the client abandons half-way (it ends its side before the Content-Length is
      // reached) may be dropped unanswered: there was never a whole request to answer.
      if (data.length === 0) return tally('raw: closed unanswered');
      const answer = parseRawResponse(data);
      expect(typeof answer !== 'string', `unreadable answer (${String(answer)}) to ${shown}`);
      const parsed = answer as FuzzAnswer;
      tally(`raw: ${parsed.status}`);
      const wrong = malformation('GET', '/raw', parsed);
      expect(wrong === undefined, `${wrong}\nrequest: ${shown}\nanswer: ${parsed.status} ${parsed.body.toString('utf8').slice(0, 400)}`);
    }),
    0.3,
  );
});

test('bodies 10^5 levels deep, huge and polluting at every endpoint, at the default limits; one over 64 MiB is a 413', async () => {
  const endpoints: [string, string][] = [
    ['POST', '/v1/eligible'],
    ['POST', '/v1/rank'],
    ['POST', '/v1/daemonset'],
    ['PUT', '/v1/nodes'],
    ['PUT', '/v1/nodes/n0'],
    ['PUT', '/v1/workloads/default/w'],
    ['POST', '/v1/impact'],
    ['POST', '/scheduler/filter'],
    ['POST', '/scheduler/prioritize'],
    ['GET', '/healthz'],
  ];
  const deep = 100_000;
  const bodies = [
    `${'['.repeat(deep)}${']'.repeat(deep)}`,
    `{"pod":${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}}`,
    `{"items":[${'['.repeat(deep)}${']'.repeat(deep)}]}`,
    JSON.stringify({ pod: { kind: 'Pod', metadata: { name: 'x'.repeat(20_000_000) }, spec: {} } }),
    ...pollutingValues.map((v) => JSON.stringify(v)),
    '{"pod":{"kind":"Pod","metadata":{"__proto__":{"polluted":"yes"},"name":"p"},"spec":{"nodeSelector":{"__proto__":"x","constructor":"y"}}}}',
    '{"changes":[{"node":"__proto__","setLabels":{"__proto__":"x"},"removeLabels":["__proto__"]}]}',
    '{"Pod":{"kind":"Pod","spec":{}},"NodeNames":["__proto__","constructor","toString"]}',
  ];
  for (const [method, path] of endpoints) {
    for (const text of bodies) {
      const req: FuzzRequest = { method, path, headers: { 'content-type': 'application/json' }, body: Buffer.from(text, 'utf8') };
      cases += 1;
      const answer = await ask(strict, req);
      const wrong = malformation(method, path, answer);
      assert.is(wrong, undefined, `${wrong}: ${describeRequest(req)} → ${answer.body.toString('utf8').slice(0, 300)}`);
    }
  }
  // Prototype keys as node and workload names: stored, read back and removed as themselves.
  for (const name of prototypeNames) {
    for (const target of [strict, lax]) {
      const objects: [string, Record<string, unknown>][] = [
        [`/v1/nodes/${name}`, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { a: 'b' } } }],
        [`/v1/workloads/${name}/${name}`, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: name }, spec: { containers: [{ name: 'c', image: 'x' }] } }],
      ];
      for (const [path, object] of objects) {
        const json = (method: string, body?: unknown): FuzzRequest => ({ method, path, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }) });
        const put = await ask(target, json('PUT', object));
        assert.is(malformation('PUT', path, put), undefined, `PUT ${path}`);
        if (put.status < 300) assert.equal(JSON.parse((await ask(target, json('GET'))).body.toString('utf8')), object, `GET ${path} after PUT`);
        await ask(target, json('DELETE'));
        for (const method of ['GET', 'DELETE']) {
          const gone = await ask(target, json(method));
          assert.equal([gone.status, malformation(method, path, gone)], [404, undefined], `${target.name}: ${method} ${path} after DELETE`);
        }
      }
    }
  }
  const huge = Buffer.alloc(64 * 1024 * 1024 + 1, 0x20);
  huge[0] = 0x7b;
  const tooLarge = await ask(strict, { method: 'POST', path: '/v1/eligible', headers: { 'content-type': 'application/json' }, body: huge });
  assert.equal([tooLarge.status, malformation('POST', '/v1/eligible', tooLarge)], [413, undefined]);
  assert.is(notPolluted(), undefined);
});

test('afterwards: no internal errors, /healthz answers, no prototype of this process was polluted', async () => {
  for (const target of [strict, lax]) {
    assert.equal(target.t.bugs, [], `${target.name}: exceptions answered with a 500`);
    assert.is(internalErrors(await metricsOf(target)), 0, `${target.name}: placement_internal_errors_total`);
    const health = await ask(target, { method: 'GET', path: '/healthz', headers: {} });
    assert.equal([health.status, JSON.parse(health.body.toString('utf8'))], [200, { status: 'ok' }]);
  }
  assert.is(notPolluted(), undefined);
  for (const [name, proto] of Object.entries(builtins)) assert.equal(Reflect.ownKeys(proto).map(String).sort(), pristine[name], `${name}.prototype keys`);
  if (process.env['PLACEMENT_PROPERTY_TIMING'] === '1') {
    const shown = [...statuses].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k}: ${n}`);
    process.stdout.write(`\n  ${cases} fuzzed requests in all; answers by status: ${shown.join(', ')}\n`);
  }
});

// ---------------------------------------------------------------------------------------------
// Concurrent updates and questions: no torn snapshot
// ---------------------------------------------------------------------------------------------

const node = (name: string, labels: Record<string, string>, taints: Record<string, string>[] = [], unschedulable = false) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
  spec: { taints, unschedulable },
});
const podSelecting = (nodeSelector: Record<string, string>, tolerations: Record<string, string>[] = []) => ({ kind: 'Pod', metadata: { name: 'probe' }, spec: { nodeSelector, tolerations } });
const list = (items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } });

// Two whole node sets that share no answer: A (1,500 nodes, set=a, 300 with tier=x), B (1,200 nodes, set=b, 700 with tier=x).
const setA = list(Array.from({ length: 1500 }, (_, i) => node(`a-${i}`, { set: 'a', tier: i < 300 ? 'x' : 'y' })));
const setB = list(Array.from({ length: 1200 }, (_, i) => node(`b-${i}`, { set: 'b', tier: i % 12 < 7 ? 'x' : 'y' })));
const probes = [podSelecting({ set: 'a' }), podSelecting({ set: 'b' }), podSelecting({ tier: 'x' })];
const countsA = [1500, 0, 300].map((eligibleCount) => ({ eligibleCount, totalNodes: 1500, notEvaluated: [] }));
const countsB = [0, 1200, 700].map((eligibleCount) => ({ eligibleCount, totalNodes: 1200, notEvaluated: [] }));

// One node's two states, each a whole update of labels, a taint and the cordon together:
// X = {v: a}, untainted, schedulable; Y = {v: b}, tainted maint:NoSchedule, cordoned.
const updated = 40;
const stateX = (i: number) => node(`u-${i}`, { v: 'a' });
const stateY = (i: number) => node(`u-${i}`, { v: 'b' }, [{ key: 'maint', effect: 'NoSchedule' }], true);
const maint = { key: 'maint', operator: 'Exists', effect: 'NoSchedule' };
const cordon = { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' };
// Torn X→Y (label b without the taint) is the only way Q1 matches; Q2 matches exactly X, Q3 exactly Y.
const nodeProbes = [podSelecting({ v: 'b' }), podSelecting({ v: 'a' }, [maint]), podSelecting({ v: 'b' }, [maint, cordon])];

type Op = { readonly kind: 'swap'; readonly to: 'A' | 'B' } | { readonly kind: 'upsert'; readonly node: number; readonly to: 'X' | 'Y' } | { readonly kind: 'ask'; readonly explain: boolean; readonly batch: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('A' as const, 'B' as const).map((to): Op => ({ kind: 'swap', to })) },
  { weight: 4, arbitrary: fc.tuple(fc.nat(updated - 1), fc.constantFrom('X' as const, 'Y' as const)).map(([n, to]): Op => ({ kind: 'upsert', node: n, to })) },
  { weight: 8, arbitrary: fc.record({ explain: fc.boolean(), batch: fc.boolean() }).map((r): Op => ({ kind: 'ask', ...r })) },
);

test('concurrent node-set swaps and questions: every answer is exactly A\'s or exactly B\'s', async (ctx) => {
  const t = await startTestServer();
  const agent = keepAliveAgent();
  const json = (method: string, path: string, body?: unknown): FuzzRequest => ({ method, path, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }) });
  // Exact full answers (eligible names) for each set, from the server itself before any concurrency.
  const full: Record<'A' | 'B', unknown[]> = { A: [], B: [] };
  for (const [name, set] of [['A', setA], ['B', setB]] as const) {
    assert.is((await send(t.port, agent, json('PUT', '/v1/nodes', set), timeoutMs)).status, 200);
    full[name] = JSON.parse((await send(t.port, agent, json('POST', '/v1/eligible', { pods: probes }), timeoutMs)).body.toString('utf8')).results;
  }
  expectEqual(full.A.map((r) => (r as { eligible: string[] }).eligible.length), [1500, 0, 300], 'A eligible counts');
  try {
    await checkAsync(
      ctx,
      fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 20, maxLength: 60 }), { minLength: 3, maxLength: 6 }), async (clients) => {
        await Promise.all(
          clients.map(async (ops) => {
            for (const op of ops) {
              if (op.kind === 'swap') {
                const r = await send(t.port, agent, json('PUT', '/v1/nodes', op.to === 'A' ? setA : setB), timeoutMs);
                expect(r.status === 200, `swap: ${r.status}`);
                continue;
              }
              if (op.kind === 'upsert') continue;
              const path = op.explain ? '/v1/eligible' : '/v1/eligible?explain=false';
              const r = await send(t.port, agent, json('POST', path, op.batch ? { pods: probes } : { pod: probes[2] }), timeoutMs);
              expect(r.status === 200, `ask: ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
              const answer = JSON.parse(r.body.toString('utf8'));
              const [a, b] = op.explain ? [full.A, full.B] : [countsA, countsB];
              const expected = op.batch ? [{ results: a }, { results: b }] : [a[2], b[2]];
              const matches = expected.filter((e) => JSON.stringify(e) === JSON.stringify(answer)).length;
              expect(matches === 1, `a torn answer (explain ${op.explain}, batch ${op.batch}): neither A's nor B's`, op.explain ? { eligible: (answer.results ?? [answer]).map((x: { eligible: unknown[] }) => x.eligible.length) } : answer);
            }
          }),
        );
      }),
      0.006,
    );
    assert.equal(t.bugs, []);
    assert.is(internalErrors((await send(t.port, agent, json('GET', '/metrics'), timeoutMs)).body.toString('utf8')), 0);
  } finally {
    agent.destroy();
    await t.close();
  }
});

test('concurrent single-node updates and questions: no node is ever seen half-updated', async (ctx) => {
  const t = await startTestServer();
  const agent = keepAliveAgent();
  const json = (method: string, path: string, body?: unknown): FuzzRequest => ({ method, path, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }) });
  // Stable nodes besides the updated ones, so the questions have work to do.
  const others = Array.from({ length: 500 }, (_, i) => node(`s-${i}`, { v: i % 2 ? 'a' : 'b' }, [{ key: 'maint', effect: 'NoSchedule' }], true));
  assert.is((await send(t.port, agent, json('PUT', '/v1/nodes', list([...others, ...Array.from({ length: updated }, (_, i) => stateX(i))])), timeoutMs)).status, 200);
  // Stable nodes: Q1 none (tainted), Q2 none (cordoned), Q3 the 250 with v=b.
  const stable = [0, 0, 250];
  const total = others.length + updated;
  try {
    await checkAsync(
      ctx,
      fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 20, maxLength: 60 }), { minLength: 3, maxLength: 6 }), async (clients) => {
        await Promise.all(
          clients.map(async (ops) => {
            for (const op of ops) {
              if (op.kind === 'swap') continue;
              if (op.kind === 'upsert') {
                const r = await send(t.port, agent, json('PUT', `/v1/nodes/u-${op.node}`, op.to === 'X' ? stateX(op.node) : stateY(op.node)), timeoutMs);
                expect(r.status === 200, `upsert: ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
                continue;
              }
              const path = op.explain ? '/v1/eligible' : '/v1/eligible?explain=false';
              const r = await send(t.port, agent, json('POST', path, { pods: nodeProbes }), timeoutMs);
              expect(r.status === 200, `ask: ${r.status}`);
              const results = JSON.parse(r.body.toString('utf8')).results as { eligibleCount?: number; eligible?: string[] }[];
              const counts = results.map((x) => x.eligibleCount ?? x.eligible!.length);
              // Q1 only ever sees the stable nodes; each updated node is X (Q2) or Y (Q3), wholly.
              const [q1, q2, q3] = counts.map((c, i) => c - stable[i]!);
              expect(q1 === 0 && q2! + q3! === updated, 'a node seen half-updated', { counts, stable });
              if (op.explain) {
                const x = new Set(results[1]!.eligible!.filter((n) => n.startsWith('u-')));
                const y = new Set(results[2]!.eligible!.filter((n) => n.startsWith('u-')));
                expect(x.size + y.size === updated && [...x].every((n) => !y.has(n)), 'X and Y eligible lists overlap or miss a node', { x: [...x], y: [...y] });
              } else {
                expect(results.every((x) => (x as { totalNodes?: number }).totalNodes === total), 'node count changed');
              }
            }
          }),
        );
      }),
      0.006,
    );
    assert.equal(t.bugs, []);
    assert.is(internalErrors((await send(t.port, agent, json('GET', '/metrics'), timeoutMs)).body.toString('utf8')), 0);
  } finally {
    agent.destroy();
    await t.close();
  }
});

test.run();
