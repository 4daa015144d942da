/**
 * Requests for the server fuzz suite (not a test file): a valid request for every endpoint, built
 * from the shared arbitraries, then mutated — fields deleted, values of the wrong type, huge
 * strings, nesting 10^2..10^5 deep, `__proto__` / `constructor` / `prototype` keys at one level or
 * at every level — and encoded — as JSON, truncated, with invalid UTF-8 bytes, with trailing junk,
 * under the wrong content type — sent with the right method or another, to its path or a random one.
 */
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import {
  daemonSetObjectArb,
  labelKeyArb,
  labelValueArb,
  nodeNames,
  nodeObjectArb,
  nodeObjectArbNamed,
  nodeObjectListArb,
  podObjectArb,
  podSpecObjectArb,
  taintObjectArb,
} from './arbitraries.js';
import type { FuzzRequest } from './server-fuzz-http.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A request before mutation and encoding. */
export interface BaseRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: Json;
}

// ---------------------------------------------------------------------------------------------
// Valid requests, one arbitrary per endpoint
// ---------------------------------------------------------------------------------------------

/** Names that are keys of `Object.prototype` (or look like them): a plain-object lookup by them would misbehave. */
export const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;

/** Node names in paths: known ones, prototype keys, invalid names, percent-encodings (valid, invalid, of '/'), latin1 bytes, 600 characters (over the router's 512). */
const pathNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...nodeNames.slice(0, 12)) },
  { weight: 2, arbitrary: fc.constantFrom(...prototypeNames) },
  { weight: 2, arbitrary: fc.constantFrom('Bad_Name', 'a..b', '-x', '%ZZ', '%E0%A4%A', 'a%2Fb', '%00', '%C3%A9', 'n0%20', '\u00ff\u00fe', 'x'.repeat(600), '*', '..', '.') },
);
const namespaceArb = fc.constantFrom('default', 'kube-system', 'team-a', '__proto__', 'constructor');
const workloadNameArb = fc.constantFrom('w0', 'w1', 'w2', 'ds', 'p', 'constructor', '__proto__');

const workloadKinds = ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job', 'ReplicationController'] as const;

/** A workload of any kind around a generated pod spec. */
export const workloadObjectArb: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 2, arbitrary: podObjectArb },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...workloadKinds), podSpecObjectArb).map(([kind, spec]): JsonObject => ({
      apiVersion: 'apps/v1',
      kind,
      metadata: { name: 'w', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec } },
    })),
  },
  {
    weight: 1,
    arbitrary: podSpecObjectArb.map((spec): JsonObject => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj', namespace: 'default' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec } } } },
    })),
  },
);

/** A running daemon pod of the generated DaemonSet (`default/ds`, uid `ds-uid`) on a node. */
export const daemonPodArb: fc.Arbitrary<JsonObject> = fc.tuple(fc.constantFrom(...nodeNames.slice(0, 12)), fc.nat(99)).map(([node, i]) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `ds-${i}`,
    namespace: 'default',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'daemon', 'controller-revision-hash': 'abc' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'ds-uid', controller: true }],
  },
  spec: { nodeName: node, containers: [{ name: 'app', image: 'busybox' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
}));

const explainQueryArb = fc.constantFrom('', '', '', '?explain=false', '?explain=true', '?explain=maybe', '?explain=', '?explain=false&explain=true', '?explain[a]=1', '?__proto__=x', '?explain=%ZZ');

/** A node change for `POST /v1/impact`. */
const nodeChangeArb: fc.Arbitrary<JsonObject> = fc
  .record(
    {
      node: fc.constantFrom(...nodeNames.slice(0, 12), 'missing'),
      addTaints: fc.array(taintObjectArb, { maxLength: 2 }),
      removeTaints: fc.array(fc.oneof(taintObjectArb, labelKeyArb.map((key) => ({ key }))), { maxLength: 2 }),
      setLabels: fc.dictionary(labelKeyArb, labelValueArb, { maxKeys: 3 }),
      removeLabels: fc.array(labelKeyArb, { maxLength: 2 }),
      unschedulable: fc.boolean(),
    },
    { requiredKeys: ['node'] },
  )
  .map((change) => change as JsonObject);

const extenderArgsArb: fc.Arbitrary<JsonObject> = fc
  .tuple(podObjectArb, fc.boolean(), nodeObjectListArb({ maxNodes: 5 }), fc.uniqueArray(fc.constantFrom(...nodeNames.slice(0, 12), 'unknown-node'), { maxLength: 6 }))
  .map(([Pod, cached, nodes, names]): JsonObject => (cached ? { Pod, Nodes: null, NodeNames: names } : { Pod, Nodes: { items: nodes }, NodeNames: null }));

/** Every endpoint, with a valid body (or none). */
export const validRequestArb: fc.Arbitrary<BaseRequest> = fc.oneof(
  // Questions.
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('/v1/eligible', '/v1/rank'), explainQueryArb, workloadObjectArb).map(([path, q, pod]) => ({ method: 'POST', path: path + q, body: { pod } as Json })) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('/v1/eligible', '/v1/rank'), explainQueryArb, fc.array(workloadObjectArb, { maxLength: 3 })).map(([path, q, pods]) => ({ method: 'POST', path: path + q, body: { pods } as Json })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(explainQueryArb, daemonSetObjectArb(), fc.array(daemonPodArb, { maxLength: 3 }), fc.boolean(), fc.constantFrom(undefined, '2026-01-02T00:00:00Z', 'yesterday'), fc.constantFrom(undefined, 'abc', 7))
      .map(([q, daemonset, pods, batch, now, revisionHash]) => {
        const body: JsonObject = batch ? { daemonsets: [daemonset], pods } : { daemonset, pods };
        if (now !== undefined) body['now'] = now;
        if (revisionHash !== undefined) body['revisionHash'] = revisionHash;
        return { method: 'POST', path: `/v1/daemonset${q}`, body: body as Json };
      }),
  },
  // The node set.
  { weight: 1, arbitrary: nodeObjectListArb({ maxNodes: 10 }).map((items) => ({ method: 'PUT', path: '/v1/nodes', body: { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } } as Json })) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(nodeObjectArb(), fc.option(fc.constantFrom('1', '5', '10', '99999999999999999999', 'abc', ''), { nil: undefined }))
      .map(([node, rv]) => {
        const metadata = node['metadata'] as JsonObject;
        if (rv !== undefined) metadata['resourceVersion'] = rv;
        return { method: 'PUT', path: `/v1/nodes/${String(metadata['name'])}`, body: node as Json };
      }),
  },
  { weight: 1, arbitrary: fc.tuple(pathNameArb, nodeObjectArbNamed('n3')).map(([name, node]) => ({ method: 'PUT', path: `/v1/nodes/${name}`, body: node as Json })) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('GET', 'DELETE', 'HEAD'), pathNameArb).map(([method, name]) => ({ method, path: `/v1/nodes/${name}` })) },
  // Workloads and impact.
  {
    weight: 2,
    arbitrary: fc.tuple(namespaceArb, workloadNameArb, fc.oneof(workloadObjectArb, daemonSetObjectArb())).map(([namespace, name, object]) => {
      const copy = { ...object, metadata: { ...(object['metadata'] as JsonObject), namespace, name } };
      return { method: 'PUT', path: `/v1/workloads/${namespace}/${name}`, body: copy as Json };
    }),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('GET', 'DELETE'), namespaceArb, workloadNameArb).map(([method, ns, name]) => ({ method, path: `/v1/workloads/${ns}/${name}` })) },
  { weight: 1, arbitrary: fc.constant({ method: 'GET', path: '/v1/workloads' }) },
  { weight: 2, arbitrary: fc.array(nodeChangeArb, { maxLength: 3 }).map((changes) => ({ method: 'POST', path: '/v1/impact', body: { changes } as Json })) },
  // The extender.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('/scheduler/filter', '/scheduler/prioritize'), extenderArgsArb).map(([path, args]) => ({ method: 'POST', path, body: args as Json })) },
  // System.
  { weight: 1, arbitrary: fc.constantFrom('/healthz', '/readyz', '/metrics').map((path) => ({ method: 'GET', path })) },
);

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/**
 * A value to put somewhere: JSON, or (spliced in as text when the body is serialized) a string of
 * `huge` characters, an array of `array` numbers, or `deep` levels of nesting — too deep for
 * JSON.stringify, which recurses, and too big to copy around per case (and to print in a report).
 */
type Replacement =
  | { readonly value: Json }
  | { readonly huge: number; readonly unit: string }
  | { readonly array: number }
  | { readonly deep: number; readonly kind: 'array' | 'object' };

const rawTexts = new Map<string, string>();

/** The text of a huge or deep value (made once per shape: making them dominated the run). */
function rawText(r: Exclude<Replacement, { value: Json }>): string {
  const key = JSON.stringify(r);
  let text = rawTexts.get(key);
  if (text === undefined) rawTexts.set(key, (text = makeRawText(r)));
  return text;
}

function makeRawText(r: Exclude<Replacement, { value: Json }>): string {
  if ('huge' in r) return `"${JSON.stringify(r.unit).slice(1, -1).repeat(Math.ceil(r.huge / r.unit.length))}"`;
  if ('array' in r) return `[${Array.from({ length: r.array }, (_, i) => i).join(',')}]`;
  return r.kind === 'array' ? `${'['.repeat(r.deep)}${']'.repeat(r.deep)}` : `${'{"a":'.repeat(r.deep)}1${'}'.repeat(r.deep)}`;
}

/** Objects whose keys would pollute a prototype if merged carelessly. */
export const pollutingValues: readonly Json[] = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as Json,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as Json,
  JSON.parse('{"prototype": {"polluted": "yes"}}') as Json,
  JSON.parse('{"__proto__": {"toString": "polluted", "hasOwnProperty": 1, "length": 7}}') as Json,
  JSON.parse('[{"__proto__": {"polluted": "yes"}}]') as Json,
];

const replacementArb: fc.Arbitrary<Replacement> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -1e-308, 2 ** 53 + 1, '', 'x', 'null', '[]', '{}', [], {}, [null], [1, 'a', {}], { '': '' }).map((value) => ({ value })) },
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value: value as Json })) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map((value) => ({ value })) },
  { weight: 2, arbitrary: fc.constantFrom(...pollutingValues).map((value) => ({ value })) },
  // Up to a million characters of 1-, 2-, 4-byte and escaped units; 5 million is over the lax server's 4 MiB limit.
  {
    weight: 1,
    arbitrary: fc.oneof(
      { weight: 12, arbitrary: fc.tuple(fc.constantFrom(1_000, 10_000, 100_000, 1_000_000), fc.constantFrom('x', 'é', '\u{1F600}', '"\\')).map(([huge, unit]) => ({ huge, unit })) },
      { weight: 1, arbitrary: fc.constant({ huge: 5_000_000, unit: 'x' }) },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 100_000).map((array) => ({ array })) },
  // Nesting past the 128-level limit, up to 10^5 levels.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(100, 129, 1_000, 100_000), fc.constantFrom('array' as const, 'object' as const)).map(([deep, kind]) => ({ deep, kind })) },
);

/** One mutation; `at` picks the position (modulo the number of positions of the body). */
export type Mutation =
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'replace'; readonly at: number; readonly with: Replacement }
  | { readonly op: 'add-key'; readonly at: number; readonly key: string; readonly with: Replacement }
  | { readonly op: 'wrap'; readonly at: number }
  | { readonly op: 'proto-everywhere'; readonly key: string; readonly with: Replacement };

const keyArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...prototypeNames) }, { weight: 1, arbitrary: fc.constantFrom('', 'x', 'kind', 'metadata', 'spec', 'items', 'pod', 'Pod', 'NodeNames', 'changes') });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((at): Mutation => ({ op: 'delete', at })) },
  { weight: 5, arbitrary: fc.tuple(fc.nat(), replacementArb).map(([at, w]): Mutation => ({ op: 'replace', at, with: w })) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), keyArb, replacementArb).map(([at, key, w]): Mutation => ({ op: 'add-key', at, key, with: w })) },
  { weight: 1, arbitrary: fc.nat().map((at): Mutation => ({ op: 'wrap', at })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom(...pollutingValues)).map(([key, value]): Mutation => ({ op: 'proto-everywhere', key, with: { value } })) },
);

/** A property assignment as JSON.parse makes one: `__proto__` becomes an own key, never the prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

type Slot = { readonly parent: Record<string, unknown> | unknown[]; readonly key: string | number };

/** Every value's slot (parent and key), depth first; the root has none. */
function slotsOf(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slotsOf(v, out)));
  else if (typeof value === 'object' && value !== null) for (const k of Object.keys(value)) out.push({ parent: value as Record<string, unknown>, key: k }), slotsOf((value as Record<string, unknown>)[k], out);
  return out;
}

function objectsOf(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => objectsOf(v, out));
  else if (typeof value === 'object' && value !== null) {
    out.push(value as Record<string, unknown>);
    for (const k of Object.keys(value)) objectsOf((value as Record<string, unknown>)[k], out);
  }
  return out;
}

/** A body with mutations applied, as JSON text (raw splices in place). */
export function mutatedText(body: Json | undefined, mutations: readonly Mutation[]): string | undefined {
  if (body === undefined && mutations.length === 0) return undefined;
  // A deep copy as JSON.parse makes it (own `__proto__` keys survive).
  let root: unknown = body === undefined ? {} : JSON.parse(JSON.stringify(body));
  const raws: string[] = [];
  const materialize = (r: Replacement): unknown => {
    if ('value' in r) return JSON.parse(JSON.stringify(r.value));
    raws.push(rawText(r));
    return `\u0000raw${raws.length - 1}\u0000`;
  };
  for (const m of mutations) {
    if (m.op === 'proto-everywhere') {
      for (const object of objectsOf(root)) setOwn(object, m.key, materialize(m.with));
      continue;
    }
    const slots = slotsOf(root);
    if (m.op === 'add-key') {
      const objects = objectsOf(root);
      const target = objects[m.at % Math.max(1, objects.length)];
      if (target) setOwn(target, m.key, materialize(m.with));
      else root = materialize(m.with);
      continue;
    }
    const slot = slots[m.at % (slots.length + 1)];
    const current = slot ? (slot.parent as Record<string | number, unknown>)[slot.key] : root;
    const next = m.op === 'delete' ? undefined : m.op === 'wrap' ? [current] : materialize(m.with);
    if (!slot) {
      root = next === undefined ? null : next;
    } else if (next === undefined) {
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
    } else if (Array.isArray(slot.parent)) {
      slot.parent[slot.key as number] = next;
    } else {
      setOwn(slot.parent, slot.key as string, next);
    }
  }
  let text = JSON.stringify(root);
  raws.forEach((raw, i) => (text = text.replace(`"\\u0000raw${i}\\u0000"`, () => raw)));
  return text;
}

// ---------------------------------------------------------------------------------------------
// Encoding, headers, methods and paths
// ---------------------------------------------------------------------------------------------

/** How the text becomes bytes on the wire. */
export type Encoding =
  | { readonly how: 'json' }
  | { readonly how: 'truncate'; readonly at: number }
  | { readonly how: 'bytes'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly how: 'bom' }
  | { readonly how: 'trailing'; readonly junk: string }
  | { readonly how: 'replace'; readonly text: string };

/** Invalid UTF-8: a lone continuation byte, an overlong '/', a surrogate half, 0xFF, a 5-byte form, a cut sequence, NUL. */
const badBytes: readonly (readonly number[])[] = [[0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc3], [0xe2, 0x82], [0x00], [0xfe, 0xff]];

export const encodingArb: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 24, arbitrary: fc.constant<Encoding>({ how: 'json' }) },
  { weight: 3, arbitrary: fc.nat().map((at): Encoding => ({ how: 'truncate', at })) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...badBytes)).map(([at, bytes]): Encoding => ({ how: 'bytes', at, bytes })) },
  { weight: 1, arbitrary: fc.constant<Encoding>({ how: 'bom' }) },
  { weight: 1, arbitrary: fc.constantFrom('{}', ',', ' x', ']', '\u0000', '\n{"pod":{}}').map((junk): Encoding => ({ how: 'trailing', junk })) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', ' ', 'null', '[]', '"x"', '1', 'true', '{', '}', 'NaN', '{"a":1,}', "{'a':1}", '{"a":01}')).map((text): Encoding => ({ how: 'replace', text })) },
);

/** The body bytes for a text and an encoding. */
export function encode(text: string | undefined, encoding: Encoding): Buffer | undefined {
  if (encoding.how === 'replace') return Buffer.from(encoding.text, 'utf8');
  if (text === undefined) return undefined;
  const bytes = Buffer.from(text, 'utf8');
  switch (encoding.how) {
    case 'json':
      return bytes;
    case 'truncate':
      return bytes.subarray(0, encoding.at % (bytes.length + 1));
    case 'bytes': {
      const at = encoding.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(encoding.bytes), bytes.subarray(at)]);
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 'trailing':
      return Buffer.concat([bytes, Buffer.from(encoding.junk, 'utf8')]);
  }
}

/** Content types: mostly JSON (with parameters and odd case), sometimes anything else or none. */
export const contentTypeArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON', 'application/json; charset=latin1', 'application/json;;', 'application/json; boundary="x') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      'application/merge-patch+json',
      'application/yaml',
      'application/json, text/plain',
      '*/*',
      'json',
      '/',
      'application/',
      '\u00ff/\u00fe',
    ),
  },
);

const methods = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'FOO', 'M-SEARCH', 'PURGE', 'LINK', 'SEARCH', 'QUERY'] as const;

/** The request's own method, mostly; sometimes another (405s, unknown methods). */
export const methodArb: fc.Arbitrary<string | undefined> = fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...methods) });

const segments = ['v1', 'nodes', 'eligible', 'rank', 'daemonset', 'workloads', 'impact', 'scheduler', 'filter', 'prioritize', 'healthz', 'readyz', 'metrics', 'n0', '', '.', '..', '%2e%2e', '%ZZ', '%00', '%2F', 'V1', 'NODES', ...prototypeNames, '\u00ff', 'x'.repeat(600)] as const;

/** The request's own path, mostly; sometimes a random one, or its own with a suffix. */
export const pathArb: fc.Arbitrary<{ readonly replace?: string; readonly suffix?: string }> = fc.oneof(
  { weight: 16, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...segments), { minLength: 1, maxLength: 5 }).map((parts) => ({ replace: `/${parts.join('/')}` })) },
  { weight: 1, arbitrary: fc.constantFrom('/', '//', '/x', '?', '?a=1&a=2', '#frag', '%', '/%', ';x', '/../healthz', '?explain=false&explain=false').map((suffix) => ({ suffix })) },
);

/** Everything about one fuzzed request. */
export interface FuzzCase {
  readonly base: BaseRequest;
  readonly mutations: readonly Mutation[];
  readonly encoding: Encoding;
  readonly contentType: string | undefined;
  readonly method: string | undefined;
  readonly path: { readonly replace?: string; readonly suffix?: string };
}

export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.record({
  base: validRequestArb,
  mutations: fc.oneof({ weight: 2, arbitrary: fc.constant([] as Mutation[]) }, { weight: 3, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) }),
  encoding: encodingArb,
  contentType: contentTypeArb,
  method: methodArb,
  path: pathArb,
});

/** The request a case describes. */
export function buildRequest(c: FuzzCase): FuzzRequest {
  const body = encode(mutatedText(c.base.body, c.mutations), c.encoding);
  const path = c.path.replace ?? c.base.path + (c.path.suffix ?? '');
  const method = c.method ?? c.base.method;
  const headers: Record<string, string> = {};
  if (body !== undefined && c.contentType !== undefined) headers['content-type'] = c.contentType;
  return { method, path, headers, ...(body !== undefined ? { body } : {}) };
}

/** A short description of a request for failure messages (long bodies cut). */
export function describeRequest(r: FuzzRequest): string {
  const body = r.body === undefined ? '(no body)' : r.body.length > 600 ? `${JSON.stringify(r.body.subarray(0, 600).toString('latin1'))}… (${r.body.length} bytes)` : JSON.stringify(r.body.toString('latin1'));
  return `${r.method} ${r.path.length > 200 ? `${r.path.slice(0, 200)}…` : r.path} ${JSON.stringify(r.headers)} ${body}`;
}
