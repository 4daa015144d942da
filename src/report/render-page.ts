/**
 * The placement map as one self-contained HTML page: inline CSS and script, the data embedded as
 * JSON, nothing loaded from anywhere, so the file opens from disk. A Content-Security-Policy
 * allows exactly the page's own style and script (by hash) and, on the live page, requests to its
 * own server: even a hostile label that got past the escaping could not run.
 */
import { createHash } from 'node:crypto';
import { clientCore } from './client-core.js';
import { clientDetails } from './client-details.js';
import { clientLive } from './client-live.js';
import { clientMatrix } from './client-matrix.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { pageStyle } from './page-style.js';
import type { ReportData } from './report-data.js';

/** The page's whole script: the four parts in one function scope. */
export const pageScript = `(() => {\n'use strict';\n${clientCore}${clientMatrix}${clientDetails}${clientLive}\nstart();\n})();\n`;

/** How the page behaves. */
export interface PageOptions {
  /** Served by `placement serve`: refreshes from the server, fetches details, offers the what-if box. */
  readonly live?: { readonly version: number; readonly pollMs: number; readonly groupBy?: string };
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const whatIfForm = `
<form id="whatif" aria-labelledby="whatif-title">
  <h2 id="whatif-title">What if… (a preview through POST /v1/impact; nothing is applied)</h2>
  <div class="row">
    <label>Pool <select id="whatif-pool" name="pool"></select></label>
    <label>Change <select name="action">
      <option value="taint">add a taint</option><option value="untaint">remove a taint</option>
      <option value="label">set a label</option><option value="unlabel">remove a label</option>
      <option value="cordon">cordon</option><option value="uncordon">uncordon</option>
    </select></label>
    <label>Key <input name="key" value="example.com/maintenance" autocomplete="off"></label>
    <label>Value <input name="value" value="true" autocomplete="off"></label>
    <label>Effect <select name="effect"><option>NoSchedule</option><option>PreferNoSchedule</option><option>NoExecute</option></select></label>
    <button class="primary" type="submit">Preview</button>
    <button type="button" id="whatif-clear">Clear</button>
  </div>
  <p id="whatif-status" role="status"></p>
</form>`;

/** The page for `data`: a file (details embedded) or the live page (details fetched on click). */
export function renderReportPage(data: ReportData, options: PageOptions = {}): string {
  const live = options.live;
  const config = { live: live !== undefined, version: live?.version ?? 0, pollMs: live?.pollMs ?? 0, groupBy: live?.groupBy ?? null };
  const csp = [`default-src 'none'`, `style-src ${sha256(pageStyle)}`, `script-src ${sha256(pageScript)}`, `connect-src ${live ? `'self'` : `'none'`}`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  const title = `Placement map: ${data.nodes.total} nodes, ${data.workloads.length} workloads`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
<header>
  <h1>Placement map${live ? ' (live)' : ''}</h1>
  <p class="summary" id="summary"></p>
  <p id="live-status" role="status" hidden></p>
</header>
<div class="controls">
  <label>Filter workloads <input id="filter" type="search" placeholder="kind, namespace or name" aria-controls="matrix" autocomplete="off"></label>
  <ul class="legend" id="legend" aria-label="How to read the cells"></ul>
</div>${live ? whatIfForm : ''}
<details class="pools-table" id="pools"></details>
<div class="layout">
  <div class="matrix-wrap"><table class="matrix" id="matrix" role="grid" aria-labelledby="matrix-caption"></table></div>
  <section id="details" aria-labelledby="details-title" hidden></section>
</div>
<noscript><p>The map is drawn by the page's script; turn JavaScript on, or use <code>placement report -o json</code> for the same data.</p></noscript>
<script type="application/json" id="placement-data">${jsonForScript(data)}</script>
<script type="application/json" id="placement-config">${jsonForScript(config)}</script>
<script>${pageScript}</script>
</body>
</html>
`;
}
