/**
 * Cooperative slicing of long request work. JavaScript cannot interrupt a computation, so work
 * made of many independent units (the workloads of a batch, the DaemonSets of a list, blocks of
 * the extender's candidate nodes, the nodes of a replaced node set, the entries of a large
 * answer's text) runs a slice of a few milliseconds at a time, and the request's deadline is
 * checked between units. Long work waiting for its next slice queues here, and one slice runs per
 * turn of the event loop: however many long requests there are, a turn holds at most one slice, so
 * health checks and short requests started meanwhile wait for at most one slice. One unit still
 * runs whole, so each unit is bounded by the input limits and the explanation budget.
 *
 * The next slice goes to the request admitted first (earliest deadline first), not round-robin:
 * taking turns, every long request of a burst finishes at about the same time, the end of the
 * burst — measured with 12 explained answers at once on a busy machine, most of them then missed
 * their 2 s budget together, where one after the other the first ones are answered in time.
 */
import { performance } from 'node:perf_hooks';
import type { Deadline } from './deadline.js';

/** Milliseconds of work between two yields to the event loop. */
export const sliceMs = 5;

interface Waiting {
  readonly admittedAt: number;
  readonly resume: () => void;
}

/** Continuations of long work waiting for their next slice, earliest admitted first (equal times: first come first served). */
const waiting: Waiting[] = [];
let pumping = false;

/** Lets the first waiting slice run (right after this callback, as a microtask), and comes back next turn. */
function runOneSlice(): void {
  waiting.shift()?.resume();
  if (waiting.length > 0) setImmediate(runOneSlice);
  else pumping = false;
}

/**
 * Resolves when it is this work's turn for another slice: on a later turn of the event loop, after
 * I/O has been polled. `admittedAt` (`performance.now()` when its request was admitted; default:
 * now) orders the waiting work.
 */
export function nextSlice(admittedAt = performance.now()): Promise<void> {
  return new Promise((resume) => {
    let at = waiting.length;
    while (at > 0 && waiting[at - 1]!.admittedAt > admittedAt) at--;
    waiting.splice(at, 0, { admittedAt, resume });
    if (pumping) return;
    pumping = true;
    setImmediate(runOneSlice);
  });
}

/** `items.map(fn)`, yielding to the event loop every {@link sliceMs} and checking the deadline before each item. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T) => U, deadline: Deadline): Promise<U[]> {
  const out: U[] = [];
  let until = performance.now() + sliceMs;
  for (const item of items) {
    if (performance.now() > until) {
      await nextSlice(deadline.startedAt);
      until = performance.now() + sliceMs;
    }
    deadline.check();
    out.push(fn(item));
  }
  return out;
}

/** `items` in consecutive blocks of `size` (the last may be shorter). */
export function blocks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
