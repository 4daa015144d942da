/** Registered workloads (`/v1/workloads...`) and what-if impact (`POST /v1/impact`). */
import type { ServerBudgets } from '../budgets.js';
import { namespacedParams } from './params.js';
import type { RouteContract } from './route-contract.js';
import { notEvaluated } from './answers.js';
import { array, boolean, count, errorResponses, kubernetesObject, nodeNames, nullable, object, open, string, type JsonSchema } from './schema.js';

const registered = open({ workload: string('`namespace/name`'), kind: string() });

const taintSpec = nullable(object({ key: nullable(string()), value: nullable(string()), effect: nullable(string()) }, []));
const taintSelector = nullable(object({ key: nullable(string()), effect: nullable(string('absent: every effect')) }, []));

/** One change to one node (`null` fields read as absent, as Go's decoder reads them). */
const nodeChange: JsonSchema = nullable(object({
  node: nullable(string('the node name')),
  removeTaints: nullable(array(taintSelector, { description: 'by key and effect, or by key alone for every effect' })),
  addTaints: nullable(array(taintSpec, { description: 'a taint with the key and effect of an existing one replaces it' })),
  removeLabels: nullable(array(string())),
  setLabels: nullable({ type: 'object', additionalProperties: { type: 'string' } }),
  unschedulable: nullable(boolean),
}, [], 'Applied in the order removeTaints, addTaints, removeLabels, setLabels, unschedulable.'));

export const impactAnswer = open({
  workloads: array(open({
    workload: string(), kind: string(),
    gained: { ...nodeNames, description: 'nodes that become eligible' },
    lost: { ...nodeNames, description: 'nodes that stop being eligible' },
    evict: { ...nodeNames, description: 'nodes where the taint manager would evict a running pod' },
    notEvaluated,
  })),
  daemonsets: array(open({
    daemonset: string(), create: nodeNames, evict: nodeNames, stopScheduling: nodeNames, lost: nodeNames, notEvaluated,
  })),
});

export function workloadContracts(budgets: ServerBudgets): RouteContract[] {
  const params = namespacedParams;
  return [
    {
      method: 'GET', path: '/v1/workloads', tag: 'workloads',
      summary: 'The registered workloads',
      responses: { 200: { description: 'In registration order.', schema: open({ workloads: array(registered) }) }, ...errorResponses },
    },
    {
      method: 'PUT', path: '/v1/workloads/:namespace/:name', tag: 'workloads', params,
      summary: 'Register a workload (any kind; a DaemonSet is judged as its controller judges it)',
      body: kubernetesObject('a workload; `metadata.name` and `metadata.namespace`, when given, must be the path\'s'),
      responses: {
        200: { description: 'Replaced.', schema: registered },
        201: { description: 'Registered.', schema: registered },
        ...errorResponses,
      },
    },
    {
      method: 'GET', path: '/v1/workloads/:namespace/:name', tag: 'workloads', params,
      summary: 'A registered workload, as it was sent',
      responses: { 200: { description: 'The object.', schema: kubernetesObject('the workload') }, ...errorResponses },
    },
    {
      method: 'DELETE', path: '/v1/workloads/:namespace/:name', tag: 'workloads', params,
      summary: 'Unregister a workload',
      responses: { 200: { description: 'Removed.', schema: open({ workloads: { ...count, description: 'workloads still registered' } }) }, ...errorResponses },
    },
    {
      method: 'POST', path: '/v1/impact', tag: 'workloads',
      summary: 'What changes to nodes would do to the registered workloads, without applying them',
      body: object({ changes: array(nodeChange, { maxItems: budgets.maxBatchItems }) }, ['changes']),
      responses: { 200: { description: 'Per workload the nodes gained and lost; per DaemonSet the daemon pods created and evicted.', schema: impactAnswer }, ...errorResponses },
    },
  ];
}
