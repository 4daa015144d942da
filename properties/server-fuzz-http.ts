/**
 * Plumbing of the server fuzz suite (not a test file): requests over loopback with node:http (any
 * method token, any path bytes node:http lets through, any content type, raw body bytes), raw
 * bytes over a socket for what node:http refuses to send, each with a deadline, and the check that
 * an answer is well-formed: a 2xx or 4xx status, JSON, and the error envelope on a 4xx.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** A request as the fuzzer builds it. */
export interface FuzzRequest {
  readonly method: string;
  /** Path and query, sent as is (node:http writes it as latin1 bytes). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** An answer: the status, the headers, the whole body. */
export interface FuzzAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A keep-alive agent for one server, so thousands of requests reuse a few connections. */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 8 });
}

/**
 * Sends one request and reads the whole answer. Rejects when the connection drops before the answer
 * is complete or when it takes longer than `timeoutMs` (a hang): both are failures of the server.
 */
export function send(port: number, agent: Agent, req: FuzzRequest, timeoutMs: number): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, answer?: FuzzAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(answer!);
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(req.body.length);
    const r = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('aborted', () => finish(new Error(`${req.method} ${req.path}: the connection dropped in the middle of the answer`)));
      res.on('error', (error) => finish(new Error(`${req.method} ${req.path}: ${error.message}`)));
    });
    const timer = setTimeout(() => {
      finish(new Error(`${req.method} ${req.path}: no answer within ${timeoutMs} ms (a hang)`));
      r.destroy();
    }, timeoutMs);
    r.on('error', (error) => finish(new Error(`${req.method} ${req.path}: the connection failed: ${error.message}`)));
    r.end(req.body);
  });
}

/**
 * Writes raw bytes on a new connection, half-closes it (the server sees the end of what the client
 * sends, so an incomplete request cannot wait for more), and collects everything until the server
 * closes. `timedOut` when the server neither answered and closed within `timeoutMs`.
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs: number): Promise<{ data: Buffer; timedOut: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), timedOut: true });
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ data: Buffer.concat(chunks), timedOut: false });
    });
    socket.on('connect', () => socket.end(bytes));
  });
}

/** The first final HTTP/1.x response in raw bytes (1xx interim answers skipped; Content-Length or chunked body), or why it cannot be read. */
export function parseRawResponse(data: Buffer): FuzzAnswer | string {
  while (/^HTTP\/1\.[01] 1\d\d /.test(data.subarray(0, 13).toString('latin1'))) {
    const interim = data.indexOf('\r\n\r\n');
    if (interim < 0) break;
    data = data.subarray(interim + 4);
  }
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return `no complete response head in ${JSON.stringify(data.toString('latin1').slice(0, 200))}`;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0] ?? '');
  if (!status) return `not an HTTP status line: ${JSON.stringify(lines[0])}`;
  const headers: IncomingHttpHeaders = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(end + 4);
  const length = headers['content-length'];
  if (typeof length === 'string') {
    const n = Number(length);
    if (rest.length < n) return `body shorter (${rest.length}) than its Content-Length (${n})`;
    return { status: Number(status[1]), headers, body: rest.subarray(0, n) };
  }
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = rest.indexOf('\r\n', at);
      if (eol < 0) return 'truncated chunked body';
      const size = parseInt(rest.subarray(at, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) return 'bad chunk size';
      if (size === 0) break;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    return { status: Number(status[1]), headers, body: Buffer.concat(parts) };
  }
  return { status: Number(status[1]), headers, body: rest };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why an answer is not well-formed, or `undefined` when it is: a 2xx or 4xx status, or a 503 with
 * `Retry-After` (the server is busy, or the request ran out of its time budget); a JSON body
 * (`Content-Type: application/json`) except for HEAD and the 200 of /metrics (Prometheus text); on
 * a 4xx or 503, exactly `{"error": {"code", "message", "errors": [{"field", "message", "at"?}]}}`;
 * an `Allow` header on a 405.
 */
export function malformation(method: string, path: string, answer: FuzzAnswer): string | undefined {
  const { status } = answer;
  const busy = status === 503 && /^\d+$/.test(String(answer.headers['retry-after'] ?? ''));
  if (!((status >= 200 && status < 300) || (status >= 400 && status < 500) || busy)) return `status ${status}`;
  if (status === 405 && typeof answer.headers['allow'] !== 'string') return '405 without an Allow header';
  if (method === 'HEAD') return answer.body.length === 0 ? undefined : 'a HEAD answer with a body';
  const type = String(answer.headers['content-type'] ?? '');
  if (status === 200 && path.split(/[?#]/, 1)[0] === '/metrics') {
    return type.startsWith('text/plain') && /^placement_internal_errors_total \d+$/m.test(answer.body.toString('utf8')) ? undefined : 'not the metrics exposition';
  }
  if (!type.startsWith('application/json')) return `content type ${JSON.stringify(type)}`;
  let json: unknown;
  try {
    json = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return `not JSON: ${JSON.stringify(answer.body.toString('utf8').slice(0, 300))}`;
  }
  if (status < 400) return undefined;
  if (!isRecord(json) || Object.keys(json).join() !== 'error') return `not the error envelope: ${JSON.stringify(json).slice(0, 300)}`;
  const error = json['error'];
  if (!isRecord(error) || Object.keys(error).sort().join() !== 'code,errors,message') return `not the error envelope: ${JSON.stringify(json).slice(0, 300)}`;
  if (typeof error['code'] !== 'string' || error['code'] === '' || typeof error['message'] !== 'string' || !Array.isArray(error['errors'])) {
    return `bad error envelope: ${JSON.stringify(json).slice(0, 300)}`;
  }
  for (const e of error['errors'] as unknown[]) {
    if (!isRecord(e) || typeof e['field'] !== 'string' || typeof e['message'] !== 'string') return `bad field error ${JSON.stringify(e).slice(0, 200)}`;
    if (Object.keys(e).some((k) => k !== 'field' && k !== 'message' && k !== 'at') || (e['at'] !== undefined && typeof e['at'] !== 'string')) return `bad field error ${JSON.stringify(e).slice(0, 200)}`;
  }
  return undefined;
}

/** `placement_internal_errors_total` from a /metrics exposition. */
export function internalErrors(exposition: string): number {
  const match = /^placement_internal_errors_total (\d+)$/m.exec(exposition);
  if (!match) throw new Error('placement_internal_errors_total is missing from /metrics');
  return Number(match[1]);
}
