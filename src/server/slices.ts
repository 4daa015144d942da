/**
 * Cooperative slicing of long request work. JavaScript cannot interrupt a computation, so work
 * made of many independent units (the workloads of a batch, the DaemonSets of a list, blocks of
 * the extender's candidate nodes, the nodes of a replaced node set) runs a slice of ~10 ms at a
 * time, and the request's deadline is checked between units. Long work waiting for its next slice
 * queues here, and one slice runs per turn of the event loop, round-robin: however many long
 * requests there are, a turn holds at most one slice, so health checks and short requests started
 * meanwhile wait for at most ~10 ms of it. One unit still runs whole, so each unit is bounded by
 * the input limits and the explanation budget.
 */
import { performance } from 'node:perf_hooks';
import type { Deadline } from './deadline.js';

/** Milliseconds of work between two yields to the event loop. */
export const sliceMs = 10;

/** Continuations of long work waiting for their next slice, first come first served. */
const waiting: (() => void)[] = [];
let pumping = false;

/** Lets the first waiting slice run (right after this callback, as a microtask), and comes back next turn. */
function runOneSlice(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(runOneSlice);
  else pumping = false;
}

/** Resolves when it is this work's turn for another slice: on a later turn of the event loop, after I/O has been polled. */
export function nextSlice(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
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
      await nextSlice();
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
