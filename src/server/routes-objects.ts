/**
 * `PUT /v1/objects`: the cluster's Namespaces, Services, ReplicationControllers, ReplicaSets and
 * StatefulSets (a List as `kubectl get ns,svc,rc,rs,sts -A -o json` prints it), decoded and checked
 * as the CLI's `--objects` is; an invalid list changes nothing.
 */
import { checkObjectCount, schedulingObjectsFromSources } from '../api/object-inputs.js';
import { PlacementError } from '../errors.js';
import { own } from '../model/decode.js';
import type { SchedulingObjects } from '../model/pod-affinity-types.js';
import { bodyObject, sourcesOf } from './request-objects.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** The objects of a List body, every problem at once, each naming its item. */
export function objectsFromListBody(body: unknown): SchedulingObjects {
  const object = bodyObject(body);
  const kind = own(object, 'kind');
  if (kind !== undefined && kind !== 'List') {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'kind', type: 'Unsupported value', badValue: kind, detail: 'supported values: "List"' }]);
  }
  const items = own(object, 'items');
  if (items === undefined) throw new PlacementError('invalid', 'invalid request', [{ path: 'items', type: 'Required value', detail: 'a List, as kubectl get ns,svc,rc,rs,sts -A -o json prints it' }]);
  if (Array.isArray(items)) checkObjectCount(items);
  return schedulingObjectsFromSources(sourcesOf(items, 'items'));
}

/** Registers `PUT /v1/objects`. */
export function registerObjectRoutes(routes: RouteTable, { state }: ServerContext): void {
  routes.add('PUT', '/v1/objects', (request) => {
    const objects = objectsFromListBody(request.body);
    state.setObjects(objects);
    return { namespaces: objects.namespaces?.length ?? 0, selectingObjects: objects.selectingObjects?.length ?? 0 };
  });
}
