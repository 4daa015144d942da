/**
 * `placement serve`: flags, loading `--nodes` and `--rules` before listening, bad input exiting 2
 * through `main`, a failure to listen, and a started server answering over real HTTP.
 */
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError } from '../../errors.js';
import { realFixturesDir } from '../../testdata/fixtures.js';
import type { CliIo } from '../io.js';
import { run as runCli } from '../../testing/cli-runner.js';
import { prepareServe, startServe } from './serve.js';

const nodesDir = `${realFixturesDir}/nodes`;
const rulesDir = fileURLToPath(new URL('../../../rules/policies', import.meta.url));

function quietIo(): CliIo & { text: () => string } {
  let stderr = '';
  return { stdout: () => undefined, stderr: (t) => void (stderr += t), readStdin: () => '', isTTY: false, text: () => stderr };
}

test('bad flags and inputs exit 2 with one line, before anything listens', () => {
  const cases: [string[], RegExp][] = [
    [['--port', 'http'], /--port: Invalid value: "http": must be an integer from 0 to 65535/],
    [['--port', '70000'], /--port: Invalid value: "70000"/],
    [['--max-body-bytes', '0'], /--max-body-bytes: Invalid value: "0"/],
    [['--time-budget-ms', '0'], /--time-budget-ms: Invalid value: "0": must be an integer from 1 to 3600000/],
    [['--max-pending-requests', '0'], /--max-pending-requests: Invalid value: "0"/],
    [['--max-batch-items', '1.5'], /--max-batch-items: Invalid value: "1.5"/],
    [['--max-explanation-bytes', 'lots'], /--max-explanation-bytes: Invalid value: "lots"/],
    [['--nodes', '/nonexistent/nodes.json'], /nonexistent\/nodes.json: no such file or directory/],
    [['--bogus'], /placement serve: Unknown option '--bogus'/],
    [['--feature-gates', 'Nope=true'], /Nope/],
  ];
  for (const [argv, message] of cases) {
    const r = runCli(['serve', ...argv]);
    assert.is(r.code, 2, argv.join(' '));
    assert.is(r.stdout, '');
    assert.match(r.stderr, message);
    assert.is(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  }
});

test('prepareServe: defaults, and --nodes/--rules loaded up front', () => {
  const io = quietIo();
  const defaults = prepareServe([], io);
  assert.equal([defaults.port, defaults.host, defaults.options.nodes, defaults.options.maxBodyBytes], [8080, '127.0.0.1', undefined, 64 * 1024 * 1024]);
  assert.equal(
    [defaults.options.timeBudgetMs, defaults.options.maxPendingRequests, defaults.options.maxBatchItems, defaults.options.maxExplanationBytes],
    [2000, 64, 1000, 8 * 1024 * 1024],
  );
  const loaded = prepareServe(['--nodes', nodesDir, '--rules', rulesDir, '--port', '0', '--host', '::1', '--max-body-bytes', '1000', '--no-validate'], io);
  assert.equal([loaded.port, loaded.host, loaded.options.nodes?.length, loaded.options.maxBodyBytes, loaded.options.validate], [0, '::1', 11, 1000, false]);
  const budgets = prepareServe(['--time-budget-ms', '500', '--max-pending-requests', '8', '--max-batch-items', '10', '--max-explanation-bytes', '0', '--max-answer-bytes-in-flight', '4096'], io).options;
  assert.equal([budgets.timeBudgetMs, budgets.maxPendingRequests, budgets.maxBatchItems, budgets.maxExplanationBytes, budgets.maxAnswerBytesInFlight], [500, 8, 10, 0, 4096]);
  assert.ok((loaded.options.policies ?? []).length > 0);
});

test('startServe: listens, reports where, answers with the loaded nodes and policies', async () => {
  const io = quietIo();
  const { server, url } = await startServe(prepareServe(['--nodes', nodesDir, '--rules', rulesDir, '--port', '0'], io), io);
  try {
    assert.match(io.text(), /^placement serve: 11 node\(s\); listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    assert.is((await fetch(`${url}/readyz`)).status, 200);
    // The gpu-workloads-on-gpu-nodes policy: an ml-* pod may only use nodes with allocatable GPUs.
    const body = JSON.stringify({ pod: { kind: 'Pod', metadata: { name: 'train', namespace: 'ml-train' }, spec: {} } });
    const answer = (await (await fetch(`${url}/v1/eligible`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).json()) as { eligible: string[]; ineligible: { reasons: string[] }[] };
    assert.ok(answer.eligible.length > 0 && answer.eligible.length < 11, JSON.stringify(answer.eligible));
    assert.ok(answer.ineligible.some((n) => n.reasons.includes('node has no allocatable nvidia.com/gpu')));
    // A second server on the same port cannot listen: a usage error, and nothing is left open.
    const port = Number(new URL(url).port);
    try {
      await startServe(prepareServe(['--port', String(port)], io), io);
      assert.unreachable();
    } catch (error) {
      assert.ok(isPlacementError(error));
      assert.match(error.message, /cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
    }
  } finally {
    await server.close();
  }
});

test('without --nodes the server starts not ready', async () => {
  const io = quietIo();
  const { server, url } = await startServe(prepareServe(['--port', '0'], io), io);
  try {
    assert.match(io.text(), /0 node\(s\) \(not ready until PUT \/v1\/nodes\)/);
    assert.is((await fetch(`${url}/readyz`)).status, 503);
  } finally {
    await server.close();
  }
});

test.run();
