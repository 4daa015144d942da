/** The page's stylesheet, inlined (the page loads nothing). Colour always comes with a number or a text. */
export const pageStyle = String.raw`
:root { color-scheme: light; --ink: #1b1f24; --muted: #59636e; --line: #d0d7de; --accent: #0a58ca; --bad: #b42318; --bg: #fff; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 12px 20px 8px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 16px 0 6px; }
h3 { font-size: 14px; margin: 14px 0 4px; }
.summary { margin: 0; color: var(--muted); }
.summary strong { color: var(--ink); }
.bad { color: var(--bad); }
.controls { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-end; padding: 10px 20px; border-bottom: 1px solid var(--line); }
.controls label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
input, select, button { font: inherit; }
input, select { padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; }
button { padding: 4px 10px; border: 1px solid var(--line); border-radius: 4px; background: var(--panel); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; list-style: none; margin: 0; padding: 0; font-size: 12px; align-items: center; }
.legend li { display: flex; gap: 4px; align-items: center; }
.swatch { display: inline-block; min-width: 28px; padding: 1px 4px; text-align: center; border: 1px solid var(--line); border-radius: 3px; }
#whatif { padding: 10px 20px; border-bottom: 1px solid var(--line); background: #fffbeb; }
#whatif h2 { margin: 0 0 6px; }
#whatif .row { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; }
#whatif label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
#whatif-status, #live-status { margin: 6px 0 0; font-size: 13px; }
.layout { display: flex; align-items: flex-start; }
.matrix-wrap { overflow: auto; max-height: calc(100vh - 150px); flex: 1 1 auto; min-width: 0; }
table.matrix { border-collapse: separate; border-spacing: 0; font-variant-numeric: tabular-nums; }
.matrix th, .matrix td { border-right: 1px solid #eef0f2; border-bottom: 1px solid #eef0f2; padding: 2px 4px; }
.matrix thead th { position: sticky; top: 0; background: var(--bg); z-index: 2; vertical-align: bottom; border-bottom: 2px solid var(--line); }
.matrix thead th.pool { height: 150px; width: 40px; min-width: 40px; max-width: 40px; padding: 4px 0; }
.pool-name { display: block; writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-height: 118px; margin: 0 auto; font-weight: 600; font-size: 12px; }
.pool-meta { display: block; font-weight: 400; font-size: 10px; color: var(--muted); text-align: center; }
.pool-flags { display: block; font-size: 10px; text-align: center; color: var(--bad); }
.matrix th.workload { position: sticky; left: 0; background: var(--bg); z-index: 1; text-align: left; font-weight: 400; white-space: nowrap; max-width: 340px; overflow: hidden; text-overflow: ellipsis; cursor: pointer; }
.matrix thead th.workload { z-index: 3; }
.matrix td.total { text-align: right; white-space: nowrap; color: var(--muted); cursor: pointer; }
.matrix td.cell { text-align: center; min-width: 40px; cursor: pointer; font-size: 12px; }
.matrix tr.section th { position: sticky; left: 0; text-align: left; background: var(--panel); font-weight: 600; }
.matrix .nowhere-group tr.section th { background: #fef3f2; color: var(--bad); }
.matrix tr.nowhere th.workload { box-shadow: inset 4px 0 0 var(--bad); }
.matrix tr[aria-selected="true"] th.workload, .matrix tr[aria-selected="true"] td.total { background: #e7f0ff; }
.matrix tr:hover th.workload { text-decoration: underline; }
.kind { color: var(--muted); }
.badge { display: inline-block; margin-left: 6px; padding: 0 5px; border-radius: 8px; font-size: 11px; background: #fee4e2; color: var(--bad); }
.s0 { background: repeating-linear-gradient(135deg, #f6f6f6 0 4px, #e4e4e4 4px 8px); color: #6b7280; }
.s1 { background: #deebf7; color: #0b2545; }
.s2 { background: #9ecae1; color: #0b2545; }
.s3 { background: #6baed6; color: #04142a; }
.s4 { background: #2f74b5; color: #fff; }
.s5 { background: #08306b; color: #fff; }
td.changed, th.pool.changed { box-shadow: inset 0 0 0 2px #f59e0b; font-weight: 700; }
.was { font-weight: 400; text-decoration: line-through; opacity: .8; margin-right: 2px; }
#details { flex: 0 0 min(46rem, 48vw); max-height: calc(100vh - 150px); overflow: auto; border-left: 1px solid var(--line); padding: 0 16px 24px; background: var(--panel); }
#details[hidden] { display: none; }
#details h2 { margin-top: 12px; }
#details table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 4px 0; }
#details th, #details td { border-bottom: 1px solid var(--line); padding: 3px 4px; text-align: left; vertical-align: top; }
#details td.num, #details th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
#details ul, #details ol { margin: 4px 0; padding-left: 20px; }
.funnel li { display: grid; grid-template-columns: 10rem 5rem 1fr; gap: 6px; align-items: center; }
.bar { display: block; height: 10px; background: var(--accent); min-width: 1px; }
.field { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11px; color: var(--muted); word-break: break-all; }
.note { color: var(--muted); font-size: 12px; }
.close { float: right; margin-top: 10px; }
.pools-table { margin: 8px 20px; }
.pools-table table { border-collapse: collapse; font-size: 12px; }
.pools-table th, .pools-table td { border-bottom: 1px solid var(--line); padding: 2px 8px; text-align: left; }
.pools-table td.num { text-align: right; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
