/**
 * The escalation on a manual clock against the fake Bot API on loopback, with everything it says
 * captured: log lines, ledger events, statuses, and whatever tests return (for the token scan).
 */
import type { TelegramStatus } from '../../../common/contract';
import type { EngineSnapshot, HealthProblem, TrackedOrder } from '../../../common/engine';
import type { Order } from '../../../common/order';
import { appError } from '../../../common/result';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings';
import type { LedgerEvent } from '../../../main/ledger/types';
import { createTelegramEscalation, type TelegramEscalation, type TelegramEscalationDeps } from '../../../main/escalation';
import { ManualClock } from '../app/fake-clock';
import { order, snapshot } from '../app/fixtures';
import { waitFor } from '../../wait-for';
import { FakeBotApi } from './fake-bot-api';

/** A bot token in Telegram's form (the bot's number, a colon, 35 characters). */
export const TOKEN = '7123456789:AAHk3-secret_Part0123456789abcdefXYZ';
export const CHAT = '-1001234567890';
export const T0 = Date.parse('2026-03-02T12:00:00Z');
export const MIN = 60_000;

/** Every spelling of the token that must never appear anywhere. */
export function tokenSpellings(token = TOKEN): string[] {
  const secretPart = token.slice(token.indexOf(':') + 1);
  const b64 = Buffer.from(token, 'utf8').toString('base64');
  return [token, encodeURIComponent(token), token.replace(':', '%3a'), b64, b64.replace(/=+$/, ''), Buffer.from(token).toString('base64url'), secretPart];
}

export interface HarnessOptions {
  telegram?: Partial<Settings['telegram']>;
  language?: Settings['language'];
  venues?: string[];
  token?: string | null;
  demo?: boolean;
  timeoutMs?: number;
  apiUrl?: string;
}

export interface Harness {
  clock: ManualClock;
  api: FakeBotApi;
  escalation: TelegramEscalation;
  logs: string[];
  ledger: LedgerEvent[];
  statuses: TelegramStatus[];
  /** Whatever a test got back (test() results), for the token scan. */
  returned: unknown[];
  settings: Settings;
  token: { value: string | null; reads: number };
  demo: { value: boolean };
  /** Waits (real time) until the fake API has seen `count` requests. */
  requests(count: number): Promise<void>;
  /** Waits (real time) until the ledger holds `count` telegram events. */
  recorded(count: number): Promise<void>;
  /** Lets pending promise work run (real time, short). */
  settle(ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const api = await new FakeBotApi().start();
  const clock = new ManualClock(T0);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    language: options.language ?? 'en',
    connection: { ...DEFAULT_SETTINGS.connection, venues: options.venues ?? ['1'], timeZone: 'UTC' },
    telegram: { enabled: true, chatId: CHAT, orderMinutes: 5, outageMinutes: 5, ...options.telegram },
  };
  const logs: string[] = [];
  const ledger: LedgerEvent[] = [];
  const statuses: TelegramStatus[] = [];
  const token = { value: options.token === undefined ? TOKEN : options.token, reads: 0 };
  const demo = { value: options.demo ?? false };
  // The settings are read through the harness, so a test can replace them.
  const live = { settings };
  const deps: TelegramEscalationDeps = {
    clock,
    fetch: globalThis.fetch,
    apiUrl: options.apiUrl ?? api.url,
    token: async () => {
      token.reads += 1;
      return token.value;
    },
    settings: () => live.settings,
    demo: () => demo.value,
    pcName: 'KASSA-1',
    record: (event) => ledger.push(event),
    log: (level, message) => logs.push(`${level} ${message}`),
    onStatus: (status) => statuses.push(status),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  const escalation = createTelegramEscalation(deps);
  const h: Harness = {
    clock,
    api,
    escalation,
    logs,
    ledger,
    statuses,
    returned: [],
    get settings() {
      return live.settings;
    },
    set settings(next: Settings) {
      live.settings = next;
    },
    token,
    demo,
    requests: async (count) => {
      await waitFor(`${count} request(s) to the fake Bot API`, () => api.requests.length >= count);
    },
    recorded: async (count) => {
      await waitFor(`${count} ledger event(s)`, () => ledger.length >= count);
    },
    settle: (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms)),
    close: async () => {
      await escalation.stop();
      await api.close();
    },
  };
  // The first token read (the status) is done before tests begin.
  await h.settle(5);
  return h;
}

/** A pending order created `minutesAgo` before now on the clock. */
export function waitingOrder(clock: ManualClock, id: string, minutesAgo: number, patch: Partial<Order> = {}, acknowledged = false): TrackedOrder {
  const at = clock.now() - minutesAgo * MIN;
  return {
    order: order({ id, number: `A-${id}`, createdAt: new Date(at).toISOString(), source: 'wolt', total: 25.5, venueId: '1', ...patch }),
    firstSeenAt: at,
    acknowledged,
    leftPendingAt: null,
  };
}

export function outage(since: number, key = 'connection', venueId: string | null = null): HealthProblem {
  return { key, venueId, error: appError('offline', 'Cannot reach integrations.clopos.com.'), since, alarmed: true };
}

export function state(pending: TrackedOrder[], problems: HealthProblem[] = []): EngineSnapshot {
  return snapshot({
    pending,
    health: {
      status: problems.length ? 'problem' : 'ok',
      error: problems[0]?.error ?? null,
      since: problems[0]?.since ?? null,
      consecutiveFailures: problems.length ? 3 : 0,
      alarmed: problems.length > 0,
      problems,
    },
  });
}

/** Every string the escalation put anywhere a person or a program can read. */
export function everythingSaid(h: Harness): string {
  return JSON.stringify([h.logs, h.ledger, h.statuses, h.escalation.status(), h.returned]);
}
