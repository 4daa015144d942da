/**
 * JSONPath over a node object, for policy `fields`. jsonpath-plus had remote-code-execution CVEs
 * through its filter and script evaluators, so every read here passes `eval: false` (the library
 * then throws on `[?(...)]` and `[(...)]` instead of running them), and {@link checkJsonPath}
 * rejects such expressions up front: jsonpath-plus only notices them when the walk reaches them,
 * which depends on the node's data, and it silently drops unbalanced brackets.
 */
import { JSONPath } from 'jsonpath-plus';

/** Characters that only occur, outside quotes, in filters (`?(`), scripts (`(`) and type selectors (`@type()`). */
const codeCharacters = new Set(['(', ')', '?', '@']);

/** Scans outside quotes: unbalanced brackets, unterminated quotes, and code characters. */
function scanProblems(path: string): string | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '`') i += 1; // jsonpath-plus escapes the next character with a backtick
    else if (c === '[') depth += 1;
    else if (c === ']' && --depth < 0) return `unbalanced "]" at offset ${i}`;
    else if (codeCharacters.has(c)) {
      return `filter, script and type expressions (${JSON.stringify(c)} at offset ${i}) are not allowed: fields are read with JSONPath evaluation disabled`;
    }
  }
  if (quote) return `unterminated ${quote} quote`;
  if (depth > 0) return 'unbalanced "["';
  return undefined;
}

/** Why a JSONPath is not accepted for a policy field, or `undefined` when it is. */
export function checkJsonPath(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'must be a JSONPath string';
  if (!path.startsWith('$')) return 'must start with "$" (the node object)';
  const problem = scanProblems(path);
  if (problem) return problem;
  try {
    JSONPath.toPathArray(path);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

/**
 * Every value the path selects in `json`, in document order (`[]` when none). Never evaluates code:
 * `eval: false`, always. A filter or script in an unchecked path throws the library's
 * "Eval [?(expr)] prevented" error instead of running.
 */
export function readJsonPath(json: object, path: string): unknown[] {
  const found: unknown = JSONPath({ path, json, eval: false, wrap: true, resultType: 'value' });
  return Array.isArray(found) ? found : [];
}

/** A policy field's value: the one value the path selects, `null` when none, a list when several. */
export function readFieldValue(json: object, path: string): unknown {
  const values = readJsonPath(json, path);
  if (values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}
