/** Runs the CLI in-process with a fake io, for tests (not a test file itself). */
import type { CliIo } from '../cli/io.js';
import { main } from '../cli/main.js';

/** What one CLI invocation produced. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `placement <argv>`; stdin is available only when given. */
export function run(argv: string[], options: { stdin?: string; isTTY?: boolean } = {}): Run {
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
