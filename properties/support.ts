/**
 * Shared plumbing of the property suites (not a test file): run counts and seed from the
 * environment, an `fc.assert` wrapper whose failure message (seed, path, counterexample, error)
 * reaches uvu's output, and comparison helpers that say what differs.
 *
 * - `PLACEMENT_PROPERTY_RUNS`: a multiplier baseline; each property runs `round(RUNS * its weight)`
 *   cases (default 1000 → a few thousand cases over the suite, under a minute on 2 cores).
 * - `PLACEMENT_PROPERTY_SEED`: fast-check seed (default fixed, so runs are reproducible).
 * - `PLACEMENT_PROPERTY_TIMING=1`: print each property's run count and time.
 * - `PLACEMENT_PROPERTY_ONLY`: run only the properties whose test name contains this text.
 * - `PLACEMENT_PROPERTY_PATH`: fast-check's `path` of a failure: with its seed (and `ONLY` naming
 *   the failing test), replays just the shrunk counterexample. A failure prints the whole command.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { EligibilityResult, RankResult } from '../src/eval/result.js';
import { isPlacementError } from '../src/errors.js';

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(text)}`);
  return n;
}

/** Baseline number of runs; each property scales it by its weight. */
export const baseRuns = envInt('PLACEMENT_PROPERTY_RUNS', 1000);
/** The seed every property starts from. */
export const seed = envInt('PLACEMENT_PROPERTY_SEED', 20260714);
const replayPath = process.env['PLACEMENT_PROPERTY_PATH'];
const only = process.env['PLACEMENT_PROPERTY_ONLY'];
const timing = process.env['PLACEMENT_PROPERTY_TIMING'] === '1';

/** Runs for a property of relative cost `weight` (1 = baseline). */
export function runs(weight = 1): number {
  return Math.max(1, Math.round(baseRuns * weight));
}

/** Is the test with this context selected by `PLACEMENT_PROPERTY_ONLY` (all are when it is unset)? */
export function selected(ctx: TestContext): boolean {
  const name = typeof ctx['__test__'] === 'string' ? ctx['__test__'] : '';
  return only === undefined || only === '' || name.includes(only);
}

/** What uvu passes to a test handler: its state, with the running test's name. */
export type TestContext = { readonly __test__?: string } | Record<string, unknown>;

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * `fc.assert` with the suite's seed and run count, for the uvu test whose context is `ctx`. On
 * failure, fast-check's report (seed, path, shrunk counterexample, the error) becomes the message
 * of the error uvu prints, followed by the command that replays it; the stack is dropped so the
 * report is not printed twice.
 */
export function check<Ts extends [unknown, ...unknown[]]>(ctx: TestContext, property: fc.IProperty<Ts>, weight = 1, extra: fc.Parameters<Ts> = {}): void {
  if (!selected(ctx)) return;
  const name = typeof ctx['__test__'] === 'string' ? ctx['__test__'] : '';
  const params = parametersFor<Ts>(weight, extra);
  const started = process.hrtime.bigint();
  try {
    fc.assert(property, params);
    reportTiming(params, started, name);
  } catch (error) {
    throw failureReport(error, name, currentFile());
  }
}

/** {@link check} for `fc.asyncProperty` (properties that talk to a server, a child process, ...). */
export async function checkAsync<Ts extends [unknown, ...unknown[]]>(ctx: TestContext, property: fc.IAsyncProperty<Ts>, weight = 1, extra: fc.Parameters<Ts> = {}): Promise<void> {
  if (!selected(ctx)) return;
  const name = typeof ctx['__test__'] === 'string' ? ctx['__test__'] : '';
  // Read before the first await: afterwards the caller is no longer on the stack.
  const file = currentFile();
  const params = parametersFor<Ts>(weight, extra);
  const started = process.hrtime.bigint();
  try {
    await fc.assert(property, params);
    reportTiming(params, started, name);
  } catch (error) {
    throw failureReport(error, name, file);
  }
}

function parametersFor<Ts>(weight: number, extra: fc.Parameters<Ts>): fc.Parameters<Ts> {
  const params: fc.Parameters<Ts> = { seed, numRuns: runs(weight), includeErrorInReport: true, ...extra };
  if (replayPath) params.path = replayPath;
  return params;
}

function reportTiming(params: { numRuns?: number }, started: bigint, name: string): void {
  if (timing) process.stdout.write(`\n  ${params.numRuns} runs, ${Number((process.hrtime.bigint() - started) / 1000000n)} ms: ${name}\n`);
}

/** fast-check's report as an error uvu prints: the message, then the command that replays it; no stack. */
function failureReport(error: unknown, name: string, file: string | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  const path = /path: "([^"]*)"/.exec(message)?.[1];
  const replay = [
    `PLACEMENT_PROPERTY_SEED=${seed}`,
    ...(path === undefined ? [] : [`PLACEMENT_PROPERTY_PATH=${shellQuote(path)}`]),
    `PLACEMENT_PROPERTY_ONLY=${shellQuote(name)}`,
    `node --import tsx node_modules/uvu/bin.js properties ${shellQuote(`${file ?? ''}$`)}`,
  ].join(' ');
  const report = new Error(`${message}\n\nReplay just this counterexample:\n  ${replay}`);
  report.stack = '';
  return report;
}

/** The properties/*.test.ts file that called `check`, from the call stack. */
function currentFile(): string | undefined {
  const stack = new Error().stack ?? '';
  return /properties\/([\w.-]+\.test\.ts)/.exec(stack)?.[1]?.replace(/\./g, '\\.');
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? Object.fromEntries(v) : v), 2);
  return text === undefined ? String(value) : text.length > 6000 ? `${text.slice(0, 6000)}…` : text;
};

/** Throws a readable error when `actual` and `expected` are not deeply equal. */
export function expectEqual(actual: unknown, expected: unknown, what: string, names: readonly [string, string] = ['actual', 'expected']): void {
  if (isDeepStrictEqual(actual, expected)) return;
  throw new Error(`${what} differ\n${names[0]}: ${show(actual)}\n${names[1]}: ${show(expected)}`);
}

/** Throws unless `condition` holds. */
export function expect(condition: boolean, what: string, context?: unknown): void {
  if (!condition) throw new Error(context === undefined ? what : `${what}\n${show(context)}`);
}

/** An answer that may be a thrown PlacementError (rank's PreScore failure); other errors propagate. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Calls `f`, turning a PlacementError into an outcome; any other throw is a bug and propagates. */
export function outcome<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    if (isPlacementError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/** An eligibility answer with order taken out: names sorted, ineligible nodes sorted by name. */
export function eligibilityAsSets(result: EligibilityResult): { eligible: string[]; ineligible: [string, { reasons: readonly string[]; details: readonly string[] }][]; message: string } {
  const ineligible = result.ineligible.map((n): [string, { reasons: readonly string[]; details: readonly string[] }] => [n.node, { reasons: n.reasons, details: n.details }]);
  ineligible.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { eligible: [...result.eligible].sort(), ineligible, message: result.message };
}

/** A rank answer with order taken out (ties keep input order, which differs between index layouts). */
export function rankAsMap(result: RankResult): [string, { score: number; scores: Readonly<Record<string, number>> }][] {
  const out = result.nodes.map((n): [string, { score: number; scores: Readonly<Record<string, number>> }] => [n.node, { score: n.score, scores: n.scores }]);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Ranked nodes come highest total first. */
export function expectRankSorted(result: RankResult, what: string): void {
  for (let i = 1; i < result.nodes.length; i++) {
    expect(result.nodes[i - 1]!.score >= result.nodes[i]!.score, `${what}: rank is not sorted by score`, result);
  }
}
