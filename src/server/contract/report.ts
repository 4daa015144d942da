/** The placement map: the page and the data it polls. */
import type { RouteContract } from './route-contract.js';
import { anyObject, array, count, errorResponses, integer, nodeNames, open, string, type JsonSchema } from './schema.js';
import { namespacedParams } from './params.js';

/** `?groupBy=`: a label key (checked as the API server checks label keys). */
const groupBy: JsonSchema = { type: 'string', description: 'draw pools by this label key instead of the default list' };
const groupByQuery: JsonSchema = { type: 'object', properties: { groupBy }, additionalProperties: true };

/** The map as `placement report -o json` prints it (details are fetched per workload). */
const reportAnswer = open({
  kind: { const: 'PlacementReport' },
  generatedAt: string('RFC 3339'),
  groupBy: array(string()),
  nodes: open({ total: count, cordoned: count, notReady: count }),
  pools: array(anyObject()),
  workloads: array(anyObject()),
});

const detailsAnswer = open({
  id: string(),
  message: string(),
  groups: array(anyObject()),
  moreGroups: open({ groups: count, nodes: count }),
  why: anyObject(),
  daemonset: anyObject("a DaemonSet's coverage"),
}, ['id', 'message', 'groups', 'moreGroups', 'why']);

export function reportContracts(): RouteContract[] {
  return [
    {
      method: 'GET', path: '/', tag: 'report', query: groupByQuery, summary: 'The placement map page',
      responses: { 200: { description: 'HTML.', schema: string(), contentType: 'text/html; charset=utf-8' }, ...errorResponses },
    },
    {
      method: 'GET', path: '/v1/report', tag: 'report', query: groupByQuery, summary: 'The map over the live nodes and registered workloads',
      responses: { 200: { description: '`placement report -o json`, without `details`.', schema: reportAnswer }, ...errorResponses },
    },
    {
      method: 'GET', path: '/v1/report/version', tag: 'report', summary: 'Moves when the nodes or the registered workloads change',
      responses: { 200: { description: 'A number to compare.', schema: open({ version: integer() }) }, ...errorResponses },
    },
    {
      method: 'GET', path: '/v1/report/workloads/:namespace/:name', tag: 'report', params: namespacedParams, summary: "A registered workload's details",
      responses: { 200: { description: 'Grouped why-not, `why`, and a DaemonSet\'s coverage.', schema: detailsAnswer }, ...errorResponses },
    },
    {
      method: 'GET', path: '/v1/report/pool-nodes', tag: 'report',
      query: { type: 'object', properties: { pool: string('a pool of the map'), groupBy }, required: ['pool'], additionalProperties: true },
      summary: 'The node names of a pool of the map',
      responses: { 200: { description: 'The pool and its nodes.', schema: open({ pool: string(), nodes: nodeNames }) }, ...errorResponses },
    },
  ];
}
