import { describe, expect, it } from 'vitest';
import { alignColumns, formatReportSummary } from '../../../shared/report/reportSummary.js';
import { reportFixture } from './reportFixture.js';

describe('Function: formatReportSummary', () => {
  it('prints one aligned table per category, numbers to the right', () => {
    // Act
    const lines = formatReportSummary(reportFixture()).split('\n');

    // Assess
    const renewal = lines.indexOf('renewal');
    expect(renewal).toBeGreaterThan(0);
    const [header, reminder, promo] = lines.slice(renewal + 1, renewal + 4);
    expect(header).toMatch(
      /^ {2}workflow +kind +volume +CTR +reply +opt-out +conv +RPR +profit +cost\/outcome +pipeline +ROI attr\.\*$/,
    );
    expect(reminder).toMatch(
      /^ {2}renewal-reminder +flow +1,000 +12\.0% +5\.0% +1\.0% +40 +\$2\.50 +\$900\.00 +\$10\.00 +\$15,000\.00 +\+50%$/,
    );
    expect(promo).toMatch(/ -40%$/);
    // right-aligned: every row of the table ends in the same column
    expect(new Set([header, reminder, promo].map((line) => line!.length)).size).toBe(1);
    expect(lines).toContain('* attributed (not incremental)');
  });

  it('lists holdout lift with its interval and flags a suspect split', () => {
    const text = formatReportSummary(reportFixture());

    expect(text).toMatch(/onboarding +900 +100 +\+3\.0 pp +\+1\.0 pp to \+5\.0 pp +\+80% +\+125% +ok/);
    expect(text).toMatch(/renewal-reminder .* MISMATCH/);
    expect(text).toMatch(/renewal-promo +900 +100 +insufficient data/);
  });

  it('says there is nothing yet on an empty lake', () => {
    const data = { ...reportFixture(), categories: [], lift: undefined };

    expect(formatReportSummary(data)).toBe(
      'Scorecard to date up to 2026-11-24\n  no scorecards yet (npm run job -- scorecards)',
    );
  });

  it('keeps control characters from a key out of the terminal', () => {
    const data = reportFixture();
    data.categories[0]!.workflows[0]!.label = 'evil\u001b[2J';

    expect(formatReportSummary(data)).not.toContain('\u001b');
  });
});

describe('Function: alignColumns', () => {
  it('pads each column to its widest cell, two spaces apart', () => {
    expect(
      alignColumns(
        [
          ['a', '1'],
          ['bbb', '100'],
        ],
        [false, true],
      ),
    ).toEqual(['a      1', 'bbb  100']);
  });
});
