/** The dashboard's one stylesheet, served by Hallway itself (no CDN, no web fonts). Legend colours match PALETTE. */
import { PALETTE } from './charts/index.ts';

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1f2429; --muted: #5b6470; --line: #d9dde3; --paper: #ffffff; --wash: #f4f6f9;
  --accent: ${PALETTE[0]}; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--wash); color: var(--ink); line-height: 1.45; }
a { color: var(--accent); }
header.top { background: var(--paper); border-bottom: 1px solid var(--line); padding: 0.75rem 1.25rem; display: flex;
  flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; }
header.top .brand { font-weight: 700; font-size: 1.1rem; }
header.top .who { color: var(--muted); font-size: 0.9rem; display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
nav.pages { background: var(--paper); border-bottom: 1px solid var(--line); overflow-x: auto; }
nav.pages ul { list-style: none; margin: 0; padding: 0 1rem; display: flex; gap: 0.25rem; white-space: nowrap; }
nav.pages a { display: block; padding: 0.6rem 0.75rem; text-decoration: none; color: var(--muted); border-bottom: 3px solid transparent; }
nav.pages a[aria-current="page"] { color: var(--ink); border-bottom-color: var(--accent); font-weight: 600; }
main { max-width: 1040px; margin: 0 auto; padding: 1.25rem; }
h1 { margin: 0.25rem 0 0.25rem; font-size: 1.6rem; }
p.summary { color: var(--muted); margin-top: 0; }
section.block { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.25rem;
  margin: 1rem 0; }
section.block h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
section.block p.description { color: var(--muted); margin: 0 0 0.75rem; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 0.75rem; margin: 1rem 0; }
dl.figures div { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 0.75rem 1rem; }
dl.figures dt { color: var(--muted); font-size: 0.85rem; }
dl.figures dd { margin: 0.2rem 0 0; font-size: 1.6rem; font-weight: 700; }
dl.figures .note { color: var(--muted); font-size: 0.8rem; margin: 0; }
svg.chart { width: 100%; height: auto; display: block; margin: 0.25rem 0; }
ul.legend { list-style: none; padding: 0; margin: 0.25rem 0 0.75rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem;
  font-size: 0.85rem; color: var(--muted); }
ul.legend .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; margin-right: 0.35rem;
  vertical-align: -0.1rem; }
.s0 { background: ${PALETTE[0]}; } .s1 { background: ${PALETTE[1]}; } .s2 { background: ${PALETTE[2]}; } .s3 { background: ${PALETTE[3]}; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
thead th { color: var(--muted); font-weight: 600; font-size: 0.8rem; }
p.note, p.table-note { color: var(--muted); font-size: 0.85rem; }
a.csv { font-size: 0.85rem; }
ul.names { columns: 16rem auto; padding-left: 1.1rem; margin: 0.5rem 0; }
p.empty { color: var(--muted); font-style: italic; }
.count { color: var(--muted); font-weight: 400; }
button, .button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 0.35rem 0.7rem;
  cursor: pointer; text-decoration: none; display: inline-block; }
button.quiet { background: transparent; color: var(--accent); border: 1px solid var(--line); }
form.inline { display: inline; margin: 0; }
.flash { background: #e8f4ee; border: 1px solid #b6dcc7; border-radius: 8px; padding: 0.6rem 0.9rem; margin: 1rem 0 0; }
.notice { max-width: 34rem; margin: 3rem auto; background: var(--paper); border: 1px solid var(--line); border-radius: 12px;
  padding: 1.5rem 1.75rem; }
.notice h1 { font-size: 1.35rem; }
code { background: var(--wash); border: 1px solid var(--line); border-radius: 4px; padding: 0 0.25rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 600px) { main { padding: 0.75rem; } h1 { font-size: 1.3rem; } section.block { padding: 0.75rem; }
  dl.figures dd { font-size: 1.3rem; } }
`;
