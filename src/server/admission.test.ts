/**
 * The admission queue and the request deadline, without HTTP: first in, first out, one request per
 * turn of the event loop (what comes in between is served in between), a full queue answered 503
 * at once, a request that waited past its budget answered 503 without running, a request whose
 * client left skipped, and a deadline that stops work between items.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AdmissionQueue } from './admission.js';
import { Deadline } from './deadline.js';
import { HttpError } from './http-error.js';

const budgets = { timeBudgetMs: 2000, maxQueuedRequests: 4, retryAfterSeconds: 3 };
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

test('first in, first out, one per turn of the event loop', async () => {
  const queue = new AdmissionQueue(budgets);
  const ran: string[] = [];
  const all = ['a', 'b', 'c'].map((name) => queue.run(() => (ran.push(name), name)));
  assert.is(queue.depth, 3);
  assert.equal(ran, [], 'nothing runs in the turn it was queued');
  await turn();
  assert.equal(ran, ['a'], 'one request per turn, so I/O is polled between two');
  assert.equal(await Promise.all(all), ['a', 'b', 'c']);
  assert.equal(ran, ['a', 'b', 'c']);
  assert.is(queue.depth, 0);
});

test('a full queue answers 503 overloaded at once, with Retry-After', async () => {
  const queue = new AdmissionQueue(budgets);
  const admitted = Array.from({ length: 4 }, (_, i) => queue.run(() => i));
  const refused = await rejection(queue.run(() => 'never'));
  assert.equal([refused.status, refused.code, refused.headers['retry-after']], [503, 'overloaded', '3']);
  assert.match(refused.message, /4 requests are already waiting/);
  assert.equal(await Promise.all(admitted), [0, 1, 2, 3]);
  assert.is(queue.counts.queueFull, 1);
});

test('a request that waited past its budget is answered 503 without running; the next one still runs', async () => {
  const queue = new AdmissionQueue({ ...budgets, timeBudgetMs: 20 });
  let ran = 0;
  // The first holds the thread past the second's budget.
  const first = queue.run(() => {
    const until = performance.now() + 40;
    while (performance.now() < until);
    return ++ran;
  });
  const second = rejection(queue.run(() => ++ran));
  assert.is(await first, 1);
  const expired = await second;
  assert.equal([expired.status, expired.code, expired.headers['retry-after']], [503, 'deadline-exceeded', '3']);
  assert.is(ran, 1);
  assert.is(queue.counts.expired, 1);
  assert.is(await queue.run(() => 'later'), 'later');
});

test('a request whose client has gone is skipped', async () => {
  const queue = new AdmissionQueue(budgets);
  let ran = false;
  const gone = queue.run(
    () => (ran = true),
    () => true,
  );
  assert.is((await rejection(gone)).status, 503);
  assert.is(ran, false);
  assert.is(queue.counts.abandoned, 1);
});

test('work that returns a promise does not hold up the queue; a throw rejects that request only', async () => {
  const queue = new AdmissionQueue(budgets);
  let release: (value: string) => void = () => undefined;
  const slow = queue.run(() => new Promise<string>((resolve) => (release = resolve)));
  const failing = rejection(
    queue.run(() => {
      throw new HttpError(400, 'invalid', 'bad');
    }),
  );
  const fast = queue.run(() => 'fast');
  assert.is(await fast, 'fast');
  assert.is((await failing).status, 400);
  release('slow');
  assert.is(await slow, 'slow');
});

test('Deadline: check() stops work between items with a 503 once the budget is spent; none never passes', () => {
  const spent = new Deadline(performance.now() - 100, 50, 1);
  assert.ok(spent.passed());
  let calls = 0;
  try {
    spent.map([1, 2, 3], () => ++calls);
    assert.unreachable('the deadline has passed');
  } catch (error) {
    assert.instance(error, HttpError);
    assert.equal([(error as HttpError).status, (error as HttpError).code], [503, 'deadline-exceeded']);
    assert.match((error as HttpError).message, /50 ms time budget/);
  }
  assert.is(calls, 0);
  const fresh = new Deadline(performance.now(), 10_000, 1);
  assert.equal(fresh.map([1, 2, 3], (x) => x * 2), [2, 4, 6]);
  assert.not.ok(Deadline.none.passed());
  Deadline.none.check();
});

test.run();
