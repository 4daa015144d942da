/** `POST /scheduler/filter` and `POST /scheduler/prioritize`: the kube-scheduler extender verbs. */
import { writeFilterResult } from './answer-text.js';
import { decideCandidates, decodeExtenderArgs, extenderFilter, extenderPrioritize } from './extender.js';
import { JsonInSlices } from './json-in-slices.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** Registers the extender routes (`urlPrefix` `http://host:port/scheduler`, verbs `filter` and `prioritize`). */
export function registerExtenderRoutes(routes: RouteTable, { state }: ServerContext): void {
  routes.add('POST', '/scheduler/filter', async (request, reply, deadline) => {
    const args = decodeExtenderArgs(request.body, state);
    const result = extenderFilter(args, await decideCandidates(args, state.engine.options, deadline));
    // One entry per failed node: for 10,000 candidates ~0.9 MB, serialized a slice at a time.
    const out = new JsonInSlices(deadline);
    await writeFilterResult(out, result);
    void reply.type('application/json; charset=utf-8');
    return out.bytes();
  });
  routes.add('POST', '/scheduler/prioritize', async (request, _reply, deadline) => {
    const args = decodeExtenderArgs(request.body, state);
    const options = state.engine.options;
    return extenderPrioritize(args, await decideCandidates(args, options, deadline), options);
  });
}
