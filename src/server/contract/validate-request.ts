/**
 * The server's request validation: one ajv instance, configured to check and never to change a
 * request (no type coercion, no defaults, no removed properties: what the client sent is what the
 * handler reads), stopping at the first problem (a body with a million errors costs one).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { annotationKeywords } from './schema.js';
import { schemaError, type RequestPart } from './schema-errors.js';

/** A validator compiler for Fastify's route schemas (`setValidatorCompiler`). */
export function requestValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv({ allErrors: false, verbose: true, coerceTypes: false, useDefaults: false, removeAdditional: false, strict: true, strictTypes: false, allowUnionTypes: true });
  for (const keyword of annotationKeywords) ajv.addKeyword(keyword);
  return ({ schema, httpPart }) => {
    const validate: ValidateFunction = ajv.compile(schema as object);
    const part = (httpPart ?? 'body') as RequestPart;
    return (data: unknown) => {
      // Fastify passes a missing body as null, like a JSON `null`: the handler tells the two apart
      // (a missing body reads as `{}`, `null` is not an object), so neither is checked here.
      if (part === 'body' && data === null) return true;
      if (validate(data)) return true;
      return { error: schemaError(validate.errors ?? [], part) };
    };
  };
}
