/** `GET /openapi.json`: the contract of every route, with this server's budgets (see contract/openapi.ts). */
import type { ServerBudgets } from './budgets.js';
import { openApiText } from './contract/openapi.js';
import type { RouteTable } from './route-table.js';

export function registerOpenApiRoute(routes: RouteTable, budgets: ServerBudgets): void {
  // Built once: the contracts and budgets do not change while the server runs.
  const text = openApiText(budgets);
  routes.add('GET', '/openapi.json', (_request, reply) => {
    void reply.type('application/json; charset=utf-8');
    return text;
  }, { direct: true });
}
