/**
 * The admission queue, the request deadline and slicing, without HTTP: first in, first out, one
 * request started per turn of the event loop (what comes in between is served in between), a full
 * queue answered 503 at once, a request that waited past its budget answered 503 without running, a
 * request whose client left skipped, and sliced work that yields between slices and stops between
 * items once its deadline has passed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AdmissionQueue } from './admission.js';
import { Deadline } from './deadline.js';
import { HttpError } from './http-error.js';
import { mapInSlices } from './slices.js';

const budgets = { timeBudgetMs: 2000, maxPendingRequests: 4, retryAfterSeconds: 3 };
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

const busyFor = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

test('first in, first out; each turn of the event loop starts requests until ~2 ms of work is done', async () => {
  const queue = new AdmissionQueue(budgets);
  const ran: string[] = [];
  const quick = ['a', 'b', 'c'].map((name) => queue.run(() => (ran.push(name), name)));
  assert.is(queue.depth, 3);
  assert.equal(ran, [], 'nothing runs in the turn it was queued');
  await turn();
  assert.equal(ran, ['a', 'b', 'c'], 'short requests start together');
  assert.equal(await Promise.all(quick), ['a', 'b', 'c']);
  ran.length = 0;
  const slow = ['d', 'e', 'f'].map((name) => queue.run(() => (busyFor(3), ran.push(name), name)));
  await turn();
  assert.equal(ran, ['d'], 'a long one ends the turn, so I/O is polled before the next');
  assert.equal(await Promise.all(slow), ['d', 'e', 'f']);
  assert.is(queue.depth, 0);
});

test('a full queue answers 503 overloaded at once, with Retry-After', async () => {
  const queue = new AdmissionQueue(budgets);
  const admitted = Array.from({ length: 4 }, (_, i) => queue.run(() => i));
  const refused = await rejection(queue.run(() => 'never'));
  assert.equal([refused.status, refused.code, refused.headers['retry-after']], [503, 'overloaded', '3']);
  assert.match(refused.message, /4 requests are already waiting or working/);
  assert.equal(await Promise.all(admitted), [0, 1, 2, 3]);
  assert.is(queue.counts.queueFull, 1);
});

test('a request that waited past its budget is answered 503 without running; the next one still runs', async () => {
  const queue = new AdmissionQueue({ ...budgets, timeBudgetMs: 20 });
  let ran = 0;
  // The first holds the thread past the second's budget.
  const first = queue.run(() => (busyFor(40), ++ran));
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

test('work that returns a promise does not hold up the queue, but counts as pending until it settles; a throw rejects that request only', async () => {
  const queue = new AdmissionQueue(budgets);
  let release: (value: string) => void = () => undefined;
  const slow = queue.run(() => new Promise<string>((resolve) => (release = resolve)));
  await turn();
  assert.equal([queue.depth, queue.running], [0, 1]);
  const failing = rejection(
    queue.run(() => {
      throw new HttpError(400, 'invalid', 'bad');
    }),
  );
  const fast = queue.run(() => 'fast');
  assert.is(await fast, 'fast');
  assert.is((await failing).status, 400);
  const others = [queue.run(() => 1), queue.run(() => 2), queue.run(() => 3)];
  assert.is((await rejection(queue.run(() => 4))).code, 'overloaded', 'three waiting and one working fill four places');
  assert.equal(await Promise.all(others), [1, 2, 3]);
  release('slow');
  assert.is(await slow, 'slow');
  await turn();
  assert.is(queue.running, 0);
});

test('mapInSlices: stops between items with a 503 once the budget is spent; yields to the event loop between slices', async () => {
  const spent = new Deadline(performance.now() - 100, 50, 1);
  assert.ok(spent.passed());
  let calls = 0;
  const stopped = await rejection(mapInSlices([1, 2, 3], () => ++calls, spent));
  assert.equal([stopped.status, stopped.code], [503, 'deadline-exceeded']);
  assert.match(stopped.message, /50 ms time budget/);
  assert.is(calls, 0);
  assert.not.ok(Deadline.none.passed());
  Deadline.none.check();
  // Items of ~4 ms each: something scheduled for the next turn runs before the last item.
  const order: string[] = [];
  setImmediate(() => order.push('other'));
  const busy = (x: number): number => (busyFor(4), order.push(`item ${x}`), x * 2);
  const fresh = (): Deadline => new Deadline(performance.now(), 10_000, 1);
  assert.equal(await mapInSlices([1, 2, 3, 4, 5, 6, 7, 8], busy, fresh()), [2, 4, 6, 8, 10, 12, 14, 16]);
  assert.ok(order.indexOf('other') > 0 && order.indexOf('other') < order.length - 1, order.join(', '));
  // Two long requests: the one admitted first gets the slices first, one slice per turn of the
  // event loop, with what else was scheduled in between.
  order.length = 0;
  const tagged = (tag: string) => (x: number) => (busyFor(6), order.push(`${tag}${x}`), x);
  const first = fresh();
  const second = new Deadline(first.startedAt + 1, 10_000, 1);
  const between = setInterval(() => order.push('other'), 0);
  await Promise.all([mapInSlices([1, 2, 3, 4], tagged('b'), second), mapInSlices([1, 2, 3, 4], tagged('a'), first)]);
  clearInterval(between);
  const items = order.filter((o) => o !== 'other');
  assert.equal(items.slice(2), ['a2', 'a3', 'a4', 'b2', 'b3', 'b4'], order.join(' '));
  assert.ok(order.lastIndexOf('other') > order.indexOf('a2') && order.indexOf('other') < order.indexOf('b4'), order.join(' '));
});

test.run();
