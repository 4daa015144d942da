/** The path and query parameters routes share. */
import { maxPathParameterCharacters } from '../budgets.js';
import { object, string, type JsonSchema } from './schema.js';

/** One path parameter: a name of up to the router's limit (longer: 414 before any route runs). */
export const pathName = (what: string): JsonSchema => string(what, { minLength: 1, maxLength: maxPathParameterCharacters });

/** `{name}`. */
export const nameParams = (what: string): JsonSchema => object({ name: pathName(what) });

/** `{namespace}/{name}`. */
export const namespacedParams: JsonSchema = object({ namespace: pathName('the namespace'), name: pathName('the name') });

/** `?explain=`: how much why-not an answer carries. The order is the one errors list. */
export const explainValues = ['nodes', 'groups', 'none', 'false', 'true'] as const;

/** A query with `explain` (other parameters are ignored, as before). */
export const explainQuery: JsonSchema = {
  type: 'object',
  properties: {
    explain: {
      enum: explainValues,
      description: '`nodes` (default; `true` too): every ineligible node with its reasons; `groups`: one entry per group of equally explained nodes; `none`: names only; `false`: the counts alone, from the index',
    },
  },
  additionalProperties: true,
};
