/**
 * The questions: `POST /v1/eligible`, `/v1/rank`, `/v1/why` and `/v1/daemonset`, answered with the
 * CLI's JSON objects (src/api/contracts.ts). `{"pods": [...]}` (`{"daemonsets": [...]}`) is the batch
 * form: `{"results": [one answer each]}`, in order. `?explain=` chooses how much why-not eligible
 * carries: `nodes` (the default; also `true`), `groups` (one entry per group of equally explained
 * nodes), `none` (`{eligible, message}`), or `false` (`{"eligibleCount", "totalNodes"}`: the decision
 * alone, from the index); daemonset leaves out the per-node `nodes` list unless explaining; rank and
 * why have nothing to skip and ignore it.
 */
import { eligibleJson, planJson, rankJson, whyJson } from '../api/contracts.js';
import { PlacementError } from '../errors.js';
import { own } from '../model/decode.js';
import { bodyObject, daemonSetInputs, wrongType, workloadsFromBody } from './request-objects.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** How much why-not an answer carries (`?explain=`). */
export type ExplainParam = 'nodes' | 'groups' | 'none' | 'false';

/** `?explain=`: absent or `true` → nodes; `nodes`, `groups`, `none`, `false`; anything else is a 400. */
export function explainParam(query: unknown): ExplainParam {
  const value = (query as Record<string, unknown> | undefined)?.['explain'];
  if (value === undefined || value === 'true') return 'nodes';
  if (value === 'nodes' || value === 'groups' || value === 'none' || value === 'false') return value;
  throw new PlacementError('invalid', 'invalid query', [{ path: 'explain', type: 'Unsupported value', badValue: value, detail: 'supported values: "nodes", "groups", "none", "false", "true"' }]);
}

/** `now`: an RFC 3339 time, as the CLI's `--now`. */
export function parseNow(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'now', type: 'Invalid value', badValue: value, detail: 'must be an RFC 3339 time, e.g. 2026-01-02T15:04:05Z' }]);
  }
  return ms;
}

/** `revisionHash`: a string, when given. */
export function revisionHashOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new PlacementError('invalid', 'invalid request', [wrongType('revisionHash', value, 'a string')]);
  return value;
}

/** Registers the evaluation routes. */
export function registerEvaluateRoutes(routes: RouteTable, { state, now }: ServerContext): void {
  routes.add('POST', '/v1/eligible', (request) => {
    const explain = explainParam(request.query);
    const { workloads, batch } = workloadsFromBody(bodyObject(request.body), state.inputOptions);
    const engine = state.engine;
    const answer = (w: (typeof workloads)[number]) =>
      explain === 'false' ? { eligibleCount: engine.eligibleCount(w), totalNodes: engine.nodeCount } : eligibleJson(engine.eligible(w, { explain }));
    return batch ? { results: workloads.map(answer) } : answer(workloads[0]!);
  });

  routes.add('POST', '/v1/rank', (request) => {
    explainParam(request.query);
    const { workloads, batch } = workloadsFromBody(bodyObject(request.body), state.inputOptions);
    const engine = state.engine;
    return batch ? { results: workloads.map((w) => rankJson(engine.rank(w))) } : rankJson(engine.rank(workloads[0]!));
  });

  routes.add('POST', '/v1/why', (request) => {
    explainParam(request.query);
    const { workloads, batch } = workloadsFromBody(bodyObject(request.body), state.inputOptions);
    const engine = state.engine;
    return batch ? { results: workloads.map((w) => whyJson(engine.why(w))) } : whyJson(engine.why(workloads[0]!));
  });

  routes.add('POST', '/v1/daemonset', (request) => {
    const explain = explainParam(request.query);
    const body = bodyObject(request.body);
    const revisionHash = revisionHashOf(own(body, 'revisionHash'));
    const at = parseNow(own(body, 'now')) ?? now();
    const { daemonsets, batch, pods, revisions } = daemonSetInputs(body, state.inputOptions);
    const engine = state.engine;
    const options = { revisions, now: at, ...(revisionHash !== undefined ? { revisionHash } : {}) };
    const plans = daemonsets.map((ds) => planJson(engine.daemonset(ds, pods, options), explain !== 'false' && explain !== 'none'));
    return batch ? { results: plans } : plans[0];
  });
}
