/** Runs the CLI in-process with a fake io, for tests (not a test file itself). */
import * as assert from 'uvu/assert';
import type { CliIo } from '../cli/io.js';
import { main } from '../cli/main.js';

/** What one CLI invocation produced. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `placement <argv>`; stdin is available only when given. */
export function run(argv: string[], options: { stdin?: string | Uint8Array; isTTY?: boolean } = {}): Run {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: () => {
      if (options.stdin === undefined) throw new Error('test: stdin was read but none was given');
      return options.stdin;
    },
    isTTY: options.isTTY ?? false,
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

/** Bad input: exit 2, nothing on stdout, `lines` lines on stderr, no stack trace; returns stderr. */
export function assertBadInput(r: { readonly code: number | null; readonly stdout: string; readonly stderr: string }, lines = 1): string {
  assert.is(r.code, 2, `expected exit 2, got ${String(r.code)}; stderr: ${r.stderr}`);
  assert.is(r.stdout, '');
  assert.not.match(r.stderr, /^ {4}at /m, 'stack trace on stderr');
  assert.not.match(r.stderr, /internal error/);
  const got = r.stderr.trimEnd().split('\n');
  assert.is(got.length, lines, r.stderr);
  return r.stderr.trimEnd();
}
