/** How the CLI words a DaemonSet plan's Pending forecast. */
export { pendingLine } from '../controllers/daemonset/pending-line.js';

/** A pending node's cell in the WHY NOT column. */
export const pendingCell = (reasons: readonly string[]): string => `stays Pending: ${reasons.join(', ')}`;
