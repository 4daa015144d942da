/**
 * A route's contract: what it accepts (path parameters, query, body) and what it answers, per
 * status, as JSON Schemas. The server validates requests against it before the handler runs (see
 * validate-request.ts), the OpenAPI document is generated from it (openapi.ts), and the tests check
 * every answer against it. Adding a route is adding its contract to one module and the module to
 * contracts.ts; the route table refuses a route without one.
 */
import type { JsonSchema } from './schema.js';

/** The methods the API uses. */
export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** One answer a route gives. */
export interface ResponseContract {
  readonly description: string;
  readonly schema: JsonSchema;
  /** Default `application/json`. */
  readonly contentType?: string;
}

/** `200`, `201`, `503`, ... or a class of statuses (`4XX`, `5XX`), as OpenAPI writes them. */
export type StatusKey = `${number}` | '4XX' | '5XX';

export interface RouteContract {
  readonly method: Method;
  /** Fastify's form: `/v1/nodes/:name`. */
  readonly path: string;
  /** One line: what the route does. */
  readonly summary: string;
  readonly description?: string;
  /** Groups routes in the document (`nodes`, `questions`, ...). */
  readonly tag: string;
  /** The path parameters: an object schema whose properties are the parameters. */
  readonly params?: JsonSchema;
  /** The query parameters, likewise. */
  readonly query?: JsonSchema;
  /** The JSON body, when the route reads one. */
  readonly body?: JsonSchema;
  /**
   * The body is streamed to the route's own parser (`PUT /v1/nodes`: decoded off the event loop),
   * which checks it with the same validators; the schema documents it and is not run by the server.
   */
  readonly bodyParsedByRoute?: boolean;
  readonly responses: Readonly<Partial<Record<StatusKey, ResponseContract>>>;
}

/** The contract answering a status: the exact status, else its class. */
export function responseFor(contract: RouteContract, status: number): ResponseContract | undefined {
  return contract.responses[`${status}`] ?? contract.responses[`${Math.floor(status / 100)}XX` as StatusKey];
}
