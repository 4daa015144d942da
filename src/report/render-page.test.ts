import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileReport, hostileStrings } from '../testing/hostile-report.js';
import { pageStyle } from './page-style.js';
import { pageScript, renderReportPage } from './render-page.js';

const { data } = hostileReport();
const html = renderReportPage(data);

/** The text of the element `<tag ...attributes>` (the first match). */
function element(page: string, open: string, close: string): string {
  const start = page.indexOf(open);
  assert.ok(start >= 0, open);
  return page.slice(start + open.length, page.indexOf(close, start));
}

test('the page script is one valid script that cannot end its own element', () => {
  new Script(pageScript);
  assert.not.match(pageScript, /<\/script|<!--/i);
  assert.not.match(pageStyle, /<\/style/i);
});

test('hostile names, labels and taints: the embedded JSON reads back unchanged, and none of them appears as markup', () => {
  assert.equal(JSON.parse(element(html, '<script type="application/json" id="placement-data">', '</script>')), data);
  assert.is(html.match(/<script/gi)!.length, 3, 'the data, the config and the page script: nothing else');
  for (const text of hostileStrings) assert.not.ok(html.includes(text), `raw: ${text}`);
  assert.not.match(html, /<(img|svg)\b/i, 'no element from the data');
  // The control: the payloads really are in the data the page carries.
  assert.ok(data.pools.some((p) => p.name === hostileStrings[0]));
  assert.ok(data.workloads.every((w) => hostileStrings.includes(w.namespace)));
});

test('Content-Security-Policy: the inline style and script by hash, nothing else, no network for the file', () => {
  const csp = element(html, '<meta http-equiv="Content-Security-Policy" content="', '">').replace(/&#39;/g, "'");
  const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
  assert.ok(csp.includes(`script-src 'sha256-${hash(element(html, '<script>', '</script>'))}'`), csp);
  assert.ok(csp.includes(`style-src 'sha256-${hash(element(html, '<style>', '</style>'))}'`), csp);
  assert.ok(csp.includes("default-src 'none'") && csp.includes("connect-src 'none'"), csp);
  const live = renderReportPage({ ...data, details: undefined } as never, { live: { version: 3, pollMs: 2000 } });
  assert.ok(live.includes('connect-src &#39;self&#39;'));
  assert.equal(JSON.parse(element(live, '<script type="application/json" id="placement-config">', '</script>')), { live: true, version: 3, pollMs: 2000, groupBy: null });
});

test('the title counts nodes and workloads, escaped', () => {
  assert.match(html, /<title>Placement map: 5 nodes, 5 workloads<\/title>/);
});

test.run();
