/**
 * The CI variant of `npm run soak`: the same service day and fault plan, sparser (fewer orders, a
 * 20 s poll interval), through the real engine, client and simulator on a simulated clock. Each
 * guarantee is its own test so a failure names the broken promise; the seed is in every message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReport, fullDayPlan, runSoak, type SoakReport } from './soak-harness';

const seed = Number(process.env.SOAK_SEED ?? 20260302);
let report: SoakReport;
let text = '';

beforeAll(async () => {
  report = await runSoak({ ...fullDayPlan(seed), orders: 700, pollIntervalSeconds: 20 });
  text = formatReport(report);
  console.log(text);
}, 110_000);

describe(`soak: one service day with faults (seed ${seed})`, () => {
  it('ran the whole day with orders, faults and both outages', () => {
    expect(report.created, text).toBe(700);
    expect(report.polls.failed, text).toBeGreaterThan(50);
    expect(report.outages.map((o) => o.kind), text).toEqual(['network outage', 'revoked credential']);
    expect(report.sleeps, text).toHaveLength(2);
    expect(report.realMs).toBeLessThan(110_000);
  });

  it('misses no order that a successful poll listed, announces none late, none twice', () => {
    expect(report.missed, text).toEqual([]);
    expect(report.late, text).toEqual([]);
    expect(report.duplicated, text).toEqual([]);
    expect(report.announced + report.neverVisible, text).toBe(report.created);
  });

  it('detects every order within one poll interval plus 1 s while healthy, and at once when health returns', () => {
    expect(report.healthyOrders, text).toBeGreaterThan(400);
    expect(report.worstHealthyDelayMs, text).toBeLessThanOrEqual(report.delayBoundMs);
    expect(report.recoveredOrders, text).toBeGreaterThan(0);
    expect(report.worstRecoveredDelayMs, text).toBeLessThanOrEqual(report.delayBoundMs);
  });

  it('raises the health alarm for every outage within the threshold, and a recovery notice after it', () => {
    for (const o of report.outages) {
      expect(o.alarmAt, `${o.kind}\n${text}`).not.toBeNull();
      expect(o.alarmAt! - o.start, `${o.kind}\n${text}`).toBeLessThanOrEqual(report.healthThresholdMs);
      expect(o.recoveryNoticeAt, `${o.kind}\n${text}`).not.toBeNull();
    }
  });

  it('polls again right after each wake from sleep', () => {
    for (const s of report.sleeps) expect(s.resumedPollAt! - s.wake, text).toBeLessThanOrEqual(report.delayBoundMs);
  });

  it('raises no health alarm when the PC merely slept', () => {
    expect(report.falseAlarms, text).toEqual([]);
  });

  it('stays within the API rate budget', () => {
    expect(report.maxPerMinute.count, text).toBeLessThanOrEqual(report.budget.perMinute);
    if (report.budget.perHour !== null) expect(report.maxPerHour, text).toBeLessThanOrEqual(report.budget.perHour);
  });
});
