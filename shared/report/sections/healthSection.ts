import type { ChartIds } from '../chartIds.js';
import { barChart } from '../charts/barChart.js';
import { lineChart } from '../charts/lineChart.js';
import { formatRate } from '../format.js';
import type { FatiguePoint, OptOutTrend } from '../reportData.js';

/** Opt-outs per day by category, and the fatigue curve: do more messages lose more people? */
export function healthSection(trend: OptOutTrend, fatigue: FatiguePoint[], ids: ChartIds): string {
  const parts = [
    '<section class="block" id="opt-outs" aria-labelledby="opt-outs-h">',
    '<h2 id="opt-outs-h">Opt-outs and fatigue</h2>',
  ];
  const hasTrend = trend.days.length > 0 && trend.series.some((s) => s.rates.some((rate) => rate !== null));
  parts.push(
    '<div class="grid"><div>',
    hasTrend
      ? lineChart({
          id: ids.next(),
          title: 'Opt-out rate per day, by category',
          description: `Opt-outs divided by recipients per day for each category, ${trend.days[0]} to ${trend.days[trend.days.length - 1]}.`,
          xLabels: trend.days.map((day) => day.slice(5)),
          series: trend.series.map((s) => ({ name: s.category, values: s.rates })),
          format: formatRate,
        })
      : '<p class="empty">No daily opt-out figures yet.</p>',
  );
  parts.push(
    '</div><div>',
    fatigue.length > 0
      ? `${barChart({
          id: ids.next(),
          title: 'Fatigue: opt-out rate by messages received in the last 30 days',
          description:
            'Opt-out rate of contacts grouped by how many messages they received in the 30 days before; a rising curve means frequency costs subscribers.',
          series: ['Opt-out rate'],
          groups: fatigue.map((point) => ({ label: point.messagesLast30d, values: [point.optOutRate] })),
          format: formatRate,
          box: { height: 230, bottom: 52 },
        })}<p class="note">x axis: messages received in the last 30 days.</p>`
      : '<p class="empty">No fatigue curve yet (it needs scorecard rows of level <code>fatigue</code>).</p>',
  );
  parts.push('</div></div></section>');
  return parts.join('');
}
