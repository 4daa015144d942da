/**
 * Checks an answer against its route's contract, as a client's own tests would: the route found
 * by method and path, the response contract by status (exact, else its class), the body validated
 * with every problem listed. Used by the server's tests; exported for tools that test against a
 * placement server.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { contractKey } from './contracts.js';
import { responseFor, type RouteContract } from './route-contract.js';
import { annotationKeywords } from './schema.js';

/** `/v1/nodes/:name` → a RegExp matching one segment per parameter. */
function pathPattern(path: string): RegExp {
  const source = path.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${source}$`);
}

/** Checks answers against contracts; `check` returns the problems (empty: the answer keeps the contract). */
export class AnswerChecker {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  private readonly routes: { contract: RouteContract; pattern: RegExp; literal: boolean }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(contracts: readonly RouteContract[]) {
    for (const keyword of annotationKeywords) this.ajv.addKeyword(keyword);
    // Literal paths first: `/v1/daemonset/rollout` is not `/v1/daemonset/:x`.
    this.routes = contracts.map((contract) => ({ contract, pattern: pathPattern(contract.path), literal: !contract.path.includes(':') }));
    this.routes.sort((a, b) => Number(b.literal) - Number(a.literal));
  }

  /** The contract of a request (`url` may carry a query). */
  contractOf(method: string, url: string): RouteContract | undefined {
    const path = url.split('?', 1)[0] ?? '';
    return this.routes.find((r) => r.contract.method === method && r.pattern.test(path))?.contract;
  }

  /** Problems of one answer; `body` is the parsed JSON, or the text for non-JSON answers. */
  check(method: string, url: string, status: number, body: unknown): string[] {
    const contract = this.contractOf(method, url);
    if (!contract) return [`no contract for ${method} ${url}`];
    const response = responseFor(contract, status);
    if (!response) return [`${contractKey(method, contract.path)} declares no answer with status ${status}`];
    const key = `${contractKey(method, contract.path)} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) this.compiled.set(key, (validate = this.ajv.compile(response.schema as object)));
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
  }
}
