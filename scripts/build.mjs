// Bundles the library and the CLI into dist/ and emits the library's typings.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};
// The server's node-list worker is its own entry: the CLI starts it from beside dist/cli.js.
const entryPoints = { index: 'src/index.ts', cli: 'src/cli/bin.ts', 'node-list-worker': 'src/server/node-list-worker.ts', arbitraries: 'properties/arbitraries.ts' };
await build({ ...common, entryPoints, outdir: 'dist' });
chmodSync('dist/cli.js', 0o755);
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
// fast-check arbitraries for other tools' fuzzing: the 'placement-engine/arbitraries' entry point.
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.arbitraries.json'], { stdio: 'inherit' });
