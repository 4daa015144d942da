/**
 * The HTTP server (`placement serve`): one live node set, JSON in and out, on Fastify.
 *
 * Why Fastify: measured on this machine (2 cores, Node 20) with POST /v1/eligible?explain=false over
 * a 10,000-node snapshot, a ~300-byte Deployment body, 8 keep-alive clients for 10 s, three
 * alternating rounds each: Fastify 5 answered 6,789 / 6,123 / 6,959 req/s (p50 ≈ 1.0 ms, p99
 * 5.8–7.1 ms); plain node:http with a minimal router 6,626 / 7,214 / 7,211 req/s (p50 ≈ 1.0 ms, p99
 * 5.1–7.0 ms). Decoding, validating and deciding take ≈ 20 µs of each request; the rest is HTTP. The
 * ~5% Fastify costs buys a maintained body limit, content-type parsing, router, timeouts and error
 * handling instead of hand-rolled ones. (Full explanations for 10k nodes are a 1.9 MB answer: ~12 req/s
 * either way — hence `?explain=false`.) The finished server, bundled as `placement serve`, answers the
 * same load at 9,000–9,450 req/s, p50 0.65 ms, p99 3.8–4.3 ms (the prototypes ran under tsx).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AddressInfo, Socket } from 'node:net';
import type { EngineOptions } from '../api/engine.js';
import type { Node } from '../model/types.js';
import { AdmissionQueue } from './admission.js';
import { AnswerMemory } from './answer-memory.js';
import { maxPathParameterCharacters, resolveServerBudgets, type ServerBudgets } from './budgets.js';
import { answerClientError, answerConnect } from './client-error.js';
import { describeError, errorBody } from './http-error.js';
import { installJsonParser } from './json-body.js';
import { Metrics } from './metrics.js';
import { routeContracts } from './contract/contracts.js';
import { requestValidatorCompiler } from './contract/validate-request.js';
import { RouteTable } from './route-table.js';
import { registerOpenApiRoute } from './routes-openapi.js';
import { registerEvaluateRoutes } from './routes-evaluate.js';
import { registerExtenderRoutes } from './routes-extender.js';
import { registerNodeRoutes } from './routes-nodes.js';
import { registerObjectRoutes } from './routes-objects.js';
import { registerPodRoutes } from './routes-pods.js';
import { registerRolloutRoutes } from './routes-rollout.js';
import { registerReportRoutes } from './routes-report.js';
import { registerSystemRoutes } from './routes-system.js';
import { registerWorkloadRoutes } from './routes-workloads.js';
import { ServerState, type ServerContext } from './state.js';

/** Server options; every field is optional (the request budgets are described in budgets.ts). */
export interface ServerOptions extends EngineOptions, Partial<ServerBudgets> {
  /** The initial node set; without it the server is not ready until `PUT /v1/nodes`. */
  readonly nodes?: readonly Node[];
  /**
   * The objects `pods` were decoded from, in the same order: what `GET /v1/pods/{namespace}/{name}`
   * answers. Without them it answers a pod's kind, name and namespace alone.
   */
  readonly podObjects?: readonly Readonly<Record<string, unknown>>[];
  /** A request must arrive whole within this (default 30 s); a slow client gets a 408 and is disconnected. */
  readonly requestTimeoutMs?: number;
  /** Headers must arrive within this (default 10 s, at most `requestTimeoutMs`). */
  readonly headersTimeoutMs?: number;
  /** A socket with no activity for this long is closed (default 120 s). */
  readonly connectionTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this (default 72 s, longer than most clients' idle pools). */
  readonly keepAliveTimeoutMs?: number;
  /** How often Node checks the request and headers timeouts (its default is 30 s; tests lower it). */
  readonly timeoutCheckIntervalMs?: number;
  /** The clock for DaemonSet plans without `now` (default `Date.now`). */
  readonly now?: () => number;
  /**
   * Serialize JSON answers through their contract's schemas with fast-json-stringify instead of
   * JSON.stringify (default false: measured no faster under load, and 1.5× slower for lists of
   * nodes; see README.md, "The contract").
   */
  readonly serializeAnswers?: boolean;
  /** Called with every unexpected exception (answered 500: a bug); default: print it to stderr. */
  readonly onInternalError?: (error: unknown, method: string, url: string) => void;
}

/** A server, not yet listening. */
export interface PlacementServer {
  readonly app: FastifyInstance;
  readonly state: ServerState;
  readonly metrics: Metrics;
  /** The request budgets in force. */
  readonly budgets: ServerBudgets;
  /** Starts listening (port 0: any free port); resolves to the address. */
  listen(port: number, host: string): Promise<{ host: string; port: number; url: string }>;
  /** Stops listening and closes idle connections. */
  close(): Promise<void>;
}

function printBug(error: unknown, method: string, url: string): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`placement serve: internal error (a bug in placement) on ${method} ${url}: ${text}\n`);
}

/**
 * Creates the server with every route registered. Fastify is imported here, on demand: loading it
 * takes ~180 ms, which every other CLI command would otherwise pay.
 */
export async function createPlacementServer(options: ServerOptions = {}): Promise<PlacementServer> {
  const { fastify } = await import('fastify');
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const budgets = resolveServerBudgets(options);
  const app = fastify({
    logger: false,
    bodyLimit: budgets.maxBodyBytes,
    // Label keys `__proto__` and `constructor` are data here: decoders read own properties into Maps.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    requestTimeout,
    connectionTimeout: options.connectionTimeoutMs ?? 120_000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 72_000,
    routerOptions: { maxParamLength: maxPathParameterCharacters },
    // Requests Node's parser rejects, and URLs the router cannot decode (`%ZZ`) or whose parameter is
    // over maxParamLength: the JSON error envelope, as for every other error, not Fastify's own body.
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, _request, reply) => {
      const answer = describeError(error);
      void (reply as FastifyReply).code(answer.status).headers(answer.headers).send(answer.body);
    },
    http: {
      headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout),
      ...(options.timeoutCheckIntervalMs !== undefined ? { connectionsCheckingInterval: options.timeoutCheckIntervalMs } : {}),
    },
  });
  const engineOptions: EngineOptions = {
    validate: options.validate,
    featureGates: options.featureGates,
    evaluator: options.evaluator,
    policies: options.policies,
    objects: options.objects,
  };
  const pods = options.pods?.map((pod, i) => ({ pod, raw: options.podObjects?.[i] ?? { apiVersion: 'v1', kind: 'Pod', metadata: { name: pod.name, namespace: pod.namespace } } }));
  const state = new ServerState(engineOptions, options.nodes, pods);
  const queue = new AdmissionQueue(budgets);
  const metrics = new Metrics(queue);
  const answers = new AnswerMemory(budgets.maxAnswerBytesInFlight, budgets.retryAfterSeconds);
  const context: ServerContext = { state, budgets, answers, now: options.now ?? Date.now };
  const contracts = routeContracts(budgets);
  app.setValidatorCompiler(requestValidatorCompiler());
  const routes = new RouteTable(app, queue, contracts, options.serializeAnswers ?? false);
  const onInternalError = options.onInternalError ?? printBug;
  installJsonParser(app, budgets.maxDepth);

  app.addHook('onResponse', (request, reply, done) => {
    metrics.observe(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.setErrorHandler((error, request, reply) => {
    const answer = describeError(error);
    if (answer.bug) {
      metrics.internalErrors += 1;
      onInternalError(error, request.method, request.url);
    }
    void reply.code(answer.status).headers(answer.headers).send(answer.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const allowed = routes.allowed(request.url);
    if (allowed) {
      void reply.code(405).header('allow', allowed.join(', ')).send(errorBody('method-not-allowed', `${request.method} is not allowed here; allowed: ${allowed.join(', ')}`));
    } else {
      void reply.code(404).send(errorBody('not-found', `no route for ${request.method} ${request.url.split('?', 1)[0]}`));
    }
  });

  registerNodeRoutes(routes, context);
  registerPodRoutes(routes, context);
  registerObjectRoutes(routes, context);
  registerEvaluateRoutes(routes, context);
  registerRolloutRoutes(routes, context);
  registerWorkloadRoutes(routes, context);
  registerExtenderRoutes(routes, context);
  registerSystemRoutes(routes, context, metrics);
  registerReportRoutes(routes, context);
  registerOpenApiRoute(routes, budgets);
  const missing = routes.unregistered();
  if (missing.length > 0) throw new Error(`contracts without a route: ${missing.join(', ')}`);
  app.server.on('connect', (request, socket: Socket) => answerConnect(request, socket, (url) => routes.allowed(url)));

  return {
    app,
    state,
    metrics,
    budgets,
    async listen(port, host) {
      // A burst of connections waits in the kernel's accept queue until the server reads it; with
      // Node's default (511) the rest are dropped and their clients retry only after 1, 3, 7 s.
      // Queued, they get their answer (or their 503) at once. The kernel caps it (somaxconn).
      await app.listen({ port, host, backlog: 4096 });
      const address = app.server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { host: address.address, port: address.port, url: `http://${shown}:${address.port}` };
    },
    close: () => app.close(),
  };
}
