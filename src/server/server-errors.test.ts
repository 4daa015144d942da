/**
 * Every error status over real HTTP — 400 (unparsable, empty, too deep, not an object), 404, 405
 * with `Allow`, 408 for a slow client, 413, 415, and the 500 an unexpected exception becomes (a bug,
 * reported) — plus /healthz, /readyz and the Prometheus exposition of /metrics.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rawExchange, realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
let small: TestServer;
let slow: TestServer;

test.before(async () => {
  t = await startTestServer({}, (server) => {
    // A route that fails the way a bug would, to see how the server answers one.
    server.app.get('/test/boom', () => {
      throw new TypeError('boom');
    });
  });
  small = await startTestServer({ maxBodyBytes: 1024 });
  slow = await startTestServer({ requestTimeoutMs: 300, headersTimeoutMs: 300, timeoutCheckIntervalMs: 50 });
  await t.request('PUT', '/v1/nodes', realNodeList());
});
test.after(async () => {
  assert.equal([...small.bugs, ...slow.bugs], []);
  await Promise.all([t.close(), small.close(), slow.close()]);
});

const pod = { pod: { kind: 'Pod', spec: {} } };
const envelope = (json: any): void => {
  assert.type(json?.error?.code, 'string');
  assert.type(json.error.message, 'string');
  assert.ok(Array.isArray(json.error.errors));
};

test('404 for unknown routes, JSON envelope', async () => {
  for (const path of ['/v1', '/v2/eligible', '/v1/nodes/a/b', '/v1/eligible/', '/scheduler']) {
    const r = await t.request('GET', path);
    assert.is(r.status, 404, path);
    envelope(r.json);
  }
});

test('405 with Allow for a known path asked with another method', async () => {
  const cases: [string, string, string][] = [
    ['GET', '/v1/eligible', 'POST'],
    ['PUT', '/v1/rank', 'POST'],
    ['GET', '/v1/nodes', 'PUT'],
    ['POST', '/v1/nodes/n1', 'DELETE, GET, HEAD, PUT'],
    ['PATCH', '/v1/workloads/ns/w', 'DELETE, GET, HEAD, PUT'],
    ['DELETE', '/scheduler/filter', 'POST'],
    ['POST', '/metrics', 'GET, HEAD'],
  ];
  for (const [method, path, allow] of cases) {
    const r = await t.request(method, path);
    assert.equal([r.status, r.headers.get('allow')], [405, allow], `${method} ${path}`);
    assert.is(r.json.error.code, 'method-not-allowed');
  }
});

test('400: unparsable, empty, too deep, not an object, wrong shapes', async () => {
  const bodies = ['{"pod":', '', '   ', `${'['.repeat(200)}${']'.repeat(200)}`, '[]', '"pod"', 'null', '{"pod": {"kind": "Pod", "spec": {"tolerations": {}}}}'];
  for (const body of bodies) {
    const r = await t.request('POST', '/v1/eligible', body, { 'content-type': 'application/json' });
    assert.is(r.status, 400, JSON.stringify(body));
    envelope(r.json);
  }
  const deep = await t.request('POST', '/v1/eligible', `{"pod": ${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`);
  assert.equal([deep.status, deep.json.error.message], [400, 'request body nests deeper than 128 levels']);
  // Brackets inside strings are not nesting.
  const strings = await t.request('POST', '/v1/eligible', { pod: { kind: 'Pod', metadata: { name: 'x', annotations: { a: '['.repeat(1000) } }, spec: {} } });
  assert.is(strings.status, 200);
  const notObject = await t.request('POST', '/v1/eligible', '[1]');
  assert.is(notObject.json.error.message, 'request body must be a JSON object, not array');
});

test('413 over the body limit; 415 for anything but JSON', async () => {
  let r = await small.request('POST', '/v1/eligible', { pod: { kind: 'Pod', metadata: { name: 'x'.repeat(2000) }, spec: {} } });
  assert.equal([r.status, r.json.error.code], [413, 'too-large']);
  assert.is((await small.request('POST', '/v1/eligible', pod)).status, 200, 'the server still serves');
  for (const type of ['text/plain', 'application/x-yaml', 'application/xml', 'multipart/form-data; boundary=x']) {
    r = await t.request('POST', '/v1/eligible', 'pod: {}', { 'content-type': type });
    assert.equal([r.status, r.json.error.code], [415, 'unsupported-media-type'], type);
  }
  r = await t.request('POST', '/v1/eligible', JSON.stringify(pod), { 'content-type': 'application/json; charset=utf-8' });
  assert.is(r.status, 200);
  // A body without a content type.
  const raw = await rawExchange(t.port, ['POST /v1/eligible HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}']);
  assert.match(raw.text, /^HTTP\/1.1 415 /);
});

test('requests the parser or router rejects get the JSON envelope too, and are answered before the close', async () => {
  const cases: [string, number, string][] = [
    ['GET /v1/nodes/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400, 'bad-request'],
    [`GET /v1/nodes/${'x'.repeat(600)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 414, 'too-long'],
    ['GARBAGE\r\n\r\n', 400, 'bad-request'],
    ['GET /v1/nodes/\u00ff HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad-request'],
    [`GET /healthz HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers-too-large'],
    // An unknown method with a body the server never reads: the answer still arrives (no reset).
    [`FOO /v1/eligible HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n{"pod":${' '.repeat(19_992)}}`, 400, 'bad-request'],
  ];
  for (const [request, status, code] of cases) {
    const raw = await rawExchange(t.port, [request], { timeoutMs: 3000 });
    assert.ok(raw.closed, request.slice(0, 40));
    const [head = '', body = ''] = raw.text.split('\r\n\r\n');
    assert.match(head, new RegExp(`^HTTP/1.1 ${status} `), request.slice(0, 40));
    assert.is(JSON.parse(body).error.code, code, request.slice(0, 40));
  }
  // HEAD: the status, no body.
  const head = await rawExchange(t.port, ['HEAD /v1/nodes/\u00ff HTTP/1.1\r\nHost: x\r\n\r\n'], { timeoutMs: 3000 });
  assert.match(head.text, /^HTTP\/1.1 400 [^]*\r\n\r\n$/);
  assert.is((await t.request('GET', '/healthz')).status, 200);
});

test('CONNECT (a tunnel request Node hands to no handler) and other odd methods: a 4xx envelope, never a silent close', async () => {
  const cases: [string, number, string | null][] = [
    ['CONNECT /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 405, 'GET, HEAD'],
    ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 405, null],
    ['CONNECT /v1/nodes/n1 HTTP/1.1\r\nHost: x\r\n\r\nbytes for a tunnel', 405, 'DELETE, GET, HEAD, PUT'],
    ['TRACE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405, 'GET, HEAD'],
    ['OPTIONS /v1/eligible HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405, 'POST'],
    ['PROPFIND /v1/nodes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405, 'PUT'],
  ];
  for (const [request, status, allow] of cases) {
    const raw = await rawExchange(t.port, [request], { timeoutMs: 3000 });
    assert.ok(raw.closed, request.slice(0, 40));
    const [head = '', body = ''] = raw.text.split('\r\n\r\n');
    assert.match(head, new RegExp(`^HTTP/1.1 ${status} `), request.slice(0, 40));
    assert.is(/\r\nallow: ([^\r]*)/i.exec(head)?.[1] ?? null, allow, request.slice(0, 40));
    assert.is(JSON.parse(body).error.code, 'method-not-allowed', request.slice(0, 40));
  }
  assert.is((await t.request('GET', '/healthz')).status, 200);
});

test('a slow client times out (408) and is disconnected; the server keeps serving', async () => {
  const headersOnly = await rawExchange(slow.port, ['POST /v1/eligible HTTP/1.1\r\nHost: x\r\n'], { timeoutMs: 3000 });
  assert.ok(headersOnly.closed, 'stalled headers: connection closed');
  assert.match(headersOnly.text, /^HTTP\/1.1 408 /);
  assert.is(JSON.parse(headersOnly.text.split('\r\n\r\n')[1] ?? '').error.code, 'timeout');
  const trickle = Array.from({ length: 40 }, (_, i) => (i === 0 ? 'POST /v1/eligible HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n' : ' '));
  const body = await rawExchange(slow.port, trickle, { pauseMs: 50, timeoutMs: 4000 });
  assert.ok(body.closed, 'trickled body: connection closed');
  assert.match(body.text, /^HTTP\/1.1 408 /);
  assert.is((await slow.request('POST', '/v1/eligible', pod)).status, 200);
});

test('an unexpected exception is a 500 JSON answer, reported as a bug', async () => {
  const r = await t.request('GET', '/test/boom');
  assert.is(r.status, 500);
  assert.equal(r.json.error, { code: 'internal', message: 'internal error: boom; this is a bug in placement', errors: [] });
  assert.is(t.bugs.length, 1);
  assert.instance(t.bugs[0], TypeError);
  assert.match((await t.request('GET', '/metrics')).text, /^placement_internal_errors_total 1$/m);
  t.bugs.length = 0;
});

test('/healthz, /readyz, HEAD', async () => {
  assert.equal((await t.request('GET', '/healthz')).json, { status: 'ok' });
  assert.equal((await t.request('GET', '/readyz')).json, { status: 'ready', nodes: realNodeList().items.length });
  const head = await t.request('HEAD', '/healthz');
  assert.equal([head.status, head.text], [200, '']);
});

test('/metrics: Prometheus text with request counts by route and status, latency histograms, nodes, cache counters, the admission queue', async () => {
  const fresh = await startTestServer();
  try {
    await fresh.request('PUT', '/v1/nodes', realNodeList());
    for (let i = 0; i < 3; i++) await fresh.request('POST', '/v1/eligible', pod);
    await fresh.request('POST', '/v1/eligible', '{');
    await fresh.request('GET', '/v1/nodes/none');
    await fresh.request('GET', '/nowhere');
    const r = await fresh.request('GET', '/metrics');
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const lines = r.text.split('\n');
    const has = (line: string) => assert.ok(lines.includes(line), `missing: ${line}\n${r.text}`);
    has('# TYPE placement_http_requests_total counter');
    has('placement_http_requests_total{route="/v1/eligible",method="POST",status="200"} 3');
    has('placement_http_requests_total{route="/v1/eligible",method="POST",status="400"} 1');
    has('placement_http_requests_total{route="/v1/nodes/:name",method="GET",status="404"} 1');
    has('placement_http_requests_total{route="unmatched",method="GET",status="404"} 1');
    has('placement_http_requests_total{route="/v1/nodes",method="PUT",status="200"} 1');
    has('# TYPE placement_http_request_duration_seconds histogram');
    has('placement_http_request_duration_seconds_bucket{route="/v1/eligible",method="POST",le="+Inf"} 4');
    has('placement_http_request_duration_seconds_count{route="/v1/eligible",method="POST"} 4');
    has(`placement_nodes ${realNodeList().items.length}`);
    has('placement_ready 1');
    has('placement_compiled_rule_cache_misses_total 1');
    // One compilation; the next two requests (and the explanation's second look-up) hit the cache.
    const hits = Number(/^placement_compiled_rule_cache_hits_total (\d+)$/m.exec(r.text)?.[1]);
    assert.ok(hits >= 2, `hits ${hits}`);
    has('placement_internal_errors_total 0');
    has('# TYPE placement_request_queue_depth gauge');
    has('placement_request_queue_depth 0');
    has('placement_requests_working 0');
    has('placement_answer_bytes_in_flight 0');
    has('# TYPE placement_requests_shed_total counter');
    has('placement_requests_shed_total{reason="queue-full"} 0');
    has('placement_requests_shed_total{reason="expired"} 0');
    // Buckets are cumulative and end at the count.
    const buckets = lines.filter((l) => l.startsWith('placement_http_request_duration_seconds_bucket{route="/v1/eligible"')).map((l) => Number(l.split(' ').pop()));
    assert.ok(buckets.every((v, i) => i === 0 || v >= buckets[i - 1]!));
    assert.equal(fresh.bugs, []);
  } finally {
    await fresh.close();
  }
});

test.run();
