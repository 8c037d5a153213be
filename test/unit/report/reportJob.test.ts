import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localContext } from '../../../infra/local/localApi.js';
import { LocalObjectStore } from '../../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../../shared/lake/partitions.js';
import { scorecardsTable } from '../../../shared/lake/tables/scorecards.js';
import { localReportCopy } from '../../../shared/report/localReportCopy.js';
import { reportKey, runReportJob } from '../../../shared/report/reportJob.js';
import { MemoryObjectStore } from '../../support/fakes.js';
import { lakeRow } from '../../support/lakeRow.js';

const flow = (key: string, recipients: number) =>
  lakeRow(scorecardsTable, {
    period: 'to_date',
    level: 'flow',
    kind: 'flow',
    key,
    category: 'onboarding',
    recipients,
    currency: 'USD',
    definitions_version: 'scorecards-2026.1',
  });

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-job-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NOW = () => new Date('2026-11-25T06:00:00Z');

describe('Function: runReportJob', () => {
  it('writes the report of the latest scorecards day to reports/dt=<day>/report.html', async () => {
    // Prepare: two days of scorecards, and one after "today" that must not count
    const store = new MemoryObjectStore();
    await replacePartition(store, scorecardsTable, '2026-11-23', [flow('old-flow', 10)], 'r1');
    await replacePartition(store, scorecardsTable, '2026-11-24', [flow('onboarding', 10)], 'r1');
    await replacePartition(store, scorecardsTable, '2026-11-26', [flow('future', 10)], 'r1');
    const lines: string[] = [];

    // Act
    const summary = await runReportJob({ store, now: NOW, progress: (line) => lines.push(line) });

    // Assess
    expect(summary).toMatchObject({
      dt: '2026-11-24',
      key: 'reports/dt=2026-11-24/report.html',
      workflows: 1,
    });
    const bytes = store.objects.get(reportKey('2026-11-24'))!;
    expect(bytes.length).toBe(summary.bytes);
    const html = new TextDecoder().decode(bytes);
    expect(html).toContain('<title>SMS program report — 2026-11-24</title>');
    expect(html).toContain('onboarding');
    expect(lines.join('\n')).toContain('onboarding  flow');
    expect(lines[lines.length - 1]).toBe('report 2026-11-24: reports/dt=2026-11-24/report.html');
  });

  it('reports the day it is asked for, and a rerun replaces that day’s report', async () => {
    const store = new MemoryObjectStore();
    await replacePartition(store, scorecardsTable, '2026-11-23', [flow('first', 10)], 'r1');

    await runReportJob({ store, now: NOW }, { dt: '2026-11-23' });
    await replacePartition(store, scorecardsTable, '2026-11-23', [flow('second', 10)], 'r2');
    await runReportJob({ store, now: NOW }, { dt: '2026-11-23' });

    const reports = [...store.objects.keys()].filter((key) => key.startsWith('reports/'));
    expect(reports).toEqual(['reports/dt=2026-11-23/report.html']);
    const html = new TextDecoder().decode(store.objects.get(reports[0]!));
    expect(html).toContain('second');
    expect(html).not.toContain('first');
  });

  it('writes nothing before the first scorecards', async () => {
    const store = new MemoryObjectStore();

    const summary = await runReportJob({ store, now: NOW });

    expect(summary.skipped).toBe('no scorecards yet');
    expect(store.objects.size).toBe(0);
  });

  it('saves the laptop copy as report-<dt>.html and latest.html', async () => {
    const store = new MemoryObjectStore();
    await replacePartition(store, scorecardsTable, '2026-11-24', [flow('onboarding', 10)], 'r1');
    const dir = join(tempDir(), 'reports');

    const summary = await runReportJob({ store, now: NOW, saveLocalCopy: localReportCopy(dir) });

    expect(summary.paths).toEqual([join(dir, 'report-2026-11-24.html'), join(dir, 'latest.html')]);
    expect(readdirSync(dir).sort()).toEqual(['latest.html', 'report-2026-11-24.html']); // no temp file left
    const html = new TextDecoder().decode(store.objects.get(reportKey('2026-11-24')));
    expect(readFileSync(join(dir, 'latest.html'), 'utf8')).toBe(html);
  });
});

describe('Handler: functions/schedule/report', () => {
  it('reads the local lake of DATA_DIR and writes the bucket key and the laptop copies', async () => {
    // Prepare: a data dir laid out as `npm run job` leaves it
    const dataDir = tempDir();
    const store = new LocalObjectStore(join(dataDir, 'lake-bucket'));
    await replacePartition(store, scorecardsTable, '2026-11-24', [flow('onboarding', 10)], 'r1');
    const saved = {
      DATA_DIR: process.env.DATA_DIR,
      LAKE_DIR: process.env.LAKE_DIR,
      LAKE_BUCKET: process.env.LAKE_BUCKET,
    };
    Object.assign(process.env, { DATA_DIR: dataDir });
    delete process.env.LAKE_DIR;
    delete process.env.LAKE_BUCKET;
    try {
      const { handler } = await import('../../../functions/schedule/report.js');

      // Act: what `npm run job -- report --to 2026-11-24` sends
      const summary = (await handler({ to: '2026-11-24' }, localContext('report'))) as Record<
        string,
        unknown
      >;

      // Assess
      expect(summary.key).toBe('reports/dt=2026-11-24/report.html');
      expect(await store.get('reports/dt=2026-11-24/report.html')).toBeDefined();
      expect(summary.paths).toEqual([
        join(dataDir, 'reports', 'report-2026-11-24.html'),
        join(dataDir, 'reports', 'latest.html'),
      ]);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
