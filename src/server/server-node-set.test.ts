/**
 * `PUT /v1/nodes` read into a worker thread (lists of at least `offThreadNodeListBytes`): the same
 * node set and the same error answers as when read on the server's thread, the old node set
 * answering every question until the new one is complete, one replacement at a time, the body
 * limit, and bodies of unknown length (chunked).
 */
import { request as httpRequest } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sampleNodeList } from '../testing/hostile-requests.js';
import { realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';

let inline: TestServer;
let offThread: TestServer;

test.before(async () => {
  inline = await startTestServer({ offThreadNodeListBytes: Number.MAX_SAFE_INTEGER });
  // Every list goes to a worker thread, however small.
  offThread = await startTestServer({ offThreadNodeListBytes: 0 });
});
test.after(async () => {
  assert.equal([...inline.bugs, ...offThread.bugs], [], 'no request may end in a 500');
  await Promise.all([inline.close(), offThread.close()]);
});

const probe = { pod: { kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' } } } };

test('the node set and every answer are the same as when the list is read on the server thread', async () => {
  for (const list of [realNodeList(), sampleNodeList(300)]) {
    const [a, b] = await Promise.all([inline.request('PUT', '/v1/nodes', list), offThread.request('PUT', '/v1/nodes', list)]);
    assert.equal([b.status, b.json], [a.status, a.json]);
    for (const path of ['/v1/eligible', '/v1/rank']) {
      const [x, y] = await Promise.all([inline.request('POST', path, probe), offThread.request('POST', path, probe)]);
      assert.equal(y.json, x.json, path);
    }
    const name = (list.items[7]!['metadata'] as { name: string }).name;
    assert.equal((await offThread.request('GET', `/v1/nodes/${name}`)).json, list.items[7], 'the stored object is the one sent');
  }
});

test('an invalid list: the same 400 with every problem, and the old node set stays', async () => {
  const bad = {
    kind: 'List',
    items: [{ kind: 'Node', metadata: { name: 'ok' } }, { kind: 'Node', metadata: { name: 'Bad_Name' } }, 7, { kind: 'Node', metadata: { name: 'x' }, spec: { taints: [{ key: 'k', effect: 'Never' }] } }],
  };
  for (const body of [bad, { kind: 'List', items: [bad.items[0], bad.items[1], bad.items[3]] }, '{"items": [', `{"items":[${'['.repeat(200)}${']'.repeat(200)}]}`]) {
    const [a, b] = await Promise.all([inline.request('PUT', '/v1/nodes', body), offThread.request('PUT', '/v1/nodes', body)]);
    assert.is(a.status, 400, JSON.stringify(body).slice(0, 60));
    assert.equal([b.status, b.json], [a.status, a.json], JSON.stringify(body).slice(0, 60));
  }
  assert.is((await offThread.request('GET', '/readyz')).json.nodes, 300);
});

test('questions are answered from the old node set until the new one is complete; a second replacement meanwhile is a 503', async () => {
  // The 300 nodes the tests above left; 1,500 others come in.
  const after = sampleNodeList(1500, 2);
  let done = false;
  const replacing = offThread.request('PUT', '/v1/nodes', after).then((r) => ((done = true), r));
  // Once the body is read and the worker is at work:
  while (!offThread.server.state.replacing) await new Promise((resolve) => setTimeout(resolve, 2));
  const second = await offThread.request('PUT', '/v1/nodes', { kind: 'List', items: [] });
  assert.equal([second.status, second.json.error.code, second.headers.get('retry-after')], [503, 'overloaded', '1']);
  const seen: number[] = [];
  while (!done) {
    const r = await offThread.request('POST', '/v1/eligible?explain=false', probe);
    assert.is(r.status, 200);
    if (!done) seen.push(r.json.totalNodes);
  }
  assert.equal((await replacing).json, { nodes: 1500 });
  assert.ok(seen.length > 0 && seen.every((n) => n === 300 || n === 1500), seen.join(' '));
  assert.is(seen[0], 300, 'the old set answered while the new one was read');
  assert.is((await offThread.request('POST', '/v1/eligible?explain=false', probe)).json.totalNodes, 1500);
});

/** PUT /v1/nodes with a chunked body (no Content-Length). */
function putChunked(port: number, chunks: readonly string[]): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: '127.0.0.1', method: 'PUT', path: '/v1/nodes', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

test('bodies of unknown length (chunked) and the body limit', async () => {
  const text = JSON.stringify(sampleNodeList(50));
  const pieces = Array.from({ length: 8 }, (_, i) => text.slice((i * text.length) / 8, ((i + 1) * text.length) / 8));
  assert.equal(await putChunked(offThread.port, pieces), { status: 200, json: { nodes: 50 } });
  const limited = await startTestServer({ maxBodyBytes: 10_000, offThreadNodeListBytes: 2000 });
  try {
    const declared = await limited.request('PUT', '/v1/nodes', text);
    assert.equal([declared.status, declared.json.error.code], [413, 'too-large']);
    const chunked = await putChunked(limited.port, pieces);
    assert.equal([chunked.status, chunked.json.error.code], [413, 'too-large']);
    const small = await putChunked(limited.port, [JSON.stringify(realNodeList().items.length > 0 ? { kind: 'List', items: realNodeList().items.slice(0, 1) } : {})]);
    assert.equal(small, { status: 200, json: { nodes: 1 } });
    const notJson = await limited.request('PUT', '/v1/nodes', 'x', { 'content-type': 'text/plain' });
    assert.is(notJson.status, 415);
    assert.equal(limited.bugs, []);
  } finally {
    await limited.close();
  }
});

test.run();
