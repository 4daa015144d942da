/** `GET /healthz` (the process serves), `GET /readyz` (a node set is loaded), `GET /metrics` (Prometheus text). */
import type { Metrics } from './metrics.js';
import { metricsContentType } from './metrics.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** Registers the health and metrics routes. */
export function registerSystemRoutes(routes: RouteTable, { state, answers }: ServerContext, metrics: Metrics): void {
  // Answered at once, outside the admission queue: probes and scrapes must get through under load.
  const direct = { direct: true };
  routes.add('GET', '/healthz', () => ({ status: 'ok' }), direct);

  routes.add('GET', '/readyz', (_request, reply) => {
    if (state.ready) return { status: 'ready', nodes: state.engine.nodeCount };
    reply.code(503);
    return { status: 'not ready', reason: 'no node set loaded yet: start with --nodes or PUT /v1/nodes' };
  }, direct);

  routes.add('GET', '/metrics', (_request, reply) => {
    const cache = state.cacheStats();
    reply.type(metricsContentType);
    return metrics.render({ nodes: state.engine.nodeCount, pods: state.pods.size, workloads: state.workloads.size, ready: state.ready, cacheHits: cache.hits, cacheMisses: cache.misses, answerBytesInFlight: answers.inFlight });
  }, direct);
}
