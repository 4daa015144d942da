/**
 * `PUT /v1/nodes`: replacing the whole node set. A small list is parsed, decoded and indexed at
 * once. A large one (50,000 nodes are ~137 MB; parsing takes ~0.6 s, decoding and validating ~1.2 s,
 * indexing ~0.3 s on this machine class) would stop every other answer for seconds, so it is read
 * into a worker thread, which parses, decodes and validates it (node-list-upload.ts); the new engine
 * is then filled here a slice of a few ms at a time (slices.ts), one slice per turn of the event loop, while
 * other requests are answered from the old node set. The new set is swapped in only once complete;
 * an invalid list changes nothing. One replacement runs at a time.
 */
import { checkNode, type InputOptions } from '../api/inputs.js';
import type { Engine } from '../api/engine.js';
import { unavailable } from './http-error.js';
import { parseJsonBody } from './json-body.js';
import { OffThreadNodeList, type NodeListTexts } from './node-list-upload.js';
import { bodyObject, nodesFromListBody } from './request-objects.js';
import { forEachListItemInSlices } from './list-items-in-slices.js';
import type { ServerState } from './state.js';

/** How a replacement is done. */
export interface ReplaceOptions {
  readonly maxDepth: number;
  readonly retryAfterSeconds: number;
}


/**
 * A new engine holding the items, parsed and decoded again (already validated: the worker found no
 * problem) and indexed a slice at a time.
 */
async function engineInSlices(state: ServerState, list: NodeListTexts): Promise<Engine> {
  const engine = state.emptyEngine();
  const options: InputOptions = { ...state.inputOptions, validate: false };
  await forEachListItemInSlices(list, (object, i) => {
    const checked = checkNode({ object, file: `items[${i}]` }, options);
    if (checked.type !== 'node') throw new Error(`items[${i}] decoded on the worker thread but not again: ${checked.errors.map((e) => e.detail).join('; ')}`);
    engine.upsertNode(checked.node);
  });
  return engine;
}

/**
 * Replaces the node set with the List in the body — bytes (or none: an empty object) read here, or
 * an {@link OffThreadNodeList} — and resolves to the answer `{"nodes": N}`.
 */
export function replaceNodeSet(state: ServerState, body: Buffer | OffThreadNodeList | undefined, options: ReplaceOptions): { nodes: number } | Promise<{ nodes: number }> {
  if (state.replacing) {
    if (body instanceof OffThreadNodeList) body.abort();
    throw unavailable('overloaded', 'another node-set replacement is in progress; retry when it is done', options.retryAfterSeconds);
  }
  if (!(body instanceof OffThreadNodeList)) {
    const parsed = body === undefined ? undefined : parseJsonBody(body.toString('utf8'), options.maxDepth);
    const nodes = nodesFromListBody(bodyObject(parsed), state.inputOptions);
    state.replaceNodes(nodes);
    return { nodes: nodes.length };
  }
  state.replacing = true;
  return body.result
    .then((texts) => engineInSlices(state, texts))
    .then((engine) => {
      state.install(engine);
      return { nodes: engine.nodeCount };
    })
    .finally(() => {
      state.dropPending();
      state.replacing = false;
    });
}
