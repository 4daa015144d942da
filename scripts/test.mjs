// `npm test`: type-check, build (CLI tests run the built binary), then every uvu suite
// (unit tests beside the code, property suites in properties/, browser suites in browser/, which
// skip their tests when no Chromium is installed). Ends with one line `N passed, N failed` and
// exits non-zero when anything failed; skipped tests are counted on the line before it.
import { spawnSync } from 'node:child_process';

const node = process.execPath;
const steps = [
  { name: 'typecheck', args: ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'typecheck browser suites', args: ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'browser/tsconfig.json'] },
  { name: 'build', args: ['scripts/build.mjs'] },
];
const suites = [
  { name: 'unit', args: ['--import', 'tsx', 'node_modules/uvu/bin.js', 'src', '\\.test\\.ts$'] },
  { name: 'properties', args: ['--import', 'tsx', 'node_modules/uvu/bin.js', 'properties', '\\.test\\.ts$'] },
  { name: 'browser', args: ['--import', 'tsx', 'node_modules/uvu/bin.js', 'browser', '\\.test\\.ts$'] },
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const step of steps) {
  const run = spawnSync(node, step.args, { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${step.name} failed`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  }
}
for (const suite of suites) {
  const run = spawnSync(node, suite.args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  const total = Number(/Total:\s+(\d+)/.exec(run.stdout)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(run.stdout)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    // uvu crashed before printing its summary (e.g. a suite threw at import time).
    console.error(`${suite.name}: the test runner did not finish`);
    failed += 1;
    continue;
  }
  passed += ok;
  failed += total - ok;
  // uvu may colour the count (FORCE_COLOR): read it without the escape codes.
  skipped += Number(/Skipped:\s+(\d+)/.exec(run.stdout.replace(/\x1b\[[0-9;]*m/g, ''))?.[1] ?? 0);
  if (run.status !== 0 && total === ok) failed += 1;
}
if (skipped > 0) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
