/**
 * Text → Kubernetes objects. JSON or YAML (multi-document), a single object or a `List`/`NodeList`
 * exactly as `kubectl get ... -o json|yaml` prints it; lists are flattened into their items.
 */
import { parseAllDocuments } from 'yaml';
import { PlacementError } from '../errors.js';
import { isObject, own, type JsonObject } from './decode.js';

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

function parseYaml(text: string, file: string): unknown[] {
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const doc of list) {
    const [first] = doc.errors;
    if (first) {
      const line = first.linePos?.[0];
      const where = line ? `line ${line.line}, column ${line.col}: ` : '';
      const reason = first.message.split('\n')[0] ?? first.message;
      throw new PlacementError('unparsable', `${file}: invalid YAML: ${where}${reason.replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    try {
      out.push(doc.toJS({ maxAliasCount: 100 }));
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

/** Parses a file's text into objects; empty YAML documents are skipped. */
export function parseDocuments(text: string, file: string): SourceObject[] {
  // A UTF-8 byte order mark (editors on Windows write one) is not part of the document.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const trimmed = body.trimStart();
  const docs = trimmed.startsWith('{') || trimmed.startsWith('[') ? parseJson(body, file) : parseYaml(body, file);
  const out: SourceObject[] = [];
  docs.forEach((doc, d) => {
    const docAt = docs.length > 1 ? `document ${d + 1}` : undefined;
    if (doc === null || doc === undefined) return;
    const flattened = Array.isArray(doc) || (isObject(doc) && isList(doc));
    const items = Array.isArray(doc) ? doc : flattened ? (own(doc as JsonObject, 'items') as unknown[]) : [doc];
    const itemKind = isObject(doc) && flattened ? impliedItemKind(doc) : undefined;
    items.forEach((item, i) => {
      const at = flattened ? [docAt, `items[${i}]`].filter(Boolean).join(' ') : docAt;
      if (!isObject(item)) {
        throw new PlacementError('unparsable', `${file}${at ? ` (${at})` : ''}: expected a Kubernetes object, got ${item === null ? 'null' : typeof item}`);
      }
      // Items of a typed list (`NodeList`, `DeploymentList`, as the API returns them) carry no kind of their own.
      const object = itemKind !== undefined && own(item, 'kind') === undefined ? { kind: itemKind, ...item } : item;
      out.push({ object, file, ...(at ? { at } : {}) });
    });
  });
  return out;
}
