// Generated from the route contracts by `npm run openapi`; do not edit. (src/server/contract/typescript.ts)
/* eslint-disable */

/** A Kubernetes object in a request or an answer: any object (placement's validators check it field by field). */
// `any`, not `unknown`: an interface or class type (a client library's V1Pod) then fits too.
export type HttpKubernetesObject = { readonly apiVersion?: string; readonly kind?: string; readonly metadata?: { readonly [key: string]: any }; readonly [key: string]: any };

/** An error: 4xx for the request, 503 for load (with Retry-After), 500 for a bug in placement. */
export type HttpErrorBody = {
  readonly error: {
    /** what went wrong, for programs (`invalid`, `not-found`, `too-many`, `overloaded`, ...) */
    readonly code: string;
    /** what went wrong, for people */
    readonly message: string;
    readonly errors: readonly {
      /** the path of the field, as the API server prints it (`spec.tolerations[0].operator`) */
      readonly field: string;
      /** the rest of the API server's line (`Unsupported value: "exists": supported values: ...`) */
      readonly message: string;
      /** which object of the body the field belongs to (`pod`, `pods[2]`, `items[3]`) */
      readonly at?: string;
    }[];
  };
};

export type HttpEligibleAnswer = {
  readonly eligible: readonly string[];
  readonly ineligible: readonly {
    readonly node: string;
    /** kube-scheduler's reason texts (`node(s) didn't match Pod's node affinity/selector`) */
    readonly reasons: readonly string[];
    /** what exactly failed on the node (the untolerated taint, the unmatched requirement) */
    readonly details: readonly string[];
  }[];
  /** kube-scheduler's FitError summary (`0/3 nodes are available: ...`), or the count of eligible nodes */
  readonly message: string;
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpEligibleGroupsAnswer = {
  readonly eligible: readonly string[];
  readonly groups: readonly {
    /** kube-scheduler's reason texts (`node(s) didn't match Pod's node affinity/selector`) */
    readonly reasons: readonly string[];
    /** what exactly failed on the node (the untolerated taint, the unmatched requirement) */
    readonly details: readonly string[];
    /** nodes in the group */
    readonly count: number;
    /** its first nodes, in input order */
    readonly nodes: readonly string[];
    /** how many more nodes the group has than `nodes` lists */
    readonly more: number;
  }[];
  readonly message: string;
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpEligibleNamesAnswer = {
  readonly eligible: readonly string[];
  readonly message: string;
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpEligibleCountAnswer = {
  readonly eligibleCount: number;
  readonly totalNodes: number;
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpRankAnswer = {
  readonly nodes: readonly {
    readonly node: string;
    /** the default profile's weighted total */
    readonly score: number;
    /** per score plugin, its normalized score (0–100); plugins may be added */
    readonly scores: Readonly<Record<string, number>>;
  }[];
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpWhyAnswer = {
  readonly total: number;
  readonly eligible: number;
  readonly funnel: readonly {
    readonly filter: string;
    readonly remaining: number;
  }[];
  readonly constraints: readonly {
    /** the filter plugin that checks it (`TaintToleration`, `NodeAffinity`, ...) or `Policy` */
    readonly filter: string;
    readonly field: string;
    readonly constraint: string;
    readonly taint?: {
      readonly key: string;
      readonly value?: string;
      readonly effect: string;
      readonly timeAdded?: string;
    };
    /** nodes that fail it */
    readonly excludes: number;
    /** nodes that fail it and pass everything else */
    readonly excludesOnly: number;
    /** how many more nodes would be eligible without it */
    readonly admitsIfRelaxed: number;
    readonly values?: readonly {
      readonly value: string;
      readonly admits: number;
    }[];
  }[];
  readonly nearestFixes: readonly {
    readonly change: string;
    readonly field: string;
    readonly admits: number;
  }[];
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpDaemonSetPlan = {
  readonly nodes?: readonly {
    readonly node: string;
    readonly shouldRun: boolean;
    readonly shouldContinueRunning: boolean;
    /** kube-scheduler's reason texts (`node(s) didn't match Pod's node affinity/selector`) */
    readonly reasons: readonly string[];
  }[];
  /** nodes that get a daemon pod */
  readonly create: readonly string[];
  /** daemon pods deleted */
  readonly delete: readonly string[];
  /** with the cluster's pods given: the daemon pods the scheduler will leave Pending, with its reasons */
  readonly pending?: readonly {
    readonly node: string;
    /** kube-scheduler's reason texts (`node(s) didn't match Pod's node affinity/selector`) */
    readonly reasons: readonly string[];
  }[];
  readonly status: {
    readonly desiredNumberScheduled: number;
    readonly currentNumberScheduled: number;
    readonly numberMisscheduled: number;
    readonly numberReady: number;
    readonly updatedNumberScheduled: number;
    readonly numberAvailable: number;
    readonly numberUnavailable: number;
  };
  readonly released: readonly string[];
  readonly adopted: readonly string[];
  readonly evictions: readonly {
    readonly pod: string;
    readonly node: string;
    readonly evictAfterSeconds: number;
    /** RFC 3339 */
    readonly evictAt?: string;
  }[];
  readonly warnings: readonly string[];
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpRolloutForecast = {
  readonly syncs: number;
  readonly converged: boolean;
  readonly estimatedSeconds: number;
  readonly waves: readonly {
    readonly sync: number;
    readonly atSeconds: number;
    readonly deleted: number;
    readonly created: number;
    readonly surged: number;
    readonly updatedNodes: number;
    readonly unavailable: number;
    readonly createBatches?: readonly number[];
  }[];
  readonly stuck: readonly {
    readonly node: string;
    /** kube-scheduler's reason texts (`node(s) didn't match Pod's node affinity/selector`) */
    readonly reasons: readonly string[];
  }[];
  readonly stopped: "converged" | "stuck" | "budget";
  /** only when the work budget stopped the forecast after some progress */
  readonly projectedSeconds?: number;
  readonly status: {
    readonly desiredNumberScheduled: number;
    readonly currentNumberScheduled: number;
    readonly numberMisscheduled: number;
    readonly numberReady: number;
    readonly updatedNumberScheduled: number;
    readonly numberAvailable: number;
    readonly numberUnavailable: number;
  };
  readonly notEligible: readonly {
    /** kube-scheduler's reason texts (`node(s) didn't match Pod's node affinity/selector`) */
    readonly reasons: readonly string[];
    readonly nodes: number;
  }[];
  readonly assumptions: {
    readonly readyAfterSeconds: number;
    readonly terminationSeconds: number;
    readonly minReadySeconds: number;
    readonly revisionHash: string;
    readonly pendingForecast: "applied" | "none";
    readonly maxSyncs: number;
    readonly maxWork: number;
  };
  readonly warnings: readonly string[];
  /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
  readonly notEvaluated: readonly {
    /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
    readonly field: string;
    /** what kube-scheduler checks there, with the plugin's name */
    readonly what: string;
  }[];
};

export type HttpImpactAnswer = {
  readonly workloads: readonly {
    readonly workload: string;
    readonly kind: string;
    /** nodes that become eligible */
    readonly gained: readonly string[];
    /** nodes that stop being eligible */
    readonly lost: readonly string[];
    /** nodes where the taint manager would evict a running pod */
    readonly evict: readonly string[];
    /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
    readonly notEvaluated: readonly {
      /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
      readonly field: string;
      /** what kube-scheduler checks there, with the plugin's name */
      readonly what: string;
    }[];
  }[];
  readonly daemonsets: readonly {
    readonly daemonset: string;
    readonly create: readonly string[];
    readonly evict: readonly string[];
    readonly stopScheduling: readonly string[];
    readonly lost: readonly string[];
    /** the pod's constraints this answer did not evaluate; empty when nothing was left out */
    readonly notEvaluated: readonly {
      /** the full field path in the workload (`spec.template.spec.volumes[0].persistentVolumeClaim`) */
      readonly field: string;
      /** what kube-scheduler checks there, with the plugin's name */
      readonly what: string;
    }[];
  }[];
};

/** kube-scheduler's ExtenderFilterResult */
export type HttpExtenderFilterResult = {
  readonly Nodes: {
    readonly metadata: Readonly<Record<string, unknown>>;
    readonly items: readonly HttpKubernetesObject[];
  } | null;
  readonly NodeNames: readonly string[] | null;
  readonly FailedNodes: Readonly<Record<string, string>>;
  readonly FailedAndUnresolvableNodes: Readonly<Record<string, string>>;
  readonly Error: string;
};

/** kube-scheduler's HostPriorityList */
export type HttpHostPriorityList = readonly {
  readonly Host: string;
  readonly Score: number;
}[];

/** Every route (`METHOD /path/:param`): its path parameters, query, JSON body and answers by status. */
export interface HttpRoutes {
  /** Replace the node set */
  readonly "PUT /v1/nodes": {
    readonly body: HttpKubernetesObject;
    readonly responses: {
      readonly "200": {
        /** nodes in the set now */
        readonly nodes: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Add or replace one node */
  readonly "PUT /v1/nodes/:name": {
    readonly params: {
      /** the node name (`metadata.name`) */
      readonly name: string;
    };
    readonly body: HttpKubernetesObject;
    readonly responses: {
      readonly "200": {
        /** nodes in the set now */
        readonly nodes: number;
      };
      readonly "201": {
        /** nodes in the set now */
        readonly nodes: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The node as stored */
  readonly "GET /v1/nodes/:name": {
    readonly params: {
      /** the node name (`metadata.name`) */
      readonly name: string;
    };
    readonly responses: {
      readonly "200": HttpKubernetesObject;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Remove one node */
  readonly "DELETE /v1/nodes/:name": {
    readonly params: {
      /** the node name (`metadata.name`) */
      readonly name: string;
    };
    readonly responses: {
      readonly "200": {
        /** nodes in the set now */
        readonly nodes: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Replace the cluster's running pods */
  readonly "PUT /v1/pods": {
    readonly body: HttpKubernetesObject;
    readonly responses: {
      readonly "200": {
        /** pods held now (all of them; only those bound to a node and not finished count on it) */
        readonly pods: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Add or replace one pod */
  readonly "PUT /v1/pods/:namespace/:name": {
    readonly params: {
      /** the namespace */
      readonly namespace: string;
      /** the name */
      readonly name: string;
    };
    readonly body: HttpKubernetesObject;
    readonly responses: {
      readonly "200": {
        /** pods held now (all of them; only those bound to a node and not finished count on it) */
        readonly pods: number;
      };
      readonly "201": {
        /** pods held now (all of them; only those bound to a node and not finished count on it) */
        readonly pods: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The pod as stored */
  readonly "GET /v1/pods/:namespace/:name": {
    readonly params: {
      /** the namespace */
      readonly namespace: string;
      /** the name */
      readonly name: string;
    };
    readonly responses: {
      readonly "200": HttpKubernetesObject;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Remove one pod */
  readonly "DELETE /v1/pods/:namespace/:name": {
    readonly params: {
      /** the namespace */
      readonly namespace: string;
      /** the name */
      readonly name: string;
    };
    readonly responses: {
      readonly "200": {
        /** pods held now (all of them; only those bound to a node and not finished count on it) */
        readonly pods: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Replace the cluster's Namespaces, Services, ReplicationControllers, ReplicaSets and StatefulSets */
  readonly "PUT /v1/objects": {
    readonly body: HttpKubernetesObject;
    readonly responses: {
      readonly "200": {
        /** Namespaces held now (0: none supplied, a namespaceSelector is not evaluated) */
        readonly namespaces: number;
        /** Services, ReplicationControllers, ReplicaSets and StatefulSets held now */
        readonly selectingObjects: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Which nodes may the workload run on, and why not the others */
  readonly "POST /v1/eligible": {
    readonly query: {
      /** `nodes` (default; `true` too): every ineligible node with its reasons; `groups`: one entry per group of equally explained nodes; `none`: names only; `false`: the counts alone, from the index */
      readonly explain?: "nodes" | "groups" | "none" | "false" | "true";
    };
    readonly body: {
      /** one workload of any kind (Pod, Deployment, StatefulSet, Job, CronJob, ReplicaSet, DaemonSet, ...). Checked by placement's validators as the API server checks it; the schema names the usual fields only. */
      readonly pod?: HttpKubernetesObject;
      /** a batch, answered `{"results": [...]}` in order */
      readonly pods?: readonly HttpKubernetesObject[];
    };
    readonly responses: {
      readonly "200": HttpEligibleAnswer | HttpEligibleGroupsAnswer | HttpEligibleNamesAnswer | HttpEligibleCountAnswer | {
        readonly results: readonly (HttpEligibleAnswer | HttpEligibleGroupsAnswer | HttpEligibleNamesAnswer | HttpEligibleCountAnswer)[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The eligible nodes, best first, by the default profile's scores */
  readonly "POST /v1/rank": {
    readonly query: {
      /** `nodes` (default; `true` too): every ineligible node with its reasons; `groups`: one entry per group of equally explained nodes; `none`: names only; `false`: the counts alone, from the index */
      readonly explain?: "nodes" | "groups" | "none" | "false" | "true";
    };
    readonly body: {
      /** one workload of any kind (Pod, Deployment, StatefulSet, Job, CronJob, ReplicaSet, DaemonSet, ...). Checked by placement's validators as the API server checks it; the schema names the usual fields only. */
      readonly pod?: HttpKubernetesObject;
      /** a batch, answered `{"results": [...]}` in order */
      readonly pods?: readonly HttpKubernetesObject[];
    };
    readonly responses: {
      readonly "200": HttpRankAnswer | {
        readonly results: readonly HttpRankAnswer[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Each constraint's share of the rejected nodes, and the nearest fixes */
  readonly "POST /v1/why": {
    readonly query: {
      /** `nodes` (default; `true` too): every ineligible node with its reasons; `groups`: one entry per group of equally explained nodes; `none`: names only; `false`: the counts alone, from the index */
      readonly explain?: "nodes" | "groups" | "none" | "false" | "true";
    };
    readonly body: {
      /** one workload of any kind (Pod, Deployment, StatefulSet, Job, CronJob, ReplicaSet, DaemonSet, ...). Checked by placement's validators as the API server checks it; the schema names the usual fields only. */
      readonly pod?: HttpKubernetesObject;
      /** a batch, answered `{"results": [...]}` in order */
      readonly pods?: readonly HttpKubernetesObject[];
    };
    readonly responses: {
      readonly "200": HttpWhyAnswer | {
        readonly results: readonly HttpWhyAnswer[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** What the DaemonSet controller's next sync does */
  readonly "POST /v1/daemonset": {
    readonly query: {
      /** `nodes` (default; `true` too): every ineligible node with its reasons; `groups`: one entry per group of equally explained nodes; `none`: names only; `false`: the counts alone, from the index */
      readonly explain?: "nodes" | "groups" | "none" | "false" | "true";
    };
    readonly body: {
      /** a DaemonSet. Checked by placement's validators as the API server checks it; the schema names the usual fields only. */
      readonly daemonset?: HttpKubernetesObject;
      /** a batch, answered `{"results": [...]}` in order */
      readonly daemonsets?: readonly HttpKubernetesObject[];
      /** the DaemonSet's pods and revisions, as the controller sees them (bounded by the body size); when absent and the server holds the cluster's pods, the DaemonSet's pods among them */
      readonly pods?: readonly HttpKubernetesObject[] | null;
      /** the current revision's hash, when no ControllerRevision says it */
      readonly revisionHash?: string | null;
      /** the sync time, RFC 3339 (default: the server clock) */
      readonly now?: string | null;
    };
    readonly responses: {
      readonly "200": HttpDaemonSetPlan | {
        readonly results: readonly HttpDaemonSetPlan[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The rollout forecast: the controller's syncs until every node runs the current revision */
  readonly "POST /v1/daemonset/rollout": {
    readonly body: {
      /** a DaemonSet. Checked by placement's validators as the API server checks it; the schema names the usual fields only. */
      readonly daemonset?: HttpKubernetesObject;
      /** a batch, answered `{"results": [...]}` in order */
      readonly daemonsets?: readonly HttpKubernetesObject[];
      /** the DaemonSet's pods and revisions, as the controller sees them (bounded by the body size); when absent and the server holds the cluster's pods, the DaemonSet's pods among them */
      readonly pods?: readonly HttpKubernetesObject[] | null;
      /** the current revision's hash, when no ControllerRevision says it */
      readonly revisionHash?: string | null;
      /** the sync time, RFC 3339 (default: the server clock) */
      readonly now?: string | null;
      /** how long a new pod takes to be Ready: seconds, or a Go duration such as "30s" or "2m" */
      readonly readyAfterSeconds?: number | string | null;
      /** how long an old pod takes to go: seconds, or a Go duration such as "30s" or "2m" */
      readonly terminationSeconds?: number | string | null;
    };
    readonly responses: {
      readonly "200": HttpRolloutForecast | {
        readonly results: readonly HttpRolloutForecast[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The registered workloads */
  readonly "GET /v1/workloads": {
    readonly responses: {
      readonly "200": {
        readonly workloads: readonly {
          /** `namespace/name` */
          readonly workload: string;
          readonly kind: string;
        }[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Register a workload (any kind; a DaemonSet is judged as its controller judges it) */
  readonly "PUT /v1/workloads/:namespace/:name": {
    readonly params: {
      /** the namespace */
      readonly namespace: string;
      /** the name */
      readonly name: string;
    };
    readonly body: HttpKubernetesObject;
    readonly responses: {
      readonly "200": {
        /** `namespace/name` */
        readonly workload: string;
        readonly kind: string;
      };
      readonly "201": {
        /** `namespace/name` */
        readonly workload: string;
        readonly kind: string;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** A registered workload, as it was sent */
  readonly "GET /v1/workloads/:namespace/:name": {
    readonly params: {
      /** the namespace */
      readonly namespace: string;
      /** the name */
      readonly name: string;
    };
    readonly responses: {
      readonly "200": HttpKubernetesObject;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Unregister a workload */
  readonly "DELETE /v1/workloads/:namespace/:name": {
    readonly params: {
      /** the namespace */
      readonly namespace: string;
      /** the name */
      readonly name: string;
    };
    readonly responses: {
      readonly "200": {
        /** workloads still registered */
        readonly workloads: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** What changes to nodes would do to the registered workloads, without applying them */
  readonly "POST /v1/impact": {
    readonly body: {
      readonly changes: readonly ({
        /** the node name */
        readonly node?: string | null;
        /** by key and effect, or by key alone for every effect */
        readonly removeTaints?: readonly ({
          readonly key?: string | null;
          /** absent: every effect */
          readonly effect?: string | null;
        } | null)[] | null;
        /** a taint with the key and effect of an existing one replaces it */
        readonly addTaints?: readonly ({
          readonly key?: string | null;
          readonly value?: string | null;
          readonly effect?: string | null;
        } | null)[] | null;
        readonly removeLabels?: readonly string[] | null;
        readonly setLabels?: Readonly<Record<string, string>> | null;
        readonly unschedulable?: boolean | null;
      } | null)[];
    };
    readonly responses: {
      readonly "200": HttpImpactAnswer;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** kube-scheduler extender filter: the candidates the pod may run on */
  readonly "POST /scheduler/filter": {
    readonly body: {
      /** the pod being scheduled (`kind` may be empty). Checked by placement's validators as the API server checks it; the schema names the usual fields only. */
      readonly Pod?: HttpKubernetesObject;
      /** the candidates as Nodes (nodeCacheCapable: false) */
      readonly Nodes?: {
        readonly items?: readonly HttpKubernetesObject[] | null;
      } | null;
      /** the candidates by name (nodeCacheCapable: true) */
      readonly NodeNames?: readonly string[] | null;
    };
    readonly responses: {
      readonly "200": HttpExtenderFilterResult;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** kube-scheduler extender prioritize: a score 0–10 per candidate */
  readonly "POST /scheduler/prioritize": {
    readonly body: {
      /** the pod being scheduled (`kind` may be empty). Checked by placement's validators as the API server checks it; the schema names the usual fields only. */
      readonly Pod?: HttpKubernetesObject;
      /** the candidates as Nodes (nodeCacheCapable: false) */
      readonly Nodes?: {
        readonly items?: readonly HttpKubernetesObject[] | null;
      } | null;
      /** the candidates by name (nodeCacheCapable: true) */
      readonly NodeNames?: readonly string[] | null;
    };
    readonly responses: {
      readonly "200": HttpHostPriorityList;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The process serves */
  readonly "GET /healthz": {
    readonly responses: {
      readonly "200": {
        readonly status: "ok";
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** A node set is loaded */
  readonly "GET /readyz": {
    readonly responses: {
      readonly "200": {
        readonly status: "ready";
        readonly nodes: number;
      };
      readonly "503": {
        readonly status: "not ready";
        readonly reason: string;
      };
      readonly "4XX": HttpErrorBody;
    };
  };
  /** Prometheus metrics */
  readonly "GET /metrics": {
    readonly responses: {
      readonly "200": string;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** This document (OpenAPI 3.1) */
  readonly "GET /openapi.json": {
    readonly responses: {
      readonly "200": {
        readonly openapi: string;
        readonly info: Readonly<Record<string, unknown>>;
        readonly paths: Readonly<Record<string, unknown>>;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The placement map page */
  readonly "GET /": {
    readonly query: {
      /** draw pools by this label key instead of the default list */
      readonly groupBy?: string;
    };
    readonly responses: {
      readonly "200": string;
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The map over the live nodes and registered workloads */
  readonly "GET /v1/report": {
    readonly query: {
      /** draw pools by this label key instead of the default list */
      readonly groupBy?: string;
    };
    readonly responses: {
      readonly "200": {
        readonly kind: "PlacementReport";
        /** RFC 3339 */
        readonly generatedAt: string;
        readonly groupBy: readonly string[];
        readonly nodes: {
          readonly total: number;
          readonly cordoned: number;
          readonly notReady: number;
        };
        readonly pools: readonly Readonly<Record<string, unknown>>[];
        readonly workloads: readonly Readonly<Record<string, unknown>>[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** Moves when the nodes or the registered workloads change */
  readonly "GET /v1/report/version": {
    readonly responses: {
      readonly "200": {
        readonly version: number;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** A registered workload's details */
  readonly "GET /v1/report/workloads/:namespace/:name": {
    readonly params: {
      /** the namespace */
      readonly namespace: string;
      /** the name */
      readonly name: string;
    };
    readonly responses: {
      readonly "200": {
        readonly id: string;
        readonly message: string;
        readonly groups: readonly Readonly<Record<string, unknown>>[];
        readonly moreGroups: {
          readonly groups: number;
          readonly nodes: number;
        };
        readonly why: Readonly<Record<string, unknown>>;
        /** a DaemonSet's coverage */
        readonly daemonset?: Readonly<Record<string, unknown>>;
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
  /** The node names of a pool of the map */
  readonly "GET /v1/report/pool-nodes": {
    readonly query: {
      /** a pool of the map */
      readonly pool: string;
      /** draw pools by this label key instead of the default list */
      readonly groupBy?: string;
    };
    readonly responses: {
      readonly "200": {
        readonly pool: string;
        readonly nodes: readonly string[];
      };
      readonly "4XX": HttpErrorBody;
      readonly "5XX": HttpErrorBody;
    };
  };
}

/** The JSON body of a route. */
export type HttpRequestBody<R extends keyof HttpRoutes> = HttpRoutes[R] extends { readonly body: infer B } ? B : never;
/** The successful answer of a route. */
export type HttpAnswer<R extends keyof HttpRoutes> = HttpRoutes[R]['responses'] extends { readonly 200: infer A } ? A : HttpRoutes[R]['responses'] extends { readonly 201: infer A } ? A : never;
