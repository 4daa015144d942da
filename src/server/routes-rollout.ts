/**
 * `POST /v1/daemonset/rollout`: the rollout forecast of `/v1/daemonset`'s DaemonSet (or batch),
 * with `readyAfterSeconds` and `terminationSeconds` (seconds, or Go duration strings such as "30s").
 * The forecast runs under a work budget that keeps one forecast to about a second at 10,000 nodes
 * (50 syncs); a forecast it cuts short says `"stopped": "budget"` and keeps the waves so far. A batch
 * is bounded by `maxBatchItems` and by the request's time budget, checked between forecasts.
 */
import { rolloutJson } from '../api/contracts.js';
import { PlacementError } from '../errors.js';
import { checkedSeconds, parseDurationSeconds } from '../model/duration.js';
import { own } from '../model/decode.js';
import { daemonSetsInSlices, podsInSlices } from './decode-in-slices.js';
import { bodyObject, daemonSetSources } from './request-objects.js';
import { daemonPodsFor } from './daemon-pods.js';
import { parseNow, withinTimeRange, revisionHashOf } from './routes-evaluate.js';
import { mapInSlices } from './slices.js';
import type { RouteTable } from './route-table.js';
import type { ServerContext } from './state.js';

/** The forecast's work budget per DaemonSet on the server: nodes + pods summed over syncs. */
export const serverRolloutWork = 1_000_000;

/** A seconds field: a non-negative number, or a duration string; absent → undefined. */
function secondsField(body: Record<string, unknown>, field: string): number | undefined {
  const value = own(body, field);
  if (value === undefined || value === null) return undefined;
  const parsed =
    typeof value === 'number' ? checkedSeconds(value)
    : typeof value === 'string' ? parseDurationSeconds(value)
    : { ok: false as const, detail: 'must be a number of seconds or a duration string such as "30s"' };
  if (!parsed.ok) throw new PlacementError('invalid', 'invalid request', [{ path: field, type: 'Invalid value', badValue: value, detail: parsed.detail }]);
  return parsed.seconds;
}

/** Registers the forecast route. */
export function registerRolloutRoutes(routes: RouteTable, { state, now, budgets }: ServerContext): void {
  routes.add('POST', '/v1/daemonset/rollout', async (request, _reply, deadline) => {
    const body = bodyObject(request.body);
    const revisionHash = revisionHashOf(own(body, 'revisionHash'));
    const at = parseNow(own(body, 'now')) ?? now();
    const readyAfterSeconds = secondsField(body, 'readyAfterSeconds');
    const terminationSeconds = secondsField(body, 'terminationSeconds');
    const sources = daemonSetSources(body, budgets.maxBatchItems);
    const daemonsets = await daemonSetsInSlices(sources.daemonsets, state.inputOptions, deadline);
    const { pods, revisions } = await podsInSlices(sources.pods, deadline);
    const options = {
      revisions,
      now: at,
      maxWork: serverRolloutWork,
      ...(revisionHash !== undefined ? { revisionHash } : {}),
      ...(readyAfterSeconds !== undefined ? { readyAfterSeconds } : {}),
      ...(terminationSeconds !== undefined ? { terminationSeconds } : {}),
    };
    // One forecast per unit of work (bounded by its work budget), the deadline checked between them.
    const forecasts = await mapInSlices(daemonsets, (ds) => rolloutJson(withinTimeRange(() => state.engine.daemonsetRollout(ds, daemonPodsFor(state.engine, ds, pods, sources.podsGiven), options))), deadline);
    return sources.batch ? { results: forecasts } : forecasts[0];
  });
}
