import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import { eventsTable } from '../../shared/lake/tables/index.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;

/** Runs `npm run query`'s command the way the script does, in a fresh process. */
function query(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'infra/local/query.ts', ...args],
      // DATA_DIR, not LAKE_DIR: the CLI finds <DATA_DIR>/lake-bucket as `npm start` lays it out.
      { cwd: REPO, env: { ...process.env, DATA_DIR: dataDir, LAKE_DIR: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const event = (i: number, type: string) => ({
  event_id: `evt_${String(i).padStart(32, '0')}`,
  type,
  v: 1,
  source: 'twilio',
  vendor_ref: `SM${i}`,
  occurred_at: new Date(Date.UTC(2026, 10, 25, 10, i)),
  received_at: new Date(Date.UTC(2026, 10, 25, 10, i, 1)),
  phone_hash: 'a1'.repeat(32),
  email_hash: null,
  contact_id: null,
  account_id: null,
  channel: 'sms',
  program_id: 'p1',
  kind: null,
  campaign_id: null,
  workflow_id: null,
  step: null,
  template_id: null,
  variant: null,
  message_id: `SM${i}`,
  amount_minor: i === 0 ? 9_007_199_254_740_993n : null,
  currency: i === 0 ? 'USD' : null,
  attributes: JSON.stringify({ segments: 1 }),
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lake-query-'));
  const store = new LocalObjectStore(join(dataDir, 'lake-bucket'));
  const rows = [event(0, 'message.sent'), event(1, 'message.sent'), event(2, 'message.received')];
  await replacePartition(store, eventsTable, '2026-11-25', rows, 'it');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('CLI: npm run query', () => {
  it('prints only a JSON array of row objects on stdout with --json', async () => {
    const { code, stdout, stderr } = await query(
      '--json',
      'SELECT type, count(*) AS n, max(amount_minor) AS amount, min(occurred_at) AS first, any_value(dt) AS dt FROM events GROUP BY 1 ORDER BY 1',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual([
      { type: 'message.received', n: 1, amount: null, first: '2026-11-25T10:02:00.000Z', dt: '2026-11-25' },
      {
        type: 'message.sent',
        n: 2,
        amount: '9007199254740993',
        first: '2026-11-25T10:00:00.000Z',
        dt: '2026-11-25',
      },
    ]);
  });

  it('reports bad SQL on stderr and exits 1', async () => {
    const { code, stdout, stderr } = await query('--csv', 'SELECT missing_column FROM events');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/missing_column/);
  });
});
