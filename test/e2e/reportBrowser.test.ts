import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../shared/report/renderReport.js';
import { reportFixture, TREND_DAYS, WORKFLOW_COUNT } from '../unit/report/reportFixture.js';

/**
 * The report as a person sees it: rendered from a fixture to a file, opened in headless
 * Chromium (Debian's package; .ci/run installs it), every chart drawn at a real size with the
 * bars and points the data has, no request beyond the file itself, no console error, and a
 * screenshot in test-results/report.png to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface ChartSeen {
  kind: string;
  title: string;
  width: number;
  height: number;
  bars: number;
  points: number;
  intervals: number;
}

let browser: Browser;
let dir: string;
let charts: ChartSeen[];
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the report's browser test needs Debian's Chromium (apt-get install chromium)`,
    );
  }
  dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, renderReport(reportFixture()));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  // Every request the page makes is seen here; only the report's own file may load.
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith('file:')) await route.continue();
    else await route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  charts = await page.$$eval('svg[data-chart]', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return {
        kind: svg.getAttribute('data-chart') ?? '',
        title: svg.querySelector('title')?.textContent ?? '',
        width: box.width,
        height: box.height,
        bars: svg.querySelectorAll('rect.bar').length,
        points: svg.querySelectorAll('circle.point').length,
        intervals: svg.querySelectorAll('line.ci').length,
      };
    }),
  );
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: join('test-results', 'report.png'), fullPage: true });
}, 20_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ofKind = (kind: string) => charts.filter((chart) => chart.kind === kind);

describe('Report in headless Chromium', () => {
  it('draws every chart at a non-zero size, each with its title', () => {
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart.width, chart.title).toBeGreaterThan(100);
      expect(chart.height, chart.title).toBeGreaterThan(50);
      expect(chart.title).not.toBe('');
    }
  });

  it('draws one funnel of six bars per workflow', () => {
    const funnels = ofKind('funnel');
    expect(funnels).toHaveLength(WORKFLOW_COUNT);
    for (const funnel of funnels) expect(funnel.bars).toBe(6);
  });

  it('draws the ROI bars of each category, one per workflow', () => {
    const roi = ofKind('bar').filter((chart) => chart.title.startsWith('ROI by workflow'));
    // onboarding has 1 workflow, renewal 2
    expect(roi.map((chart) => chart.bars)).toEqual([1, 2]);
  });

  it('draws the daily rate lines with a point per known value and conversions per day', () => {
    const daily = ofKind('line').filter((chart) => chart.title.startsWith('Daily rates'));
    expect(daily).toHaveLength(WORKFLOW_COUNT);
    // 3 series x 5 days, less the one day without an opt-out rate
    for (const chart of daily) expect(chart.points).toBe(3 * TREND_DAYS - 1);
    const conversions = ofKind('bar').filter((chart) => chart.title.startsWith('Conversions per day'));
    for (const chart of conversions) expect(chart.bars).toBe(TREND_DAYS);
  });

  it('draws the opt-out trend, the fatigue curve, the lift intervals, the ROI pairs and the LTV curves', () => {
    const optOuts = charts.find((chart) => chart.title.startsWith('Opt-out rate per day'));
    expect(optOuts?.points).toBe(2 * 5 - 1); // two categories x 5 days, one day unknown
    expect(charts.find((chart) => chart.title.startsWith('Fatigue'))?.bars).toBe(4);
    const lift = ofKind('error-bar');
    expect(lift).toHaveLength(1);
    expect(lift[0]).toMatchObject({ points: 2, intervals: 2 }); // the third is insufficient data
    // incremental + attributed per workflow, less the insufficient one's incremental
    expect(ofKind('grouped-bar')[0]?.bars).toBe(2 * 3 - 1);
    expect(charts.find((chart) => chart.title.startsWith('LTV curves'))?.points).toBe(2 * 5);
  });

  it('makes no request but the file itself, and logs no error', () => {
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
