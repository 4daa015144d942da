/** `POST /scheduler/filter` and `POST /scheduler/prioritize`: the kube-scheduler extender verbs. */
import { decodeExtenderArgs, extenderFilter, extenderPrioritize } from './extender.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** Registers the extender routes (`urlPrefix` `http://host:port/scheduler`, verbs `filter` and `prioritize`). */
export function registerExtenderRoutes(routes: RouteTable, { state }: ServerContext): void {
  routes.add('POST', '/scheduler/filter', (request, _reply, deadline) => extenderFilter(decodeExtenderArgs(request.body, state), state.engine.options, () => deadline.check()));
  routes.add('POST', '/scheduler/prioritize', (request, _reply, deadline) =>
    extenderPrioritize(decodeExtenderArgs(request.body, state), state.engine.options, () => deadline.check()),
  );
}
