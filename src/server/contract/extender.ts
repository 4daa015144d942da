/**
 * The kube-scheduler extender verbs. Their shapes are kube-scheduler's (`ExtenderArgs`,
 * `ExtenderFilterResult`, `HostPriorityList` in k8s.io/kube-scheduler/extender/v1), whose fields Go
 * matches case-insensitively: the request schema names them without requiring any.
 */
import type { RouteContract } from './route-contract.js';
import { anyObject, array, errorResponses, integer, kubernetesObject, nullable, open, string } from './schema.js';

const extenderArgs = open({
  Pod: kubernetesObject('the pod being scheduled (`kind` may be empty)'),
  Nodes: nullable(open({ items: nullable(array(kubernetesObject('a Node'))) }, [], 'the candidates as Nodes (nodeCacheCapable: false)')),
  NodeNames: nullable(array(string(), { description: 'the candidates by name (nodeCacheCapable: true)' })),
}, [], "kube-scheduler's ExtenderArgs; field names match case-insensitively, as Go's decoder matches them");

const reasonsByNode = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const filterAnswer = open({
  Nodes: nullable(open({ metadata: anyObject(), items: array(kubernetesObject('a Node')) })),
  NodeNames: nullable(array(string())),
  FailedNodes: reasonsByNode,
  FailedAndUnresolvableNodes: reasonsByNode,
  Error: string(),
}, undefined, "kube-scheduler's ExtenderFilterResult");

export const prioritizeAnswer = array(open({ Host: string(), Score: integer(undefined, { minimum: 0, maximum: 10 }) }), { description: "kube-scheduler's HostPriorityList" });

export function extenderContracts(): RouteContract[] {
  return [
    {
      method: 'POST', path: '/scheduler/filter', tag: 'extender', body: extenderArgs,
      summary: 'kube-scheduler extender filter: the candidates the pod may run on',
      responses: { 200: { description: 'Every failure in FailedAndUnresolvableNodes, with its reason.', schema: filterAnswer }, ...errorResponses },
    },
    {
      method: 'POST', path: '/scheduler/prioritize', tag: 'extender', body: extenderArgs,
      summary: 'kube-scheduler extender prioritize: a score 0–10 per candidate',
      responses: { 200: { description: 'One HostPriority per node sent.', schema: prioritizeAnswer }, ...errorResponses },
    },
  ];
}
