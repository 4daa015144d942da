/** Health, readiness, metrics, and this document: answered at once, outside the admission queue. */
import type { RouteContract } from './route-contract.js';
import { anyObject, count, errorResponses, open, string } from './schema.js';

export function systemContracts(): RouteContract[] {
  return [
    {
      method: 'GET', path: '/healthz', tag: 'system', summary: 'The process serves',
      responses: { 200: { description: 'Always, while the process runs.', schema: open({ status: { const: 'ok' } }) }, ...errorResponses },
    },
    {
      method: 'GET', path: '/readyz', tag: 'system', summary: 'A node set is loaded',
      responses: {
        200: { description: 'Ready: questions are answered over this many nodes.', schema: open({ status: { const: 'ready' }, nodes: count }) },
        503: { description: 'Not ready: no node set yet (start with `--nodes` or `PUT /v1/nodes`).', schema: open({ status: { const: 'not ready' }, reason: string() }) },
        '4XX': errorResponses['4XX'],
      },
    },
    {
      method: 'GET', path: '/metrics', tag: 'system', summary: 'Prometheus metrics',
      responses: { 200: { description: 'The text exposition format.', schema: string(), contentType: 'text/plain; version=0.0.4; charset=utf-8' }, ...errorResponses },
    },
    {
      method: 'GET', path: '/openapi.json', tag: 'system', summary: 'This document (OpenAPI 3.1)',
      responses: { 200: { description: 'The contract of every route, with the limits of this server.', schema: open({ openapi: string(), info: anyObject(), paths: anyObject() }) }, ...errorResponses },
    },
  ];
}
