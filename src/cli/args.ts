/** Argument parsing for every command, on `node:util` `parseArgs`; bad usage is a PlacementError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PlacementError } from '../errors.js';

/** Output formats: `table` groups nodes that read alike; `wide` is a table with one row per node. */
export type OutputFormat = 'json' | 'table' | 'wide';

/** What {@link parseCommandArgs} returns for `options` (spelled out so the declaration emit can name it). */
export type ParsedCommandArgs<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>
>;

/** Parses `argv` against `options`; unknown flags and missing values become usage errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
): ParsedCommandArgs<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PlacementError('usage', `placement ${command}: ${message}. Run 'placement help' for usage.`);
  }
}

/** A required string flag. */
export function requireFlag(command: string, value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new PlacementError('usage', `placement ${command}: ${flag} is required. Run 'placement help' for usage.`);
  return value;
}

/**
 * Refuses `-` (stdin) for more than one input: stdin can be read once, and the second reader would
 * silently see nothing (`--pod - --rules -` ran with no policies).
 */
export function checkStdinOnce(command: string, inputs: Readonly<Record<string, string | undefined>>): void {
  const readers = Object.entries(inputs).filter(([, value]) => value === '-').map(([flag]) => flag);
  if (readers.length > 1) {
    throw new PlacementError('usage', `placement ${command}: ${readers.join(' and ')} cannot both read stdin (-): stdin can be read only once`);
  }
}

/** `-o json|table[|wide]`; the default is a table on a terminal and JSON otherwise. */
export function outputFormat(command: string, value: string | undefined, isTTY: boolean, supported: readonly OutputFormat[] = ['json', 'table']): OutputFormat {
  if (value === undefined) return isTTY ? 'table' : 'json';
  if ((supported as readonly string[]).includes(value)) return value as OutputFormat;
  throw new PlacementError('usage', `placement ${command}: -o: Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((f) => JSON.stringify(f)).join(', ')}`);
}

/** `--explain nodes|groups|none`: how much why-not `eligible` prints (default: nodes for JSON, groups for tables). */
export function explainFlag(command: string, value: string | undefined, format: OutputFormat): 'nodes' | 'groups' | 'none' {
  if (value === undefined) return format === 'table' ? 'groups' : 'nodes';
  if (value === 'nodes' || value === 'groups' || value === 'none') return value;
  throw new PlacementError('usage', `placement ${command}: --explain: Unsupported value: ${JSON.stringify(value)}: supported values: "nodes", "groups", "none"`);
}

/** Options shared by the evaluating commands. */
export const evaluationOptions = {
  nodes: { type: 'string' },
  pod: { type: 'string' },
  pods: { type: 'string' },
  objects: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'no-validate': { type: 'boolean' },
  'feature-gates': { type: 'string' },
  rules: { type: 'string' },
} as const;
