/**
 * Every route's contract, for one server's budgets (the batch limit is a server setting, so the
 * schemas are built from the budgets in force). One module per group of routes; a new route adds
 * its contract to one of them, or a new module here.
 */
import type { ServerBudgets } from '../budgets.js';
import { extenderContracts } from './extender.js';
import { nodeContracts } from './nodes.js';
import { objectContracts } from './objects.js';
import { podContracts } from './pods.js';
import { questionContracts } from './questions.js';
import { reportContracts } from './report.js';
import type { RouteContract } from './route-contract.js';
import { systemContracts } from './system.js';
import { workloadContracts } from './workloads.js';

export function routeContracts(budgets: ServerBudgets): RouteContract[] {
  return [
    ...nodeContracts(budgets),
    ...podContracts(budgets),
    ...objectContracts(budgets),
    ...questionContracts(budgets),
    ...workloadContracts(budgets),
    ...extenderContracts(),
    ...systemContracts(),
    ...reportContracts(),
  ];
}

/** `PUT /v1/nodes/:name` → its contract. */
export function contractKey(method: string, path: string): string {
  return `${method} ${path}`;
}
