/**
 * `POST /v1/daemonset/rollout` over real HTTP: the CLI's `--rollout -o json` object for the same
 * real fixtures, the batch form, `readyAfterSeconds` / `terminationSeconds` as numbers or duration
 * strings, the server's work budget, and bad input as a 400 with the field path.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run as runCli } from '../testing/cli-runner.js';
import { fixtureDir, fixtureObjects, realNodeList, startTestServer, type TestServer } from '../testing/test-server.js';
import { serverRolloutWork } from './routes-rollout.js';

let t: TestServer;
const now = '2026-01-02T00:00:00Z';
const dsFiles = ['kube-proxy.yaml', 'calico-node.yaml', 'nvidia-device-plugin.yaml'];

test.before(async () => {
  t = await startTestServer();
  assert.is((await t.request('PUT', '/v1/nodes', realNodeList())).status, 200);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

const cliForecast = (path: string, extra: string[] = []): unknown => {
  const r = runCli(['daemonset', '--nodes', fixtureDir('nodes'), '--daemonset', path, '--now', now, '--rollout', '-o', 'json', ...extra]);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  // The server's budget is its own; everything else is the CLI's answer.
  return { ...out, assumptions: { ...out.assumptions, maxWork: serverRolloutWork } };
};

test('the CLI forecast, for real DaemonSets; the batch form answers each in order', async () => {
  const daemonsets = dsFiles.map((name) => fixtureObjects(join(fixtureDir('daemonsets'), name))[0]);
  for (const [i, name] of dsFiles.entries()) {
    const one = await t.request('POST', '/v1/daemonset/rollout', { daemonset: daemonsets[i], now });
    assert.is(one.status, 200, one.text);
    assert.equal(one.json, cliForecast(join(fixtureDir('daemonsets'), name)), name);
  }
  const batch = await t.request('POST', '/v1/daemonset/rollout', { daemonsets, now });
  assert.is(batch.status, 200, batch.text);
  assert.equal(batch.json.results, await Promise.all(daemonsets.map(async (daemonset) => (await t.request('POST', '/v1/daemonset/rollout', { daemonset, now })).json)));
});

test('readyAfterSeconds and terminationSeconds: numbers or Go duration strings, as the CLI flags', async () => {
  const daemonset = fixtureObjects(join(fixtureDir('daemonsets'), 'kube-proxy.yaml'))[0];
  const path = join(fixtureDir('daemonsets'), 'kube-proxy.yaml');
  const asNumbers = await t.request('POST', '/v1/daemonset/rollout', { daemonset, now, readyAfterSeconds: 120, terminationSeconds: 5 });
  const asStrings = await t.request('POST', '/v1/daemonset/rollout', { daemonset, now, readyAfterSeconds: '2m', terminationSeconds: '5s' });
  assert.equal(asNumbers.json, asStrings.json);
  assert.equal(asNumbers.json, cliForecast(path, ['--ready-after', '2m', '--terminate-after', '5s']));
  assert.is(asNumbers.json.estimatedSeconds, 120);
});

test('bad input: 400 with the field path; no 500', async () => {
  const daemonset = fixtureObjects(join(fixtureDir('daemonsets'), 'kube-proxy.yaml'))[0];
  const cases: [string, unknown, string][] = [
    ['readyAfterSeconds', -1, 'Invalid value: -1: must be greater than or equal to 0'],
    ['readyAfterSeconds', '30 s', 'Invalid value: "30 s": unknown unit " s": must be a duration such as "30s", "2m" or "1h30m" (units ns, us, ms, s, m, h), or a number of seconds'],
    ['readyAfterSeconds', true, 'Invalid value: true: must be a number of seconds or a duration string such as "30s", not boolean'],
    ['readyAfterSeconds', 1e300, 'Invalid value: 1e+300: must be at most 2562047h (the largest Go duration)'],
    ['terminationSeconds', '-5s', 'Invalid value: "-5s": must be greater than or equal to 0'],
  ];
  for (const [field, value, message] of cases) {
    const r = await t.request('POST', '/v1/daemonset/rollout', { daemonset, [field]: value });
    assert.is(r.status, 400, String(value));
    assert.equal(r.json.error.errors, [{ field, message }], String(value));
  }
  const missing = await t.request('POST', '/v1/daemonset/rollout', {});
  assert.is(missing.status, 400);
  assert.match(missing.text, /daemonset/);
  assert.is((await t.request('GET', '/v1/daemonset/rollout')).status, 405);
});

test.run();
