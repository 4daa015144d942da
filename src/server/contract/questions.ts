/** The questions: `POST /v1/eligible`, `/v1/rank`, `/v1/why`, `/v1/daemonset`, `/v1/daemonset/rollout`. */
import type { ServerBudgets } from '../budgets.js';
import { eligibleAnswer, oneOrBatch, planAnswer, rankAnswer, rolloutAnswer, whyAnswer } from './answers.js';
import { explainQuery } from './params.js';
import type { RouteContract } from './route-contract.js';
import { array, errorResponses, kubernetesObject, nullable, object, string, type JsonSchema } from './schema.js';

/** `{"pod": …}` or `{"pods": [...]}` (at most `maxBatchItems`; more: 413 `too-many`). */
function workloadBody(budgets: ServerBudgets): JsonSchema {
  return object({
    pod: kubernetesObject('one workload of any kind (Pod, Deployment, StatefulSet, Job, CronJob, ReplicaSet, DaemonSet, ...)'),
    pods: array(kubernetesObject('a workload'), { maxItems: budgets.maxBatchItems, description: 'a batch, answered `{"results": [...]}` in order' }),
  }, [], 'Exactly one of `pod` and `pods`.');
}

/** The DaemonSet question's inputs; `extra` adds the forecast's. */
function daemonSetBody(budgets: ServerBudgets, extra: Record<string, JsonSchema> = {}): JsonSchema {
  return object({
    daemonset: kubernetesObject('a DaemonSet'),
    daemonsets: array(kubernetesObject('a DaemonSet'), { maxItems: budgets.maxBatchItems, description: 'a batch, answered `{"results": [...]}` in order' }),
    pods: nullable(array(kubernetesObject('a Pod or ControllerRevision'), { description: "the DaemonSet's pods and revisions, as the controller sees them (bounded by the body size); when absent and the server holds the cluster's pods, the DaemonSet's pods among them" })),
    revisionHash: nullable(string("the current revision's hash, when no ControllerRevision says it")),
    now: nullable(string('the sync time, RFC 3339 (default: the server clock)')),
    ...extra,
  }, [], 'Exactly one of `daemonset` and `daemonsets`.');
}

const seconds = (what: string): JsonSchema =>
  nullable({ type: ['number', 'string'], description: `${what}: seconds, or a Go duration such as "30s" or "2m"`, 'x-expected': 'a number of seconds or a duration string such as "30s"' });

export function questionContracts(budgets: ServerBudgets): RouteContract[] {
  const workloads = workloadBody(budgets);
  return [
    {
      method: 'POST', path: '/v1/eligible', tag: 'questions', query: explainQuery, body: workloads,
      summary: 'Which nodes may the workload run on, and why not the others',
      responses: { 200: { description: "The CLI's `eligible -o json` answer in the form `?explain=` asks for, or `{results}` for a batch.", schema: oneOrBatch(eligibleAnswer) }, ...errorResponses },
    },
    {
      method: 'POST', path: '/v1/rank', tag: 'questions', query: explainQuery, body: workloads,
      summary: "The eligible nodes, best first, by the default profile's scores",
      responses: { 200: { description: "The CLI's `rank -o json` answer, or `{results}`.", schema: oneOrBatch(rankAnswer) }, ...errorResponses },
    },
    {
      method: 'POST', path: '/v1/why', tag: 'questions', query: explainQuery, body: workloads,
      summary: "Each constraint's share of the rejected nodes, and the nearest fixes",
      responses: { 200: { description: "The CLI's `why -o json` answer, or `{results}`.", schema: oneOrBatch(whyAnswer) }, ...errorResponses },
    },
    {
      method: 'POST', path: '/v1/daemonset', tag: 'questions', query: explainQuery, body: daemonSetBody(budgets),
      summary: "What the DaemonSet controller's next sync does",
      responses: { 200: { description: "The CLI's `daemonset -o json` answer (`nodes` unless `?explain=none|false`), or `{results}`.", schema: oneOrBatch(planAnswer) }, ...errorResponses },
    },
    {
      method: 'POST', path: '/v1/daemonset/rollout', tag: 'questions',
      body: daemonSetBody(budgets, { readyAfterSeconds: seconds('how long a new pod takes to be Ready'), terminationSeconds: seconds('how long an old pod takes to go') }),
      summary: "The rollout forecast: the controller's syncs until every node runs the current revision",
      responses: { 200: { description: "The CLI's `daemonset --rollout -o json` answer, or `{results}`.", schema: oneOrBatch(rolloutAnswer) }, ...errorResponses },
    },
  ];
}
