/**
 * Registered workloads and what-if impact: `PUT|GET|DELETE /v1/workloads/{namespace}/{name}`
 * (any workload kind; a DaemonSet is judged as its controller judges it), `GET /v1/workloads`,
 * and `POST /v1/impact` `{"changes": [...]}` → per registered workload the nodes gained and lost,
 * per DaemonSet the daemon pods created and evicted, answered without applying the changes.
 */
import { impactJson } from '../api/contracts.js';
import { daemonSetsFromSources } from '../api/daemonset-inputs.js';
import { isDaemonSetTarget, type ImpactTarget } from '../api/impact.js';
import { decodeNodeChanges } from '../api/impact-inputs.js';
import { type FieldError } from '../errors.js';
import { own, type JsonObject } from '../model/decode.js';
import { bodyObject, checkBatchSize, failOn, workloadsOf } from './request-objects.js';
import type { RouteTable } from './route-table.js';
import { nameParam, notFound } from './routes-nodes.js';
import type { ServerContext } from './state.js';

/** `metadata.name` and `metadata.namespace`, when the body gives them, must be the URL's. */
function checkIdentity(object: JsonObject, namespace: string, name: string): FieldError[] {
  const metadata = own(object, 'metadata');
  const given = (key: string): unknown => (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? own(metadata as JsonObject, key) : undefined);
  const errors: FieldError[] = [];
  for (const [key, wanted] of [['name', name], ['namespace', namespace]] as const) {
    const value = given(key);
    if (value !== undefined && value !== null && value !== wanted) {
      errors.push({ path: `metadata.${key}`, type: 'Invalid value', badValue: value, detail: `must equal the ${key} in the URL path (${JSON.stringify(wanted)})` });
    }
  }
  return errors;
}

/** The object decoded as a DaemonSet (kind DaemonSet) or any other workload kind, named by the URL. */
function decodeTarget(object: JsonObject, namespace: string, name: string, ctx: ServerContext): ImpactTarget {
  failOn(checkIdentity(object, namespace, name), 'invalid workload');
  const source = { object, file: '' };
  if (own(object, 'kind') === 'DaemonSet') {
    const [ds] = daemonSetsFromSources([source], ctx.state.inputOptions);
    return { ...ds!, workload: { ...ds!.workload, namespace, name } };
  }
  const [workload] = workloadsOf([source], ctx.state.inputOptions);
  return { ...workload!, namespace, name };
}

function kindOf(target: ImpactTarget): string {
  return isDaemonSetTarget(target) ? 'DaemonSet' : target.kind;
}

/** Registers the workload and impact routes. */
export function registerWorkloadRoutes(routes: RouteTable, ctx: ServerContext): void {
  const { state } = ctx;
  const keyOf = (params: unknown) => {
    const namespace = nameParam(params, 'namespace');
    const name = nameParam(params, 'name');
    return { namespace, name, key: `${namespace}/${name}` };
  };

  routes.add('GET', '/v1/workloads', () => ({
    workloads: [...state.workloads].map(([key, w]) => ({ workload: key, kind: kindOf(w.target) })),
  }));

  routes.add('PUT', '/v1/workloads/:namespace/:name', (request, reply) => {
    const { namespace, name, key } = keyOf(request.params);
    const object = bodyObject(request.body);
    const target = decodeTarget(object, namespace, name, ctx);
    const existed = state.workloads.has(key);
    state.workloads.set(key, { target, raw: object });
    reply.code(existed ? 200 : 201);
    return { workload: key, kind: kindOf(target) };
  });

  routes.add('GET', '/v1/workloads/:namespace/:name', (request) => {
    const { key } = keyOf(request.params);
    const registered = state.workloads.get(key);
    if (!registered) throw notFound('workload', key);
    return registered.raw;
  });

  routes.add('DELETE', '/v1/workloads/:namespace/:name', (request) => {
    const { key } = keyOf(request.params);
    if (!state.workloads.delete(key)) throw notFound('workload', key);
    return { workloads: state.workloads.size };
  });

  routes.add('POST', '/v1/impact', (request) => {
    // Each change is judged against every registered workload: a batch, bounded as batches are.
    const value = own(bodyObject(request.body), 'changes');
    checkBatchSize('changes', value, ctx.budgets.maxBatchItems);
    const changes = decodeNodeChanges(value);
    const targets = [...state.workloads.values()].map((w) => w.target);
    return impactJson(state.engine.impact(changes, targets));
  });
}
