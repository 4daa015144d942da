/**
 * The examples of src/server/README.md are sent, in order, to a fresh server: each answer must keep
 * its route's contract (checked by the test server), have the status shown, and contain what the
 * example shows (an example may leave keys out; the arrays it shows are whole).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer, type TestServer } from '../testing/test-server.js';

interface Example {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly status: number;
  readonly answer?: unknown;
}

/** The ```http blocks, a request followed by its answer. */
function examples(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```http\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
  const out: Example[] = [];
  for (let i = 0; i < blocks.length; i += 2) {
    const [requestLine = '', ...requestBody] = blocks[i]!.split('\n');
    const [statusLine = '', ...answerBody] = (blocks[i + 1] ?? '').split('\n');
    const [method = '', path = ''] = requestLine.split(' ');
    const status = /^HTTP\/1\.1 (\d{3})\b/.exec(statusLine)?.[1];
    assert.ok(status, `the answer after "${requestLine}" must start with HTTP/1.1 <status>`);
    out.push({
      method,
      path,
      ...(requestBody.length > 0 ? { body: JSON.parse(requestBody.join('\n')) as unknown } : {}),
      status: Number(status),
      ...(answerBody.length > 0 ? { answer: JSON.parse(answerBody.join('\n')) as unknown } : {}),
    });
  }
  return out;
}

/** Where `actual` differs from what `shown` shows (objects: the keys shown; arrays and values: whole). */
function differences(actual: unknown, shown: unknown, at = '$'): string[] {
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual) || actual.length !== shown.length) return [`${at}: ${JSON.stringify(actual)} is not ${JSON.stringify(shown)}`];
    return shown.flatMap((item, i) => differences(actual[i], item, `${at}[${i}]`));
  }
  if (shown !== null && typeof shown === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: ${JSON.stringify(actual)} is not an object`];
    return Object.entries(shown).flatMap(([key, value]) => differences((actual as Record<string, unknown>)[key], value, `${at}.${key}`));
  }
  return Object.is(actual, shown) ? [] : [`${at}: ${JSON.stringify(actual)} is not ${JSON.stringify(shown)}`];
}

const readme = readFileSync(fileURLToPath(new URL('./README.md', import.meta.url)), 'utf8');
let t: TestServer;

test.before(async () => {
  t = await startTestServer();
});
test.after(async () => {
  assert.equal(t.bugs, []);
  await t.close();
});

test('every example of the server README, in order: its status, its answer, its contract', async () => {
  const all = examples(readme);
  assert.ok(all.length >= 15, `found ${all.length} examples`);
  for (const example of all) {
    const r = await t.request(example.method, example.path, example.body);
    const name = `${example.method} ${example.path}`;
    assert.is(r.status, example.status, `${name}: ${r.text.slice(0, 500)}`);
    if (example.answer !== undefined) assert.equal(differences(r.json, example.answer), [], name);
  }
});

test('the comparison notices a difference', () => {
  assert.equal(differences({ a: [1, 2], b: 3 }, { a: [1, 2] }), []);
  assert.is(differences({ a: [1, 2] }, { a: [1] }).length, 1);
  assert.is(differences({ a: { b: 'x' } }, { a: { b: 'y' } }).length, 1);
});

test.run();
