/**
 * 9. Ledger: the owner's report over a full ledger. Writes 90 days of 500 orders a day (each
 * seen, announced, mostly acknowledged, sometimes escalated, then left; a few outages and an app
 * start and stop a day) in the ledger's own line format into a temporary folder, then measures in
 * fresh Node processes with `--expose-gc`:
 * - the very first open (no index files yet: every segment folded, indexes written),
 * - a cold open + first 30-day report (indexes present; today's segment without one, as after a crash),
 * - warm 30-day reports (median of several), and the heap the open ledger adds after GC,
 * - the cost of one `record` (a synchronous append).
 * This file is also the child script (`--child <dir> <now>`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openLedger } from '../main/ledger';
import { segmentName, utcDay } from '../main/ledger/files';
import type { LedgerEvent, ReportQuery } from '../main/ledger/types';
import { runChild } from './child-process';
import { fixed, type BenchReport } from './report';
import { median } from './stats';

const DAY = 86_400_000;
const MIN = 60_000;
const MB = 1024 * 1024;
const TARGET_MS = 100;
const TARGET_HEAP_MB = 20;

/** A small deterministic PRNG (mulberry32), so every run writes the same ledger. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = ['wolt', 'bolt', 'yango', 'website', null];
const VENUES = ['1', '2', '3'];
const OUTCOMES = ['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'rejected', 'cancelled', 'vanished'] as const;

/** Writes `days` days ending at `now` (today partly, up to now) with `perDay` orders each; returns the number of events. */
export function writeSyntheticLedger(dir: string, now: number, days: number, perDay: number): { events: number; orders: number } {
  const rnd = random(42);
  const today = Math.floor(now / DAY) * DAY;
  let events = 0;
  let orders = 0;
  let seq = 0;
  for (let d = days - 1; d >= 0; d--) {
    const start = today - d * DAY;
    const lines: string[] = [];
    const push = (event: LedgerEvent) => {
      if (event.at > now) return;
      lines.push(JSON.stringify(event));
      events++;
    };
    push({ kind: 'app', at: start + 6 * 3_600_000, what: 'opened' });
    const times = Array.from({ length: perDay }, () => start + 7 * 3_600_000 + Math.floor(rnd() * 16 * 3_600_000)).sort((a, b) => a - b);
    // Outages: three a day, one of a venue.
    for (let k = 0; k < 3; k++) {
      const since = start + 8 * 3_600_000 + Math.floor(rnd() * 14 * 3_600_000);
      const venueId = k === 2 ? VENUES[Math.floor(rnd() * VENUES.length)]! : null;
      push({ kind: 'unreachable', at: since + 20_000, venueId, since });
      push({ kind: 'reachable', at: since + 60_000 + Math.floor(rnd() * 10 * MIN), venueId });
    }
    for (const created of times) {
      if (created > now) continue;
      orders++;
      const orderId = String(1_000_000 + seq++);
      const venueId = VENUES[Math.floor(rnd() * VENUES.length)]!;
      const seenAt = created + 1_000 + Math.floor(rnd() * 10_000);
      push({ kind: 'seen', at: seenAt, orderId, venueId, number: `#${seq % 1000}`, channel: CHANNELS[Math.floor(rnd() * CHANNELS.length)]!, total: Math.round(rnd() * 8000) / 100, createdAt: created });
      push({ kind: 'announced', at: seenAt + 50, orderId, venueId });
      const leftAt = seenAt + 20_000 + Math.floor(rnd() * (rnd() < 0.05 ? 8 * MIN : 90_000));
      if (rnd() < 0.8) push({ kind: 'acknowledged', at: seenAt + 2_000 + Math.floor(rnd() * 30_000), orderId, venueId, pc: 'COUNTER-1' });
      if (leftAt - created > 3 * MIN) push({ kind: 'escalated', at: created + 3 * MIN, orderId, venueId });
      push({ kind: 'left', at: leftAt, orderId, venueId, outcome: OUTCOMES[Math.floor(rnd() * OUTCOMES.length)]! });
    }
    push({ kind: 'app', at: start + 23 * 3_600_000 + 30 * MIN, what: 'closed' });
    // The ledger writes events in time order; so does this.
    lines.sort((a, b) => (JSON.parse(a) as LedgerEvent).at - (JSON.parse(b) as LedgerEvent).at);
    writeFileSync(path.join(dir, segmentName(utcDay(start))), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  }
  return { events, orders };
}

interface ChildResult {
  firstOpenMs: number;
  firstReportMs: number;
  coldOpenMs: number;
  coldReportMs: number;
  warmReportMs: number[];
  heapAddedBytes: number;
  recordUs: number;
  orders30d: number;
  ordersListMs: number;
}

const query = (now: number): ReportQuery => ({ range: '30d', now, timeZone: 'Asia/Baku', escalationMinutes: 3 });

/** What the ledger can hold: the JS heap and the typed arrays' buffers (kept outside it). */
function heapBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 4; i++) collect?.();
}

/** In the child: one of the measurements, printed after LEDGER. */
function child(dir: string, now: number, mode: string): void {
  const clock = () => now;
  if (mode === 'intl') {
    // What the cold report pays once per process for time zones (ICU's zone data), measured alone.
    const t0 = performance.now();
    new Intl.DateTimeFormat().resolvedOptions();
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Baku', hour: 'numeric' }).format(now);
    console.log(`LEDGER ${JSON.stringify({ intlMs: performance.now() - t0 })}`);
    return;
  }
  if (mode === 'first') {
    const t0 = performance.now();
    const ledger = openLedger({ dir, now: clock });
    const t1 = performance.now();
    ledger.report(query(now));
    const t2 = performance.now();
    ledger.close();
    console.log(`LEDGER ${JSON.stringify({ firstOpenMs: t1 - t0, firstReportMs: t2 - t1 })}`);
    return;
  }
  gc();
  const before = heapBytes();
  const t0 = performance.now();
  const ledger = openLedger({ dir, now: clock });
  const t1 = performance.now();
  const first = ledger.report(query(now));
  const t2 = performance.now();
  const warm: number[] = [];
  for (let i = 0; i < 9; i++) {
    const s = performance.now();
    ledger.report(query(now));
    warm.push(performance.now() - s);
  }
  const l0 = performance.now();
  ledger.orders(query(now));
  const ordersListMs = performance.now() - l0;
  gc();
  const heapAddedBytes = heapBytes() - before;
  // One record: a synchronous append (and the book's fold).
  const n = 2000;
  const r0 = performance.now();
  for (let i = 0; i < n; i++) ledger.record({ kind: 'announced', at: now - 1000, orderId: `bench-${i}`, venueId: '1' });
  const recordUs = ((performance.now() - r0) / n) * 1000;
  // The parent puts today's segment back before the next run, so every run reads the same ledger.
  ledger.close();
  const result: Partial<ChildResult> = { coldOpenMs: t1 - t0, coldReportMs: t2 - t1, warmReportMs: warm, heapAddedBytes, recordUs, orders30d: first.totals.orders, ordersListMs };
  console.log(`LEDGER ${JSON.stringify(result)}`);
}

export async function ledgerBench(options: { quick: boolean }): Promise<BenchReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'notifier-bench-ledger-'));
  try {
    const now = Date.parse('2026-12-05T15:00:00Z');
    const perDay = options.quick ? 200 : 500;
    const t0 = performance.now();
    const written = writeSyntheticLedger(dir, now, 90, perDay);
    const writeMs = performance.now() - t0;
    const todayFile = path.join(dir, segmentName(utcDay(now)));
    const todaySegment = readFileSync(todayFile);
    const first = await runChild<Pick<ChildResult, 'firstOpenMs' | 'firstReportMs'>>('ledger.ts', ['--child', dir, String(now), 'first'], ['--expose-gc'], 'LEDGER', 5 * 60_000);
    const runs = options.quick ? 2 : 5;
    const cold: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      // Today's index is dropped each time, as after a crash: the cold path folds today's segment.
      rmSync(path.join(dir, `ledger-${utcDay(now)}.idx.json`), { force: true });
      writeFileSync(todayFile, todaySegment);
      cold.push(await runChild<ChildResult>('ledger.ts', ['--child', dir, String(now), 'cold'], ['--expose-gc'], 'LEDGER', 5 * 60_000));
    }
    const intl: number[] = [];
    for (let i = 0; i < 3; i++) intl.push((await runChild<{ intlMs: number }>('ledger.ts', ['--child', dir, String(now), 'intl'], [], 'LEDGER', 60_000)).intlMs);
    const coldTotal = median(cold.map((c) => c.coldOpenMs + c.coldReportMs));
    const warm = median(cold.flatMap((c) => c.warmReportMs));
    const heapMb = median(cold.map((c) => c.heapAddedBytes)) / MB;
    return {
      title: `9. Ledger: 30-day report over 90 days of ${perDay} orders a day`,
      figures: [
        { figure: 'cold: open + first 30-day report (median of runs)', value: `${fixed(coldTotal, 1)} ms (open ${fixed(median(cold.map((c) => c.coldOpenMs)), 1)}, report ${fixed(median(cold.map((c) => c.coldReportMs)), 1)})`, target: `≤ ${TARGET_MS} ms`, met: coldTotal <= TARGET_MS },
        { figure: "of which Intl's first use in a process (time-zone data)", value: `${fixed(median(intl), 1)} ms (measured alone)` },
        { figure: 'warm 30-day report (median)', value: `${fixed(warm, 2)} ms`, target: `≤ ${TARGET_MS} ms`, met: warm <= TARGET_MS },
        { figure: 'heap added by the open ledger after the report (after GC)', value: `${fixed(heapMb, 2)} MB`, target: `≤ ${TARGET_HEAP_MB} MB`, met: heapMb <= TARGET_HEAP_MB },
        { figure: 'first open ever (no index yet) + first report', value: `${fixed(first.firstOpenMs + first.firstReportMs, 0)} ms (once; writes the indexes)` },
        { figure: 'one record() (synchronous append + fold)', value: `${fixed(median(cold.map((c) => c.recordUs)), 1)} µs` },
        { figure: '30-day order list for the CSV', value: `${fixed(median(cold.map((c) => c.ordersListMs)), 1)} ms (${cold[0]!.orders30d} orders)` },
      ],
      tables: [
        {
          caption: 'Each cold run (a fresh Node process), ms:',
          header: ['run', 'open', 'first report', 'warm median', 'heap added MB'],
          rows: cold.map((c, i) => [String(i + 1), fixed(c.coldOpenMs, 1), fixed(c.coldReportMs, 1), fixed(median(c.warmReportMs), 2), fixed(c.heapAddedBytes / MB, 2)]),
        },
      ],
      notes: [
        `The ledger: ${written.orders} orders, ${written.events} events in 90 daily segments (${fixed(writeMs / 1000, 1)} s to write them in the ledger's line format), 3 outages and an app start and stop a day; report in Asia/Baku, threshold 3 min.`,
        `Each cold run is \`node --expose-gc\` with nothing loaded: the open reads every index header (outages), checks each segment's length and last bytes and folds today's segment, which has no index (as after a crash); the report reads 32 index bodies and runs the report over the ${cold[0]!.orders30d} orders of the period before the JIT has warmed up. Heap added = heapUsed + arrayBuffers (the books' typed columns live outside the JS heap) after 4 GCs with the ledger open and the 32 books of the report loaded, minus the same before opening; at most 40 books stay loaded, so a ledger never holds much more.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  child(process.argv[3]!, Number(process.argv[4]), process.argv[5]!);
}
