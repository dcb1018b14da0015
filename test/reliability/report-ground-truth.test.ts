/**
 * The owner's report against the truth. A scripted service day through main's real wiring
 * (app-harness: settings and secret stores, runtime, engine, the ledger recorder and the ledger on
 * disk) and the real Clopos client against the simulator on loopback, on a simulated clock: orders
 * on four channels and two venues, clerks pressing Seen and accepting on the POS at scripted
 * times, refusals, one order left waiting, a network outage and one venue failing. The report
 * asked over IPC must equal what the script did — counts exactly, every time within one poll
 * interval (what the app measures is when a poll saw it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReportData, ReportFigures } from '../../common/report';
import { connectionFor, DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { BACKOFF_CAP_MS } from '../../main/watch/poll-timing';
import { recorder } from '../mocks/electron';
import { startApp } from './app-harness';
import { VirtualClock } from './virtual-clock';

vi.mock('electron', () => import('../mocks/electron'));

const MINUTE = 60_000;
const SECOND = 1_000;
/** 09:00 in Baku (UTC+4), the day the report calls "today". */
const START = Date.parse('2026-11-20T05:00:00Z');
const END = START + 330 * MINUTE;
const ZONE = 'Asia/Baku';
const POLL_SECONDS = 15;
/** One poll interval, with the engine's jitter (at most 5 %) — what "within one poll interval" allows. */
const ONE_POLL = POLL_SECONDS * SECOND * 1.05 + 500;
const ESCALATION_MINUTES = 3;
const CHANNELS = ['wolt', 'bolt_food', 'web', 'call_center_new'] as const;
/** Clopos cannot be reached at all, then venue 2 alone answers 500s. */
const NETWORK_OUTAGE = { from: START + 150 * MINUTE, to: START + 157 * MINUTE };
const VENUE_OUTAGE = { from: START + 250 * MINUTE, to: START + 254 * MINUTE };

interface Scripted {
  i: number;
  venue: '1' | '2';
  channel: (typeof CHANNELS)[number];
  created: number;
  seen: number | null;
  /** When the POS accepted it, or refused it (IGNORE). */
  left: { at: number; how: 'accepted' | 'rejected' } | null;
  id: string;
}

/** The day's script, deterministic; no order's event falls near an outage (its time would then be the outage's, not the clerk's). */
function script(): Scripted[] {
  const near = (at: number) => [NETWORK_OUTAGE, VENUE_OUTAGE].some((w) => at > w.from - 2 * ONE_POLL && at < w.to + 2 * ONE_POLL);
  const out: Scripted[] = [];
  for (let i = 0; i < 36; i += 1) {
    const created = START + (5 + i * 9) * MINUTE + (i % 5) * 7 * SECOND;
    let seen = i % 6 === 5 ? null : created + (20 + ((i * 37) % 200)) * SECOND;
    let left: Scripted['left'];
    if (i === 35) left = null;
    else if (i % 12 === 7) {
      left = { at: created + 100 * SECOND, how: 'rejected' };
      // Refused on the POS before anyone pressed Seen: the order is gone from the board.
      if (seen !== null && seen > left.at) seen = null;
    } else left = { at: (seen ?? created + 200 * SECOND) + (30 + ((i * 53) % 300)) * SECOND, how: 'accepted' };
    const times = [created, seen, left?.at].filter((t): t is number => t !== null && t !== undefined);
    // "Waited over 3 minutes" must not hang on a poll's timing either.
    const firstAction = Math.min(seen ?? Infinity, left?.at ?? Infinity);
    const nearThreshold = Math.abs(firstAction - created - ESCALATION_MINUTES * MINUTE) < 2 * ONE_POLL;
    if (times.some(near) || nearThreshold || times.some((t) => t > END - 2 * ONE_POLL)) continue;
    out.push({ i, venue: i % 2 === 0 ? '1' : '2', channel: CHANNELS[i % 4]!, created, seen, left, id: '' });
  }
  return out;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const p90 = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(0.9 * s.length) - 1]!;
};

/** What the report must say about these orders, from the script alone. */
function truth(orders: Scripted[]): Omit<ReportFigures, 'unreachableMs'> {
  const accept = orders.filter((o) => o.left?.how === 'accepted').map((o) => o.left!.at - o.created);
  const seen = orders.filter((o) => o.seen !== null).map((o) => o.seen! - o.created);
  return {
    orders: orders.length,
    accepted: accept.length,
    neverAccepted: orders.filter((o) => o.left?.how === 'rejected').length,
    stillPending: orders.filter((o) => o.left === null).length,
    acceptMedianMs: median(accept),
    acceptP90Ms: p90(accept),
    seenMedianMs: median(seen),
    seenP90Ms: p90(seen),
    waitedOverThreshold: orders.filter((o) => Math.min(o.seen ?? END, o.left?.at ?? END) - o.created > ESCALATION_MINUTES * MINUTE).length,
  };
}

/** Counts equal; each time at or after the truth and within one poll interval of it (the poll that saw it). */
function expectFigures(actual: ReportFigures, expected: Omit<ReportFigures, 'unreachableMs'>, what: string): void {
  const { acceptMedianMs, acceptP90Ms, seenMedianMs, seenP90Ms, ...counts } = expected;
  expect({ what, ...pick(actual, Object.keys(counts) as (keyof typeof counts)[]) }).toEqual({ what, ...counts });
  // Seen is pressed in the app itself: its time is exact.
  expect(actual.seenMedianMs, `${what}: median to Seen`).toBe(seenMedianMs);
  expect(actual.seenP90Ms, `${what}: p90 to Seen`).toBe(seenP90Ms);
  for (const [name, measured, real] of [
    ['median to accept', actual.acceptMedianMs, acceptMedianMs],
    ['p90 to accept', actual.acceptP90Ms, acceptP90Ms],
  ] as const) {
    if (real === null) {
      expect(measured, `${what}: ${name}`).toBeNull();
      continue;
    }
    expect(measured, `${what}: ${name}`).not.toBeNull();
    expect(measured! - real, `${what}: ${name} is late by`).toBeGreaterThanOrEqual(-SECOND);
    expect(measured! - real, `${what}: ${name} is late by`).toBeLessThanOrEqual(ONE_POLL);
  }
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

let sim: Simulator;
let userData: string;
let orders: Scripted[];
let today: ReportData;
let yesterday: ReportData;

beforeAll(async () => {
  recorder.reset();
  userData = mkdtempSync(path.join(os.tmpdir(), 'report-truth-'));
  const clock = new VirtualClock(START);
  sim = await startSimulator({ now: clock.now, venues: ['1', '2'] });
  const app = await startApp({ userData, clock, realClient: true });
  clock.watchBusy(() => app.runtime.snapshot().polling);
  const connection = { ...connectionFor(sim), venues: ['1', '2'], timeZone: ZONE };
  // The secret first: watching starts signed in, not with a failed first check.
  await app.invoke('notifier:set-secret', { name: 'clientSecret', value: DEMO_CREDENTIALS.clientSecret, connection });
  await app.invoke('notifier:set-settings', { onboarded: true, connection, pollCadence: 'fixed', pollIntervalSeconds: POLL_SECONDS });

  orders = script();
  const at = (when: number, act: () => void) => clock.world.setTimeout(act, when - clock.now());
  for (const o of orders) {
    at(o.created, () => {
      const added = sim.addOrder({ createdAt: o.created, venueId: o.venue, type: o.channel === 'web' ? 'WEB_ORDER' : 'INTEGRATION_ORDER', integration: o.channel });
      o.id = String(added.id);
    });
    if (o.seen !== null) at(o.seen, () => void app.invoke('notifier:acknowledge', { id: o.id }));
    if (o.left) {
      const left = o.left;
      at(left.at, () => (left.how === 'accepted' ? sim.accept(o.id) : sim.ignore(o.id)));
    }
  }
  at(NETWORK_OUTAGE.from, () => sim.setOnline(false));
  at(NETWORK_OUTAGE.to, () => sim.setOnline(true));
  at(VENUE_OUTAGE.from, () => sim.addFault({ fault: { type: 'status', status: 500 }, times: Infinity, venue: '2' }));
  at(VENUE_OUTAGE.to, () => sim.clearFaults());

  // The clock waits for each poll's real HTTP; looking every few ms keeps the day to seconds.
  const looking = setInterval(() => clock.poke(), 2);
  try {
    await clock.runUntil(END);
  } finally {
    clearInterval(looking);
  }
  const report = async (range: string) => {
    const reply = (await app.invoke('notifier:get-report', { range })) as { ok: boolean; value: ReportData };
    expect(reply.ok).toBe(true);
    return reply.value;
  };
  today = await report('today');
  yesterday = await report('yesterday');
  await app.stop();
}, 120_000);

afterAll(async () => {
  await sim?.close();
  rmSync(userData, { recursive: true, force: true });
});

describe('the report over a simulated service day equals what happened', () => {
  it('the script is a real day: every kind of order is in it', () => {
    expect(orders.length).toBeGreaterThan(25);
    expect(orders.every((o) => o.id !== '')).toBe(true);
    expect(new Set(orders.map((o) => o.left?.how ?? 'pending'))).toEqual(new Set(['accepted', 'rejected', 'pending']));
    expect(orders.some((o) => o.seen === null && o.left !== null)).toBe(true);
  });

  it('today: orders, accepted, never accepted, still waiting, waited over the threshold, and the times to Seen and to accept', () => {
    expect(today.timeZone).toBe(ZONE);
    expect(today.escalationMinutes).toBe(ESCALATION_MINUTES);
    expectFigures(today.totals, truth(orders), 'all orders');
    expect(yesterday.totals.orders).toBe(0);
  });

  it('per channel and per venue', () => {
    for (const channel of CHANNELS) {
      const group = today.byChannel.find((g) => g.key === channel);
      expect(group, channel).toBeDefined();
      expectFigures(group!, truth(orders.filter((o) => o.channel === channel)), `channel ${channel}`);
    }
    for (const venue of ['1', '2'] as const) {
      const group = today.byVenue.find((g) => g.key === venue);
      expect(group, `venue ${venue}`).toBeDefined();
      expectFigures(group!, truth(orders.filter((o) => o.venue === venue)), `venue ${venue}`);
    }
  });

  it('minutes Clopos was unreachable: the outage for everyone, and venue 2 also its own', () => {
    // An outage starts at the first failed check (at most one interval after it began) and ends at
    // the first check that succeeds — during an outage the engine backs off, so that is within one
    // interval as it polls then (at most BACKOFF_CAP_MS, poll-timing.ts), not the normal 15 s.
    const within = (measured: number, truth: number, outages: number) => {
      expect(measured - truth).toBeGreaterThanOrEqual(-outages * ONE_POLL);
      expect(measured - truth).toBeLessThanOrEqual(outages * BACKOFF_CAP_MS * 1.05);
    };
    const network = NETWORK_OUTAGE.to - NETWORK_OUTAGE.from;
    const venue = VENUE_OUTAGE.to - VENUE_OUTAGE.from;
    within(today.totals.unreachableMs, network, 1);
    within(today.byVenue.find((g) => g.key === '1')!.unreachableMs, network, 1);
    within(today.byVenue.find((g) => g.key === '2')!.unreachableMs, network + venue, 2);
    // Per channel the whole watch's outage counts (a channel has no outage of its own).
    for (const group of today.byChannel) within(group.unreachableMs, network, 1);
  });

  it('orders by hour of the day in Baku, and the ten slowest to accept', () => {
    const byHour = new Map<number, number>();
    for (const o of orders) {
      const hour = (new Date(o.created).getUTCHours() + 4) % 24;
      byHour.set(hour, (byHour.get(hour) ?? 0) + 1);
    }
    expect(today.byHour.filter((h) => h.orders > 0).map((h) => [h.hour, h.orders])).toEqual([...byHour].sort((a, b) => a[0] - b[0]));
    // The ten slowest, slowest first, each within one poll of its real time; none clearly slower left out
    // (two orders a poll apart may swap places: the app sees acceptance when it polls).
    const truthMs = new Map(orders.filter((o) => o.left?.how === 'accepted').map((o) => [o.id, o.left!.at - o.created]));
    expect(today.slowest).toHaveLength(10);
    const measured = today.slowest.map((o) => o.acceptMs!);
    expect(measured).toEqual([...measured].sort((a, b) => b - a));
    for (const o of today.slowest) {
      expect(o.outcome).toBe('accepted');
      expect(o.acceptMs! - truthMs.get(o.id)!).toBeGreaterThanOrEqual(-SECOND);
      expect(o.acceptMs! - truthMs.get(o.id)!).toBeLessThanOrEqual(ONE_POLL);
    }
    const tenth = measured.at(-1)!;
    const clearlySlower = [...truthMs].filter(([, ms]) => ms > tenth + ONE_POLL).map(([id]) => id);
    expect(today.slowest.map((o) => o.id)).toEqual(expect.arrayContaining(clearlySlower));
    const first = orders.find((o) => o.id === today.slowest[0]!.id)!;
    expect(today.slowest[0]).toMatchObject({ channel: first.channel, venueId: first.venue });
  });
});
