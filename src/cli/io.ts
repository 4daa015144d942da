/** What the CLI touches of the outside world, injected so `main` is testable without a process. */
import { readFileSync } from 'node:fs';

/** The CLI's streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of stdin (for `-`). */
  readonly readStdin: () => string;
  /** Is stdout a terminal? Decides the default output format and colour. */
  readonly isTTY: boolean;
}

/** The real process's streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0, 'utf8'),
    isTTY: process.stdout.isTTY === true,
  };
}
