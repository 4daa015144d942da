/**
 * What the server's thread and a node-list worker send each other: the job (the depth limit, how
 * inputs are checked), the body's chunks and its end, and the result (the items as JSON texts, or
 * the error that is the request's answer). Errors cross as plain data and are rebuilt as the same classes, so the
 * client sees exactly the answer the server's own thread would give.
 */
import type { InputOptions } from '../api/inputs.js';
import { isPlacementError, PlacementError, type FieldError, type PlacementErrorCode } from '../errors.js';
import { HttpError } from './http-error.js';

/** The job, as `workerData`. */
export interface NodeListJob {
  /** Which List the body is: Nodes (the default) or the cluster's Pods (`PUT /v1/pods`). */
  readonly list?: 'pods';
  readonly maxDepth: number;
  readonly options: InputOptions;
}

/** A chunk of the body (its own buffer, transferred), or the end of the body (no chunk). */
export interface NodeListMessage {
  readonly chunk?: Uint8Array;
}

/** An error as plain data. */
export type SerializedError =
  | { readonly kind: 'placement'; readonly code: PlacementErrorCode; readonly message: string; readonly errors: readonly FieldError[] }
  | { readonly kind: 'http'; readonly status: number; readonly code: string; readonly message: string; readonly errors: readonly FieldError[]; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'other'; readonly message: string; readonly stack?: string };

/** The result: every item's JSON text (UTF-8, item i ends at byte `ends[i]`), or the error. */
export type NodeListResult = { readonly ok: true; readonly texts: Uint8Array; readonly ends: Float64Array } | { readonly ok: false; readonly error: SerializedError };

/** An error thrown in the worker, as plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof HttpError) return { kind: 'http', status: error.status, code: error.code, message: error.message, errors: error.errors, headers: error.headers };
  if (isPlacementError(error)) return { kind: 'placement', code: error.code, message: error.message, errors: error.errors };
  if (error instanceof Error) return { kind: 'other', message: error.message, ...(error.stack !== undefined ? { stack: error.stack } : {}) };
  return { kind: 'other', message: String(error) };
}

/** The error again, as the class it was thrown as (anything else as an Error: a bug, answered 500). */
export function deserializeError(error: SerializedError): Error {
  if (error.kind === 'http') return new HttpError(error.status, error.code, error.message, error.errors, { ...error.headers });
  if (error.kind === 'placement') return new PlacementError(error.code, error.message, error.errors);
  const rebuilt = new Error(error.message);
  if (error.stack !== undefined) rebuilt.stack = error.stack;
  return rebuilt;
}
