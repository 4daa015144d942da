/**
 * Route registration that remembers each path's methods, so a known path asked with another
 * method is a 405 with an `Allow` header (Fastify itself answers 404 for it).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The methods the API uses. */
export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** A handler returns the JSON answer (sent with status 200 unless it set another). */
export type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

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

  constructor(private readonly app: FastifyInstance) {}

  /** Adds one route. */
  add(method: Method, path: string, handler: Handler): void {
    this.app.route({ method, url: path, handler });
    let entry = this.paths.get(path);
    if (!entry) this.paths.set(path, (entry = { pattern: patternOf(path), methods: new Set() }));
    entry.methods.add(method);
    // Fastify answers HEAD for every GET route.
    if (method === 'GET') entry.methods.add('HEAD');
  }

  /** The methods allowed on a request URL's path, or `undefined` when no route has that path. */
  allowed(url: string): string[] | undefined {
    const path = url.split('?', 1)[0] ?? '';
    for (const entry of this.paths.values()) if (entry.pattern.test(path)) return [...entry.methods].sort();
    return undefined;
  }
}
