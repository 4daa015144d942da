/** `placement help`. */
export const usage = `placement — where may Kubernetes workloads run, and why not?

Usage:
  placement eligible --nodes <file|dir|-> --pod <file|-> [--pods <file|dir|->] [--objects <file|dir|->] [--rules <dir>]
                     [--explain nodes|groups|none] [-o json|table|wide] [--no-validate] [--feature-gates ...]
  placement why      --nodes <file|dir|-> --pod <file|-> [--pods <file|dir|->] [--objects <file|dir|->] [--rules <dir>]
                     [-o json|table] [--no-validate] [--feature-gates ...]
  placement rank     --nodes <file|dir|-> --pod <file|-> [--pods <file|dir|->] [--objects <file|dir|->] [--rules <dir>]
                     [-o json|table|wide] [--no-validate] [--feature-gates ...]
  placement validate <file|dir>... [--feature-gates ...]
  placement compile  --pod <file|-> [-o json|jsonlogic] [--no-validate] [--feature-gates ...]
  placement lint     --pod <file|-> [--no-validate] [--feature-gates ...]
  placement daemonset --nodes <file|dir|-> --daemonset <file|dir> [--pods <file|dir>] [--objects <file|dir|->]
                     [--revision-hash H] [--now T] [-o json|table|wide] [--no-validate] [--feature-gates ...]
                     [--rollout [--ready-after 30s] [--terminate-after 0s]]
  placement report   --nodes <file|dir|-> --workloads <file|dir|-> [--pods <file|dir>] [--rules <dir>]
                     [--group-by LABEL] [-o html|json] [--no-validate] [--feature-gates ...]
  placement sample   [--nodes N] [--seed S] [-o json|table] [--print-nodes | --print-pods]
  placement serve    [--nodes <file|dir>] [--pods <file|dir>] [--objects <file|dir>] [--rules <dir>]
                     [--port 8080] [--host 127.0.0.1] [--max-body-bytes N] [--time-budget-ms 2000] [--max-pending-requests 64]
                     [--max-batch-items 1000] [--max-explanation-bytes N] [--max-answer-bytes-in-flight N]
                     [--no-validate] [--feature-gates ...]
  placement help

Inputs are JSON or YAML (multi-document), single objects or Lists as kubectl prints them
('kubectl get nodes -o json'), or folders of such files. A workload may be a Pod, PodTemplate,
Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job or CronJob.

  -o, --output       json, table (nodes that read alike grouped) or wide (a row per node);
                     default: table on a terminal, json otherwise
  --explain          eligible's why-not: nodes (each node; the JSON default), groups (one entry
                     per group of equally explained nodes; the table default) or none
  --pods <file|dir|->
                     the pods already in the cluster ('kubectl get pods -A -o json'): those bound
                     to a node and not finished hold its host ports and resources (NodePorts,
                     NodeResourcesFit); without it those two filters are not evaluated
  --objects <file|dir|->
                     the cluster's Namespaces, Services, ReplicationControllers, ReplicaSets and
                     StatefulSets ('kubectl get ns,svc,rc,rs,sts -A -o json'): Namespace labels for
                     pod affinity's namespaceSelector, selectors for the default topology spreading;
                     without Namespaces a namespaceSelector is not evaluated
  --rules <dir>      custom placement policies (PlacementPolicy files, e.g. rules/policies)
  --no-validate      skip API-server validation; evaluate invalid objects as kube-scheduler does
  --feature-gates    kube-scheduler gates, e.g. TaintTolerationComparisonOperators=true

Exit codes: 0 answered, 2 bad input or usage, 1 a bug in placement.
`;
