/**
 * The node set: `PUT /v1/nodes` replaces it (a List as `kubectl get nodes -o json` prints it; a
 * large one off the request path, see replace-node-set.ts), `PUT|GET|DELETE /v1/nodes/{name}`
 * upsert, read and remove one Node.
 */
import { checkNode } from '../api/inputs.js';
import { PlacementError } from '../errors.js';
import { HttpError } from './http-error.js';
import { OffThreadNodeList, parseNodeListBody } from './node-list-upload.js';
import { replaceNodeSet } from './replace-node-set.js';
import { bodyObject, failOn } from './request-objects.js';
import { isStaleResourceVersion } from './resource-version.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** The `{name}` path parameter. */
export function nameParam(params: unknown, key = 'name'): string {
  const value = (params as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : '';
}

/** A 404 for an unknown node or workload. */
export function notFound(what: string, name: string): PlacementError {
  return new PlacementError('not-found', `${what} ${JSON.stringify(name)} not found`);
}

/** Registers the node routes. */
export function registerNodeRoutes(routes: RouteTable, { state, budgets }: ServerContext): void {
  const job = { maxDepth: budgets.maxDepth, options: state.inputOptions };
  const parseBody = parseNodeListBody({ maxBodyBytes: budgets.maxBodyBytes, offThreadBytes: budgets.offThreadNodeListBytes, job });
  const replace = { maxDepth: budgets.maxDepth, retryAfterSeconds: budgets.retryAfterSeconds };
  routes.add('PUT', '/v1/nodes', (request) => replaceNodeSet(state, request.body as Buffer | OffThreadNodeList | undefined, replace), { parseBody });

  routes.add('PUT', '/v1/nodes/:name', (request, reply) => {
    const name = nameParam(request.params);
    const checked = checkNode({ object: bodyObject(request.body), file: '' }, state.inputOptions);
    failOn(checked.errors, 'invalid node');
    if (checked.type !== 'node') throw new PlacementError('invalid', 'invalid node');
    const node = checked.node;
    if (node.name !== name) {
      failOn([{ path: 'metadata.name', type: 'Invalid value', badValue: node.name, detail: `must equal the name in the URL path (${JSON.stringify(name)})` }], 'invalid node');
    }
    const stored = state.engine.node(name);
    if (stored && isStaleResourceVersion(node.resourceVersion, stored.resourceVersion)) {
      const detail = `metadata.resourceVersion ${JSON.stringify(node.resourceVersion)} is older than the stored ${JSON.stringify(stored.resourceVersion)}`;
      throw new HttpError(409, 'conflict', `node ${JSON.stringify(name)}: ${detail}`);
    }
    state.engine.upsertNode(node);
    reply.code(stored ? 200 : 201);
    return { nodes: state.engine.nodeCount };
  });

  routes.add('GET', '/v1/nodes/:name', (request) => {
    const name = nameParam(request.params);
    const node = state.engine.node(name);
    if (!node) throw notFound('node', name);
    return node.raw;
  });

  routes.add('DELETE', '/v1/nodes/:name', (request) => {
    const name = nameParam(request.params);
    if (!state.engine.removeNode(name)) throw notFound('node', name);
    return { nodes: state.engine.nodeCount };
  });
}
