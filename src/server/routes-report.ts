/**
 * The placement map, live: `GET /` serves the page over the server's nodes and registered
 * workloads; the page polls `GET /v1/report/version` (a comparison, no evaluation) and fetches
 * `GET /v1/report` when it moves, a workload's details on click
 * (`GET /v1/report/workloads/{namespace}/{name}`) and a pool's node names for the what-if box
 * (`GET /v1/report/pool-nodes?pool=`), whose question goes to `POST /v1/impact`.
 * `?groupBy=LABEL` draws pools by one label instead of the default list.
 */
import { PlacementError } from '../errors.js';
import { validateLabelName } from '../model/validate-common.js';
import { judge } from '../report/build-report.js';
import { LiveReport } from '../report/live-report.js';
import { renderReportPage } from '../report/render-page.js';
import { workloadDetails } from '../report/workload-details.js';
import { nameParam, notFound } from './routes-nodes.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** How often the live page asks whether the map changed. */
export const livePollMs = 2000;

/** A query parameter given once as text; `undefined` when absent. */
function queryText(query: unknown, key: string): string | undefined {
  const q = query as Record<string, unknown> | undefined;
  if (!q || !Object.hasOwn(q, key)) return undefined;
  const value = q[key];
  if (typeof value !== 'string') throw new PlacementError('invalid', 'invalid query', [{ path: key, type: 'Invalid value', badValue: value, detail: 'must be given once, as text' }]);
  return value;
}

/** `?groupBy=`: a label key, as the API server checks label keys. */
function groupByParam(query: unknown): string | undefined {
  const value = queryText(query, 'groupBy');
  if (value === undefined) return undefined;
  const errors = validateLabelName(value, 'groupBy');
  if (errors.length > 0) throw new PlacementError('invalid', 'invalid query', errors);
  return value;
}

/** Registers the page and its data routes. */
export function registerReportRoutes(routes: RouteTable, ctx: ServerContext): void {
  const { state } = ctx;
  const live = new LiveReport();
  const targets = () => [...state.workloads.values()].map((w) => w.target);

  routes.add('GET', '/', (request, reply) => {
    const groupBy = groupByParam(request.query);
    const data = live.report(state.engine, targets(), ctx.now(), groupBy);
    const version = live.version(state.engine, targets());
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    return renderReportPage(data, { live: { version, pollMs: livePollMs, ...(groupBy !== undefined ? { groupBy } : {}) } });
  });

  routes.add('GET', '/v1/report', (request) => live.report(state.engine, targets(), ctx.now(), groupByParam(request.query)));

  routes.add('GET', '/v1/report/version', () => ({ version: live.version(state.engine, targets()) }));

  routes.add('GET', '/v1/report/workloads/:namespace/:name', (request) => {
    const key = `${nameParam(request.params, 'namespace')}/${nameParam(request.params, 'name')}`;
    const registered = state.workloads.get(key);
    if (!registered) throw notFound('workload', key);
    const judged = judge(state.engine, registered.target, { now: ctx.now() });
    return workloadDetails(state.engine, registered.target, judged.plan ? { plan: judged.plan, podsGiven: state.engine.podsGiven } : undefined);
  });

  routes.add('GET', '/v1/report/pool-nodes', (request) => {
    const pool = queryText(request.query, 'pool');
    if (pool === undefined) throw new PlacementError('invalid', 'invalid query', [{ path: 'pool', type: 'Required value', detail: '' }]);
    const nodes = live.poolNodes(state.engine, targets(), ctx.now(), pool, groupByParam(request.query));
    if (!nodes) throw notFound('pool', pool);
    return { pool, nodes };
  });
}
