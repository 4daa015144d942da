/**
 * Test helpers for the server suites: a real server on 127.0.0.1 and an ephemeral port, requests
 * over real HTTP, every unexpected exception collected (a test ends by asserting there were none),
 * and the real fixtures in the shapes requests carry them.
 */
import { join } from 'node:path';
import { connect } from 'node:net';
import { nodesFromSources, workloadsFromSources } from '../api/inputs.js';
import { readSources } from '../api/read-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { createPlacementServer, type PlacementServer, type ServerOptions } from '../server/server.js';

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

/** Starts a server; `setup` may add routes before it listens. */
export async function startTestServer(options: ServerOptions = {}, setup?: (server: PlacementServer) => void): Promise<TestServer> {
  const bugs: unknown[] = [];
  const server = await createPlacementServer({ ...options, onInternalError: (error) => bugs.push(error) });
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
      return { status: response.status, headers: response.headers, text: answer, json };
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
