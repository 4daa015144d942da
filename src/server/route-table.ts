/**
 * Route registration that remembers each path's methods, so a known path asked with another
 * method is a 405 with an `Allow` header (Fastify itself answers 404 for it), that sends every
 * route that uses the engine through the admission queue (health and metrics are answered at once),
 * and that gives every route its contract's request schemas (a route without a contract is refused).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions as FastifyRouteOptions } from 'fastify';
import type { Readable } from 'node:stream';
import type { AdmissionQueue } from './admission.js';
import { contractKey } from './contract/contracts.js';
import type { Method, RouteContract } from './contract/route-contract.js';
import { Deadline } from './deadline.js';
import { describeError } from './http-error.js';

export type { Method };

/**
 * A handler returns the JSON answer (sent with status 200 unless it set another), or a promise of
 * it; it checks `deadline` between units of work.
 */
export type Handler = (request: FastifyRequest, reply: FastifyReply, deadline: Deadline) => unknown;

/** How a route is served. */
export interface RouteOptions {
  /** Answered at once, outside the admission queue: cheap routes that must answer under load (default false). */
  readonly direct?: boolean;
  /**
   * Reads `application/json` bodies with this parser instead of the server's JSON one (for this
   * route alone). A body with a `release()` method has it called once the request is answered.
   */
  readonly parseBody?: (request: FastifyRequest, payload: Readable, done: (error: Error | null, body?: unknown) => void) => void;
}

/** The JSON answers' schemas by status, as Fastify takes them (`4xx` for a class of statuses). */
function responseSchemas(contract: RouteContract): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(contract.responses)) {
    if (response && (response.contentType ?? 'application/json').startsWith('application/json')) out[status.toLowerCase()] = response.schema;
  }
  return out;
}

/** Has the client closed the connection? */
function clientGone(request: FastifyRequest): boolean {
  return request.raw.socket?.destroyed ?? false;
}

interface PathEntry {
  readonly pattern: RegExp;
  readonly methods: Set<string>;
}

/** `/v1/nodes/:name` → a RegExp matching one non-empty segment per parameter. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Registers routes on a Fastify app and answers "which methods does this path allow?". */
export class RouteTable {
  private readonly paths = new Map<string, PathEntry>();
  private readonly contracts: ReadonlyMap<string, RouteContract>;
  private readonly registered = new Set<string>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly queue: AdmissionQueue,
    contracts: readonly RouteContract[],
    /** Serialize JSON answers with their contract's schemas (fast-json-stringify) instead of JSON.stringify. */
    private readonly serializeAnswers = false,
  ) {
    this.contracts = new Map(contracts.map((c) => [contractKey(c.method, c.path), c]));
  }

  /** Adds one route, validated by its contract's request schemas. */
  add(method: Method, path: string, handler: Handler, options: RouteOptions = {}): void {
    const queue = this.queue;
    const key = contractKey(method, path);
    const contract = this.contracts.get(key);
    if (!contract) throw new Error(`route ${key} has no contract: add one under src/server/contract/`);
    this.registered.add(key);
    const route: FastifyRouteOptions = {
      method,
      url: path,
      schema: {
        ...(contract.params ? { params: contract.params } : {}),
        ...(contract.query ? { querystring: contract.query } : {}),
        ...(contract.body && !contract.bodyParsedByRoute ? { body: contract.body } : {}),
        ...(this.serializeAnswers ? { response: responseSchemas(contract) } : {}),
      },
      // A full queue refuses before the body is read (the handler would refuse it after).
      ...(options.direct
        ? {}
        : {
            onRequest: (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
              const refused = queue.refusal();
              if (!refused) return done();
              const answer = describeError(refused);
              void reply.code(answer.status).headers(answer.headers).send(answer.body);
            },
          }),
      handler: options.direct
        ? (request, reply) => handler(request, reply, Deadline.none)
        : (request, reply) => queue.run((deadline) => handler(request, reply, deadline), () => clientGone(request)),
    };
    const parseBody = options.parseBody;
    if (parseBody) {
      // An encapsulated context: its content-type parsers and hooks apply to this route only.
      void this.app.register(async (child) => {
        child.removeAllContentTypeParsers();
        child.addContentTypeParser('application/json', (request, payload, done) => parseBody(request, payload, done));
        child.addHook('onResponse', (request, _reply, done) => {
          (request.body as { release?: () => void } | undefined)?.release?.();
          done();
        });
        child.route(route);
      });
    } else {
      this.app.route(route);
    }
    let entry = this.paths.get(path);
    if (!entry) this.paths.set(path, (entry = { pattern: patternOf(path), methods: new Set() }));
    entry.methods.add(method);
    // Fastify answers HEAD for every GET route.
    if (method === 'GET') entry.methods.add('HEAD');
  }

  /** Contracts no route was registered for (a contract without its route is a mistake, too). */
  unregistered(): string[] {
    return [...this.contracts.keys()].filter((key) => !this.registered.has(key));
  }

  /** The methods allowed on a request URL's path, or `undefined` when no route has that path. */
  allowed(url: string): string[] | undefined {
    const path = url.split('?', 1)[0] ?? '';
    for (const entry of this.paths.values()) if (entry.pattern.test(path)) return [...entry.methods].sort();
    return undefined;
  }
}
