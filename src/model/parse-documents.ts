/**
 * Text → Kubernetes objects. JSON or YAML (multi-document), a single object or a `List`/`NodeList`
 * exactly as `kubectl get ... -o json|yaml` prints it; lists are flattened into their items.
 * YAML is read as kubectl's decoder (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1) reads merge keys:
 * `<<: *base` merges the base map, keys written beside it win. Every budget (text size, YAML
 * documents and aliases, nesting, objects) is checked before the text is parsed or as it is.
 */
import { parseAllDocuments } from 'yaml';
import { PlacementError } from '../errors.js';
import { isObject, own, type JsonObject } from './decode.js';
import { decodeText } from './decode-text.js';
import { limits } from './limits.js';

/** One object read from a file, with where it came from. */
export interface SourceObject {
  readonly object: JsonObject;
  /** The file name, or `-` for stdin. */
  readonly file: string;
  /** Its position in the file when the file holds several objects, e.g. `items[3]` or `document 2`. */
  readonly at?: string;
}

function parseJson(text: string, file: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PlacementError('unparsable', `${file}: invalid JSON: ${reason}`);
  }
}

const MiB = 1024 * 1024;

/** How a manifest is read: JSON when it starts with `{` or `[` (after whitespace), else YAML. */
export type DocumentFormat = 'JSON' | 'YAML';

/** The format of a manifest's text, judged from its start (a file's first kilobytes are enough). */
export function documentFormat(text: string): DocumentFormat {
  const trimmed = text.trimStart();
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? 'JSON' : 'YAML';
}

/** Refuses `bytes` of text over the size budget of its format, before it is read or parsed. */
export function checkDocumentSize(bytes: number, file: string, format: DocumentFormat): void {
  const limit = format === 'JSON' ? limits.jsonBytes.value : limits.yamlBytes.value;
  if (bytes <= limit) return;
  const size = `${(bytes / MiB).toFixed(1)} MiB`;
  const hint = format === 'YAML'
    ? ' (parsing YAML takes about 35 times the text in memory): convert it to JSON, e.g. kubectl get nodes -o json, or yq -o json'
    : '';
  throw new PlacementError('unparsable', `${file}: ${size} of ${format}; placement reads at most ${limit / MiB} MiB of ${format} per file${hint}`);
}

/** The deepest nesting of arrays and objects, walked without recursion; stops past `max`. */
function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [next, depth] = stack.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth > max) return true;
    for (const item of Array.isArray(next) ? next : Object.values(next)) if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
  }
  return false;
}

function tooDeep(file: string, at?: string): PlacementError {
  const where = at ? ` (${at})` : '';
  return new PlacementError('unparsable', `${file}${where}: nests deeper than ${limits.nestingDepth.value} levels; Kubernetes objects stay well under 30`);
}

function parseYaml(text: string, file: string): unknown[] {
  // merge: kubectl's YAML 1.1 decoder applies `<<` merge keys; YAML 1.2 alone would keep `<<` as a key.
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: false, merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length > limits.yamlDocuments.value) {
    throw new PlacementError('unparsable', `${file}: ${list.length} YAML documents; placement reads at most ${limits.yamlDocuments.value} per file`);
  }
  const out: unknown[] = [];
  for (const doc of list) {
    const [first] = doc.errors;
    if (first) {
      // The parser reports its own stack overflow as an error at the deep spot.
      if (first.message.startsWith('Maximum call stack size exceeded')) throw tooDeep(file);
      const line = first.linePos?.[0];
      const where = line ? `line ${line.line}, column ${line.col}: ` : '';
      const reason = first.message.split('\n')[0] ?? first.message;
      throw new PlacementError('unparsable', `${file}: invalid YAML: ${where}${reason.replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    try {
      out.push(doc.toJS({ maxAliasCount: limits.yamlAliases.value }));
    } catch (error) {
      // Unresolved aliases and alias bombs surface only when converting; they are bad input, not bugs.
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlacementError('unparsable', `${file}: invalid YAML: ${reason}`);
    }
  }
  return out;
}

/** Does this object hold other objects in `items` (`List`, `NodeList`, `PodList`, ...)? */
function isList(object: JsonObject): boolean {
  const kind = own(object, 'kind');
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(own(object, 'items'));
}

/** The kind of a typed list's items (`NodeList` → `Node`); `undefined` for a plain `List`. */
function impliedItemKind(list: JsonObject): string | undefined {
  const kind = own(list, 'kind');
  return typeof kind === 'string' && kind.length > 'List'.length ? kind.slice(0, -'List'.length) : undefined;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Parses a file's contents into objects; empty YAML documents are skipped. Bytes are decoded
 * first (UTF-8, or UTF-16 as PowerShell writes it: src/model/decode-text.ts).
 */
export function parseDocuments(contents: string | Uint8Array, file: string): SourceObject[] {
  const text = typeof contents === 'string' ? contents : decodeText(contents);
  // A UTF-8 byte order mark (editors on Windows write one) is not part of the document.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const format = documentFormat(body);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: count exactly only when it could matter.
  checkDocumentSize(body.length * 3 <= limits.yamlBytes.value ? body.length : Buffer.byteLength(body, 'utf8'), file, format);
  const docs = format === 'JSON' ? parseJson(body, file) : parseYaml(body, file);
  const out: SourceObject[] = [];
  docs.forEach((doc, d) => {
    const docAt = docs.length > 1 ? `document ${d + 1}` : undefined;
    if (doc === null || doc === undefined) return;
    if (exceedsDepth(doc, limits.nestingDepth.value)) throw tooDeep(file, docAt);
    const flattened = Array.isArray(doc) || (isObject(doc) && isList(doc));
    const items = Array.isArray(doc) ? doc : flattened ? (own(doc as JsonObject, 'items') as unknown[]) : [doc];
    const itemKind = isObject(doc) && flattened ? impliedItemKind(doc) : undefined;
    items.forEach((item, i) => {
      const at = flattened ? [docAt, `items[${i}]`].filter(Boolean).join(' ') : docAt;
      if (!isObject(item)) {
        throw new PlacementError('unparsable', `${file}${at ? ` (${at})` : ''}: expected a Kubernetes object, got ${typeName(item)}`);
      }
      if (out.length >= limits.objectsPerFile.value) {
        throw new PlacementError('unparsable', `${file}: more than ${limits.objectsPerFile.value} objects; placement reads at most ${limits.objectsPerFile.value} per file`);
      }
      // Items of a typed list (`NodeList`, `DeploymentList`, as the API returns them) carry no kind of their own.
      const object = itemKind !== undefined && own(item, 'kind') === undefined ? { kind: itemKind, ...item } : item;
      out.push({ object, file, ...(at ? { at } : {}) });
    });
  });
  return out;
}
