/** What the CLI touches of the outside world, injected so `main` is testable without a process. */
import { readSync } from 'node:fs';
import { describeIoError } from '../api/read-sources.js';
import { PlacementError } from '../errors.js';
import { limits } from '../model/limits.js';

/** The CLI's streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of stdin (for `-`): its bytes, or text. */
  readonly readStdin: () => string | Uint8Array;
  /** Is stdout a terminal? Decides the default output format and colour. */
  readonly isTTY: boolean;
}

/** Sleeps without a timer: stdin reads are synchronous, and a non-blocking stdin may have nothing yet. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Reads stdin to its end, refusing it past the largest file placement reads (a stream that never ends included). */
export function readStdinBytes(fd = 0, max = limits.jsonBytes.value): Uint8Array {
  const chunks: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(1 << 20);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        pause(5);
        continue;
      }
      if (code === 'EOF') break;
      throw describeIoError('-', error);
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new PlacementError('unparsable', `-: more than ${max / (1024 * 1024)} MiB on stdin; placement reads at most that per input`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/**
 * What a failed write to stdout means: a reader that went away (`placement ... | head -1`: EPIPE)
 * is no error, so placement stops quietly with the exit code it had, as a Go CLI killed by SIGPIPE
 * leaves its pipeline's status to the reader; anything else (ENOSPC on a full disk, /dev/full)
 * is one line on stderr and exit 2.
 */
export function onStdoutError(error: NodeJS.ErrnoException, stderr: (text: string) => void): number | undefined {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return undefined;
  const reason = error.code === 'ENOSPC' ? 'no space left on device (ENOSPC)' : error.message;
  stderr(`placement: cannot write the output: ${reason}\n`);
  return 2;
}

/** The real process's streams; write errors on them become exit codes, never an unhandled 'error' event. */
export function processIo(): CliIo {
  const stderr = (text: string): void => void process.stderr.write(text);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    const code = onStdoutError(error, stderr);
    if (code !== undefined) process.exitCode = code;
  });
  // Nothing useful can be done when stderr itself cannot be written.
  process.stderr.on('error', () => undefined);
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr,
    readStdin: () => readStdinBytes(),
    isTTY: process.stdout.isTTY === true,
  };
}
