/**
 * The questions: `POST /v1/eligible`, `/v1/rank` and `/v1/daemonset`, answered with the CLI's JSON
 * objects. `{"pods": [...]}` (`{"daemonsets": [...]}`) is the batch form: `{"results": [one answer
 * each]}`, in order. `?explain=false` skips the explanations, which cost more than the decisions:
 * eligible answers `{"eligibleCount", "totalNodes"}` (from the index, no per-node reasons), daemonset
 * leaves out the per-node `nodes` list; rank has nothing to skip and ignores it.
 */
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import { PlacementError } from '../errors.js';
import type { EligibilityResult, RankResult } from '../eval/result.js';
import { own } from '../model/decode.js';
import { bodyObject, daemonSetInputs, wrongType, workloadsFromBody } from './request-objects.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** `?explain=`: absent or `true` → true, `false` → false, anything else is a 400. */
export function explainParam(query: unknown): boolean {
  const value = (query as Record<string, unknown> | undefined)?.['explain'];
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new PlacementError('invalid', 'invalid query', [{ path: 'explain', type: 'Unsupported value', badValue: value, detail: 'supported values: "true", "false"' }]);
}

/** The CLI's `eligible -o json` object. */
export function eligibleJson(result: EligibilityResult): Record<string, unknown> {
  return { eligible: result.eligible, ineligible: result.ineligible, message: result.message };
}

/** The CLI's `rank -o json` object. */
export function rankJson(result: RankResult): Record<string, unknown> {
  return { nodes: result.nodes };
}

/** The CLI's `daemonset -o json` object for one DaemonSet; without `nodes` when not explaining. */
export function planJson(plan: DaemonSetPlan, explain: boolean): Record<string, unknown> {
  const rest = { create: plan.create, delete: plan.delete, status: plan.status, released: plan.released, adopted: plan.adopted, evictions: plan.evictions, warnings: plan.warnings };
  return explain ? { nodes: plan.nodes, ...rest } : rest;
}

/** `now`: an RFC 3339 time, as the CLI's `--now`. */
function parseNow(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'now', type: 'Invalid value', badValue: value, detail: 'must be an RFC 3339 time, e.g. 2026-01-02T15:04:05Z' }]);
  }
  return ms;
}

function revisionHashOf(value: unknown): string | undefined {
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
      explain ? eligibleJson(engine.eligible(w)) : { eligibleCount: engine.eligibleCount(w), totalNodes: engine.nodeCount };
    return batch ? { results: workloads.map(answer) } : answer(workloads[0]!);
  });

  routes.add('POST', '/v1/rank', (request) => {
    explainParam(request.query);
    const { workloads, batch } = workloadsFromBody(bodyObject(request.body), state.inputOptions);
    const engine = state.engine;
    return batch ? { results: workloads.map((w) => rankJson(engine.rank(w))) } : rankJson(engine.rank(workloads[0]!));
  });

  routes.add('POST', '/v1/daemonset', (request) => {
    const explain = explainParam(request.query);
    const body = bodyObject(request.body);
    const revisionHash = revisionHashOf(own(body, 'revisionHash'));
    const at = parseNow(own(body, 'now')) ?? now();
    const { daemonsets, batch, pods, revisions } = daemonSetInputs(body, state.inputOptions);
    const engine = state.engine;
    const options = { revisions, now: at, ...(revisionHash !== undefined ? { revisionHash } : {}) };
    const plans = daemonsets.map((ds) => planJson(engine.daemonset(ds, pods, options), explain));
    return batch ? { results: plans } : plans[0];
  });
}
