/** A process's CPU time from /proc (Linux), for the server figures of the load benchmark and the soak. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Server CPU time (user + system) of a process so far, in microseconds, from /proc; NaN where there is none. */
export function cpuMicros(pid: number | undefined, ticksPerSecond: number): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (1-based), i.e. indexes 11 and 12 here.
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return NaN;
  }
}

/** Clock ticks per second, the unit of /proc's CPU times (usually 100). */
export function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
