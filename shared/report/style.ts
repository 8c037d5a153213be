/**
 * The report's stylesheet, inlined: no network, no web fonts (the system's own sans-serif).
 * Text colours are at least 7:1 on white; charts scale down with the page.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: #111827;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.page { background: #111827; color: #f9fafb; padding: 24px 32px; }
header.page h1 { margin: 0 0 4px; font-size: 26px; }
header.page p { margin: 0; color: #e5e7eb; }
header.page nav a { color: #bfdbfe; margin-right: 14px; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 24px 48px; }
section.block { background: #fff; border: 1px solid #e5e7eb; border-radius: 10px; padding: 16px 22px 22px; margin: 20px 0; }
section.block > h2 { margin: 4px 0 12px; font-size: 21px; }
h3 { font-size: 17px; margin: 22px 0 6px; }
.kind { display: inline-block; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  background: #e0e7ff; color: #1e3a8a; border-radius: 4px; padding: 1px 6px; margin-left: 8px; vertical-align: middle; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px 22px; }
figure.chart { margin: 8px 0; }
figure.chart figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; color: #1f2937; }
figure.chart svg[data-chart] { display: block; width: 100%; height: auto; font-size: 12px; }
svg text { fill: #1f2937; }
svg text.tick, svg text.missing { fill: #4b5563; }
svg text.value { font-weight: 600; }
ul.legend { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 10px; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; color: #1f2937; }
th, td { padding: 6px 7px; border-bottom: 1px solid #e5e7eb; text-align: left; white-space: nowrap; }
thead th { white-space: normal; vertical-align: bottom; }
thead th { background: #f9fafb; border-bottom: 2px solid #d1d5db; font-weight: 600; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { white-space: normal; }
.table-wrap.narrow table { max-width: 640px; }
.note { color: #374151; font-size: 13.5px; margin: 4px 0 8px; }
.empty { color: #374151; background: #f9fafb; border: 1px dashed #9ca3af; border-radius: 8px; padding: 14px 16px; margin: 8px 0; }
.warning { background: #fff7ed; border: 1px solid #c2410c; border-left-width: 5px; color: #7c2d12; border-radius: 6px; padding: 10px 14px; margin: 8px 0; }
.label-attributed { font-weight: 600; color: #92400e; }
pre.definitions { white-space: pre-wrap; background: #f9fafb; border: 1px solid #e5e7eb; border-radius: 6px; padding: 12px; font-size: 13px; }
footer { color: #4b5563; font-size: 13px; text-align: center; padding: 16px; }
`;
