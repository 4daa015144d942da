/**
 * The one request-body parser: `application/json` only (anything else is a 415), bounded in size
 * by the body limit and in nesting before parsing — a 100,000-deep array parses, but any later
 * recursive walk of it (serializing a stored object, a policy's JSONPath) would overflow the stack.
 * (The node list of `PUT /v1/nodes` has its own parser: node-list-upload.ts.)
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';

/** The index of the quote that closes the string opening at `open`, or -1 when it is not closed. */
function closingQuote(text: string, open: number): number {
  // indexOf runs natively: a 30-million-character string is skipped in milliseconds, where a loop
  // over its characters takes a quarter of a second.
  for (let at = text.indexOf('"', open + 1); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

/** Does the JSON text nest arrays/objects deeper than `max`? One pass over the structure, skipping strings. */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i);
      // An unclosed string: the parser reports it.
      if (i === -1) return false;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Parses JSON text into a value, or throws a 400 naming the problem. */
export function parseJsonBody(raw: string, maxDepth: number): unknown {
  // A UTF-8 byte order mark (some Windows tools write one) is not part of the document.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  if (text.trim() === '') throw new HttpError(400, 'unparsable', 'request body is empty; send a JSON object');
  if (exceedsDepth(text, maxDepth)) throw new HttpError(400, 'unparsable', `request body nests deeper than ${maxDepth} levels`);
  try {
    // Plain JSON.parse: `__proto__` and `constructor` become ordinary own keys, which the decoders read with own-property reads.
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'unparsable', `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Replaces Fastify's parsers with the JSON-only one. */
export function installJsonParser(app: FastifyInstance, maxDepth: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string, maxDepth));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
