/**
 * The contracts as TypeScript declarations (src/server/contract/http-types.ts, exported by the
 * package), so a tool calling the server types its requests and answers from the same schemas the
 * server validates with. Written by `npm run openapi`; a test fails while the committed file is stale.
 * Answer objects are open in the schemas (keys may be added) but closed here: a client sees the
 * keys of its version. Kubernetes objects accept any object type (`V1Pod` of a client library too).
 */
import type { ServerBudgets } from '../budgets.js';
import { named } from './named-schemas.js';
import type { RouteContract } from './route-contract.js';
import type { JsonSchema } from './schema.js';

/** The exported name of a named schema: `Http` + its component name. */
const typeName = (component: string): string => (component === 'Error' ? 'HttpErrorBody' : `Http${component}`);

const identifier = /^[A-Za-z_$][\w$]*$/;
const key = (name: string): string => (identifier.test(name) ? name : JSON.stringify(name));

function comment(text: string | undefined, indent: string): string {
  return text ? `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n` : '';
}

/** Is a type text a union at its top level (outside braces, brackets and parentheses)? */
function isUnion(type: string): boolean {
  let depth = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (c === '{' || c === '(' || c === '<' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === '>' || c === ']') depth--;
    else if (c === '"') i = type.indexOf('"', i + 1);
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function isKubernetesObject(schema: JsonSchema): boolean {
  return schema.additionalProperties === true && schema.properties?.['apiVersion'] !== undefined && schema.properties['kind'] !== undefined;
}

/** A TypeScript type for a schema (`top`: a named schema's own definition, not a reference to it). */
export function typeOf(schema: JsonSchema, indent = '', top = false): string {
  const name = top ? undefined : named.get(schema);
  if (name) return typeName(name);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => typeOf(s, indent)).join(' | ');
  if (isKubernetesObject(schema)) return 'HttpKubernetesObject';
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length === 0) return 'unknown';
  return types.map((type) => {
    switch (type) {
      case 'null': return 'null';
      case 'boolean': return 'boolean';
      case 'integer': case 'number': return 'number';
      case 'string': return 'string';
      case 'array': {
        const item = schema.items ? typeOf(schema.items, indent) : 'unknown';
        return isUnion(item) ? `readonly (${item})[]` : `readonly ${item}[]`;
      }
      case 'object': {
        const properties = Object.entries(schema.properties ?? {});
        if (properties.length === 0) {
          const values = typeof schema.additionalProperties === 'object' ? typeOf(schema.additionalProperties, indent) : 'unknown';
          return `Readonly<Record<string, ${values}>>`;
        }
        const required = new Set(schema.required ?? []);
        const inner = `${indent}  `;
        const lines = properties.map(([k, v]) => `${comment(v.description, inner)}${inner}readonly ${key(k)}${required.has(k) ? '' : '?'}: ${typeOf(v, inner)};`);
        return `{\n${lines.join('\n')}\n${indent}}`;
      }
    }
  }).join(' | ');
}

/** What one route takes and gives. */
function routeType(contract: RouteContract): string {
  const parts: string[] = [];
  const indent = '    ';
  if (contract.params) parts.push(`${indent}readonly params: ${typeOf(contract.params, indent)};`);
  if (contract.query) parts.push(`${indent}readonly query: ${typeOf(contract.query, indent)};`);
  if (contract.body) parts.push(`${indent}readonly body: ${typeOf(contract.body, indent)};`);
  const responses = Object.entries(contract.responses).map(([status, r]) => `${indent}  readonly ${key(status)}: ${typeOf(r!.schema, `${indent}  `)};`);
  parts.push(`${indent}readonly responses: {\n${responses.join('\n')}\n${indent}};`);
  return `${comment(contract.summary, '  ')}  readonly ${JSON.stringify(`${contract.method} ${contract.path}`)}: {\n${parts.join('\n')}\n  };`;
}

/** The declarations file. */
export function renderTypes(contracts: readonly RouteContract[], _budgets: ServerBudgets): string {
  const out = [
    '// Generated from the route contracts by `npm run openapi`; do not edit. (src/server/contract/typescript.ts)',
    '/* eslint-disable */',
    '',
    '/** A Kubernetes object in a request or an answer: any object (placement\'s validators check it field by field). */',
    '// `any`, not `unknown`: an interface or class type (a client library\'s V1Pod) then fits too.',
    'export type HttpKubernetesObject = { readonly apiVersion?: string; readonly kind?: string; readonly metadata?: { readonly [key: string]: any }; readonly [key: string]: any };',
    '',
  ];
  for (const [schema, name] of named) out.push(`${comment(schema.description, '')}export type ${typeName(name)} = ${typeOf(schema, '', true)};`, '');
  out.push('/** Every route (`METHOD /path/:param`): its path parameters, query, JSON body and answers by status. */');
  out.push('export interface HttpRoutes {');
  out.push(contracts.map(routeType).join('\n'));
  out.push('}', '');
  out.push('/** The JSON body of a route. */');
  out.push("export type HttpRequestBody<R extends keyof HttpRoutes> = HttpRoutes[R] extends { readonly body: infer B } ? B : never;");
  out.push('/** The successful answer of a route. */');
  out.push("export type HttpAnswer<R extends keyof HttpRoutes> = HttpRoutes[R]['responses'] extends { readonly 200: infer A } ? A : HttpRoutes[R]['responses'] extends { readonly 201: infer A } ? A : never;");
  out.push('');
  return out.join('\n');
}
