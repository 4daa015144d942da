/**
 * The hostile requests that took the server down before it had budgets, one at a time against
 * the load benchmark's 10,000-node server (part of `npm run bench`): each one's status and time,
 * the slowest /healthz answer while it ran, and the node count after it. Then 1,000 concurrent
 * explained questions, and a 50,000-node `PUT /v1/nodes` (~137 MB) while /healthz is probed. Last,
 * because it replaces the node set.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { generateCluster } from '../src/sample/generate-cluster.js';
import { daemonSetObject, podObject, podWithSelectorKeys, podWithTerms, trivialPod } from '../src/testing/hostile-requests.js';
import { percentile } from './http-load.js';

/** One row: what was sent, the answer's status, how long it took, the slowest health probe meanwhile. */
export interface HostileRow {
  readonly request: string;
  readonly status: string;
  readonly ms: number;
  readonly healthSlowestMs: number;
  readonly nodesAfter: number;
}

// The prober runs in its own process: this one sends bodies of up to 137 MB, which would delay it.
const prober = `
let running = true, slowest = 0;
process.stdin.on('data', () => undefined).on('end', () => (running = false));
(async () => {
  while (running) {
    const started = performance.now();
    await (await fetch(process.argv[1] + '/healthz')).text();
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  process.stdout.write(String(slowest));
})();`;

/** Probes /healthz every 10 ms from another process until stopped; resolves to the slowest answer (ms). */
function probe(url: string): () => Promise<number> {
  const child = spawn(process.execPath, ['-e', prober, url], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return async () => {
    child.stdin.end();
    await exited;
    return Number(output);
  };
}

async function nodeCount(url: string): Promise<number> {
  return ((await (await fetch(`${url}/readyz`)).json()) as { nodes: number }).nodes;
}

/** Sends one request (a JSON body, or none) and times it; the status with the error code when there is one. */
async function timed(url: string, method: string, path: string, body?: string): Promise<{ status: string; ms: number }> {
  const started = performance.now();
  const r = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) });
  const text = await r.text();
  const code = r.status >= 400 ? ` ${(JSON.parse(text) as { error: { code: string } }).error.code}` : '';
  return { status: `${r.status}${code}`, ms: performance.now() - started };
}

/** A CONNECT over a raw socket: the status line of the answer, or "closed" when there is none. */
function connectRequest(url: string): Promise<{ status: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ status: /^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 'closed', ms: performance.now() - started }));
    socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
  });
}

/**
 * 1,000 explained questions at once, one per connection, from autocannon (a client that does not
 * parse the 2.6 MB answers, so it keeps up): how many of each status, the median and the slowest.
 */
async function burst(url: string, body: string): Promise<{ status: string; ms: number }> {
  const byStatus = new Map<string, number>();
  const latencies: number[] = [];
  const instance = autocannon({ url: `${url}/v1/eligible`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 1000, amount: 1000, timeout: 60 });
  instance.on('response', (_client, status, _bytes, ms) => {
    byStatus.set(String(status), (byStatus.get(String(status)) ?? 0) + 1);
    latencies.push(ms);
  });
  const result = await instance;
  if (result.errors + result.timeouts > 0) byStatus.set('error', result.errors + result.timeouts);
  const sorted = Float64Array.from(latencies).sort();
  const summary = [...byStatus].sort().map(([status, n]) => `${n}× ${status}`).join(', ');
  return { status: `${summary}; p50 ${Math.round(percentile(sorted, 0.5))} ms`, ms: sorted[sorted.length - 1] ?? NaN };
}

/** Runs every row; `names` are the node set's names (the extender's NodeNames). */
export async function measureHostileRows(url: string, names: readonly string[], typicalPod: unknown): Promise<HostileRow[]> {
  const rows: HostileRow[] = [];
  const row = async (request: string, send: () => Promise<{ status: string; ms: number }>): Promise<void> => {
    process.stderr.write(`  hostile: ${request}\n`);
    const stop = probe(url);
    const { status, ms } = await send();
    rows.push({ request, status, ms: Math.round(ms), healthSlowestMs: Math.round(await stop()), nodesAfter: await nodeCount(url) });
  };
  const post = (path: string, body: unknown) => () => timed(url, 'POST', path, JSON.stringify(body));
  const windows = podObject({ nodeSelector: { 'kubernetes.io/os': 'windows' } });
  await row('POST /scheduler/filter: 1,000 required terms, every NodeName', post('/scheduler/filter', { Pod: podWithTerms(1000), NodeNames: names }));
  await row('POST /v1/eligible: 1,000 required terms', post('/v1/eligible', { pod: podWithTerms(1000) }));
  await row('POST /v1/eligible: 1,000 windows pods', post('/v1/eligible', { pods: Array.from({ length: 1000 }, () => windows) }));
  await row('POST /v1/eligible: 1,000 nodeSelector keys', post('/v1/eligible', { pod: podWithSelectorKeys(1000) }));
  await row('POST /scheduler/filter: 1,000 nodeSelector keys, every NodeName', post('/scheduler/filter', { Pod: podWithSelectorKeys(1000), NodeNames: names }));
  await row('POST /v1/eligible: 1,000 trivial pods', post('/v1/eligible', { pods: Array.from({ length: 1000 }, () => trivialPod) }));
  // The largest pod the input limits allow: 100 terms of 10 expressions.
  await row('POST /scheduler/filter: 100 terms × 10 expressions, every NodeName', post('/scheduler/filter', { Pod: podWithTerms(100, 10), NodeNames: names }));
  await row('POST /v1/eligible?explain=groups: 100 terms × 10 expressions', post('/v1/eligible?explain=groups', { pod: podWithTerms(100, 10) }));
  await row('POST /v1/why: 100 terms × 10 expressions', post('/v1/why', { pod: podWithTerms(100, 10) }));
  const tainted = { kind: 'Node', apiVersion: 'v1', metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } }, spec: { taints: [{ key: 'x', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' }] } };
  await row('PUT /v1/nodes/n1 (a NoExecute taint)', () => timed(url, 'PUT', '/v1/nodes/n1', JSON.stringify(tainted)));
  const ds = daemonSetObject('ds', [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]);
  const daemonPod = {
    ...podObject({ nodeName: 'n1', tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1e300 }] }, 'ds-a'),
    metadata: { name: 'ds-a', namespace: 'default', uid: 'p1', labels: { app: 'ds' }, creationTimestamp: '2023-12-01T00:00:00Z', ownerReferences: [{ kind: 'DaemonSet', name: 'ds', uid: 'uid-ds', controller: true }] },
    status: { phase: 'Running' },
  };
  await row('POST /v1/daemonset?explain=false: tolerationSeconds 1e300', post('/v1/daemonset?explain=false', { daemonset: ds, pods: [daemonPod], now: '2024-01-01T00:00:30Z' }));
  const huge = JSON.stringify({ kind: 'Node', apiVersion: 'v1', metadata: { name: 'n1', resourceVersion: '7'.repeat(30_000_000) } });
  await row('PUT /v1/nodes/n1: a 30,000,000-digit resourceVersion, twice', async () => {
    const first = await timed(url, 'PUT', '/v1/nodes/n1', huge);
    const second = await timed(url, 'PUT', '/v1/nodes/n1', huge);
    return { status: `${first.status}, ${second.status}`, ms: first.ms + second.ms };
  });
  await row('DELETE /v1/nodes/n1', () => timed(url, 'DELETE', '/v1/nodes/n1'));
  await row('CONNECT example.com:443', () => connectRequest(url));
  await row('1,000 concurrent POST /v1/eligible, explained (the typical pod)', () => burst(url, JSON.stringify({ pod: typicalPod })));
  process.stderr.write('  hostile: generating 50,000 nodes\n');
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generateCluster({ nodes: 50_000, seed: 2 }), metadata: { resourceVersion: '' } });
  await row(`PUT /v1/nodes: 50,000 nodes (${Math.round(list.length / 1e6)} MB)`, () => timed(url, 'PUT', '/v1/nodes', list));
  return rows;
}
