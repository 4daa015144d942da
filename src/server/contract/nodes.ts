/** The node set: `PUT /v1/nodes`, `PUT|GET|DELETE /v1/nodes/{name}`. */
import type { ServerBudgets } from '../budgets.js';
import { nameParams } from './params.js';
import type { RouteContract } from './route-contract.js';
import { anyObject, array, count, errorResponses, kubernetesObject, object, open, string } from './schema.js';

const nodeCount = open({ nodes: { ...count, description: 'nodes in the set now' } });

export function nodeContracts(_budgets: ServerBudgets): RouteContract[] {
  const params = nameParams('the node name (`metadata.name`)');
  return [
    {
      method: 'PUT', path: '/v1/nodes', tag: 'nodes',
      summary: 'Replace the node set',
      description: 'A List as `kubectl get nodes -o json` prints it. A body of 1 MiB or more is parsed, decoded and validated on a worker thread; the set is swapped in whole.',
      body: open({
        apiVersion: string(),
        kind: { enum: ['List', 'NodeList'] },
        metadata: anyObject(),
        items: array(kubernetesObject('a Node')),
      }, ['items']),
      bodyParsedByRoute: true,
      responses: { 200: { description: 'The set is replaced.', schema: nodeCount }, ...errorResponses },
    },
    {
      method: 'PUT', path: '/v1/nodes/:name', tag: 'nodes', params,
      summary: 'Add or replace one node',
      description: 'A Node whose `metadata.name` is the one in the path. A `metadata.resourceVersion` older than the stored one is a 409.',
      body: kubernetesObject('a Node'),
      responses: {
        200: { description: 'The node replaced one of the same name.', schema: nodeCount },
        201: { description: 'The node is new.', schema: nodeCount },
        ...errorResponses,
      },
    },
    {
      method: 'GET', path: '/v1/nodes/:name', tag: 'nodes', params,
      summary: 'The node as stored',
      responses: { 200: { description: 'The Node, as it was sent.', schema: kubernetesObject('a Node') }, ...errorResponses },
    },
    {
      method: 'DELETE', path: '/v1/nodes/:name', tag: 'nodes', params,
      summary: 'Remove one node',
      responses: { 200: { description: 'The node is removed.', schema: nodeCount }, ...errorResponses },
    },
  ];
}
