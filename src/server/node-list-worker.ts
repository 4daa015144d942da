/**
 * The worker thread of a large `PUT /v1/nodes` (or `PUT /v1/pods`): receives the body's chunks as
 * they arrive, then parses the body, decodes and validates every node (pod) exactly as the server
 * does on its own thread,
 * and hands back either the errors (the request's 400) or the items as JSON texts in one
 * transferred buffer — bytes cross threads for the cost of a copy, while the decoded objects would
 * take longer to clone than to decode again. The main thread then parses and decodes them a slice
 * at a time (see replace-node-set.ts). Started by node-list-upload.ts; never imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { own } from '../model/decode.js';
import { parseJsonBody } from './json-body.js';
import { serializeError, type NodeListJob, type NodeListMessage, type NodeListResult } from './node-list-protocol.js';
import { podsFromListBody } from './pod-list.js';
import { bodyObject, nodesFromListBody } from './request-objects.js';

function decode(body: Buffer, job: NodeListJob): NodeListResult {
  const object = bodyObject(parseJsonBody(body.toString('utf8'), job.maxDepth));
  // Every problem of every item at once, as on the main thread; nothing is kept but the verdict.
  const count = job.list === 'pods' ? podsFromListBody(object).length : nodesFromListBody(object, job.options).length;
  const items = own(object, 'items') as unknown[];
  const ends = new Float64Array(count);
  const texts: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const item = JSON.stringify(items[i]);
    texts.push(item);
    bytes += Buffer.byteLength(item);
    ends[i] = bytes;
  }
  const joined = Buffer.from(texts.join(''), 'utf8');
  return { ok: true, texts: new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength), ends };
}

/** Does the view span its whole buffer, so that the buffer can move without a copy? (Small texts share Node's pool.) */
const whole = (view: ArrayBufferView): boolean => view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;

const port = parentPort!;
const chunks: Uint8Array[] = [];
port.on('message', (message: NodeListMessage) => {
  if (message.chunk) {
    chunks.push(message.chunk);
    return;
  }
  let result: NodeListResult;
  try {
    result = decode(Buffer.concat(chunks), workerData as NodeListJob);
  } catch (error) {
    result = { ok: false, error: serializeError(error) };
  }
  chunks.length = 0;
  const transfer = result.ok ? [result.texts, result.ends].filter(whole).map((view) => view.buffer as ArrayBuffer) : [];
  port.postMessage(result, transfer);
  port.close();
});
