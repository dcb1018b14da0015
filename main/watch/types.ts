import type { Announcement, EngineSnapshot } from '../../common/engine';
import type { Order } from '../../common/order';
import type { AlertSettings, PollCadenceMode } from '../../common/settings';
import type { OrderSource } from '../clopos/types';

/** Injected time, so tests and the soak run on a simulated clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Persisted "already announced" record: order id → first-seen epoch ms (and when it left pending). */
export interface AnnouncedEntry {
  firstSeenAt: number;
  /** Epoch ms the order was seen leaving pending; pruned a day later. */
  leftAt: number | null;
  /** Epoch ms a person acknowledged it (kept across restarts, so the reminder does not ring again). */
  acknowledgedAt: number | null;
  /**
   * The order's slip: 'due' = announced while "print each new order" was on and not printed yet;
   * epoch ms = printed then; absent = never to print. Kept across restarts: each slip prints once.
   */
  slip?: 'due' | number;
}
export interface AnnouncedStore {
  load(): Promise<{ entries: Map<string, AnnouncedEntry>; warning: string | null }>;
  /** Writes atomically (temp file + rename). */
  save(entries: ReadonlyMap<string, AnnouncedEntry>): Promise<void>;
}

export interface Announcer {
  announce(announcement: Announcement): void;
}

/** The alert timings the engine reads, exactly as `settings.alerts` holds them (extra fields are ignored). */
export type EngineAlerts = Pick<AlertSettings, 'reminderSeconds' | 'escalationMinutes' | 'summaryThreshold' | 'healthFailures' | 'healthSeconds'>;

/** The timings the environment may override (main/app/launch.ts): the interval and the alert timings, flat. */
export type EngineTuning = { pollIntervalSeconds: number } & EngineAlerts;

export interface EngineOptions {
  /** Seconds, 3..300; default 10. With the automatic cadence, used until a reply reports the budget. */
  pollIntervalSeconds: number;
  /** 'auto' (default, `settings.pollCadence`) = as often as the rate budget allows; 'fixed' = every pollIntervalSeconds. */
  cadence?: PollCadenceMode;
  /** `settings.alerts` as it is. */
  alerts: EngineAlerts;
  /**
   * The lowest interval accepted, in seconds; default 3 (POLL_INTERVAL_MIN_S), which keeps every PC
   * of a brand inside the shared rate budget. Never below 1. The app and the CLI leave it alone;
   * the detection-latency benchmark lowers it to measure at the 2 s interval its brief names.
   */
  minPollIntervalSeconds?: number;
  /** Fraction of the interval added at random, 0..0.2; default 0.05. */
  jitter?: number;
  /** Orders announced from now on get a slip due (settings.printing.printEachNewOrder); default false. */
  printNewOrders?: boolean;
  random?: () => number;
}

/** A change of options while the engine runs: any part, and any part of the alert timings. */
export type EngineOptionsPatch = Partial<Omit<EngineOptions, 'alerts'>> & { alerts?: Partial<EngineAlerts> };

export interface EngineDeps {
  source: OrderSource;
  clock: Clock;
  store: AnnouncedStore;
  announcer: Announcer;
  /** Called after every change of the snapshot. */
  onState?: (snapshot: EngineSnapshot) => void;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  options: EngineOptions;
}

export interface WatchEngine {
  start(): Promise<void>;
  /** Stops polling and timers; resolves when the last poll settled and state is saved. Leaves no timer. */
  stop(): Promise<void>;
  /** Poll now (resume from sleep, network back, "check now"); coalesces with a poll in flight. */
  pollNow(reason: string): void;
  setPollingPaused(paused: boolean): void;
  /** Stops reminders and escalations until epoch ms (new orders and problems still sound). */
  pauseAlerts(untilMs: number): void;
  /** Silences every sound until epoch ms, at most 15 minutes from now. */
  muteAlerts(untilMs: number): void;
  /** Ends a pause and a mute. */
  resumeAlerts(): void;
  acknowledge(id: string): void;
  acknowledgeAll(): void;
  updateOptions(options: EngineOptionsPatch): void;
  snapshot(): EngineSnapshot;
  /** Pending orders whose slip is due, oldest first. */
  slipsDue(): Order[];
  /** The order's slip printed: kept in the record (saved now), so it never prints again. */
  slipPrinted(id: string): void;
}
