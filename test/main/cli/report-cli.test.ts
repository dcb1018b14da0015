/**
 * `npm run cli -- report --since …` as a process over a ledger the app wrote: the same figures as
 * the window's report, as JSON and as text, read-only (the app may be appending), and a clear
 * message when there is no history.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../../common/report';
import { openLedger } from '../../../main/ledger';
import { runCli } from '../../reliability/cli-process';

const MINUTE = 60_000;
let dir: string;
let expected: ReportData;
const segments = () => readdirSync(path.join(dir, 'ledger')).filter((f) => f.endsWith('.jsonl')).map((f) => readFileSync(path.join(dir, 'ledger', f), 'utf8')).join('');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
  const now = Date.now();
  const ledger = openLedger({ dir: path.join(dir, 'ledger'), now: () => now });
  // Three orders of the last hour (so "today" holds them unless the test runs right after midnight: 7d always does).
  const start = now - 50 * MINUTE;
  ledger.record({ kind: 'app', at: start, what: 'opened' });
  for (const [i, channel, seenAfter, acceptAfter] of [
    [1, 'wolt', 30_000, 120_000],
    [2, 'bolt_food', 50_000, 400_000],
    [3, 'web', null, null],
  ] as const) {
    const created = start + i * 5 * MINUTE;
    const ids = { orderId: `o-${i}`, venueId: '1' };
    ledger.record({ kind: 'seen', at: created + 3_000, ...ids, number: `W-${i}`, channel, total: 10 * i, createdAt: created });
    ledger.record({ kind: 'announced', at: created + 3_000, ...ids });
    if (seenAfter !== null) ledger.record({ kind: 'acknowledged', at: created + seenAfter, ...ids, pc: 'COUNTER-1' });
    if (acceptAfter !== null) ledger.record({ kind: 'left', at: created + acceptAfter, ...ids, outcome: 'accepted' });
  }
  ledger.record({ kind: 'unreachable', at: start + 30 * MINUTE, venueId: null, since: start + 30 * MINUTE });
  ledger.record({ kind: 'reachable', at: start + 32 * MINUTE, venueId: null });
  expected = ledger.report({ range: '7d', now, timeZone: '', escalationMinutes: 3 });
  ledger.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ PATH: process.env.PATH ?? '', HOME: dir, CLOPOS_NOTIFIER_USER_DATA: dir });

describe('cli report', () => {
  it('--json prints the same figures as the app\'s report, from the app\'s ledger folder, without writing to it', async () => {
    const before = segments();
    const run = runCli(['report', '--since', '7d', '--json'], env());
    const { code } = await run.exited;
    expect(run.stderr()).toBe('');
    expect(code).toBe(0);
    const printed = JSON.parse(run.lines.map((l) => l.text).join('\n')) as ReportData;
    expect(printed.totals).toEqual(expected.totals);
    expect(printed.totals).toMatchObject({ orders: 3, accepted: 2, stillPending: 1, acceptMedianMs: 260_000, seenMedianMs: 40_000, waitedOverThreshold: 1 });
    expect(printed.totals.unreachableMs).toBe(2 * MINUTE);
    expect(printed.byChannel.map((g) => g.key).sort()).toEqual(['bolt_food', 'web', 'wolt']);
    expect(printed.slowest.map((o) => o.id)).toEqual(['o-2', 'o-1']);
    expect(segments()).toBe(before);
  }, 30_000);

  it('as text: the headline figures a person reads', async () => {
    const run = runCli(['report', '--since', '7d', '--time-zone', 'Asia/Baku'], env());
    expect((await run.exited).code).toBe(0);
    const text = run.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/^Report 7d: .*\(Asia\/Baku\)/);
    expect(text).toMatch(/Orders:\s+3/);
    expect(text).toMatch(/Time to accept \(median \/ p90\):\s+4 min 20 s \/ 6 min 40 s/);
    expect(text).toMatch(/Time to Seen \(median \/ p90\):\s+40 s \/ 50 s/);
    expect(text).toMatch(/Clopos unreachable:\s+2\.0 min/);
    expect(text).toContain('Per channel');
  }, 30_000);

  it('says so when this PC has no history, and exits 1', async () => {
    const run = runCli(['report', '--since', 'today', '--ledger', path.join(dir, 'nowhere')], env());
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toMatch(/No order history in .*nowhere: the app has not kept any on this PC yet/);
  }, 30_000);
});
