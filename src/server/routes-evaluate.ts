/**
 * The questions: `POST /v1/eligible`, `/v1/rank`, `/v1/why` and `/v1/daemonset`, answered with the
 * CLI's JSON objects (src/api/contracts.ts). `{"pods": [...]}` (`{"daemonsets": [...]}`) is the batch
 * form: `{"results": [one answer each]}`, in order. `?explain=` chooses how much why-not eligible
 * carries: `nodes` (the default; also `true`), `groups` (one entry per group of equally explained
 * nodes), `none` (`{eligible, message}`), or `false` (`{"eligibleCount", "totalNodes"}`: the decision
 * alone, from the index); daemonset leaves out the per-node `nodes` list unless explaining (or with
 * `?nodes=false`, its count-only form); rank and why have nothing to skip and ignore it. Every
 * answer, in every form, ends with `notEvaluated`. Batches are bounded (`maxBatchItems`), per-node answers by
 * the explanation budget: a batch over it whatever its items say (every node is listed for each
 * pod, or each DaemonSet) is refused from its length before any item is decoded; otherwise the
 * size is estimated from the eligible counts before any explanation is built. The items are
 * decoded and counted a slice at a time, each checking the request's deadline before it starts,
 * and explained answers are written a slice at a time.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Engine } from '../api/engine.js';
import { eligibleCountJson, eligibleJson, planJson, rankJson, whyJson } from '../api/contracts.js';
import { PlacementError } from '../errors.js';
import { own } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import type { Deadline } from './deadline.js';
import { daemonSetsInSlices, podsInSlices, workloadsInSlices } from './decode-in-slices.js';
import { eligibleBytes, estimateDaemonSets, estimateEligibleNames, estimateRank, explanationBudget, leastEligible, measuredGroups, type AnswerEstimate } from './explanation-budget.js';
import { groupedAnswerBytes, writeExplainedAnswer } from './answer-text.js';
import { HttpError } from './http-error.js';
import { JsonInSlices } from './json-in-slices.js';
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
  /** The explanation budget, then the answer's bytes reserved until it is written; `field` names a batch. */
  const admitAnswer = (reply: FastifyReply, estimate: AnswerEstimate, field?: string): void => {
    explanationBudget(estimate, budgets.maxExplanationBytes, field);
    answers.reserve(reply, estimate.bytes);
  };

  const decode = async (request: FastifyRequest, deadline: Deadline, floor?: (items: number) => AnswerEstimate): Promise<{ workloads: Workload[]; batch: boolean }> => {
    const { sources, batch } = workloadSources(bodyObject(request.body), budgets.maxBatchItems);
    // A batch whose answer is over the budget whatever its pods say is refused before any is decoded.
    if (floor && batch) explanationBudget(floor(sources.length), budgets.maxExplanationBytes, 'pods');
    return { workloads: await workloadsInSlices(sources, state.inputOptions, deadline), batch };
  };

  /**
   * Each workload's eligible count, a slice at a time, with `each(workload, count)` summing what
   * the answer's size is estimated from. `reusable()` says whether the counts still hold once the
   * answers are built: no node or pod changed between the slices.
   */
  const countInSlices = async (workloads: readonly Workload[], deadline: Deadline, each?: (engine: Engine, w: Workload, count: number) => void) => {
    const engine = state.engine;
    const generation = engine.generation;
    const counts = await mapInSlices(
      workloads,
      (w) => {
        const count = engine.eligibleCount(w);
        each?.(engine, w, count);
        return count;
      },
      deadline,
    );
    return { counts, reusable: () => state.engine === engine && engine.generation === generation };
  };

  // Decoding and the counts the explanation budget is estimated from run a slice at a time; the
  // answers are then built in one stretch, so a batch sees one node set (bounded by the budget: the
  // rules are compiled by then, and counts alone take microseconds), and their text is written a
  // slice at a time.
  routes.add('POST', '/v1/eligible', async (request, reply, deadline) => {
    const explain = explainParam(request.query);
    const { workloads, batch } = await decode(request, deadline, explain === 'nodes' ? (items) => leastEligible(state.engine, items) : undefined);
    let estimated = 0;
    const { counts, reusable } = await countInSlices(workloads, deadline, explain === 'nodes' ? (engine, w, count) => (estimated += eligibleBytes(engine, w, count)) : undefined);
    const engine = state.engine;
    // Per-node answers are estimated before they are built; groups are measured once built.
    if (explain === 'nodes') admitAnswer(reply, { kind: 'eligible', bytes: estimated, nodes: engine.nodeCount * workloads.length, items: workloads.length }, batch ? 'pods' : undefined);
    if (explain === 'none') admitAnswer(reply, estimateEligibleNames(engine, counts), batch ? 'pods' : undefined);
    deadline.check();
    if (explain === 'groups') {
      const answers = workloads.map((w) => groupedAnswerBytes(engine.eligible(w, { explain })));
      const text = batch ? Buffer.concat([Buffer.from('{"results":['), ...answers.flatMap((a, i) => (i === 0 ? [a] : [comma, a])), Buffer.from(']}')]) : answers[0]!;
      admitAnswer(reply, measuredGroups(text.length, workloads.length));
      void reply.type('application/json; charset=utf-8');
      return text;
    }
    if (explain === 'nodes') {
      // Built in one stretch (one node set), written a slice at a time: the text is most of the work.
      const answers = workloads.map((w) => engine.eligible(w, { explain }));
      const out = new JsonInSlices(deadline);
      if (batch) out.raw('{"results":[');
      for (const [i, answer] of answers.entries()) {
        if (i > 0) out.raw(',');
        await writeExplainedAnswer(out, answer);
      }
      if (batch) out.raw(']}');
      void reply.type('application/json; charset=utf-8');
      return out.bytes();
    }
    if (explain === 'false') {
      // The counts of the slices, unless a node or pod changed meanwhile: then all again, on one node set.
      const final = reusable() ? counts : workloads.map((w) => engine.eligibleCount(w));
      const results = workloads.map((w, i) => eligibleCountJson(final[i]!, engine.nodeCount, engine.notEvaluated(w)));
      return batch ? { results } : results[0];
    }
    const results = workloads.map((w) => eligibleJson(engine.eligible(w, { explain })));
    return batch ? { results } : results[0];
  });

  routes.add('POST', '/v1/rank', async (request, reply, deadline) => {
    explainParam(request.query);
    const { workloads, batch } = await decode(request, deadline);
    const { counts } = await countInSlices(workloads, deadline);
    const engine = state.engine;
    admitAnswer(reply, estimateRank(engine, counts), batch ? 'pods' : undefined);
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
    // The per-node lists' size depends on the node and DaemonSet counts alone: decided before any is decoded.
    if (withNodes) admitAnswer(reply, estimateDaemonSets(state.engine, sources.daemonsets.length), sources.batch ? 'daemonsets' : undefined);
    const daemonsets = await daemonSetsInSlices(sources.daemonsets, state.inputOptions, deadline);
    const { pods, revisions } = await podsInSlices(sources.pods, deadline);
    const options = { revisions, now: at, nodes: withNodes, ...(revisionHash !== undefined ? { revisionHash } : {}) };
    // One DaemonSet per unit of work: each plan sees one node set (a list may span node updates).
    const plans = await mapInSlices(daemonsets, (ds) => planJson(withinTimeRange(() => state.engine.daemonset(ds, daemonPodsFor(state.engine, ds, pods, sources.podsGiven), options)), withNodes), deadline);
    return sources.batch ? { results: plans } : plans[0];
  });
}
