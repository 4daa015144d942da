/**
 * The cluster's pods: `PUT /v1/pods` replaces them (a List as `kubectl get pods -A -o json` prints
 * it; a large one off the request path, see replace-pod-set.ts), `PUT|GET|DELETE
 * /v1/pods/{namespace}/{name}` upsert, read and remove one Pod. Pods bound to a node and not
 * finished hold its resources and host ports for NodeResourcesFit and NodePorts; a pod that moves,
 * finishes or is removed frees them.
 */
import { HttpError } from './http-error.js';
import { parseNodeListBody, type OffThreadNodeList } from './node-list-upload.js';
import { podFromBody } from './pod-list.js';
import { replacePodSet } from './replace-pod-set.js';
import { isStaleResourceVersion } from './resource-version.js';
import type { RouteTable } from './route-table.js';
import { nameParam, notFound } from './routes-nodes.js';
import type { ServerContext } from './state.js';

/** Registers the pod routes. */
export function registerPodRoutes(routes: RouteTable, { state, budgets }: ServerContext): void {
  const job = { list: 'pods' as const, maxDepth: budgets.maxDepth, options: state.inputOptions };
  const parseBody = parseNodeListBody({ maxBodyBytes: budgets.maxBodyBytes, offThreadBytes: budgets.offThreadNodeListBytes, job });
  const replace = { maxDepth: budgets.maxDepth, retryAfterSeconds: budgets.retryAfterSeconds };
  routes.add('PUT', '/v1/pods', (request) => replacePodSet(state, request.body as Buffer | OffThreadNodeList | undefined, replace), { parseBody });

  const key = (params: unknown): { namespace: string; name: string } => ({ namespace: nameParam(params, 'namespace'), name: nameParam(params, 'name') });

  routes.add('PUT', '/v1/pods/:namespace/:name', (request, reply) => {
    const { namespace, name } = key(request.params);
    const incoming = podFromBody(request.body, namespace, name);
    const stored = state.pods.get(`${namespace}/${name}`);
    if (stored && isStaleResourceVersion(incoming.pod.resourceVersion, stored.pod.resourceVersion)) {
      const detail = `metadata.resourceVersion ${JSON.stringify(incoming.pod.resourceVersion)} is older than the stored ${JSON.stringify(stored.pod.resourceVersion)}`;
      throw new HttpError(409, 'conflict', `pod ${namespace}/${name}: ${detail}`);
    }
    const replaced = state.upsertPod(incoming);
    reply.code(replaced ? 200 : 201);
    return { pods: state.pods.size };
  });

  routes.add('GET', '/v1/pods/:namespace/:name', (request) => {
    const { namespace, name } = key(request.params);
    const stored = state.pods.get(`${namespace}/${name}`);
    if (!stored) throw notFound('pod', `${namespace}/${name}`);
    return stored.raw;
  });

  routes.add('DELETE', '/v1/pods/:namespace/:name', (request) => {
    const { namespace, name } = key(request.params);
    if (!state.removePod(namespace, name)) throw notFound('pod', `${namespace}/${name}`);
    return { pods: state.pods.size };
  });
}
