/**
 * JSONPath over a node object, for policy `fields`: a small allow-list grammar checked when the
 * policy loads, then evaluated by jsonpath-plus with `eval: false`. jsonpath-plus had
 * remote-code-execution CVEs through its filter and script evaluation, so no user text reaches it:
 * the grammar has no filters (`[?(...)]`), scripts (`[(...)]`), type selectors (`@string()`),
 * unions or slices, a quoted name that looks like one (`$['?(@.x)']`) is refused, and quoted names
 * keep to the characters of label keys and resource names, so the path jsonpath-plus receives is
 * one placement wrote from the parsed segments, which its parser reads back as the same segments.
 *
 * ```
 * path     = "$" segment*
 * segment  = "." name | ".*" | "[" selector "]" | ".." name | "..*" | "..[" selector "]"
 * selector = 'quoted name' | "quoted name" | index | "*"
 * name     = letter or "_", then letters, digits, "_" or "-"
 * index    = digits (arrays only)
 * ```
 * Inside quotes, `\` escapes the next character. Names read own properties of objects, indexes
 * read array items, `*` every child, `..` the value itself and every descendant, in document order.
 */
import { JSONPath } from 'jsonpath-plus';
import { limits } from '../model/limits.js';

/** One step of a parsed path. */
export type JsonPathSegment =
  | { readonly kind: 'name'; readonly name: string; readonly descendants: boolean }
  | { readonly kind: 'index'; readonly index: number; readonly descendants: boolean }
  | { readonly kind: 'wildcard'; readonly descendants: boolean };

/** A parsed path, or why the text is not one. */
export type ParsedJsonPath = { readonly ok: true; readonly segments: readonly JsonPathSegment[] } | { readonly ok: false; readonly reason: string };

const nameStart = /[A-Za-z_]/;
const namePart = /[A-Za-z0-9_-]/;
/** Quoted names that read as a filter, script or type selector in general JSONPath. */
const codeLike = /^\s*(\?\s*\(|\(|@)/;
/** Characters a quoted name may hold: those of label keys, annotation keys and resource names. */
const quotedName = /^[A-Za-z0-9._/-]+$/;

function unexpected(text: string, at: number): ParsedJsonPath {
  const found = at < text.length ? JSON.stringify(text[at]) : 'the end';
  return {
    ok: false,
    reason: `unexpected ${found} at offset ${at}: fields use plain JSONPath ($.name, ['name'], [0], [*], .*, ..name); filters, scripts and type selectors are not allowed`,
  };
}

/** Reads a quoted name starting at `text[at]` (the quote); returns it and the offset after the closing quote. */
function readQuoted(text: string, at: number): { name: string; end: number } | undefined {
  const quote = text[at]!;
  let name = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (i + 1 >= text.length) return undefined;
      name += text[++i];
    } else if (c === quote) return { name, end: i + 1 };
    else name += c;
  }
  return undefined;
}

/** Reads `[selector]` at `text[at]` (the `[`). */
function readBracket(text: string, at: number, descendants: boolean): { segment: JsonPathSegment; end: number } | ParsedJsonPath {
  let i = at + 1;
  const c = text[i];
  let segment: JsonPathSegment;
  if (c === "'" || c === '"') {
    const quoted = readQuoted(text, i);
    if (!quoted) return { ok: false, reason: `unterminated ${c} quote at offset ${i}` };
    if (codeLike.test(quoted.name)) {
      return { ok: false, reason: `${JSON.stringify(quoted.name)} at offset ${i} reads like a filter or script expression, which placement never evaluates` };
    }
    if (!quotedName.test(quoted.name)) {
      return { ok: false, reason: `${JSON.stringify(quoted.name)} at offset ${i}: quoted names hold letters, digits, ".", "_", "/" and "-" (as label keys and resource names do)` };
    }
    segment = { kind: 'name', name: quoted.name, descendants };
    i = quoted.end;
  } else if (c === '*') {
    segment = { kind: 'wildcard', descendants };
    i += 1;
  } else if (c !== undefined && c >= '0' && c <= '9') {
    let end = i;
    while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++;
    segment = { kind: 'index', index: Number(text.slice(i, end)), descendants };
    i = end;
  } else return unexpected(text, i);
  if (text[i] !== ']') return unexpected(text, i);
  return { segment, end: i + 1 };
}

/** Parses a policy field's JSONPath (see the module comment); linear in its length, which is bounded first. */
export function parseJsonPath(text: string): ParsedJsonPath {
  if (text.length > limits.jsonPathCharacters.value) {
    return { ok: false, reason: `must be at most ${limits.jsonPathCharacters.value} characters (placement limit jsonPathCharacters)` };
  }
  if (!text.startsWith('$')) return { ok: false, reason: 'must start with "$" (the node object)' };
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    let descendants = false;
    if (text.startsWith('..', i)) {
      descendants = true;
      i += 2;
    } else if (text[i] === '.') i += 1;
    else if (text[i] !== '[') return unexpected(text, i);
    if (text[i] === '[') {
      const read = readBracket(text, i, descendants);
      if ('ok' in read) return read;
      segments.push(read.segment);
      i = read.end;
    } else if (text[i] === '*') {
      segments.push({ kind: 'wildcard', descendants });
      i += 1;
    } else if (text[i] !== undefined && nameStart.test(text[i]!)) {
      let end = i + 1;
      while (end < text.length && namePart.test(text[end]!)) end++;
      segments.push({ kind: 'name', name: text.slice(i, end), descendants });
      i = end;
    } else return unexpected(text, i);
    if (segments.length > limits.jsonPathSegments.value) {
      return { ok: false, reason: `must have at most ${limits.jsonPathSegments.value} segments (placement limit jsonPathSegments)` };
    }
  }
  return { ok: true, segments };
}

/** Why a JSONPath is not accepted for a policy field, or `undefined` when it is. */
export function checkJsonPath(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'must be a JSONPath string';
  const parsed = parseJsonPath(path);
  return parsed.ok ? undefined : parsed.reason;
}

/** The path text placement hands jsonpath-plus: every name quoted, so its parser reads the same segments back. */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let out = '$';
  for (const segment of segments) {
    if (segment.descendants) out += '..';
    out += segment.kind === 'wildcard' ? '[*]' : segment.kind === 'index' ? `[${segment.index}]` : `['${segment.name}']`;
  }
  return out;
}

/** Every value a parsed path selects in `json`, in document order (`[]` when none); never evaluates code. */
export function evaluateJsonPath(json: unknown, segments: readonly JsonPathSegment[]): unknown[] {
  if (segments.length === 0) return [json];
  if (typeof json !== 'object' || json === null) return [];
  return JSONPath({ path: formatJsonPath(segments), json, eval: false, wrap: true, resultType: 'value' }) as unknown[];
}

// Paths are read once per node: parse each text once. Bounded: cleared when it outgrows every policy's fields.
const parsedPaths = new Map<string, ParsedJsonPath>();

/**
 * Every value the path text selects in `json` (`[]` when none). The text must have passed
 * {@link checkJsonPath}; anything else selects nothing.
 */
export function readJsonPath(json: unknown, path: string): unknown[] {
  let parsed = parsedPaths.get(path);
  if (!parsed) {
    if (parsedPaths.size >= limits.policies.value * 4) parsedPaths.clear();
    parsedPaths.set(path, (parsed = parseJsonPath(path)));
  }
  return parsed.ok ? evaluateJsonPath(json, parsed.segments) : [];
}

/** A policy field's value: the one value the path selects, `null` when none, a list when several. */
export function readFieldValue(json: unknown, path: string): unknown {
  const values = readJsonPath(json, path);
  if (values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}
