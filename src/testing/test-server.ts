/**
 * Test helpers for the server suites: a real server on 127.0.0.1 and an ephemeral port, requests
 * over real HTTP, every unexpected exception collected (a test ends by asserting there were none),
 * and the real fixtures in the shapes requests carry them.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { nodesFromSources, workloadsFromSources } from '../api/inputs.js';
import { readSources } from '../api/read-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { createPlacementServer, type PlacementServer, type ServerOptions } from '../server/server.js';
import { AnswerChecker } from '../server/contract/check-answer.js';
import { routeContracts } from '../server/contract/contracts.js';

/** An answer: status, headers, the text and (when it parses) the JSON. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON, typed loosely: tests read into it freely. */
  readonly json: any;
}

/** A listening test server. */
export interface TestServer {
  readonly server: PlacementServer;
  readonly url: string;
  readonly port: number;
  /** Unexpected exceptions the server answered with a 500. */
  readonly bugs: unknown[];
  /** Sends a request: an object body is sent as JSON, a string body as is (`content-type` defaults to JSON when there is a body). */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * Throws when an answer breaks its route's contract (routes a test added itself are let be), so
 * every answer of every server test is checked against the published schemas.
 */
function checkContract(checker: AnswerChecker, method: string, path: string, answer: Answer): void {
  if (method === 'HEAD' || !checker.contractOf(method, path)) return;
  const json = (answer.headers.get('content-type') ?? '').startsWith('application/json');
  const problems = checker.check(method, path, answer.status, json ? answer.json : answer.text);
  if (problems.length > 0) throw new Error(`answer of ${method} ${path} (${answer.status}) breaks its contract:\n${problems.join('\n')}\n${answer.text.slice(0, 2000)}`);
}

/** Starts a server; `setup` may add routes before it listens. */
export async function startTestServer(options: ServerOptions = {}, setup?: (server: PlacementServer) => void): Promise<TestServer> {
  const bugs: unknown[] = [];
  const server = await createPlacementServer({ ...options, onInternalError: (error) => bugs.push(error) });
  const checker = new AnswerChecker(routeContracts(server.budgets));
  setup?.(server);
  const { url, port } = await server.listen(0, '127.0.0.1');
  return {
    server,
    url,
    port,
    bugs,
    async request(method, path, body, headers = {}) {
      const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const response = await fetch(`${url}${path}`, {
        method,
        ...(text !== undefined ? { body: text } : {}),
        headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      });
      const answer = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(answer);
      } catch {
        json = undefined;
      }
      const result = { status: response.status, headers: response.headers, text: answer, json };
      checkContract(checker, method, path, result);
      return result;
    },
    close: () => server.close(),
  };
}

/** Sends raw bytes over a new connection and collects everything until the server closes it (or `timeoutMs`). */
export function rawExchange(port: number, chunks: readonly string[], options: { pauseMs?: number; timeoutMs?: number } = {}): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, options.timeoutMs ?? 5000);
    socket.on('data', (data) => (text += data.toString('utf8')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', () => undefined);
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
    });
  });
}

/** A raw answer: status, headers (lower-case names), body text, and milliseconds from sending the request to the end of the answer. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
  readonly ms: number;
}

/** Reads from a socket until `done(text)` says the text is complete; resolves to it. */
function readUntil(socket: ReturnType<typeof connect>, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: string): void => {
      text += chunk;
      if (!done(text)) return;
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      resolve(text);
    };
    const onClose = (): void => {
      socket.removeListener('data', onData);
      resolve(text);
    };
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}

/**
 * Sends requests all at once, as from many clients: every connection is opened and primed with a
 * `GET /healthz` first (so the server has accepted it and reads from it), then every request is
 * written in the same turn of the event loop, each `Connection: close`. Resolves to the answers in order.
 */
export async function burst(port: number, requests: readonly { method: string; path: string; body?: unknown }[]): Promise<RawAnswer[]> {
  const sockets = await Promise.all(
    requests.map(
      () =>
        new Promise<ReturnType<typeof connect>>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.setEncoding('utf8');
          socket.on('error', reject);
        }),
    ),
  );
  const primed = sockets.map((socket) => readUntil(socket, (text) => text.endsWith('{"status":"ok"}')));
  for (const socket of sockets) socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await Promise.all(primed);
  const sent = performance.now();
  const answers = sockets.map((socket) => readUntil(socket, () => false).then((text) => ({ text, ms: performance.now() - sent })));
  requests.forEach((r, i) => {
    const body = r.body === undefined ? '' : JSON.stringify(r.body);
    const head = `${r.method} ${r.path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n`;
    sockets[i]!.write(head + body);
  });
  return (await Promise.all(answers)).map(({ text, ms }) => {
    const split = text.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
    const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4), ms };
  });
}

/**
 * {@link burst} from a separate client process, as real clients are: a client in the server's own
 * process shares its event loop, so its requests reach the server one turn at a time.
 */
export async function burstFromAnotherProcess(port: number, requests: readonly { method: string; path: string; body?: unknown }[]): Promise<RawAnswer[]> {
  const client = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./burst-client.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  client.stdout.setEncoding('utf8');
  client.stdout.on('data', (chunk: string) => (output += chunk));
  client.stdin.end(JSON.stringify({ port, requests }));
  const code = await new Promise<number | null>((resolve) => client.on('exit', resolve));
  if (code !== 0) throw new Error(`the burst client exited with ${code}`);
  return (JSON.parse(output) as { status: number; headers: [string, string][]; body: string; ms: number }[]).map((a) => ({ ...a, headers: new Map(a.headers) }));
}

const inputOptions = { validate: true, featureGates: defaultFeatureGates };
/** A folder of the real fixtures (`nodes`, `workloads`, `daemonsets`). */
export const fixtureDir = (sub: string): string => join(realFixturesDir, sub);
/** The real fixture nodes, checked as the CLI checks them. */
export const realNodes = (): Node[] => nodesFromSources(readSources(fixtureDir('nodes'), () => ''), inputOptions);
/** The real fixture workloads, checked as the CLI checks them. */
export const realWorkloads = (): Workload[] => workloadsFromSources(readSources(fixtureDir('workloads'), () => ''), inputOptions);

/** The objects of a fixture path (file or folder) as parsed JSON, e.g. to send in a body. */
export function fixtureObjects(path: string): Record<string, unknown>[] {
  return readSources(path, () => '').map((s) => s.object);
}

/** The real nodes as `kubectl get nodes -o json` prints them. */
export function realNodeList(): { apiVersion: string; kind: string; items: Record<string, unknown>[]; metadata: Record<string, unknown> } {
  return { apiVersion: 'v1', kind: 'List', items: fixtureObjects(fixtureDir('nodes')), metadata: { resourceVersion: '' } };
}
