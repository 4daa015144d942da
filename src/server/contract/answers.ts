/**
 * The answers placement gives, as JSON Schemas: the same objects the CLI prints with `-o json`
 * (src/api/contracts.ts builds both), so a client of either reads one shape. Objects are open
 * (`additionalProperties: true`): keys may be added in later versions, never removed or renamed.
 */
import { array, boolean, count, integer, nodeNames, number, open, string, type JsonSchema } from './schema.js';

/** What the answer did not evaluate: the pod's constraints placement leaves to the cluster (volumes, pod affinity, ...). */
export const notEvaluated = array(open({
  field: string('the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`)'),
  what: string("what kube-scheduler checks there, with the plugin's name"),
}), { description: "the pod's constraints this answer did not evaluate; empty when nothing was left out" });

const reasons = array(string(), { description: "kube-scheduler's reason texts (`node(s) didn't match Pod's node affinity/selector`)" });
const details = array(string(), { description: 'what exactly failed on the node (the untolerated taint, the unmatched requirement)' });

/** `?explain=nodes`: every ineligible node with its reasons. */
export const eligibleNodesAnswer = open({
  eligible: nodeNames,
  ineligible: array(open({ node: string(), reasons, details })),
  message: string("kube-scheduler's FitError summary (`0/3 nodes are available: ...`), or the count of eligible nodes"),
  notEvaluated,
});

/** `?explain=groups`: one entry per group of equally explained nodes, largest first. */
export const eligibleGroupsAnswer = open({
  eligible: nodeNames,
  groups: array(open({
    reasons,
    details,
    count: { ...count, description: 'nodes in the group' },
    nodes: { ...nodeNames, description: 'its first nodes, in input order' },
    more: { ...count, description: 'how many more nodes the group has than `nodes` lists' },
  })),
  message: string(),
  notEvaluated,
});

/** `?explain=none`. */
export const eligibleNamesAnswer = open({ eligible: nodeNames, message: string(), notEvaluated });

/** `?explain=false`: the decision alone, from the index. */
export const eligibleCountAnswer = open({ eligibleCount: count, totalNodes: count, notEvaluated });

export const eligibleAnswer: JsonSchema = { anyOf: [eligibleNodesAnswer, eligibleGroupsAnswer, eligibleNamesAnswer, eligibleCountAnswer] };

/** `rank`: the eligible nodes, best first. */
export const rankAnswer = open({
  nodes: array(open({
    node: string(),
    score: number("the default profile's weighted total"),
    scores: { type: 'object', description: 'per score plugin, its normalized score (0–100); plugins may be added', additionalProperties: { type: 'number' } },
  })),
  notEvaluated,
});

const taint = open({ key: string(), value: string(), effect: string(), timeAdded: string() }, ['key', 'effect']);

/** `why`: the funnel, every constraint's effect, and the smallest changes that admit nodes. */
export const whyAnswer = open({
  total: count,
  eligible: count,
  funnel: array(open({ filter: string(), remaining: count })),
  constraints: array(open({
    filter: string('the filter plugin that checks it (`TaintToleration`, `NodeAffinity`, ...) or `Policy`'),
    field: string(),
    constraint: string(),
    taint,
    excludes: { ...count, description: 'nodes that fail it' },
    excludesOnly: { ...count, description: 'nodes that fail it and pass everything else' },
    admitsIfRelaxed: { ...count, description: 'how many more nodes would be eligible without it' },
    values: array(open({ value: string(), admits: count })),
  }, ['filter', 'field', 'constraint', 'excludes', 'excludesOnly', 'admitsIfRelaxed'])),
  nearestFixes: array(open({ change: string(), field: string(), admits: count })),
  notEvaluated,
});

const daemonSetStatus = open({
  desiredNumberScheduled: integer(),
  currentNumberScheduled: integer(),
  numberMisscheduled: integer(),
  numberReady: integer(),
  updatedNumberScheduled: integer(),
  numberAvailable: integer(),
  numberUnavailable: integer(),
});

/** `daemonset`: what the DaemonSet controller's next sync does. `nodes` only when explaining. */
export const planAnswer = open({
  nodes: array(open({ node: string(), shouldRun: boolean, shouldContinueRunning: boolean, reasons })),
  create: { ...nodeNames, description: 'nodes that get a daemon pod' },
  delete: array(string(), { description: 'daemon pods deleted' }),
  pending: array(open({ node: string(), reasons }), { description: "with the cluster's pods given: the daemon pods the scheduler will leave Pending, with its reasons" }),
  status: daemonSetStatus,
  released: array(string()),
  adopted: array(string()),
  evictions: array(open({ pod: string(), node: string(), evictAfterSeconds: number(), evictAt: string('RFC 3339') }, ['pod', 'node', 'evictAfterSeconds'])),
  warnings: array(string()),
  notEvaluated,
}, ['create', 'delete', 'status', 'released', 'adopted', 'evictions', 'warnings', 'notEvaluated']);

/** `daemonset --rollout`: the forecast of syncs until the rollout converges. */
export const rolloutAnswer = open({
  syncs: count,
  converged: boolean,
  estimatedSeconds: number(),
  waves: array(open({
    sync: count, atSeconds: number(), deleted: count, created: count, surged: count, updatedNodes: count, unavailable: count,
    createBatches: array(count),
  }, ['sync', 'atSeconds', 'deleted', 'created', 'surged', 'updatedNodes', 'unavailable'])),
  stuck: array(open({ node: string(), reasons })),
  stopped: { enum: ['converged', 'stuck', 'budget'] },
  projectedSeconds: number('only when the work budget stopped the forecast after some progress'),
  status: daemonSetStatus,
  notEligible: array(open({ reasons, nodes: count })),
  assumptions: open({
    readyAfterSeconds: number(), terminationSeconds: number(), minReadySeconds: number(), revisionHash: string(),
    pendingForecast: { enum: ['applied', 'none'] }, maxSyncs: count, maxWork: count,
  }),
  warnings: array(string()),
  notEvaluated,
}, ['syncs', 'converged', 'estimatedSeconds', 'waves', 'stuck', 'stopped', 'status', 'notEligible', 'assumptions', 'warnings', 'notEvaluated']);

/** A batch: one answer per item, in order. */
export function batchOf(answer: JsonSchema): JsonSchema {
  return open({ results: array(answer) }, ['results'], 'the batch form: one answer per item, in order');
}

/** One answer or, for a batch request, `{results: [...]}`. */
export function oneOrBatch(answer: JsonSchema): JsonSchema {
  return { anyOf: [answer, batchOf(answer)] };
}
