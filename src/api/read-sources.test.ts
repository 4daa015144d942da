/**
 * Reading manifests from the file system: every failure is a PlacementError naming the path (exit
 * 2), and a file over its format's budget is refused from its size and first bytes, unread.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync, writeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError } from '../errors.js';
import { describeIoError, listManifestFiles, readSources } from './read-sources.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-read-sources-'));
const noStdin = (): string => '';

/** A sparse file: `head` written at the start, then `size` bytes in all (no disk used). */
function sparse(name: string, head: string | Buffer, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, typeof head === 'string' ? Buffer.from(head) : head);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
  return path;
}

function message(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    assert.ok(isPlacementError(error), String(error));
    return error.message;
  }
  throw new Error('expected a PlacementError');
}

test('describeIoError: errno codes as one line naming the path (EACCES from readdir/scandir included)', () => {
  const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: raw`), { code });
  assert.is(describeIoError('/locked', errno('EACCES')).message, '/locked: permission denied');
  assert.is(describeIoError('/x', errno('ENOENT')).message, '/x: no such file or directory');
  assert.is(describeIoError('/x', errno('ENOTDIR')).message, '/x: not a directory');
  assert.is(describeIoError('/x', errno('EWHAT')).message, '/x: EWHAT: raw');
  assert.is(describeIoError('/x', errno('EACCES')).code, 'unreadable');
});

test('a missing path, an empty folder: one clear line', () => {
  assert.is(message(() => readSources(join(dir, 'nope.json'), noStdin)), `${join(dir, 'nope.json')}: no such file or directory`);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  assert.is(message(() => listManifestFiles(empty)), `${empty}: folder holds no .json, .yaml or .yml files`);
});

test('a 239 MB YAML file is refused from its size before it is read (sparse: nothing is allocated)', () => {
  const big = sparse('nodes.yaml', 'apiVersion: v1\nkind: List\nitems:\n', 239 * 1000 * 1000);
  assert.match(message(() => readSources(big, noStdin)), /nodes\.yaml: 227\.9 MiB of YAML; placement reads at most 32 MiB of YAML per file .*convert it to JSON/);
  const huge = sparse('nodes.json', '{"kind": "List", "items": [', 400 * 1024 * 1024);
  assert.match(message(() => readSources(huge, noStdin)), /nodes\.json: 400\.0 MiB of JSON; placement reads at most 384 MiB of JSON per file$/);
  // UTF-16 counts its text, not its bytes: 40 MB of UTF-16 YAML is 20 MB of text, within budget.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Pod\n#', 'utf16le')]);
  const wide = sparse('wide.yaml', utf16, 40 * 1000 * 1000);
  assert.equal(readSources(wide, noStdin).map((s) => s.object), [{ kind: 'Pod' }]);
});

test('files are read as bytes: a UTF-16 file reads as its text', () => {
  const path = join(dir, 'pod-utf16.yaml');
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Pod\nmetadata: {name: p}\n', 'utf16le')]));
  assert.equal(readSources(path, noStdin).map((s) => s.object), [{ kind: 'Pod', metadata: { name: 'p' } }]);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
