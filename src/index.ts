/** placement-engine: where may Kubernetes workloads run, and why not — with kube-scheduler's semantics. */
export { createEngine, resolveEngineOptions } from './api/engine.js';
export type { Engine, EngineOptions, ResolvedEngineOptions } from './api/engine.js';
export { nodesFromSources, workloadsFromSources, checkNode, checkWorkload } from './api/inputs.js';
export type { InputOptions, CheckedObject } from './api/inputs.js';
export { readSources } from './api/read-sources.js';
export { parseDocuments } from './model/parse-documents.js';
export type { SourceObject } from './model/parse-documents.js';
export { PlacementError, isPlacementError, formatFieldError } from './errors.js';
export type { FieldError, FieldErrorType, PlacementErrorCode } from './errors.js';
export { parseFeatureGates, defaultFeatureGates } from './model/feature-gates.js';
export type { FeatureGates } from './model/feature-gates.js';
export type * from './model/types.js';
export type * from './explain/result.js';
export { evaluateReference } from './eval/reference.js';
export * as reasons from './explain/reasons.js';
export { decodeNodeChanges, checkNodeChanges } from './api/impact-inputs.js';
export type { NodeChange, TaintSelector, TaintSpec } from './api/impact-inputs.js';
export type { ImpactResult, WorkloadImpact, DaemonSetImpact, ImpactTarget } from './api/impact.js';
