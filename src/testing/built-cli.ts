/**
 * Runs the BUILT binary (`dist/cli.js`) as a user runs it, for tests (not a test file itself).
 * `npm test` builds first; run standalone, importing this rebuilds dist/cli.js when missing or stale.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

/** Newest modification time of the non-test sources the bundle is built from. */
function newestSource(path: string): number {
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource(join(root, 'src'))) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0 && !existsSync(cli)) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}

/** What one run of the binary produced. */
export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export { assertBadInput } from './cli-runner.js';

/** Runs `placement <args>` (stdin: `input` when given, else nothing); `options` may redirect stdio or change the user. */
export function placement(args: string[], input?: string | Buffer, options: SpawnSyncOptions = {}): BinRun {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] as const } : { input }),
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
    ...options,
  });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** The command line that runs the binary, for shell pipelines. */
export const placementCommand = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)}`;
