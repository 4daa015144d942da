/**
 * The questions: `POST /v1/eligible`, `/v1/rank`, `/v1/why` and `/v1/daemonset`, answered with the
 * CLI's JSON objects (src/api/contracts.ts). `{"pods": [...]}` (`{"daemonsets": [...]}`) is the batch
 * form: `{"results": [one answer each]}`, in order. `?explain=` chooses how much why-not eligible
 * carries: `nodes` (the default; also `true`), `groups` (one entry per group of equally explained
 * nodes), `none` (`{eligible, message}`), or `false` (`{"eligibleCount", "totalNodes"}`: the decision
 * alone, from the index); daemonset leaves out the per-node `nodes` list unless explaining (or with
 * `?nodes=false`, its count-only form); rank and why have nothing to skip and ignore it. Every
 * answer, in every form, ends with `notEvaluated`. Batches are bounded (`maxBatchItems`), per-node answers by
 * the explanation budget (estimated from the eligible counts before any explanation is built), and
 * the items are decoded and answered a slice at a time, each checking the request's deadline before
 * it starts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eligibleCountJson, eligibleJson, planJson, rankJson, whyJson } from '../api/contracts.js';
import { PlacementError } from '../errors.js';
import { own } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import type { Deadline } from './deadline.js';
import { daemonSetsInSlices, podsInSlices, workloadsInSlices } from './decode-in-slices.js';
import { estimateDaemonSets, estimateEligible, estimateEligibleNames, estimateRank, explanationBudget, measuredGroups, type AnswerEstimate } from './explanation-budget.js';
import { groupedAnswerBytes } from './answer-text.js';
import { HttpError } from './http-error.js';
import { bodyObject, daemonSetSources, workloadSources, wrongType } from './request-objects.js';
import { daemonPodsFor } from './daemon-pods.js';
import { parseRfc3339 } from './rfc3339.js';
import type { RouteTable } from './route-table.js';
import { mapInSlices } from './slices.js';
import type { ServerContext } from './state.js';

const comma = Buffer.from(',');

/** How much why-not an answer carries (`?explain=`). */
export type ExplainParam = 'nodes' | 'groups' | 'none' | 'false';

/** `?explain=`: absent or `true` → nodes; `nodes`, `groups`, `none`, `false`; anything else is a 400. */
export function explainParam(query: unknown): ExplainParam {
  const value = (query as Record<string, unknown> | undefined)?.['explain'];
  if (value === undefined || value === 'true') return 'nodes';
  if (value === 'nodes' || value === 'groups' || value === 'none' || value === 'false') return value;
  throw new PlacementError('invalid', 'invalid query', [{ path: 'explain', type: 'Unsupported value', badValue: value, detail: 'supported values: "nodes", "groups", "none", "false", "true"' }]);
}

/** `?nodes=`: absent or `true` → the per-node list; `false` → the count-only plan; anything else is a 400. */
export function nodesParam(query: unknown): boolean {
  const value = (query as Record<string, unknown> | undefined)?.['nodes'];
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new PlacementError('invalid', 'invalid query', [{ path: 'nodes', type: 'Unsupported value', badValue: value, detail: 'supported values: "true", "false"' }]);
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
 * A DaemonSet sync (or forecast). Every time that reaches the controller is valid, but a huge
 * tolerationSeconds added to one can leave the range of times a Date (or Go's RFC 3339)
 * represents: a 422 naming what to look at, never a 500.
 */
export function withinTimeRange<T>(plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (!(error instanceof RangeError && error.message === 'Invalid time value')) throw error;
    const message = "a time computed from the request (a pod's tolerationSeconds after a taint's timeAdded) lies outside years 0000 to 9999; check the pods' tolerationSeconds";
    throw new HttpError(422, 'time-out-of-range', message);
  }
}

/** Registers the evaluation routes. */
export function registerEvaluateRoutes(routes: RouteTable, { state, now, budgets, answers }: ServerContext): void {
  /** The explanation budget, then the answer's bytes reserved until it is written. */
  const admitAnswer = (reply: FastifyReply, estimate: AnswerEstimate): void => {
    explanationBudget(estimate, budgets.maxExplanationBytes);
    answers.reserve(reply, estimate.bytes);
  };

  const decode = async (request: FastifyRequest, deadline: Deadline): Promise<{ workloads: Workload[]; batch: boolean }> => {
    const { sources, batch } = workloadSources(bodyObject(request.body), budgets.maxBatchItems);
    return { workloads: await workloadsInSlices(sources, state.inputOptions, deadline), batch };
  };

  // Decoding and the counts the explanation budget is estimated from run a slice at a time; the
  // answers then run in one stretch, so a batch sees one node set (bounded by the budget: the rules
  // are compiled by then, and counts alone take microseconds).
  routes.add('POST', '/v1/eligible', async (request, reply, deadline) => {
    const explain = explainParam(request.query);
    const { workloads, batch } = await decode(request, deadline);
    const warm = await mapInSlices(workloads, (w) => state.engine.eligibleCount(w), deadline);
    const engine = state.engine;
    // Per-node answers are estimated before they are built; groups are measured once built.
    if (explain === 'nodes') admitAnswer(reply, estimateEligible(engine, workloads, warm));
    if (explain === 'none') admitAnswer(reply, estimateEligibleNames(engine, warm));
    deadline.check();
    if (explain === 'groups') {
      const answers = workloads.map((w) => groupedAnswerBytes(engine.eligible(w, { explain })));
      const text = batch ? Buffer.concat([Buffer.from('{"results":['), ...answers.flatMap((a, i) => (i === 0 ? [a] : [comma, a])), Buffer.from(']}')]) : answers[0]!;
      admitAnswer(reply, measuredGroups(text.length, workloads.length));
      void reply.type('application/json; charset=utf-8');
      return text;
    }
    const results = workloads.map((w) =>
      explain === 'false' ? eligibleCountJson(engine.eligibleCount(w), engine.nodeCount, engine.notEvaluated(w)) : eligibleJson(engine.eligible(w, { explain })),
    );
    return batch ? { results } : results[0];
  });

  routes.add('POST', '/v1/rank', async (request, reply, deadline) => {
    explainParam(request.query);
    const { workloads, batch } = await decode(request, deadline);
    const warm = await mapInSlices(workloads, (w) => state.engine.eligibleCount(w), deadline);
    const engine = state.engine;
    admitAnswer(reply, estimateRank(engine, warm));
    deadline.check();
    const results = workloads.map((w) => rankJson(engine.rank(w)));
    return batch ? { results } : results[0];
  });

  routes.add('POST', '/v1/why', async (request, _reply, deadline) => {
    explainParam(request.query);
    const { workloads, batch } = await decode(request, deadline);
    // One workload per unit of work: each answer sees one node set.
    const results = await mapInSlices(workloads, (w) => whyJson(state.engine.why(w)), deadline);
    return batch ? { results } : results[0];
  });

  routes.add('POST', '/v1/daemonset', async (request, reply, deadline) => {
    const explain = explainParam(request.query);
    // The per-node list is the only per-node cost of a plan: without it the plan is counted from kept answers.
    const withNodes = explain !== 'false' && explain !== 'none' && nodesParam(request.query);
    const body = bodyObject(request.body);
    const revisionHash = revisionHashOf(own(body, 'revisionHash'));
    const at = parseNow(own(body, 'now')) ?? now();
    const sources = daemonSetSources(body, budgets.maxBatchItems);
    const daemonsets = await daemonSetsInSlices(sources.daemonsets, state.inputOptions, deadline);
    const { pods, revisions } = await podsInSlices(sources.pods, deadline);
    if (withNodes) admitAnswer(reply, estimateDaemonSets(state.engine, daemonsets.length));
    const options = { revisions, now: at, nodes: withNodes, ...(revisionHash !== undefined ? { revisionHash } : {}) };
    // One DaemonSet per unit of work: each plan sees one node set (a list may span node updates).
    const plans = await mapInSlices(daemonsets, (ds) => planJson(withinTimeRange(() => state.engine.daemonset(ds, daemonPodsFor(state.engine, ds, pods, sources.podsGiven), options)), withNodes), deadline);
    return sources.batch ? { results: plans } : plans[0];
  });
}
