/**
 * Memory held by large answers until they are written. An explained answer for 10,000 nodes is
 * ~2.6 MB, and a client that sends many questions and reads slowly would otherwise have the server
 * hold every answer at once (1,000 concurrent explained questions: gigabytes, and an out-of-memory
 * abort). Each answer whose size is estimated before it is built reserves that many bytes until it
 * has left the process — its response handed to the socket and the socket's buffer drained — or its
 * connection closed; one that would go over `maxAnswerBytesInFlight` is a 503 with Retry-After
 * (others are being sent; they will be done soon).
 */
import type { FastifyReply } from 'fastify';
import { unavailable } from './http-error.js';

/** Bytes left in a socket's buffer that count as written (below its high-water mark no 'drain' comes). */
const drainedBytes = 64 * 1024;

/** The bytes reserved by answers not yet written. */
export class AnswerMemory {
  private reserved = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly retryAfterSeconds: number,
  ) {}

  /** Bytes reserved now. */
  get inFlight(): number {
    return this.reserved;
  }

  /** Reserves `bytes` for the answer of `reply` until its response is done; a 503 when they do not fit. */
  reserve(reply: FastifyReply, estimate: number): void {
    const bytes = Math.ceil(estimate);
    // One answer alone always fits (the explanation budget bounds it), so a large one is never refused forever.
    if (this.reserved > 0 && this.reserved + bytes > this.maxBytes) {
      const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
      throw unavailable('overloaded', `the server is sending ${mib(this.reserved)} of answers; this one (~${mib(bytes)}) would go over ${mib(this.maxBytes)}; retry after ${this.retryAfterSeconds} s`, this.retryAfterSeconds);
    }
    this.reserved += bytes;
    let held = true;
    const release = (): void => {
      if (!held) return;
      held = false;
      this.reserved -= bytes;
    };
    reply.raw.once('close', () => {
      // The response is handed to the socket; what the client has not read yet waits in its buffer.
      const socket = reply.raw.socket;
      if (!socket || socket.destroyed || socket.writableLength < drainedBytes) return release();
      socket.once('drain', release);
      socket.once('close', release);
    });
  }
}
