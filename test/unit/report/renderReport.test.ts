import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../shared/report/renderReport.js';
import type { ReportData } from '../../../shared/report/reportData.js';
import { reportFixture } from './reportFixture.js';

/** Keys a texter or a config typo could put in front of a browser. */
const HOSTILE_KEY = '<script>alert(1)</script>';
const HOSTILE_CATEGORY = '"onload=alert(2) x="';
const HOSTILE_DEFINITION = '</pre><img src=x onerror=alert(3)>';

function hostileReport(): ReportData {
  const data = reportFixture();
  const workflow = data.categories[0]!.workflows[0]!;
  workflow.key = HOSTILE_KEY;
  workflow.label = HOSTILE_KEY;
  data.categories[0]!.category = HOSTILE_CATEGORY;
  workflow.category = HOSTILE_CATEGORY;
  data.optOutTrend.series[0]!.category = HOSTILE_CATEGORY;
  data.fatigue[0]!.messagesLast30d = "'><svg onload=alert(4)>";
  data.definitions[0] = { version: '<b>v</b>', text: HOSTILE_DEFINITION };
  data.lift![0]!.label = HOSTILE_KEY;
  data.lift![0]!.srmPValue = 0.0001; // its name also lands in the SRM warning
  data.ltv!.curves[0]!.cohort = HOSTILE_CATEGORY;
  data.ltv!.models[0]!.assumptions = { '<i>key</i>': '<script>' };
  return data;
}

describe('Function: renderReport', () => {
  it('escapes every string from the data, in text and in attributes', () => {
    // Act
    const html = renderReport(hostileReport());

    // Assess: no markup from the data survives, in any section
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\son(load|error)=/i);
    expect(html).not.toContain('<b>v</b>');
    expect(html).not.toContain('<i>key</i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;onload=alert(2) x=&quot;');
    expect(html).toContain('&lt;/pre&gt;&lt;img src=x onerror=alert(3)&gt;');
    expect(html).toContain('&#39;&gt;&lt;svg onload=alert(4)&gt;');
    // the SRM warning names the workflow, escaped
    expect(html).toMatch(/Check the holdout of &lt;script&gt;alert\(1\)&lt;\/script&gt;\./);
  });

  it('makes anchors from keys that cannot break out of an href', () => {
    const html = renderReport(hostileReport());

    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^#[a-z0-9-]+$/);
  });

  it('loads nothing: no script, no external URL, a policy that forbids fetching', () => {
    const html = renderReport(reportFixture());

    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('is accessible: a title, headings, and a title and description on every chart', () => {
    const html = renderReport(reportFixture());

    expect(html).toContain('<title>SMS program report — 2026-11-24</title>');
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1>/);
    const charts = [...html.matchAll(/<svg [^>]*role="img"[^>]*aria-labelledby="([^"]+)"/g)];
    expect(charts.length).toBeGreaterThan(10);
    for (const [, ids] of charts) {
      const [titleId, descId] = ids!.split(' ');
      expect(html).toContain(`<title id="${titleId}">`);
      expect(html).toContain(`<desc id="${descId}">`);
    }
    // chart ids are unique in the page
    const ids = [...html.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('labels ROI as attributed (not incremental) wherever it is shown', () => {
    const html = renderReport(reportFixture());

    expect(html).toContain('ROI by workflow, attributed (not incremental)');
    expect(html).toContain('Attributed ROI, attributed (not incremental)');
    expect(html).toMatch(/title="[^"]*attributed \(not incremental\)">ROI \(attributed\)<\/th>/);
  });

  it('shows each workflow’s figures with their units', () => {
    const html = renderReport(reportFixture());

    // renewal-promo: 1,000 recipients, CTR 12.0%, RPR 250 cents, profit 90,000 cents, ROI -0.4
    expect(html).toMatch(
      /<th scope="row">renewal-promo<\/th><td>campaign<\/td><td class="num">1,000<\/td><td class="num">12.0%<\/td><td class="num">5.0%<\/td><td class="num">1.0%<\/td><td class="num">40<\/td><td class="num">\$2.50<\/td><td class="num">\$900.00<\/td><td class="num">\$400.00<\/td><td class="num">\$10.00<\/td><td class="num">\$15,000.00<\/td><td class="num">-40%<\/td>/,
    );
  });

  it('renders the same bytes for the same data', () => {
    expect(renderReport(reportFixture())).toBe(renderReport(reportFixture()));
  });

  it('says what is missing instead of drawing empty charts', () => {
    // Prepare: nothing but the day
    const data: ReportData = {
      ...reportFixture(),
      categories: [],
      optOutTrend: { days: [], series: [] },
      fatigue: [],
      definitions: [],
      lift: undefined,
      ltv: undefined,
    };

    // Act
    const html = renderReport(data);

    // Assess
    expect(html).toContain('No scorecards yet for 2026-11-24');
    expect(html).toContain('No daily opt-out figures yet.');
    expect(html).toContain('No fatigue curve yet');
    expect(html).toContain('No holdout data yet');
    expect(html).toContain('No LTV cohorts yet');
    expect(html).toContain('No definitions version found');
    expect(html).not.toContain('<svg');
  });

  it('says so when a workflow has no daily figures, and still draws its funnel', () => {
    const data = reportFixture();
    data.categories[0]!.workflows[0]!.trend = [];

    const html = renderReport(data);

    expect(html).toContain('No daily figures yet for this workflow.');
    expect(html).toContain('Funnel — onboarding');
  });

  it('warns in plain words about a suspect holdout split, and only then', () => {
    const data = reportFixture();
    // fixture: renewal-reminder has SRM p = 0.00001, onboarding 0.4, renewal-promo 0.6
    const html = renderReport(data);
    const warnings = [...html.matchAll(/<p class="warning" role="alert">(.*?)<\/p>/g)].map((m) => m[1]);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Check the holdout of renewal-reminder.');
    expect(warnings[0]).toContain('900 treated and 100 holdout contacts');
    expect(warnings[0]).toContain('p &lt; 0.0001');
  });
});
