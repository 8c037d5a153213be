import { ROI_ATTRIBUTED_LABEL } from '../cost/costModel.js';
import type { ScorecardRow } from '../lake/tables/scorecards.js';
import type { Period } from './definitions.js';

/**
 * The terminal scorecard (`npm start`, `npm run job`): one line per campaign or workflow, grouped
 * by kind and category and ranked within it, for one period (to_date unless asked). Keys come
 * from config ids, not from message text, but are cut to width all the same.
 */
export interface ScorecardTableOptions {
  /** @default 'to_date' */
  period?: Period;
}

const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const moneyText = (minor: number | bigint | null, currency: string) => {
  if (minor === null) return '-';
  const major = Number(minor) / 100;
  const digits = Math.abs(major) >= 1000 ? 0 : 2;
  return `${currency === 'USD' ? '$' : `${currency} `}${major.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })}`;
};
const roiText = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(0)}%`);

const COLUMNS = [
  ['rank', 4],
  ['workflow', 24],
  ['sends', 7],
  ['recips', 7],
  ['CTR', 6],
  ['reply', 6],
  ['opt-out', 7],
  ['conv', 5],
  ['RPR', 8],
  ['profit', 10],
  ['cost/conv', 9],
  ['pipeline', 10],
  ['ROI*', 7],
] as const;

function line(cells: string[]): string {
  return cells
    .map((cell, i) => {
      const [, width] = COLUMNS[i]!;
      const cut = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
      return i === 1 ? cut.padEnd(width) : cut.padStart(width);
    })
    .join(' ');
}

export function formatScorecardTable(
  rows: readonly ScorecardRow[],
  options: ScorecardTableOptions = {},
): string {
  const period = options.period ?? 'to_date';
  const shown = rows.filter(
    (row) => row.period === period && (row.level === 'campaign' || row.level === 'flow'),
  );
  if (shown.length === 0) return `No scorecard rows for period ${period}.`;
  const groups = new Map<string, ScorecardRow[]>();
  for (const row of shown) {
    const key = `${row.kind}s · ${row.category ?? 'uncategorized'}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const out: string[] = [];
  const first = shown[0]!;
  out.push(
    `Scorecard (${period}, from ${first.period_start}; ${first.definitions_version}; credits: ${first.attribution_model})`,
  );
  out.push(line(COLUMNS.map(([name]) => name)));
  for (const [title, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`-- ${title}`);
    list.sort((a, b) => (a.rank_in_category ?? 0) - (b.rank_in_category ?? 0));
    for (const row of list) {
      const currency = row.currency;
      out.push(
        line([
          String(row.rank_in_category ?? '-'),
          String(row.key),
          String(row.sends),
          String(row.recipients),
          pct(row.ctr),
          pct(row.reply_rate),
          pct(row.opt_out_rate),
          String(row.conversions),
          moneyText(
            row.revenue_per_recipient_minor === null ? null : Math.round(row.revenue_per_recipient_minor),
            currency,
          ),
          moneyText(row.profit_minor, currency),
          moneyText(
            row.cost_per_outcome_minor === null ? null : Math.round(row.cost_per_outcome_minor),
            currency,
          ),
          moneyText(row.pipeline_influenced_minor, currency),
          roiText(row.roi_attributed),
        ]),
      );
    }
  }
  out.push(`* ROI = ${ROI_ATTRIBUTED_LABEL}: (attributed profit - program cost) / program cost.`);
  return out.join('\n');
}
