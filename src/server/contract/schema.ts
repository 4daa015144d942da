/**
 * The building blocks of the route contracts: a JSON Schema type (the 2020-12 subset the contracts
 * use, which is what OpenAPI 3.1 embeds), a few constructors that keep the contract modules short,
 * and the shapes every route shares: a Kubernetes object (described loosely: placement's own
 * validators check it, with the API server's field paths) and the error envelope.
 */

/** A JSON Schema, as the contracts write them. */
export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  /** `true` where an answer may gain keys (new score plugins, new fields); never omitted in a contract. */
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly const?: string | number | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly maxProperties?: number;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  /** What a wrong-typed value is told it must be, when the type names alone say too little (`a number of seconds or ...`). */
  readonly 'x-expected'?: string;
}

/** The annotation keywords the contracts add to JSON Schema (OpenAPI allows `x-` extensions). */
export const annotationKeywords = ['x-expected'] as const;

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** A closed object: these properties (`required` lists the ones always present), nothing else. */
export function object(properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties), description?: string): JsonSchema {
  return { type: 'object', ...(description ? { description } : {}), properties, required, additionalProperties: false };
}

/**
 * An answer's object that other keys may join later (a client must ignore keys it does not know,
 * as Kubernetes clients do): the listed ones are always there.
 */
export function open(properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties), description?: string): JsonSchema {
  return { type: 'object', ...(description ? { description } : {}), properties, required, additionalProperties: true };
}

export function array(items: JsonSchema, extra: Omit<JsonSchema, 'type' | 'items'> = {}): JsonSchema {
  return { type: 'array', items, ...extra };
}

export function string(description?: string, extra: Omit<JsonSchema, 'type'> = {}): JsonSchema {
  return { type: 'string', ...(description ? { description } : {}), ...extra };
}

export function integer(description?: string, extra: Omit<JsonSchema, 'type'> = {}): JsonSchema {
  return { type: 'integer', ...(description ? { description } : {}), ...extra };
}

export function number(description?: string): JsonSchema {
  return { type: 'number', ...(description ? { description } : {}) };
}

export const boolean: JsonSchema = { type: 'boolean' };

/**
 * Any object, whatever its keys. Always with `additionalProperties: true`: a bare `{type: object}`
 * serialized through its schema (fast-json-stringify) would come out `{}`.
 */
export function anyObject(description?: string): JsonSchema {
  return { type: 'object', ...(description ? { description } : {}), additionalProperties: true };
}

/** A count of nodes, items, seconds: an integer ≥ 0. */
export const count: JsonSchema = { type: 'integer', minimum: 0 };

/** A list of node names. */
export const nodeNames: JsonSchema = { type: 'array', items: { type: 'string' } };

/** `value` or JSON `null` (an absent optional field in Go's encoding). */
export function nullable(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  if (type === undefined) return { anyOf: [schema, { type: 'null' }] };
  return { ...schema, type: [...(Array.isArray(type) ? type : [type]), 'null'] as JsonType[] };
}

/**
 * A Kubernetes object as sent or stored: placement's own decoders and validators check it field by
 * field (with `at` naming where it sits in the body), so the schema only says it is an object.
 */
export function kubernetesObject(description: string): JsonSchema {
  return {
    type: 'object',
    description: `${description}. Checked by placement's validators as the API server checks it; the schema names the usual fields only.`,
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: anyObject() },
    additionalProperties: true,
  };
}

/** One field error of the envelope. */
export const fieldErrorSchema = object(
  {
    field: string('the path of the field, as the API server prints it (`spec.tolerations[0].operator`)'),
    message: string('the rest of the API server\'s line (`Unsupported value: "exists": supported values: ...`)'),
    at: string('which object of the body the field belongs to (`pod`, `pods[2]`, `items[3]`)'),
  },
  ['field', 'message'],
);

/** The envelope of every 4xx and 5xx answer. */
export const errorSchema = object({
  error: object({
    code: string('what went wrong, for programs (`invalid`, `not-found`, `too-many`, `overloaded`, ...)'),
    message: string('what went wrong, for people'),
    errors: array(fieldErrorSchema),
  }),
}, ['error'], 'An error: 4xx for the request, 503 for load (with Retry-After), 500 for a bug in placement.');

/** Every route's error answers. */
export const errorResponses = {
  '4XX': { description: 'The request is wrong: the envelope names the field (`errors[].field`) and the object (`errors[].at`).', schema: errorSchema },
  '5XX': { description: '503: busy or out of time, sent again after `Retry-After` seconds; 500: a bug in placement.', schema: errorSchema },
} as const;
