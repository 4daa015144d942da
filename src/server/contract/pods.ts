/** The cluster's running pods: `PUT /v1/pods`, `PUT|GET|DELETE /v1/pods/{namespace}/{name}`. */
import type { ServerBudgets } from '../budgets.js';
import { namespacedParams } from './params.js';
import type { RouteContract } from './route-contract.js';
import { anyObject, array, count, errorResponses, kubernetesObject, open, string } from './schema.js';

const podCount = open({ pods: { ...count, description: 'pods held now (all of them; only those bound to a node and not finished count on it)' } });

export function podContracts(_budgets: ServerBudgets): RouteContract[] {
  return [
    {
      method: 'PUT', path: '/v1/pods', tag: 'pods',
      summary: 'Replace the cluster\'s running pods',
      description: 'A List as `kubectl get pods -A -o json` prints it. A pod counts on a node when `spec.nodeName` names it and its phase is neither Succeeded nor Failed. A body of 1 MiB or more is parsed on a worker thread; the set is swapped in whole, or not at all.',
      body: open({
        apiVersion: string(),
        kind: { enum: ['List', 'PodList'] },
        metadata: anyObject(),
        items: array(kubernetesObject('a Pod')),
      }, ['items']),
      bodyParsedByRoute: true,
      responses: { 200: { description: 'The pods are replaced.', schema: podCount }, ...errorResponses },
    },
    {
      method: 'PUT', path: '/v1/pods/:namespace/:name', tag: 'pods', params: namespacedParams,
      summary: 'Add or replace one pod',
      description: 'A Pod whose `metadata.namespace` (or none) and `metadata.name` are the ones in the path. A `metadata.resourceVersion` older than the stored one is a 409. A pod moved to another node, or finished, frees what it held.',
      body: kubernetesObject('a Pod'),
      responses: {
        200: { description: 'The pod replaced one of the same namespace and name.', schema: podCount },
        201: { description: 'The pod is new.', schema: podCount },
        ...errorResponses,
      },
    },
    {
      method: 'GET', path: '/v1/pods/:namespace/:name', tag: 'pods', params: namespacedParams,
      summary: 'The pod as stored',
      responses: { 200: { description: 'The Pod, as it was sent.', schema: kubernetesObject('a Pod') }, ...errorResponses },
    },
    {
      method: 'DELETE', path: '/v1/pods/:namespace/:name', tag: 'pods', params: namespacedParams,
      summary: 'Remove one pod',
      responses: { 200: { description: 'The pod is removed; what it held is free.', schema: podCount }, ...errorResponses },
    },
  ];
}
