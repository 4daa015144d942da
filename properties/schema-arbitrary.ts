/**
 * Requests generated from the route contracts' JSON Schemas, as a client generator would read them:
 * every property of the schema, present or not (required ones always), every type of a union, every
 * value of an enum, arrays up to one item past their `maxItems`. Kubernetes objects, which the
 * schemas describe loosely, come from the shared arbitraries instead (`kubernetesObject` picks the
 * kind). Off the schema, now and then: any JSON value in a field's place.
 */
import fc from 'fast-check';
import type { JsonSchema, JsonType } from '../src/server/contract/schema.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How an object the schema only says is a Kubernetes object is generated, from its description. */
export type KubernetesObjectArb = (description: string) => fc.Arbitrary<Json>;

export interface SchemaArbOptions {
  readonly kubernetesObject: KubernetesObjectArb;
  /** Strings for a property by name (`now`: times; `node`: node names); default: short strings. */
  readonly strings?: (property: string) => fc.Arbitrary<string> | undefined;
  /** Items an array has at most, short of its `maxItems` (default 3). */
  readonly maxLength?: number;
}

/** A Kubernetes object, as the contracts describe one (see `kubernetesObject` in contract/schema.ts). */
function isKubernetesObject(schema: JsonSchema): boolean {
  return schema.additionalProperties === true && schema.properties?.['apiVersion'] !== undefined && schema.properties['kind'] !== undefined;
}

const offSchema: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;

function ofType(type: JsonType, schema: JsonSchema, options: SchemaArbOptions, name: string): fc.Arbitrary<Json> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'string':
      return options.strings?.(name) ?? fc.string({ maxLength: Math.min(schema.maxLength ?? 12, 12) });
    case 'array': {
      const items = schema.items ? schemaArb(schema.items, options, name) : offSchema;
      const max = schema.maxItems;
      const short = fc.array(items, { maxLength: Math.min(options.maxLength ?? 3, max ?? Infinity) });
      // One past the limit: the schema says it is refused.
      return max === undefined ? short : fc.oneof({ weight: 5, arbitrary: short }, { weight: 1, arbitrary: fc.array(items, { minLength: max + 1, maxLength: max + 1 }) });
    }
    case 'object': {
      if (isKubernetesObject(schema)) return options.kubernetesObject(schema.description ?? '');
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, property] of Object.entries(properties)) model[key] = schemaArb(property, options, key);
      const record = fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) }) as fc.Arbitrary<Record<string, Json>>;
      if (typeof schema.additionalProperties === 'object') {
        const values = schemaArb(schema.additionalProperties, options, name);
        return fc.tuple(record, fc.dictionary(fc.string({ maxLength: 8 }), values, { maxKeys: 3 })).map(([known, extra]) => ({ ...extra, ...known }));
      }
      return record;
    }
  }
}

/** An arbitrary of the values `schema` describes (mostly), for a property called `name`. */
export function schemaArb(schema: JsonSchema, options: SchemaArbOptions, name = ''): fc.Arbitrary<Json> {
  let arb: fc.Arbitrary<Json>;
  if (schema.enum) arb = fc.constantFrom(...(schema.enum as Json[]));
  else if (schema.const !== undefined) arb = fc.constant(schema.const);
  else if (schema.anyOf ?? schema.oneOf) arb = fc.oneof(...(schema.anyOf ?? schema.oneOf ?? []).map((s) => schemaArb(s, options, name)));
  else if (schema.type === undefined) arb = offSchema;
  else {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type as JsonType];
    arb = fc.oneof(...types.map((type) => ofType(type, schema, options, name)));
  }
  return fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: offSchema });
}
