/** `placement serve`: the HTTP server over a live node set (see src/server/server.ts). */
import { nodesFromSources, type InputOptions } from '../../api/inputs.js';
import { schedulingObjectsFromSources } from '../../api/object-inputs.js';
import { clusterPodsFromSources } from '../../api/pod-inputs.js';
import { loadPolicies } from '../../api/load-policies.js';
import { readSources } from '../../api/read-sources.js';
import { PlacementError } from '../../errors.js';
import { parseFeatureGates } from '../../model/feature-gates.js';
import { defaultServerBudgets } from '../../server/budgets.js';
import { createPlacementServer, type PlacementServer, type ServerOptions } from '../../server/server.js';
import { checkStdinOnce, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';

/** The server's options from the command line, and where it is to listen. */
export interface PreparedServe {
  readonly options: ServerOptions;
  readonly port: number;
  readonly host: string;
}

function integerFlag(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new PlacementError('usage', `placement serve: ${flag}: Invalid value: ${JSON.stringify(text)}: must be an integer from ${min} to ${max}`);
  }
  return n;
}

/** Parses the flags and loads `--nodes` and `--rules`; bad input throws a PlacementError (exit 2) before anything listens. */
export function prepareServe(argv: string[], io: CliIo): PreparedServe {
  const { values } = parseCommandArgs('serve', argv, {
    nodes: { type: 'string' },
    pods: { type: 'string' },
    objects: { type: 'string' },
    rules: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'max-body-bytes': { type: 'string' },
    'time-budget-ms': { type: 'string' },
    'max-pending-requests': { type: 'string' },
    'max-batch-items': { type: 'string' },
    'max-explanation-bytes': { type: 'string' },
    'max-answer-bytes-in-flight': { type: 'string' },
    'no-validate': { type: 'boolean' },
    'feature-gates': { type: 'string' },
  });
  const port = integerFlag('--port', values.port, 8080, 0, 65535);
  const budgets = {
    maxBodyBytes: integerFlag('--max-body-bytes', values['max-body-bytes'], defaultServerBudgets.maxBodyBytes, 1, Number.MAX_SAFE_INTEGER),
    timeBudgetMs: integerFlag('--time-budget-ms', values['time-budget-ms'], defaultServerBudgets.timeBudgetMs, 1, 3_600_000),
    maxPendingRequests: integerFlag('--max-pending-requests', values['max-pending-requests'], defaultServerBudgets.maxPendingRequests, 1, 1_000_000),
    maxBatchItems: integerFlag('--max-batch-items', values['max-batch-items'], defaultServerBudgets.maxBatchItems, 1, 1_000_000),
    maxExplanationBytes: integerFlag('--max-explanation-bytes', values['max-explanation-bytes'], defaultServerBudgets.maxExplanationBytes, 0, Number.MAX_SAFE_INTEGER),
    maxAnswerBytesInFlight: integerFlag('--max-answer-bytes-in-flight', values['max-answer-bytes-in-flight'], defaultServerBudgets.maxAnswerBytesInFlight, 0, Number.MAX_SAFE_INTEGER),
  };
  checkStdinOnce('serve', { '--nodes': values.nodes, '--pods': values.pods, '--objects': values.objects, '--rules': values.rules });
  const featureGates = parseFeatureGates(values['feature-gates']);
  const options: InputOptions = { validate: !values['no-validate'], featureGates };
  const nodes = values.nodes === undefined ? undefined : nodesFromSources(readSources(values.nodes, io.readStdin), options);
  // The initial pod set; it stays when PUT /v1/nodes replaces the node set.
  const podSources = values.pods === undefined ? undefined : readSources(values.pods, io.readStdin);
  const pods = podSources === undefined ? undefined : clusterPodsFromSources(podSources);
  // The Pods among the sources (ControllerRevisions are skipped), in order: what GET /v1/pods/… answers.
  const podObjects = podSources?.filter((source) => source.object['kind'] === 'Pod').map((source) => source.object);
  // The initial Namespaces and selecting objects; PUT /v1/objects replaces them.
  const objects = values.objects === undefined ? undefined : schedulingObjectsFromSources(readSources(values.objects, io.readStdin));
  const policies = values.rules === undefined ? [] : loadPolicies(values.rules, io.readStdin);
  return { options: { ...(nodes ? { nodes } : {}), ...(pods ? { pods, podObjects } : {}), ...(objects ? { objects } : {}), featureGates, validate: options.validate, policies, ...budgets }, port, host: values.host ?? '127.0.0.1' };
}

/** Creates the server and starts listening; prints where to stderr. */
export async function startServe(prepared: PreparedServe, io: CliIo): Promise<{ server: PlacementServer; url: string }> {
  const server = await createPlacementServer(prepared.options);
  try {
    const { url } = await server.listen(prepared.port, prepared.host);
    const ready = server.state.ready ? '' : ' (not ready until PUT /v1/nodes)';
    io.stderr(`placement serve: ${server.state.engine.nodeCount} node(s)${ready}; listening on ${url}\n`);
    return { server, url };
  } catch (error) {
    await server.close();
    throw new PlacementError('usage', `placement serve: cannot listen on ${prepared.host}:${prepared.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Runs `placement serve`: bad flags or input exit 2 at once; otherwise returns 0 and the process
 * lives, serving, until SIGINT or SIGTERM (a failure to listen then sets exit code 2).
 */
export function runServe(argv: string[], io: CliIo): number {
  const prepared = prepareServe(argv, io);
  startServe(prepared, io).then(
    ({ server }) => {
      const stop = (): void => void server.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
  return 0;
}
