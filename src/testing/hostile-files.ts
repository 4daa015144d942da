/** A scratch folder for the hostile-input tests (not a test file): files written on demand, two plain nodes and a plain pod. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The scratch folder, its writer, and the plain inputs every hostile case is run against. */
export interface HostileFiles {
  readonly dir: string;
  /** Writes `name` in the folder and returns its path. */
  readonly file: (name: string, text: string | Buffer) => string;
  /** Nodes `n1` and `n2`, each labelled with its hostname. */
  readonly nodes: string;
  /** A pod with an empty spec. */
  readonly pod: string;
  readonly remove: () => void;
}

/** Creates the folder (readable by every user, for runs as another user). */
export function hostileFiles(prefix: string): HostileFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const file = (name: string, text: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const items = ['n1', 'n2'].map((name) => ({ kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } }));
  return {
    dir,
    file,
    nodes: file('nodes.json', JSON.stringify({ kind: 'List', apiVersion: 'v1', items })),
    pod: file('pod.yaml', 'kind: Pod\nmetadata: {name: p}\nspec: {}\n'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `[0, 1, …, n − 1]`. */
export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
