/**
 * The OpenAPI 3.1 document, generated from the route contracts (the schemas the server validates
 * with), with the server's budgets where a reader looks for them: `maxItems` in the schemas, body
 * size and nesting on each request body, every budget under `x-placement-budgets`, the input
 * limits on the Kubernetes objects under `x-placement-input-limits`. Generated here
 * rather than by @fastify/swagger: the contracts are plain data already, the document stays
 * byte-stable for the committed copy, and the routes with their own body parser need no special case.
 */
import { limits } from '../../model/limits.js';
import { defaultServerBudgets, type ServerBudgets } from '../budgets.js';
import { routeContracts } from './contracts.js';
import type { RouteContract } from './route-contract.js';
import { named } from './named-schemas.js';
import type { JsonSchema } from './schema.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `/v1/nodes/:name` → `/v1/nodes/{name}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

/** `PUT /v1/nodes/:name` → `putV1NodesName`. */
export function operationId(contract: RouteContract): string {
  const words = contract.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const tail = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Root';
  return contract.method.toLowerCase() + tail;
}


/** A schema as the document writes it: a named one by reference. */
function schemaJson(schema: JsonSchema, inline = false): Json {
  const name = inline ? undefined : named.get(schema);
  if (name) return { $ref: `#/components/schemas/${name}` };
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, schemaJson(v)]));
    else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) out[key] = schemaJson(value as JsonSchema);
    else if (key === 'anyOf' || key === 'oneOf') out[key] = (value as JsonSchema[]).map((v) => schemaJson(v));
    else out[key] = value as Json;
  }
  return out;
}

/** Path or query parameters from an object schema's properties. */
function parameters(schema: JsonSchema | undefined, where: 'path' | 'query'): Json[] {
  if (!schema?.properties) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: schemaJson(rest),
    };
  });
}

function operation(contract: RouteContract, budgets: ServerBudgets): Json {
  const params = [...parameters(contract.params, 'path'), ...parameters(contract.query, 'query')];
  const responses: Record<string, Json> = {};
  for (const [status, response] of Object.entries(contract.responses)) {
    if (!response) continue;
    responses[status] = { description: response.description, content: { [response.contentType ?? 'application/json']: { schema: schemaJson(response.schema) } } };
  }
  return {
    operationId: operationId(contract),
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    tags: [contract.tag],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(contract.body
      ? {
          requestBody: {
            required: contract.bodyParsedByRoute === true,
            content: { 'application/json': { schema: schemaJson(contract.body) } },
            'x-max-body-bytes': budgets.maxBodyBytes,
            'x-max-nesting-depth': budgets.maxDepth,
          },
        }
      : {}),
    responses,
  };
}

/** The document for a server with these budgets. */
export function openApiDocument(contracts: readonly RouteContract[], budgets: ServerBudgets): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const contract of contracts) {
    const item = (paths[openApiPath(contract.path)] ??= {});
    item[contract.method.toLowerCase()] = operation(contract, budgets);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'placement serve',
      version: 'v1',
      summary: "On which nodes may this pod or DaemonSet run, and why not: kube-scheduler v1.35's semantics over a live node set.",
      description: 'Bodies are JSON (`Content-Type: application/json`). Kubernetes objects in requests are checked by placement\'s validators, field by field, as the API server checks them; every error answer is the envelope `Error`, naming the field. Limits: `maxItems` in the schemas, `x-max-body-bytes` and `x-max-nesting-depth` on each body, all budgets under `x-placement-budgets`, and the limits on the objects themselves (terms, values, tolerations, lengths) under `x-placement-input-limits`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    'x-placement-budgets': { ...budgets },
    // The limits on the Kubernetes objects themselves, checked by placement's validators (the schemas describe those objects loosely).
    'x-placement-input-limits': Object.fromEntries(Object.entries(limits).map(([name, l]) => [name, { value: l.value, unit: l.unit, what: l.what, enforced: l.enforced }])),
    paths,
    components: { schemas: Object.fromEntries([...named].map(([schema, name]) => [name, schemaJson(schema, true)])) },
  };
}

/** The document as text (2-space indented, ending in a newline), as served and as committed in docs/openapi.json. */
export function openApiText(budgets: ServerBudgets = defaultServerBudgets): string {
  return `${JSON.stringify(openApiDocument(routeContracts(budgets), budgets), null, 2)}\n`;
}

