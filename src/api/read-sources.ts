/**
 * Reads manifests from files, folders (their `.json`, `.yaml`, `.yml` files, sorted) or stdin (`-`).
 * A file's size is checked before it is read; every failure of the file system is a PlacementError
 * naming the path (exit 2), never an exception of its own.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PlacementError } from '../errors.js';
import { limits } from '../model/limits.js';
import { decodeText, detectEncoding } from '../model/decode-text.js';
import { checkDocumentSize, documentFormat, parseDocuments, type SourceObject } from '../model/parse-documents.js';

const manifestExtensions = new Set(['.json', '.yaml', '.yml']);

/** Reads stdin fully (bytes, or text already decoded); injected so the CLI can be tested without a process. */
export type ReadStdin = () => string | Uint8Array;

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A file-system error as one line naming the path (`dir: permission denied`). */
export function describeIoError(path: string, error: unknown): PlacementError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return new PlacementError('unreadable', `${path}: ${reason}`);
}

/** Runs a file-system call, turning its failure into {@link describeIoError}'s PlacementError. */
function io<T>(path: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw describeIoError(path, error);
  }
}

/** The manifest files a path names: itself, or a folder's manifest files in name order. */
export function listManifestFiles(path: string): string[] {
  const stats = io(path, () => statSync(path));
  if (!stats.isDirectory()) return [path];
  const files = io(path, () => readdirSync(path))
    .filter((name) => manifestExtensions.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw new PlacementError('unreadable', `${path}: folder holds no .json, .yaml or .yml files`);
  return files;
}

/** The first bytes of a file, enough to tell its encoding and format. */
function readHead(file: string): Uint8Array {
  return io(file, () => {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(4096);
      return head.subarray(0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  });
}

/** A file's bytes, refused before reading when its size is over its format's budget (a 239 MB YAML file). */
function readManifest(file: string): Uint8Array {
  const size = io(file, () => statSync(file)).size;
  if (size > limits.yamlBytes.value) {
    const head = readHead(file);
    // Budgets count UTF-8 bytes; UTF-16 text takes two bytes for each ASCII one.
    const bytes = detectEncoding(head) === 'utf-8' ? size : size / 2;
    checkDocumentSize(bytes, file, documentFormat(decodeText(head)));
  }
  return io(file, () => readFileSync(file));
}

/** Reads and parses every object a path names (`-` reads stdin). */
export function readSources(path: string, readStdin: ReadStdin): SourceObject[] {
  if (path === '-') return parseDocuments(readStdin(), '-');
  const out: SourceObject[] = [];
  for (const file of listManifestFiles(path)) out.push(...parseDocuments(readManifest(file), file));
  return out;
}
