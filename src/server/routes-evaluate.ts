/**
 * The questions: `POST /v1/eligible`, `/v1/rank`, `/v1/why` and `/v1/daemonset`, answered with the
 * CLI's JSON objects (src/api/contracts.ts). `{"pods": [...]}` (`{"daemonsets": [...]}`) is the batch
 * form: `{"results": [one answer each]}`, in order. `?explain=` chooses how much why-not eligible
 * carries: `nodes` (the default; also `true`), `groups` (one entry per group of equally explained
 * nodes), `none` (`{eligible, message}`), or `false` (`{"eligibleCount", "totalNodes"}`: the decision
 * alone, from the index); daemonset leaves out the per-node `nodes` list unless explaining; rank and
 * why have nothing to skip and ignore it. Batches are bounded (`maxBatchItems`), the per-node answers
 * by the explanation budget, and every item checks the request's deadline before it starts.
 */
import { eligibleJson, planJson, rankJson, whyJson } from '../api/contracts.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import { PlacementError } from '../errors.js';
import { own } from '../model/decode.js';
import type { Deadline } from './deadline.js';
import { estimateDaemonSets, estimateEligible, estimateRank, explanationBudget } from './explanation-budget.js';
import { HttpError } from './http-error.js';
import { bodyObject, daemonSetInputs, wrongType, workloadsFromBody, type BatchBudget } from './request-objects.js';
import { parseRfc3339 } from './rfc3339.js';
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

/** `now`: an RFC 3339 time Go accepts (years 0000–9999, days that exist), as the CLI's `--now`. */
export function parseNow(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (ms === undefined) {
    const shown = typeof value === 'string' && value.length > 64 ? `${value.slice(0, 64)}...` : value;
    throw new PlacementError('invalid', 'invalid request', [{ path: 'now', type: 'Invalid value', badValue: shown, detail: 'must be an RFC 3339 time from year 0000 to 9999, e.g. 2026-01-02T15:04:05Z' }]);
  }
  return ms;
}

/** `revisionHash`: a string, when given. */
export function revisionHashOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new PlacementError('invalid', 'invalid request', [wrongType('revisionHash', value, 'a string')]);
  return value;
}

/**
 * One DaemonSet sync. Every time that reaches the controller is valid, but a huge tolerationSeconds
 * added to one can leave the range of times a Date (or Go's RFC 3339) represents: a 422 naming
 * what to look at, never a 500.
 */
function planWithinTimeRange(plan: () => DaemonSetPlan): DaemonSetPlan {
  try {
    return plan();
  } catch (error) {
    if (!(error instanceof RangeError && error.message === 'Invalid time value')) throw error;
    const message = "a time computed from the request (a pod's tolerationSeconds after a taint's timeAdded) lies outside years 0000 to 9999; check the pods' tolerationSeconds";
    throw new HttpError(422, 'time-out-of-range', message);
  }
}

/** Registers the evaluation routes. */
export function registerEvaluateRoutes(routes: RouteTable, { state, now, budgets }: ServerContext): void {
  const batchBudget = (deadline: Deadline): BatchBudget => ({ maxItems: budgets.maxBatchItems, deadline });

  routes.add('POST', '/v1/eligible', (request, _reply, deadline) => {
    const explain = explainParam(request.query);
    const { workloads, batch } = workloadsFromBody(bodyObject(request.body), state.inputOptions, batchBudget(deadline));
    const engine = state.engine;
    // Per-node explanations are estimated first; groups and summaries are small by construction.
    if (explain === 'nodes') explanationBudget(estimateEligible(engine, workloads, deadline), budgets.maxExplanationBytes);
    const results = deadline.map(workloads, (w) =>
      explain === 'false' ? { eligibleCount: engine.eligibleCount(w), totalNodes: engine.nodeCount } : eligibleJson(engine.eligible(w, { explain })),
    );
    return batch ? { results } : results[0];
  });

  routes.add('POST', '/v1/rank', (request, _reply, deadline) => {
    explainParam(request.query);
    const { workloads, batch } = workloadsFromBody(bodyObject(request.body), state.inputOptions, batchBudget(deadline));
    const engine = state.engine;
    explanationBudget(estimateRank(engine, workloads, deadline), budgets.maxExplanationBytes);
    const results = deadline.map(workloads, (w) => rankJson(engine.rank(w)));
    return batch ? { results } : results[0];
  });

  routes.add('POST', '/v1/why', (request, _reply, deadline) => {
    explainParam(request.query);
    const { workloads, batch } = workloadsFromBody(bodyObject(request.body), state.inputOptions, batchBudget(deadline));
    const engine = state.engine;
    const results = deadline.map(workloads, (w) => whyJson(engine.why(w)));
    return batch ? { results } : results[0];
  });

  routes.add('POST', '/v1/daemonset', (request, _reply, deadline) => {
    const explain = explainParam(request.query);
    const withNodes = explain !== 'false' && explain !== 'none';
    const body = bodyObject(request.body);
    const revisionHash = revisionHashOf(own(body, 'revisionHash'));
    const at = parseNow(own(body, 'now')) ?? now();
    const { daemonsets, batch, pods, revisions } = daemonSetInputs(body, state.inputOptions, batchBudget(deadline));
    const engine = state.engine;
    if (withNodes) explanationBudget(estimateDaemonSets(engine, daemonsets.length), budgets.maxExplanationBytes);
    const options = { revisions, now: at, ...(revisionHash !== undefined ? { revisionHash } : {}) };
    const plans = deadline.map(daemonsets, (ds) => planJson(planWithinTimeRange(() => engine.daemonset(ds, pods, options)), withNodes));
    return batch ? { results: plans } : plans[0];
  });
}
