/**
 * The exported HTTP types: generated from the contracts (the committed file is current), and the
 * library's own answers fit them, so a tool calling the server and one calling the library read
 * the same shapes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ImpactResult } from '../../api/impact.js';
import type { RolloutForecast } from '../../controllers/daemonset/rollout.js';
import type { DaemonSetPlan } from '../../controllers/daemonset/sync.js';
import type { EligibilityResult, RankResult, WithNotEvaluated as With } from '../../eval/result.js';
import type { EligibilitySummary, GroupedEligibility } from '../../explain/explainer.js';
import type { WhyResult } from '../../explain/why.js';
import type { ErrorBody } from '../http-error.js';
import type { HostPriority } from '../extender.js';
import { defaultServerBudgets } from '../budgets.js';
import { routeContracts } from './contracts.js';
import type * as Http from './http-types.js';
import { renderTypes } from './typescript.js';

test('src/server/contract/http-types.ts is current', () => {
  const committed = readFileSync(fileURLToPath(new URL('./http-types.ts', import.meta.url)), 'utf8');
  assert.ok(committed === renderTypes(routeContracts(defaultServerBudgets), defaultServerBudgets), 'http-types.ts is stale: run `npm run openapi` and commit the result');
});

// Compile-time checks (the type-check of `npm test` runs them): each library answer (as the engine
// gives it, with notEvaluated) is assignable to its HTTP type.
type Fits<A, B extends A> = B;
export type LibraryAnswersFit = [
  Fits<Http.HttpEligibleAnswer, With<EligibilityResult>>,
  Fits<Http.HttpEligibleGroupsAnswer, With<GroupedEligibility>>,
  Fits<Http.HttpEligibleNamesAnswer, With<EligibilitySummary>>,
  Fits<Http.HttpRankAnswer, With<RankResult>>,
  Fits<Http.HttpWhyAnswer, With<WhyResult>>,
  Fits<Http.HttpDaemonSetPlan, With<DaemonSetPlan>>,
  Fits<Http.HttpRolloutForecast, With<RolloutForecast>>,
  Fits<Http.HttpImpactAnswer, ImpactResult>,
  Fits<Http.HttpErrorBody, ErrorBody>,
  Fits<Http.HttpHostPriorityList, readonly HostPriority[]>,
  Fits<Http.HttpAnswer<'POST /v1/eligible'>, { results: With<EligibilityResult>[] }>,
  Fits<Http.HttpRequestBody<'POST /v1/eligible'>, { pod: { apiVersion: 'v1'; kind: 'Pod'; spec: { nodeName: string } } }>,
];

test('the route map names every route', () => {
  const routes: Record<keyof Http.HttpRoutes, true> = Object.fromEntries(routeContracts(defaultServerBudgets).map((c) => [`${c.method} ${c.path}`, true])) as Record<keyof Http.HttpRoutes, true>;
  assert.is(Object.keys(routes).length, routeContracts(defaultServerBudgets).length);
});

test.run();
