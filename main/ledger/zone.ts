/**
 * Days in an IANA time zone, without a fixed 24 h: wall clocks and offsets come from Intl (one
 * cached format per zone; `format()` parsed, ~4× cheaper than `formatToParts()`). Local midnights
 * are found by search, so a day that starts after a skipped midnight starts when it really does.
 * The hour of day of many orders is report.ts's HourTable, built on `offsetAt`.
 */
import type { ReportRange } from '../../common/report';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const formats = new Map<string, Intl.DateTimeFormat>();
const resolved = new Map<string, string>();

/** The zone a query means: '' is this PC's; an unknown name falls back to it too. Cached: building an Intl format costs ~0.1 ms. */
export function resolveTimeZone(timeZone: string): string {
  let zone = resolved.get(timeZone);
  if (zone === undefined) {
    const local = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    try {
      zone = timeZone === '' ? local : new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      zone = local;
    }
    if (resolved.size > 100) resolved.clear();
    resolved.set(timeZone, zone);
  }
  return zone;
}

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // en-US with h23 formats as "12/5/2026 AD, 14:03:09"; format() is ~4× cheaper than formatToParts().
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const WALL_RE = /^(\d+)\/(\d+)\/(\d+) (A|B)[^,]*, (\d+):(\d+):(\d+)$/;

/** The wall clock in `timeZone` at instant `t`. */
export function wallTime(timeZone: string, t: number): WallTime {
  const format = formatFor(timeZone);
  const match = WALL_RE.exec(format.format(t));
  if (match) {
    const year = Number(match[3]);
    return {
      year: match[4] === 'B' ? 1 - year : year,
      month: Number(match[1]),
      day: Number(match[2]),
      hour: Number(match[5]) % 24,
      minute: Number(match[6]),
      second: Number(match[7]),
    };
  }
  // Another ICU's spelling: the parts, slower but certain.
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of format.formatToParts(t)) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type === 'hour') wall.hour = Number(part.value) % 24;
    else if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'minute' || part.type === 'second') wall[part.type] = Number(part.value);
  }
  if (bc) wall.year = 1 - wall.year;
  return wall;
}

/** Milliseconds to add to UTC to get the wall clock in `timeZone` at `t`. */
export function offsetAt(timeZone: string, t: number): number {
  const w = wallTime(timeZone, t);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The first instant whose wall date in `timeZone` is (year, month, day) or later (its midnight, or the end of a gap that skipped it). */
export function startOfLocalDay(timeZone: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  const target = dateNumber(new Date(wall).getUTCFullYear(), new Date(wall).getUTCMonth() + 1, new Date(wall).getUTCDate());
  // Offsets lie within −15 h … +15 h, so the start lies within wall ∓ 15 h; search by the minute.
  let lo = Math.floor((wall - 15 * HOUR) / MINUTE);
  let hi = Math.ceil((wall + 15 * HOUR) / MINUTE);
  // Fast path: the usual case is wall − offset, at midnight exactly.
  const guess = wall - offsetAt(timeZone, wall - offsetAt(timeZone, wall));
  if (localDateNumber(timeZone, guess) === target && localDateNumber(timeZone, guess - MINUTE) < target) return guess;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDateNumber(timeZone, mid * MINUTE) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE;
}

const dateNumber = (year: number, month: number, day: number): number => year * 10_000 + month * 100 + day;

function localDateNumber(timeZone: string, t: number): number {
  const w = wallTime(timeZone, t);
  return dateNumber(w.year, w.month, w.day);
}

/** The local midnight `daysBack` days before the local date of `t`. */
export function localMidnight(timeZone: string, t: number, daysBack = 0): number {
  const w = wallTime(timeZone, t);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day - daysBack));
  return startOfLocalDay(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A range's period [from, to): today, yesterday, the last 7 or 30 days (today included) in `timeZone`. */
export function periodOf(range: ReportRange, now: number, timeZone: string): { from: number; to: number } {
  switch (range) {
    case 'today':
      return { from: localMidnight(timeZone, now), to: now };
    case 'yesterday':
      return { from: localMidnight(timeZone, now, 1), to: localMidnight(timeZone, now) };
    case '7d':
      return { from: localMidnight(timeZone, now, 6), to: now };
    case '30d':
      return { from: localMidnight(timeZone, now, 29), to: now };
  }
}
