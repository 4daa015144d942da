/**
 * The body of `PUT /v1/nodes`, read by its own content-type parser. A small body (a declared
 * `Content-Length` under the off-thread threshold) is collected here as usual. A large one is
 * streamed chunk by chunk to a worker thread as it arrives, so this thread never holds, joins (65
 * ms for 137 MB) or parses it; the handler then awaits the worker's verdict. The parser enforces
 * the body limit and the declared length itself, with the answers Fastify gives for them.
 */
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { HttpError } from './http-error.js';
import { deserializeError, type NodeListJob, type NodeListMessage, type NodeListResult } from './node-list-protocol.js';

/** The items of a valid node list as JSON texts: item i is `texts[ends[i-1] .. ends[i]]` (UTF-8). */
export interface NodeListTexts {
  readonly texts: Uint8Array;
  readonly ends: Float64Array;
}

/**
 * Starts the worker: `node-list-worker` beside this code with this code's extension — the bundle's
 * (`dist/node-list-worker.js` beside `dist/cli.js`) or, from the TypeScript sources (tests,
 * development), the source loaded through tsx.
 */
function startWorker(job: NodeListJob): Worker {
  const here = import.meta.url;
  const extension = here.slice(here.lastIndexOf('.'));
  const worker = new URL(`./node-list-worker${extension}`, here);
  if (extension !== '.ts') return new Worker(worker, { workerData: job });
  const source = JSON.stringify(worker.href);
  return new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${source}); });`, { eval: true, workerData: job });
}

/** A body on its way to a worker thread, and the worker's verdict. */
export class OffThreadNodeList {
  /** The items' texts, or the error that answers the request. */
  readonly result: Promise<NodeListTexts>;
  private readonly worker: Worker;
  private settled = false;

  constructor(job: NodeListJob) {
    this.worker = startWorker(job);
    this.result = new Promise<NodeListTexts>((resolve, reject) => {
      this.worker.once('message', (result: NodeListResult) => {
        this.settled = true;
        if (result.ok) resolve(result);
        else reject(deserializeError(result.error));
      });
      this.worker.once('error', (error: Error & { code?: string }) => {
        this.settled = true;
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new HttpError(413, 'too-large', 'the list is too large to decode within the memory of a worker thread'));
        else reject(error);
      });
      this.worker.once('exit', (code) => {
        if (!this.settled) reject(new Error(`the node-list worker stopped (exit code ${code}) before answering`));
      });
    });
    // Nobody may be waiting (the request was refused or abandoned): not an unhandled rejection.
    this.result.catch(() => undefined);
  }

  /** Sends a chunk (copied into its own buffer, which then moves without a second copy). */
  push(chunk: Uint8Array): void {
    const own = new Uint8Array(chunk);
    this.worker.postMessage({ chunk: own } satisfies NodeListMessage, [own.buffer]);
  }

  /** The body is complete: the worker decodes it. */
  end(): void {
    this.worker.postMessage({} satisfies NodeListMessage);
  }

  /** Stops the worker (the request was refused, failed or abandoned). */
  abort(): void {
    this.settled = true;
    void this.worker.terminate();
  }

  /** Called once the request is answered: a worker still running has nobody left to answer. */
  release(): void {
    if (!this.settled) this.abort();
  }
}

/** What the parser needs to know. */
export interface NodeListBodyOptions {
  readonly maxBodyBytes: number;
  readonly offThreadBytes: number;
  readonly job: NodeListJob;
}

const tooLarge = (): HttpError => new HttpError(413, 'too-large', 'Request body is too large');

/**
 * Fastify's content-type parser for the node list: `done` gets a Buffer (small bodies) or an
 * {@link OffThreadNodeList} (large ones, and bodies of unknown length once past the threshold).
 */
export function parseNodeListBody(options: NodeListBodyOptions) {
  return (request: FastifyRequest, payload: Readable, done: (error: Error | null, body?: unknown) => void): void => {
    const declared = Number(request.headers['content-length']);
    if (declared > options.maxBodyBytes) return done(tooLarge());
    let received = 0;
    const small: Uint8Array[] = [];
    let upload: OffThreadNodeList | undefined;
    let finished = false;
    const finish = (error: Error | null, body?: unknown): void => {
      if (finished) return;
      finished = true;
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      payload.removeListener('close', onClose);
      if (error) upload?.abort();
      done(error, body);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > options.maxBodyBytes) return finish(tooLarge());
      if (!upload && (Number.isNaN(declared) ? received >= options.offThreadBytes : declared >= options.offThreadBytes)) {
        upload = new OffThreadNodeList(options.job);
        for (const earlier of small) upload.push(earlier);
        small.length = 0;
      }
      if (upload) upload.push(chunk);
      else small.push(chunk);
    };
    const onEnd = (): void => {
      if (!Number.isNaN(declared) && received !== declared) return finish(new HttpError(400, 'bad-request', 'Request body size did not match Content-Length'));
      if (!upload) return finish(null, Buffer.concat(small, received));
      upload.end();
      finish(null, upload);
    };
    const onError = (error: Error): void => finish(new HttpError(400, 'bad-request', `the request body could not be read: ${error.message}`));
    // The client went away before the end: nothing to answer, but the worker must not run on.
    const onClose = (): void => finish(new HttpError(400, 'bad-request', 'the request body ended early'));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.on('close', onClose);
    payload.resume();
  };
}
