/**
 * The one request-body parser: `application/json` only (anything else is a 415), bounded in size
 * by the body limit and in nesting before parsing — a 100,000-deep array parses, but any later
 * recursive walk of it (serializing a stored object, a policy's JSONPath) would overflow the stack.
 * (The node list of `PUT /v1/nodes` has its own parser: node-list-upload.ts.)
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';

/** Does the JSON text nest arrays/objects deeper than `max`? One pass over the characters, skipping strings. */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
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
