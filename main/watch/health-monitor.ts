import type { Announcement, EngineHealth, HealthProblem, HealthStatus } from '../../common/engine';
import { appError, type AppError } from '../../common/result';
import type { VenueListing } from '../clopos/types';

export interface HealthThresholds {
  /** Polls in a row that show a problem before it is alarmed. */
  healthFailures: number;
  /** Time a problem may last (counted from its first sighting) before it is alarmed. */
  healthMs: number;
  /**
   * The poll interval. However a problem looks, the alarm also comes once the last clean listing
   * (of the watch, or of the venue) started more than interval + healthMs ago: an order created
   * just after it would otherwise wait unseen longer than two intervals plus the threshold.
   */
  pollIntervalMs: number;
}

type HealthAnnouncement = Extract<Announcement, { type: 'health' }>;


/** Whole-watch problems before venue problems, in the order a person should read them. */
const ORDER = ['connection', 'wait', 'venue', 'incomplete', 'unreadable'] as const;
type ProblemKind = (typeof ORDER)[number];

interface Problem {
  kind: ProblemKind;
  venueId: string | null;
  error: AppError;
  /** First sighting (what the person is told). */
  since: number;
  /** Where the time rule counts from: the first sighting, or later when watching resumed after sleep. */
  countFrom: number;
  /** Polls in a row that showed it. */
  count: number;
  alarmed: boolean;
}

const keyOf = (kind: ProblemKind, venueId: string | null): string => (venueId === null ? kind : `${kind}:${venueId}`);

/**
 * Every way the watch can be blind, each judged on its own: the whole poll failing, one venue
 * failing, a listing known to be incomplete, orders whose id cannot be read, and checks held back
 * by the rate limit. A problem is alarmed after K polls in a row show it, S seconds after it was
 * first seen, or once the last clean listing of its scope started more than interval + S ago
 * (a held-back check at once, since its length is known in advance); one announcement per
 * alarmed problem, and one recovery notice once none is left.
 */
export class HealthMonitor {
  private readonly problems = new Map<string, Problem>();
  /** 'starting' until the first poll answered. */
  private answered = false;
  /** When watching (re)started: a poll that hangs before any outcome counts from here at the earliest. */
  private reference = 0;
  /** When the poll in flight (or the last one) started: a hang counts from here. */
  private pollStartedAt: number | null = null;
  /** Earliest start of the alarmed problems since the last time none was alarmed: the recovery notice's "down since". */
  private alarmedSince: number | null = null;
  /** Start of the last successful poll (key '') and of the last clean listing of each venue. */
  private readonly lastClean = new Map<string, number>();

  constructor(private readonly thresholds: () => HealthThresholds) {}

  /**
   * Watching starts, resumes after a pause or sleep, or the clock jumped: time not spent watching
   * does not count towards the time rule.
   */
  begin(now: number): void {
    this.reference = now;
    for (const p of this.problems.values()) p.countFrom = Math.max(p.countFrom, now);
  }

  pollStarted(now: number): void {
    this.pollStartedAt = now;
  }

  /** The whole poll failed: nothing was listed. */
  pollFailed(error: AppError, now: number): HealthAnnouncement[] {
    return this.settle([this.observe('connection', null, error, now)], now);
  }

  /**
   * A poll that started at `startedAt` answered: the venues that failed, were cut short or sent
   * unreadable orders are problems; the rest clear.
   */
  pollSucceeded(venues: readonly VenueListing[], now: number, startedAt = now): HealthAnnouncement[] {
    this.answered = true;
    this.lastClean.set('', startedAt);
    for (const v of venues) if (!v.error && !v.incomplete && v.unreadable === 0) this.lastClean.set(v.venueId, startedAt);
    const raised: (HealthAnnouncement | null)[] = [];
    const connection = this.problems.get('connection');
    this.problems.delete('connection');
    const { pollIntervalMs, healthMs } = this.thresholds();
    if (now - startedAt > pollIntervalMs + healthMs) {
      // An answer this slow is already stale: orders created since it started are still unseen,
      // so the crawl stays a problem until an answer arrives that started recently enough.
      const age = Math.round((now - startedAt) / 1000);
      const error = appError('timeout', `Clopos answers too slowly: its last answer took ${age} s, so new orders show up late.`);
      const crawl = connection ?? this.observeWithoutCount('connection', error, startedAt);
      crawl.error = error;
      this.problems.set('connection', crawl);
    }
    const listed = new Set(venues.map((v) => v.venueId));
    for (const [key, p] of this.problems) if (p.venueId !== null && !listed.has(p.venueId)) this.problems.delete(key);

    for (const venue of venues) {
      const id = venue.venueId;
      if (venue.error) {
        const inherited = connection && !this.problems.has('connection') && !this.problems.has(keyOf('venue', id)) ? connection : null;
        raised.push(this.observe('venue', id, venueError(id, venue.error), now, inherited));
        // What the venue's last answer said about completeness still stands: it was not asked again.
        continue;
      }
      this.problems.delete(keyOf('venue', id));
      if (venue.incomplete) raised.push(this.observe('incomplete', id, incompleteError(id, venue.incomplete), now));
      else this.problems.delete(keyOf('incomplete', id));
      if (venue.unreadable > 0) raised.push(this.observe('unreadable', id, unreadableError(id, venue.unreadable), now));
      else this.problems.delete(keyOf('unreadable', id));
    }
    return this.settle(raised, now);
  }

  /**
   * The next check is held back (rate limit) until `until`, far beyond the regular cadence, or null
   * when it is not. Alarmed at once: the app knows it will be blind that long.
   */
  heldBack(until: number | null, now: number): HealthAnnouncement[] {
    if (until === null) {
      if (!this.problems.delete('wait')) return [];
      return this.settle([], now);
    }
    const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
    const error = appError(
      'rate-limited',
      `Clopos' rate limit holds the next check for ${minutes} min; new orders are not seen until then.`,
      { retryAfterMs: until - now },
    );
    const existing = this.problems.get('wait');
    if (existing) {
      existing.error = error;
      return [];
    }
    const p: Problem = { kind: 'wait', venueId: null, error, since: now, countFrom: now, count: 1, alarmed: false };
    this.problems.set('wait', p);
    return this.settle([this.raise(p)], now);
  }

  /** Time-based alarms due at `now` (and a poll that hangs or crawls: it counts from its start, or from the last clean listing). */
  tick(now: number, polling: boolean): HealthAnnouncement[] {
    const raised: (HealthAnnouncement | null)[] = [];
    const hangDue = this.hangDueAt(polling);
    if (hangDue !== null && now >= hangDue) {
      const since = this.hangSince();
      const crawling = now < since + this.thresholds().healthMs;
      const error = crawling
        ? appError('timeout', `Clopos answers too slowly: no complete check for ${Math.round((now - this.cleanSince(null)) / 1000)} s.`)
        : appError('timeout', `Clopos has not answered for ${Math.round((now - since) / 1000)} s.`);
      raised.push(this.raise(this.observeWithoutCount('connection', error, since)));
    }
    return this.settle(raised, now);
  }

  nextDueAt(polling: boolean): number | null {
    const dues: number[] = [];
    const hang = this.hangDueAt(polling);
    if (hang !== null) dues.push(hang);
    for (const p of this.problems.values()) if (!p.alarmed) dues.push(this.dueAt(p));
    return dues.length > 0 ? Math.min(...dues) : null;
  }

  /** S seconds after it was first seen, or interval + S after its scope was last listed cleanly. */
  private dueAt(p: Problem): number {
    const { healthMs, pollIntervalMs } = this.thresholds();
    return Math.min(p.countFrom + healthMs, this.cleanSince(p.venueId) + pollIntervalMs + healthMs);
  }

  /**
   * The last clean listing of the venue (or the last successful poll, for the whole watch), never
   * before watching (re)started. A venue never listed cleanly counts from then too: the watch's
   * successes say nothing about it.
   */
  private cleanSince(venueId: string | null): number {
    const clean = this.lastClean.get(venueId ?? '') ?? this.reference;
    return Math.max(clean, this.reference);
  }

  view(): EngineHealth {
    const problems = this.sorted();
    const headline = problems.find((p) => p.alarmed) ?? problems[0] ?? null;
    const status: HealthStatus = problems.some((p) => p.alarmed) ? 'problem' : this.answered ? 'ok' : 'starting';
    return {
      status,
      error: headline?.error ?? null,
      since: headline ? headline.since : null,
      consecutiveFailures: this.problems.get('connection')?.count ?? 0,
      alarmed: problems.some((p) => p.alarmed),
      problems: problems.map(
        (p): HealthProblem => ({ key: keyOf(p.kind, p.venueId), venueId: p.venueId, error: p.error, since: p.since, alarmed: p.alarmed }),
      ),
    };
  }

  private sorted(): Problem[] {
    return [...this.problems.values()].sort(
      (a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.venueId ?? '').localeCompare(b.venueId ?? '', 'en', { numeric: true }),
    );
  }

  /**
   * No failure yet, but the poll in flight has not answered: S after it started (not counting the
   * gap before it), or interval + S after the last successful poll started, when polls crawl.
   */
  private hangDueAt(polling: boolean): number | null {
    if (!polling || this.pollStartedAt === null || this.problems.has('connection')) return null;
    const { healthMs, pollIntervalMs } = this.thresholds();
    const hang = this.hangSince() + healthMs;
    // A check held back by the rate limit is alarmed already: its poll is not a crawling one.
    if (this.problems.has('wait')) return hang;
    return Math.min(hang, this.cleanSince(null) + pollIntervalMs + healthMs);
  }

  private hangSince(): number {
    return Math.max(this.reference, this.pollStartedAt ?? this.reference);
  }

  /** One more poll showed the problem: counted, and alarmed once it reached K in a row. */
  private observe(kind: ProblemKind, venueId: string | null, error: AppError, now: number, inherited: Problem | null = null): HealthAnnouncement | null {
    const key = keyOf(kind, venueId);
    let p = this.problems.get(key);
    if (!p) {
      // A venue still failing when the others came back inherits the outage it was part of.
      p = inherited
        ? { ...inherited, kind, venueId, error, alarmed: false }
        : { kind, venueId, error, since: now, countFrom: now, count: 0, alarmed: false };
      this.problems.set(key, p);
      if (inherited?.alarmed) {
        p.count += 1;
        return this.raise(p);
      }
    }
    p.error = error;
    p.count += 1;
    return p.count >= this.thresholds().healthFailures ? this.raise(p) : null;
  }

  private observeWithoutCount(kind: ProblemKind, error: AppError, since: number): Problem {
    const p: Problem = { kind, venueId: null, error, since, countFrom: since, count: 0, alarmed: false };
    this.problems.set(keyOf(kind, null), p);
    return p;
  }

  private raise(p: Problem): HealthAnnouncement | null {
    if (p.alarmed) return null;
    p.alarmed = true;
    this.alarmedSince = Math.min(this.alarmedSince ?? p.since, p.since);
    const since = p.since;
    return { type: 'health', state: p.error.kind, message: p.error.message, since, downSince: since, venueId: p.venueId };
  }

  /** The problems' announcements, then the recovery notice when the last alarmed problem went away. */
  private settle(raised: (HealthAnnouncement | null)[], now: number): HealthAnnouncement[] {
    // Whatever is overdue is raised now, before deciding whether all is well again: a problem
    // already past its time must not let a "connected again" notice slip out first.
    for (const p of this.sorted()) if (!p.alarmed && now >= this.dueAt(p)) raised.push(this.raise(p));
    const out = raised.filter((a): a is HealthAnnouncement => a !== null);
    const anyAlarmed = [...this.problems.values()].some((p) => p.alarmed);
    if (!anyAlarmed && this.alarmedSince !== null) {
      const downSince = this.alarmedSince;
      this.alarmedSince = null;
      out.push({
        type: 'health',
        state: 'ok',
        message: 'Connected to Clopos again; orders are being watched.',
        since: now,
        downSince: downSince,
        venueId: null,
      });
    }
    return out;
  }
}

function venueError(venueId: string, error: AppError): AppError {
  return { ...error, message: `Venue ${venueId}: ${error.message}` };
}

function incompleteError(venueId: string, why: string): AppError {
  return appError('incomplete', `Venue ${venueId}: some pending orders cannot be seen (${why}).`);
}

function unreadableError(venueId: string, count: number): AppError {
  return appError(
    'unreadable',
    `Venue ${venueId}: Clopos sent ${count === 1 ? 'an order' : `${count} orders`} the app cannot read (no usable id); ${count === 1 ? 'it is' : 'they are'} not shown.`,
  );
}
