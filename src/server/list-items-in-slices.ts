/**
 * The items of a list the worker thread already parsed and validated (node-list-upload.ts), parsed
 * again here a slice of a few ms at a time (slices.ts), one slice per turn of the event loop, so that other
 * requests are answered meanwhile. Node-set and pod-set replacements both read their lists so.
 */
import { performance } from 'node:perf_hooks';
import type { NodeListTexts } from './node-list-upload.js';
import { nextSlice, sliceMs } from './slices.js';

/** Calls `visit` with each item's object and index, in order; resolves once every item is visited. */
export async function forEachListItemInSlices({ texts, ends }: NodeListTexts, visit: (object: Record<string, unknown>, i: number) => void): Promise<void> {
  const bytes = Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength);
  let start = 0;
  let i = 0;
  while (i < ends.length) {
    await nextSlice();
    const until = performance.now() + sliceMs;
    do {
      const end = ends[i]!;
      visit(JSON.parse(bytes.toString('utf8', start, end)) as Record<string, unknown>, i);
      start = end;
      i++;
      // The clock is read every 16 items (~0.5 ms of work).
    } while (i < ends.length && ((i & 15) !== 0 || performance.now() < until));
  }
}
