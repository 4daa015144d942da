/** The process's streams: stdin read to its end within a budget, and failed writes to stdout as exit codes. */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { onStdoutError, readStdinBytes } from './io.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-io-'));

function withFd<T>(content: string, use: (fd: number) => T): T {
  const path = join(dir, 'stdin');
  writeFileSync(path, content);
  const fd = openSync(path, 'r');
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

test('readStdinBytes: everything up to the end, as bytes', () => {
  const text = 'kind: Pod\n'.repeat(300_000);
  assert.is(Buffer.from(withFd(text, (fd) => readStdinBytes(fd))).toString('utf8'), text);
  assert.is(withFd('', (fd) => readStdinBytes(fd)).length, 0);
});

test('readStdinBytes: past the budget, a PlacementError before the rest is read', () => {
  assert.throws(() => withFd('x'.repeat(3 * 1024 * 1024), (fd) => readStdinBytes(fd, 2 * 1024 * 1024)), (error: Error) => error.message === '-: more than 2 MiB on stdin; placement reads at most that per input');
});

test('onStdoutError: EPIPE (the reader went away) is quiet and keeps the exit code; ENOSPC is one line and exit 2', () => {
  const lines: string[] = [];
  const err = (code: string, message = code): NodeJS.ErrnoException => Object.assign(new Error(message), { code });
  assert.is(onStdoutError(err('EPIPE'), (t) => lines.push(t)), undefined);
  assert.is(onStdoutError(err('ERR_STREAM_DESTROYED'), (t) => lines.push(t)), undefined);
  assert.equal(lines, []);
  assert.is(onStdoutError(err('ENOSPC'), (t) => lines.push(t)), 2);
  assert.is(onStdoutError(err('EIO', 'write EIO'), (t) => lines.push(t)), 2);
  assert.equal(lines, ['placement: cannot write the output: no space left on device (ENOSPC)\n', 'placement: cannot write the output: write EIO\n']);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
