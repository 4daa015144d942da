/**
 * Large answers serialized a slice at a time. `JSON.stringify` of a 10,000-node explained answer
 * (~3.8 MB) held the event loop for tens of milliseconds, and writing that text to the socket
 * encoded it to UTF-8 whole once more, so every request that arrived meanwhile waited for both.
 * Here the JSON is written item by item (a node name, an ineligible node, an extender's failed
 * node) in slices of the request's work (slices.ts), each slice encoded to UTF-8 as it is made:
 * other requests are answered between slices, and the socket is handed bytes. The text is exactly
 * what `JSON.stringify` makes of the same answer (json-in-slices.test.ts checks it).
 */
import { performance } from 'node:perf_hooks';
import type { Deadline } from './deadline.js';
import { nextSlice, sliceMs } from './slices.js';

/** Characters of text kept before they are encoded to a buffer (big enough that encoding is one native call). */
const encodeAt = 64 * 1024;
/** Items serialized between two looks at the clock: ~0.1 ms of work for explained nodes. */
const itemsPerChunk = 256;

/** JSON text written in pieces, kept as UTF-8 buffers. */
export class JsonInSlices {
  private readonly parts: Buffer[] = [];
  private text = '';
  private until: number;

  /**
   * @param deadline The request's: checked between slices.
   * @param slice Milliseconds of work between two yields (tests pass 0 to yield as often as possible).
   */
  constructor(
    private readonly deadline: Deadline,
    private readonly slice = sliceMs,
  ) {
    this.until = performance.now() + slice;
  }

  /** Appends JSON text as is. */
  raw(text: string): this {
    this.text += text;
    if (this.text.length >= encodeAt) this.encode();
    return this;
  }

  /** Appends `JSON.stringify(value)`: for values small enough to serialize in one go. */
  value(value: unknown): this {
    return this.raw(JSON.stringify(value));
  }

  /**
   * Appends `[item, item, ...]`, each item's JSON from `json`; between slices it yields to the event
   * loop and checks the request's deadline.
   */
  async array<T>(items: readonly T[], json: (item: T) => string): Promise<void> {
    this.raw('[');
    await this.chunks(items.length, (i) => json(items[i]!));
    this.raw(']');
  }

  /**
   * Appends `{"key": value, ...}` for the object's own enumerable string keys, in `Object.keys`
   * order (as `JSON.stringify` orders them), each value's JSON from `json`.
   */
  async object<T>(record: Readonly<Record<string, T>>, json: (value: T) => string): Promise<void> {
    const keys = Object.keys(record);
    this.raw('{');
    await this.chunks(keys.length, (i) => `${JSON.stringify(keys[i])}:${json(record[keys[i]!]!)}`);
    this.raw('}');
  }

  /** Items 0..n-1 joined by commas, a chunk at a time (joining a chunk's texts is ~4× faster than appending them one by one). */
  private async chunks(n: number, item: (i: number) => string): Promise<void> {
    const texts: string[] = [];
    for (let start = 0; start < n; start += itemsPerChunk) {
      await this.breathe();
      texts.length = 0;
      for (let i = start; i < Math.min(n, start + itemsPerChunk); i++) texts.push(item(i));
      if (start > 0) this.raw(',');
      this.raw(texts.join(','));
    }
  }

  /** The whole text as UTF-8. */
  bytes(): Buffer {
    this.encode();
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
  }

  /** Past this slice's time: wait for the next slice, then check the deadline. */
  private async breathe(): Promise<void> {
    if (performance.now() <= this.until) return;
    await nextSlice(this.deadline.startedAt);
    this.deadline.check();
    this.until = performance.now() + this.slice;
  }

  private encode(): void {
    if (this.text.length === 0) return;
    this.parts.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
}

/**
 * The JSON of a list of strings shared by many items (an explanation's reasons or details, shared by
 * every node of its group), serialized once per list per answer.
 */
export function sharedListText(): (list: readonly string[]) => string {
  const texts = new Map<readonly string[], string>();
  return (list) => {
    let text = texts.get(list);
    if (text === undefined) texts.set(list, (text = JSON.stringify(list)));
    return text;
  };
}
