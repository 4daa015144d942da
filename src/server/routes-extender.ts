/** `POST /scheduler/filter` and `POST /scheduler/prioritize`: the kube-scheduler extender verbs. */
import { decideCandidates, decodeExtenderArgs, extenderFilter, extenderPrioritize } from './extender.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** Registers the extender routes (`urlPrefix` `http://host:port/scheduler`, verbs `filter` and `prioritize`). */
export function registerExtenderRoutes(routes: RouteTable, { state }: ServerContext): void {
  routes.add('POST', '/scheduler/filter', async (request, _reply, deadline) => {
    const args = decodeExtenderArgs(request.body, state);
    return extenderFilter(args, await decideCandidates(args, state.engine.options, deadline));
  });
  routes.add('POST', '/scheduler/prioritize', async (request, _reply, deadline) => {
    const args = decodeExtenderArgs(request.body, state);
    const options = state.engine.options;
    return extenderPrioritize(args, await decideCandidates(args, options, deadline), options);
  });
}
