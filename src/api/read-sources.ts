/** Reads manifests from files, folders (their `.json`, `.yaml`, `.yml` files, sorted) or stdin (`-`). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PlacementError } from '../errors.js';
import { parseDocuments, type SourceObject } from '../model/parse-documents.js';

const manifestExtensions = new Set(['.json', '.yaml', '.yml']);

/** Reads stdin fully; injected so the CLI can be tested without a process. */
export type ReadStdin = () => string;

function describeIoError(path: string, error: unknown): PlacementError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String((error as Error)?.message ?? error);
  return new PlacementError('unreadable', `${path}: ${reason}`);
}

/** The manifest files a path names: itself, or a folder's manifest files in name order. */
export function listManifestFiles(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw describeIoError(path, error);
  }
  if (!stats.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((name) => manifestExtensions.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw new PlacementError('unreadable', `${path}: folder holds no .json, .yaml or .yml files`);
  return files;
}

/** Reads and parses every object a path names (`-` reads stdin). */
export function readSources(path: string, readStdin: ReadStdin): SourceObject[] {
  if (path === '-') return parseDocuments(readStdin(), '-');
  const out: SourceObject[] = [];
  for (const file of listManifestFiles(path)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw describeIoError(file, error);
    }
    out.push(...parseDocuments(text, file));
  }
  return out;
}
