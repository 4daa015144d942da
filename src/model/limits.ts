/**
 * Every input limit of placement, in one place: its value, what it counts, where the value comes
 * from, and whether it holds with `--no-validate` too. Kubernetes' own limits (label and name
 * lengths, the annotation budget) are checked by validation, as the API server checks them.
 * Placement's limits bound the work an input can cause (terms × expressions × nodes, a policy's
 * loops, a parser's memory), so they hold always. The README's "Limits" table is rendered from
 * this module ({@link renderLimitsTable}); a test keeps the two equal.
 */

/** One limit. */
export interface Limit {
  readonly value: number;
  /** What one unit of `value` is. */
  readonly unit: 'items' | 'bytes' | 'characters' | 'levels' | 'operations' | 'nodes' | 'policies';
  /** What is counted, as a reader of the README needs it. */
  readonly what: string;
  /** The upstream rule the value copies (`Kubernetes: ...`), or why placement chose it (`placement: ...`). */
  readonly source: string;
  /** `always`: also with `--no-validate`, because it bounds work; `validation`: as the API server checks it. */
  readonly enforced: 'always' | 'validation';
}

const MiB = 1024 * 1024;

/** The limits, by name. Frozen: read them, never change them. */
export const limits = Object.freeze({
  jsonBytes: {
    value: 384 * MiB, unit: 'bytes', enforced: 'always',
    what: 'one JSON file, or stdin',
    source: 'placement: above 100,000 generated nodes (about 275 MB); V8 strings stop at 512 MiB',
  },
  yamlBytes: {
    value: 32 * MiB, unit: 'bytes', enforced: 'always',
    what: 'one YAML file, or stdin',
    source: 'placement: YAML parsing holds about 35 times the text in memory (32 MiB: 1.1 GB, 12 s); convert node lists to JSON',
  },
  yamlDocuments: {
    value: 10_000, unit: 'items', enforced: 'always',
    what: 'YAML documents in one file',
    source: 'placement',
  },
  yamlAliases: {
    value: 100, unit: 'items', enforced: 'always',
    what: 'YAML alias expansions in one document (alias bombs)',
    source: 'placement: the `yaml` package\'s maxAliasCount',
  },
  objectsPerFile: {
    value: 100_000, unit: 'items', enforced: 'always',
    what: 'objects in one file (List items and documents)',
    source: 'placement: the node-set limit',
  },
  nestingDepth: {
    value: 128, unit: 'levels', enforced: 'always',
    what: 'nesting of objects and arrays in one document',
    source: 'placement: Kubernetes objects stay under 30; deeper values would overflow recursive walks',
  },
  nodes: {
    value: 100_000, unit: 'nodes', enforced: 'always',
    what: 'nodes in one node set',
    source: 'placement: 20 times Kubernetes\' documented 5,000-node cluster limit',
  },
  pods: {
    value: 1_000_000, unit: 'items', enforced: 'always',
    what: 'pods of the cluster (`--pods`, `pods` of an engine)',
    source: 'placement: 10 times upstream\'s 150,000-pod cluster limit',
  },
  schedulingObjects: {
    value: 1_000_000, unit: 'items', enforced: 'always',
    what: 'Namespaces, Services, ReplicationControllers, ReplicaSets and StatefulSets (`--objects`, `objects` of an engine)',
    source: 'placement: the pod limit',
  },
  nodeSelectorEntries: {
    value: 100, unit: 'items', enforced: 'always',
    what: 'entries of a pod\'s `nodeSelector`',
    source: 'placement: real workloads use at most a few',
  },
  nodeSelectorTerms: {
    value: 100, unit: 'items', enforced: 'always',
    what: '`nodeSelectorTerms` of required node affinity',
    source: 'placement: real workloads use at most a few',
  },
  preferredTerms: {
    value: 100, unit: 'items', enforced: 'always',
    what: 'terms of preferred node affinity',
    source: 'placement',
  },
  requirementsPerTerm: {
    value: 100, unit: 'items', enforced: 'always',
    what: '`matchExpressions` (and, separately, `matchFields`) of one term; `matchLabels`, `matchExpressions` of a label selector; `matchLabelKeys`',
    source: 'placement',
  },
  valuesPerRequirement: {
    value: 1_000, unit: 'items', enforced: 'always',
    what: '`values` of one requirement; `namespaces` of a pod affinity term',
    source: 'placement: room for a list of node names',
  },
  requirementsPerPod: {
    value: 1_000, unit: 'items', enforced: 'always',
    what: 'requirements across all node affinity terms of one pod',
    source: 'placement: bounds terms × expressions × nodes',
  },
  valuesPerPod: {
    value: 10_000, unit: 'items', enforced: 'always',
    what: 'requirement values across all node affinity terms of one pod',
    source: 'placement',
  },
  podAffinityTerms: {
    value: 100, unit: 'items', enforced: 'always',
    what: 'required (and, separately, preferred) terms of `podAffinity` or `podAntiAffinity`',
    source: 'placement: each term counts existing pods per topology domain',
  },
  topologySpreadConstraints: {
    value: 100, unit: 'items', enforced: 'always',
    what: '`topologySpreadConstraints` of one pod',
    source: 'placement',
  },
  tolerations: {
    value: 100, unit: 'items', enforced: 'always',
    what: 'tolerations of one pod',
    source: 'placement: bounds tolerations × taints per node',
  },
  taints: {
    value: 100, unit: 'items', enforced: 'always',
    what: 'taints of one node',
    source: 'placement',
  },
  quantityBytes: {
    value: 64, unit: 'bytes', enforced: 'always',
    what: 'one resource quantity (container requests and limits, overhead, a node\'s `status.allocatable`)',
    source: 'placement: real quantities are under 20; the exact parser builds BigInts of the digits',
  },
  resourceVersionBytes: {
    value: 64, unit: 'bytes', enforced: 'always',
    what: '`metadata.resourceVersion` (a string, as the API has it)',
    source: 'placement: etcd revisions are at most 20 digits',
  },
  nameCharacters: {
    value: 253, unit: 'characters', enforced: 'validation',
    what: 'object names and node names (a DNS subdomain)',
    source: 'Kubernetes: apimachinery `IsDNS1123Subdomain`',
  },
  namespaceCharacters: {
    value: 63, unit: 'characters', enforced: 'validation',
    what: 'namespace names (a DNS label)',
    source: 'Kubernetes: apimachinery `IsDNS1123Label`',
  },
  labelKeyNameBytes: {
    value: 63, unit: 'bytes', enforced: 'validation',
    what: 'the name part of a label, taint or toleration key',
    source: 'Kubernetes: apimachinery `IsQualifiedName`',
  },
  labelKeyPrefixBytes: {
    value: 253, unit: 'bytes', enforced: 'validation',
    what: 'the prefix part of a label key (`example.com/`)',
    source: 'Kubernetes: apimachinery `IsQualifiedName`',
  },
  labelValueBytes: {
    value: 63, unit: 'bytes', enforced: 'validation',
    what: 'a label value, taint value or selector value',
    source: 'Kubernetes: apimachinery `IsValidLabelValue`',
  },
  annotationBytes: {
    value: 256 * 1024, unit: 'bytes', enforced: 'validation',
    what: 'all annotations of one object, keys and values together',
    source: 'Kubernetes: apimachinery `TotalAnnotationSizeLimitB`',
  },
  exactIntegerMax: {
    value: Number.MAX_SAFE_INTEGER, unit: 'items', enforced: 'always',
    what: 'the magnitude of an int64 field (`tolerationSeconds`, `revision`); int32 fields keep Go\'s int32 range',
    source: 'placement: JSON numbers beyond 2^53 − 1 cannot be read exactly; Go\'s decoder rejects beyond the int range',
  },
  policies: {
    value: 1_000, unit: 'policies', enforced: 'always',
    what: 'placement policies loaded at once',
    source: 'placement',
  },
  policyFields: {
    value: 64, unit: 'items', enforced: 'always',
    what: '`spec.fields` of one policy',
    source: 'placement',
  },
  jsonPathCharacters: {
    value: 1_024, unit: 'characters', enforced: 'always',
    what: 'one policy field\'s JSONPath',
    source: 'placement',
  },
  jsonPathSegments: {
    value: 64, unit: 'items', enforced: 'always',
    what: 'segments of one policy field\'s JSONPath',
    source: 'placement',
  },
  policyConditionValues: {
    value: 10_000, unit: 'items', enforced: 'always',
    what: 'values (operations, arguments, literals) in one policy condition',
    source: 'placement',
  },
  policyConditionDepth: {
    value: 64, unit: 'levels', enforced: 'always',
    what: 'nesting of one policy condition',
    source: 'placement: JSON Logic evaluates recursively',
  },
  policyWork: {
    value: 10_000, unit: 'operations', enforced: 'always',
    what: 'estimated operations per node of one policy condition (a loop over a literal list counts its length, over node data 100)',
    source: 'placement: json-logic-js runs about 7 million operations a second; 10,000 nodes × 10,000 ≈ 15 s at worst',
  },
  policyNodeArrayItems: {
    value: 100, unit: 'items', enforced: 'always',
    what: 'items a loop over node data (`taints`, `conditions`, a field) is counted as, in the work estimate',
    source: 'placement: the taint limit',
  },
  sampleNodes: {
    value: 100_000, unit: 'nodes', enforced: 'always',
    what: '`placement sample --nodes`',
    source: 'placement: the node-set limit',
  },
  badValueCharacters: {
    value: 256, unit: 'characters', enforced: 'always',
    what: 'a bad value echoed in an error line (longer ones are cut, saying so)',
    source: 'placement',
  },
} as const satisfies Record<string, Limit>);

/** The name of a limit. */
export type LimitName = keyof typeof limits;

function formatValue(limit: Limit): string {
  if (limit.value === Number.MAX_SAFE_INTEGER) return '2^53 − 1';
  if (limit.unit === 'bytes' && limit.value >= MiB) return `${limit.value / MiB} MiB`;
  if (limit.unit === 'bytes' && limit.value >= 1024 && limit.value % 1024 === 0) return `${limit.value / 1024} KiB`;
  return `${limit.value.toLocaleString('en-US')} ${limit.unit === 'items' ? '' : limit.unit}`.trim();
}

/** The README's "Limits" table (Markdown), rendered from {@link limits}. */
export function renderLimitsTable(): string {
  const rows = Object.entries(limits).map(([name, limit]: [string, Limit]) =>
    `| \`${name}\` | ${formatValue(limit)} | ${limit.what} | ${limit.enforced === 'always' ? 'always' : 'validation'} | ${limit.source} |`,
  );
  return ['| limit | value | counts | enforced | source |', '|---|---|---|---|---|', ...rows].join('\n');
}
