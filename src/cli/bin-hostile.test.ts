/**
 * The built binary against hostile input, where the process matters (streams that fail, file
 * permissions, a bundle's stack): every run ends with a result or one clear error line and exit
 * 2; never a stack trace, an unhandled 'error' event, an out-of-memory abort or exit 1. The rest
 * of the hostile-input list runs in-process in hostile-input.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertBadInput, placement, placementCommand } from '../testing/built-cli.js';
import { hostileFiles } from '../testing/hostile-files.js';

const { dir: tmp, file, nodes, pod, remove } = hostileFiles('placement-hostile-');

test('stdout closed early (| head -1): a quiet exit 0, no unhandled EPIPE error', () => {
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${placementCommand} sample --print-nodes --nodes 5000 | head -c 100 >/dev/null`], { encoding: 'utf8' });
  assert.is(r.stderr, '');
  assert.is(r.status, 0);
});

test('stdout on a full device (/dev/full): one line naming ENOSPC, exit 2', () => {
  const full = openSync('/dev/full', 'w');
  try {
    const r = placement(['eligible', '--nodes', nodes, '--pod', pod, '-o', 'json'], undefined, { stdio: ['ignore', full, 'pipe'] });
    assert.is(r.stderr, 'placement: cannot write the output: no space left on device (ENOSPC)\n');
    assert.is(r.code, 2);
  } finally {
    closeSync(full);
  }
});

test('an unreadable folder: exit 2 naming the folder (EACCES from scandir)', () => {
  const locked = join(tmp, 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'a.json'), '{}');
  chmodSync(locked, 0o000);
  try {
    // root reads everything: run as nobody when the test runs as root.
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const which = asNobody.length > 0 ? spawnSync('setpriv', ['--version']) : undefined;
    if (which?.error) return; // no setpriv: nothing to test as root
    const r = spawnSync('bash', ['-c', `${asNobody.join(' ')} ${placementCommand} validate ${locked}`], { encoding: 'utf8' });
    assert.is(r.stderr, `${locked}: permission denied\n`);
    assert.is(r.status, 2);
  } finally {
    chmodSync(locked, 0o755);
  }
});

test('sample --nodes is bounded: 0, 16777217, 1000000, 1e3 and text are usage errors', () => {
  for (const bad of ['0', '100001', '16777217', '1000000', '1e3', 'ten', '-5', '1.5']) {
    const line = assertBadInput(placement(['sample', `--nodes=${bad}`]));
    assert.is(line, `placement sample: --nodes: Invalid value: ${JSON.stringify(bad)}: must be an integer from 1 to 100000`);
  }
  assertBadInput(placement(['sample', '--seed', '99999999999999999999']));
});

test('a label value nested 5,000 levels: exit 2 with one line (no RangeError from formatting it)', () => {
  const deep = file('deep-label.json', `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":{"a":${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}}},"spec":{}}`);
  const expected = `${deep}: nests deeper than 128 levels; Kubernetes objects stay well under 30`;
  assert.is(assertBadInput(placement(['compile', '--pod', deep])), expected);
});

test('a 239 MB YAML node list is refused before it is read, with a way out', () => {
  const path = join(tmp, 'nodes75k.yaml');
  const fd = openSync(path, 'w');
  writeSync(fd, 'apiVersion: v1\nkind: List\nitems:\n');
  ftruncateSync(fd, 239_000_000);
  closeSync(fd);
  assert.match(assertBadInput(placement(['eligible', '--nodes', path, '--pod', pod])), /nodes75k\.yaml: 227\.9 MiB of YAML; placement reads at most 32 MiB of YAML per file .*kubectl get nodes -o json/);
});

test.after(remove);
test.run();
