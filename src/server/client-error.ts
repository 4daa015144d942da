/**
 * Answers for requests that never reach a route because Node's HTTP parser rejects them (a
 * malformed request line or header, an unknown method, bytes over 0x7F in the path, bad
 * Content-Length or chunked framing, headers over 16 KiB, a request not whole in time): the same
 * JSON error envelope as every other error, instead of Fastify's `{"error", "message", "statusCode"}`.
 *
 * The connection cannot be used after a parse error, so it is closed; but closing a socket whose
 * client is still sending (the unread rest of a body) makes the kernel reset it, and a reset can
 * reach the client before it has read the answer — which it then never sees. So the close is a
 * lingering one: send the answer, end our side, read and discard until the client closes, and
 * destroy the socket after {@link lingerMs} at the latest.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from './http-error.js';

/** How long a connection is drained after the answer before it is destroyed. */
export const lingerMs = 1000;

/** Sockets already answered: Node reports a broken request again when the client then closes. */
const answered = new WeakSet<Socket>();

/** Status, code and message for a parser error code. */
function describeClientError(code: string | undefined): { status: number; code: string; message: string } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'timeout', message: 'the request did not arrive whole in time' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'headers-too-large', message: 'the request headers are over 16 KiB' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'too-large', message: 'the chunk extensions are too large' };
    default:
      return { status: 400, code: 'bad-request', message: `malformed HTTP request${code ? ` (${code})` : ''}` };
  }
}

/** Fastify's `clientErrorHandler`: the envelope, then a lingering close. */
export function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (answered.has(socket)) {
    socket.destroy();
    return;
  }
  const { status, code, message } = describeClientError(error.code);
  // An answer to HEAD has no body (the client would read one as the start of a next answer).
  const head = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  answerAndClose(socket, status, code, message, {}, head);
}

/**
 * `CONNECT` asks for a tunnel, which Node hands to the server's `connect` listener instead of a
 * request handler (with none, it drops the connection without a word): a 405 envelope, naming the
 * methods the path allows when it is one of ours.
 */
export function answerConnect(request: IncomingMessage, socket: Socket, allowed: (url: string) => string[] | undefined): void {
  const target = request.url ?? '';
  const allow = allowed(target);
  const message = `CONNECT is not supported: placement serve is not a proxy${allow ? `; allowed: ${allow.join(', ')}` : ''}`;
  answerAndClose(socket, 405, 'method-not-allowed', message, allow ? { Allow: allow.join(', ') } : {}, false);
}

/** Writes the envelope as a whole HTTP answer on a connection Node no longer parses, then closes it lingering. */
function answerAndClose(socket: Socket, status: number, code: string, message: string, headers: Readonly<Record<string, string>>, head: boolean): void {
  if (socket.destroyed) return;
  answered.add(socket);
  const body = JSON.stringify(errorBody(code, message));
  // Not while an answer to an earlier request on this connection is being written: the bytes would interleave.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${head ? '' : body}`);
  }
  // Drain instead of parsing: the parser is done with this connection.
  socket.removeAllListeners('data');
  socket.on('data', () => undefined);
  socket.on('end', () => socket.destroy());
  socket.on('error', () => undefined);
  socket.resume();
  socket.end();
  setTimeout(() => socket.destroy(), lingerMs).unref();
}
