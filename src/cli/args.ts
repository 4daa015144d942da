/** Argument parsing for every command, on `node:util` `parseArgs`; bad usage is a PlacementError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PlacementError } from '../errors.js';

/** Output formats. */
export type OutputFormat = 'json' | 'table';

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

/** `-o json|table`; the default is a table on a terminal and JSON otherwise. */
export function outputFormat(command: string, value: string | undefined, isTTY: boolean): OutputFormat {
  if (value === undefined) return isTTY ? 'table' : 'json';
  if (value === 'json' || value === 'table') return value;
  throw new PlacementError('usage', `placement ${command}: -o: Unsupported value: ${JSON.stringify(value)}: supported values: "json", "table"`);
}

/** Options shared by the evaluating commands. */
export const evaluationOptions = {
  nodes: { type: 'string' },
  pod: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'no-validate': { type: 'boolean' },
  'feature-gates': { type: 'string' },
  rules: { type: 'string' },
} as const;
