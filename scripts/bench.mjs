// `npm run bench`: bundles the benchmark suite with esbuild, so it measures the same compiled
// JavaScript users run (not a TypeScript loader), then runs it with --expose-gc for memory figures.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Inside node_modules so the bundle's package imports resolve from the repository.
const dir = join('node_modules', '.cache', 'placement-bench');
mkdirSync(dir, { recursive: true });
const outfile = join(dir, 'run.mjs');
await build({ entryPoints: ['benchmarks/run.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, packages: 'external', logLevel: 'warning', absWorkingDir: process.cwd() });
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
rmSync(dir, { recursive: true, force: true });
process.exit(run.status ?? 1);
