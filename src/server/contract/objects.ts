/** The cluster objects the pod-to-pod plugins read: `PUT /v1/objects`. */
import type { ServerBudgets } from '../budgets.js';
import type { RouteContract } from './route-contract.js';
import { anyObject, array, count, errorResponses, kubernetesObject, open, string } from './schema.js';

export const objectCounts = open({
  namespaces: { ...count, description: 'Namespaces held now (0: none supplied, a namespaceSelector is not evaluated)' },
  selectingObjects: { ...count, description: 'Services, ReplicationControllers, ReplicaSets and StatefulSets held now' },
});

export function objectContracts(_budgets: ServerBudgets): RouteContract[] {
  return [
    {
      method: 'PUT', path: '/v1/objects', tag: 'objects',
      summary: 'Replace the cluster\'s Namespaces, Services, ReplicationControllers, ReplicaSets and StatefulSets',
      description: 'A List as `kubectl get ns,svc,rc,rs,sts -A -o json` prints it. Pod affinity reads Namespace labels for `namespaceSelector` (without any Namespace it is not evaluated); topology spreading reads the others\' selectors for its default constraints. The set is swapped in whole, or not at all.',
      body: open({
        apiVersion: string(),
        kind: { enum: ['List'] },
        metadata: anyObject(),
        items: array(kubernetesObject('a Namespace, Service, ReplicationController, ReplicaSet or StatefulSet')),
      }, ['items']),
      responses: { 200: { description: 'The objects are replaced.', schema: objectCounts }, ...errorResponses },
    },
  ];
}
