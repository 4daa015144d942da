/** The CLI: `main(argv, io)` returns an exit code; bin.ts only wires it to the process. */
import { isPlacementError } from '../errors.js';
import { runCompile } from './commands/compile.js';
import { runDaemonSet } from './commands/daemonset.js';
import { runEligible } from './commands/eligible.js';
import { runLint } from './commands/lint.js';
import { runRank } from './commands/rank.js';
import { runReport } from './commands/report.js';
import { runSample } from './commands/sample.js';
import { runServe } from './commands/serve.js';
import { runValidate } from './commands/validate.js';
import { runWhy } from './commands/why.js';
import type { CliIo } from './io.js';
import { usage } from './usage.js';

type Command = (argv: string[], io: CliIo) => number;

const commands: ReadonlyMap<string, Command> = new Map([
  ['eligible', runEligible],
  ['rank', runRank],
  ['why', runWhy],
  ['validate', runValidate],
  ['compile', runCompile],
  ['lint', runLint],
  ['daemonset', runDaemonSet],
  ['report', runReport],
  ['sample', runSample],
  ['serve', runServe],
]);

/** The message of anything thrown, without ever throwing itself (a getter may throw, a value may not print). */
function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an error that cannot be printed';
  }
}

/** Turns any failure into output and an exit code: 2 for bad input, 1 (never a stack trace) for bugs. */
function handleError(error: unknown, io: CliIo): number {
  if (isPlacementError(error)) {
    let lines: string[];
    try {
      lines = error.lines();
    } catch {
      lines = [error.message];
    }
    for (const line of lines) io.stderr(`${line}\n`);
    return 2;
  }
  io.stderr(`placement: internal error: ${messageOf(error).slice(0, 1000)}\nThis is a bug in placement; please report it with the command that caused it.\n`);
  return 1;
}

/** Runs one CLI invocation. */
export function main(argv: readonly string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage);
    return 0;
  }
  const command = commands.get(name);
  if (!command) {
    io.stderr(`placement: unknown command ${JSON.stringify(name)}. Run 'placement help' for usage.\n`);
    return 2;
  }
  try {
    return command(rest, io);
  } catch (error) {
    return handleError(error, io);
  }
}
