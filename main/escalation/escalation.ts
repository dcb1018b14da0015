/**
 * Escalation to the owner's phone through a Telegram bot: decides from the engine's snapshots what
 * to say (an order nobody has seen for `orderMinutes`, Clopos out of reach for `outageMinutes`,
 * then the all-clear), queues it and sends it one request at a time, with back-off, Telegram's own
 * waits (429), and a stop at a refused token or chat. Electron-free; every timer goes through the
 * injected clock, every request through the injected fetch.
 *
 * The engine is never held up: observe() only looks at the snapshot, queues, and returns.
 */
import type { TelegramStatus } from '../../common/contract';
import type { EngineSnapshot, HealthProblem, TrackedOrder } from '../../common/engine';
import { appError, err, ok, type ErrorKind, type Result } from '../../common/result';
import type { Settings } from '../../common/settings';
import type { LogFn } from '../app/ports';
import type { LedgerEvent, TelegramMessageKind } from '../ledger/types';
import type { Clock } from '../watch/types';
import { createTelegramClient, type SendOutcome, type TelegramClient } from './telegram-client';
import { allClearMessage, cut, lateLine, MAX_MESSAGE_CHARS, messageContext, ordersMessage, outageMessage, testMessage, type WaitingOrder } from './texts';

/** How often the escalation looks at the last snapshot by itself (the engine may be quiet during an outage). */
export const CHECK_EVERY_MS = 15_000;
/** Messages waiting to go; beyond this the oldest order message is dropped. */
export const MAX_QUEUE = 20;
/** A message not delivered within this long is dropped: it is no longer news. */
export const MAX_MESSAGE_AGE_MS = 60 * 60_000;
/** Back-off after a failure: 5 s, 10 s, 20 s … at most 5 min. */
export const BACKOFF_FIRST_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** The longest Telegram's `retry_after` is honoured. */
export const MAX_RETRY_AFTER_S = 60 * 60;
/**
 * The all-clear waits until all has been clear this long: an order missing from one listing, or
 * one good poll in the middle of an outage, is not "all clear".
 */
export const ALL_CLEAR_AFTER_MS = 60_000;
/** A message that goes out this long after it was written says when it was written. */
const LATE_AFTER_MS = 60_000;
/** How long an escalated order or outage is remembered after it is gone (so a flicker never repeats it). */
const REMEMBER_MS = 24 * 60 * 60_000;
const MAX_REMEMBERED = 5_000;

const NO_TOKEN = 'No Telegram bot token is set: paste the token @BotFather gave you in Settings → Telegram.';
const NO_CHAT = 'No Telegram chat id is set: put the chat id in Settings → Telegram.';
const STOPPED = 'Telegram escalation has stopped (the app is closing).';

export interface TelegramEscalationDeps {
  /** All timers go through it (tests use a manual clock). */
  clock: Clock;
  fetch: typeof fetch;
  /** TELEGRAM_API_URL in the app; a loopback fake in tests. */
  apiUrl: string;
  /** Read from the encrypted store right before each call; null = not set. */
  token(): Promise<string | null>;
  /** The whole settings (telegram, language, currency, connection.venues, connection.timeZone). */
  settings(): Settings;
  /** Messages say DEMO while the demo runs. */
  demo(): boolean;
  /** This PC's name, said in every message. */
  pcName: string;
  /** Every message sent and every failure (kind 'telegram'); never the token. */
  record(event: LedgerEvent): void;
  log: LogFn;
  /** Called when status() changes. */
  onStatus(status: TelegramStatus): void;
  /** A request's timeout; default 10 s. */
  timeoutMs?: number;
  /** The Bot API client; default one over `fetch` and `apiUrl`. */
  client?: TelegramClient;
}

export interface TelegramEscalation {
  /** After every engine state: decides what to send; queues and returns at once (never awaits the network). */
  observe(snapshot: EngineSnapshot): void;
  /**
   * "Send a test message": sends now (ahead of the queue), answers with the status, or an error
   * whose message says plainly what is wrong.
   */
  test(): Promise<Result<TelegramStatus>>;
  status(): TelegramStatus;
  /** The token or the telegram settings changed: a 'refused' state is cleared and tried again on the next message. */
  settingsChanged(): void;
  /** Aborts what is in flight, clears every timer; resolves when idle. */
  stop(): Promise<void>;
}

/** A message waiting to go. */
interface Item {
  kind: Exclude<TelegramMessageKind, 'test'>;
  text: string;
  writtenAt: number;
  /** The orders an order message tells about (the ledger gets one event for each). */
  orderIds: string[];
  /** What it tells about, forgotten again when the message is dropped unsent for a reason the owner fixes (so it is told after the fix). */
  told: { orders: string[]; outages: string[] };
}

const isOutage = (p: HealthProblem): boolean => p.key === 'connection' || p.key.startsWith('venue:');
const orderKey = (t: TrackedOrder): string => `${t.order.venueId}\u0000${t.order.id}`;
const outageKey = (p: HealthProblem): string => `${p.key}\u0000${p.since}`;

/**
 * How long the order has waited: since Clopos created it, and at least since this PC first saw it
 * (a PC clock behind Clopos' must not delay the message).
 */
export function waitedMs(t: TrackedOrder, now: number): number {
  const seen = now - t.firstSeenAt;
  const created = t.order.createdAt === null ? Number.NaN : Date.parse(t.order.createdAt);
  return Number.isFinite(created) ? Math.max(now - created, seen) : seen;
}

export const backoffMs = (failures: number): number => Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);

/** The error kind a failed test answers with. */
const TEST_ERROR: Record<Exclude<SendOutcome['kind'], 'ok'>, ErrorKind> = {
  unauthorized: 'auth',
  'chat-not-found': 'not-found',
  forbidden: 'config',
  rejected: 'bad-response',
  'rate-limited': 'rate-limited',
  server: 'server',
  timeout: 'timeout',
  network: 'offline',
  malformed: 'bad-response',
  aborted: 'internal',
};

export function createTelegramEscalation(deps: TelegramEscalationDeps): TelegramEscalation {
  const { clock, log } = deps;
  const client = deps.client ?? createTelegramClient({ fetch: deps.fetch, apiUrl: deps.apiUrl, clock, ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });

  let last: EngineSnapshot | null = null;
  /** Orders and outages already told about (key → when), so none is told twice. */
  const escalated = new Map<string, number>();
  const outages = new Map<string, number>();
  /** An order or outage message went out and no all-clear since. */
  let cycleOpen = false;
  /** Since when nothing has been left to tell about (epoch ms), null while something is. */
  let clearSince: number | null = null;

  const queue: Item[] = [];
  /** The item being sent (off the queue while in flight). */
  let current: Item | null = null;
  let sending = false;
  let sendTimer: unknown = null;
  let checkTimer: unknown = null;
  let failures = 0;
  /** Nothing is sent before these (epoch ms): Telegram's 429 wait, and the back-off. */
  let holdUntil = 0;
  let retryAt = 0;

  let refused: string | null = null;
  let failing: string | null = null;
  let lastSentAt: number | null = null;
  let tokenMissing = false;
  let stopped = false;

  const controllers = new Set<AbortController>();
  const probes = new Set<Promise<unknown>>();
  /** One request at a time, the queue's and the tests' alike. */
  let chain: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  }

  const safely = (what: string, fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      log('error', `Telegram escalation: ${what} failed (${error instanceof Error ? error.name : 'unknown error'})`);
    }
  };

  function status(): TelegramStatus {
    const telegram = deps.settings().telegram;
    if (!telegram.enabled || telegram.chatId === '' || tokenMissing) return { state: 'off', detail: null, lastSentAt };
    if (refused !== null) return { state: 'refused', detail: refused, lastSentAt };
    if (failing !== null) return { state: 'failing', detail: failing, lastSentAt };
    return { state: 'ok', detail: null, lastSentAt };
  }

  let lastStatus = '';
  function emit(): void {
    const now = status();
    const key = JSON.stringify(now);
    if (key === lastStatus) return;
    lastStatus = key;
    safely('reporting the status', () => deps.onStatus(now));
  }

  function record(kind: TelegramMessageKind, ok: boolean, detail: string | null, orderIds: string[] = []): void {
    const at = clock.now();
    const events: LedgerEvent[] = orderIds.length
      ? orderIds.map((orderId) => ({ kind: 'telegram', at, message: kind, ok, detail, orderId }))
      : [{ kind: 'telegram', at, message: kind, ok, detail }];
    for (const event of events) safely('recording in the ledger', () => deps.record(event));
  }

  const configured = (settings: Settings): boolean => settings.telegram.enabled && settings.telegram.chatId !== '' && !tokenMissing;

  async function readToken(): Promise<string | null> {
    try {
      const token = await deps.token();
      return token && token.trim() !== '' ? token : null;
    } catch {
      log('warn', 'Telegram: the bot token could not be read from the secret store');
      return null;
    }
  }

  /** Reads whether a token is set, for the status ('off' without one). */
  function probeToken(): void {
    const probe = readToken().then((token) => {
      if (stopped) return;
      tokenMissing = token === null;
      emit();
      check();
    });
    probes.add(probe);
    void probe.finally(() => probes.delete(probe));
  }

  // ---- deciding what to say ----

  function remember(map: Map<string, number>, key: string, now: number): void {
    map.set(key, now);
    while (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
  }

  function forget(snapshot: EngineSnapshot, now: number): void {
    const pending = new Set(snapshot.pending.map(orderKey));
    for (const [key, at] of escalated) if (now - at > REMEMBER_MS && !pending.has(key)) escalated.delete(key);
    const open = new Set(snapshot.health.problems.map(outageKey));
    for (const [key, at] of outages) if (now - at > REMEMBER_MS && !open.has(key)) outages.delete(key);
  }

  function check(): void {
    if (stopped || last === null) return;
    const snapshot = last;
    const settings = deps.settings();
    const now = clock.now();
    forget(snapshot, now);
    if (!configured(settings) || refused !== null) {
      clearSince = null;
      return;
    }
    const ctx = messageContext(settings, deps.demo(), deps.pcName, now);

    const orderLimit = settings.telegram.orderMinutes * 60_000;
    const overdue: WaitingOrder[] = snapshot.pending
      .filter((t) => !t.acknowledged && t.leftPendingAt === null)
      .map((tracked) => ({ tracked, waitedMs: waitedMs(tracked, now) }))
      .filter((o) => o.waitedMs >= orderLimit);
    const fresh = overdue.filter((o) => !escalated.has(orderKey(o.tracked)));
    if (fresh.length > 0) {
      for (const o of fresh) remember(escalated, orderKey(o.tracked), now);
      enqueue({
        kind: 'order',
        text: ordersMessage(fresh, orderLimit, ctx),
        writtenAt: now,
        orderIds: fresh.map((o) => o.tracked.order.id),
        told: { orders: fresh.map((o) => orderKey(o.tracked)), outages: [] },
      });
    }

    const open = snapshot.health.problems.filter(isOutage);
    const outageLimit = settings.telegram.outageMinutes * 60_000;
    const long = open.filter((p) => now - p.since >= outageLimit && !outages.has(outageKey(p)));
    if (long.length > 0) {
      for (const p of long) remember(outages, outageKey(p), now);
      enqueue({ kind: 'outage', text: outageMessage(long, ctx), writtenAt: now, orderIds: [], told: { orders: [], outages: long.map(outageKey) } });
    }

    // The all-clear follows a message that went out, once nothing is left to tell about (and
    // nothing is still on its way: it would arrive before the all-clear's reason).
    const waiting = [...queue, ...(current ? [current] : [])].some((i) => i.kind !== 'all-clear');
    if (overdue.length > 0 || open.length > 0 || waiting) {
      clearSince = null;
      return;
    }
    clearSince ??= now;
    if (cycleOpen && now - clearSince >= ALL_CLEAR_AFTER_MS) {
      cycleOpen = false;
      enqueue({ kind: 'all-clear', text: allClearMessage(ctx), writtenAt: now, orderIds: [], told: { orders: [], outages: [] } });
    }
  }

  function armCheck(): void {
    if (stopped || checkTimer !== null) return;
    checkTimer = clock.setTimeout(() => {
      checkTimer = null;
      safely('the periodic check', check);
      armCheck();
    }, CHECK_EVERY_MS);
  }

  // ---- the queue ----

  function drop(item: Item, detail: string): void {
    record(item.kind, false, detail, item.orderIds);
  }

  function enqueue(item: Item): void {
    queue.push(item);
    while (queue.length > MAX_QUEUE) {
      const oldestOrder = queue.findIndex((i) => i.kind === 'order');
      const [dropped] = queue.splice(oldestOrder === -1 ? 0 : oldestOrder, 1);
      if (!dropped) break;
      const detail = `Not sent: more than ${MAX_QUEUE} messages were waiting to go to Telegram, and this was the oldest.`;
      drop(dropped, detail);
      log('warn', `Telegram: ${detail} (${dropped.kind} message of ${new Date(dropped.writtenAt).toISOString()})`);
    }
    schedule();
  }

  /** What the item told about may be told again (it never reached the owner for a reason fixed in Settings). */
  function untell(item: Item): void {
    for (const key of item.told.orders) escalated.delete(key);
    for (const key of item.told.outages) outages.delete(key);
  }

  /** Empties the queue without sending (turned off, or no token): nothing was tried, so nothing failed. */
  function discard(reason: string): void {
    if (queue.length === 0) return;
    log('info', `Telegram: ${queue.length} message(s) not sent: ${reason}`);
    for (const item of queue.splice(0)) untell(item);
  }

  function clearSendTimer(): void {
    if (sendTimer !== null) clock.clearTimeout(sendTimer);
    sendTimer = null;
  }

  function schedule(): void {
    if (stopped || sending || refused !== null || queue.length === 0) return;
    const wait = Math.max(holdUntil, retryAt) - clock.now();
    if (wait > 0) {
      if (sendTimer === null) {
        sendTimer = clock.setTimeout(() => {
          sendTimer = null;
          schedule();
        }, wait);
      }
      return;
    }
    clearSendTimer();
    sending = true;
    void exclusive(sendNext)
      .catch((error: unknown) => log('error', `Telegram: sending failed unexpectedly (${error instanceof Error ? error.name : 'unknown error'})`))
      .finally(() => {
        sending = false;
        schedule();
      });
  }

  async function send(token: string, chatId: string, text: string): Promise<SendOutcome> {
    const controller = new AbortController();
    controllers.add(controller);
    try {
      return await client.sendMessage(token, chatId, text, controller.signal);
    } finally {
      controllers.delete(controller);
    }
  }

  /** Refused token or chat: nothing more is sent until the settings change or a test succeeds. */
  function refuse(detail: string): void {
    refused = detail;
    failing = null;
    clearSendTimer();
    for (const item of queue.splice(0)) {
      drop(item, detail);
      untell(item);
    }
    log('warn', `Telegram: ${detail} Nothing more is sent until the settings change.`);
  }

  async function sendNext(): Promise<void> {
    if (stopped || refused !== null) return;
    const settings = deps.settings();
    const now = clock.now();
    for (let i = queue.length - 1; i >= 0; i -= 1) {
      const item = queue[i]!;
      if (now - item.writtenAt <= MAX_MESSAGE_AGE_MS) continue;
      queue.splice(i, 1);
      const detail = 'Not sent: it could not be delivered to Telegram within an hour, so it was dropped.';
      drop(item, detail);
      log('warn', `Telegram: the ${item.kind} message of ${new Date(item.writtenAt).toISOString()} was dropped: not delivered within an hour`);
    }
    if (queue.length === 0) return;
    if (!settings.telegram.enabled || settings.telegram.chatId === '') {
      discard('Telegram escalation was turned off or its chat id removed');
      emit();
      return;
    }
    const token = await readToken();
    if (stopped || refused !== null) return;
    if (token === null) {
      tokenMissing = true;
      discard('no bot token is set');
      emit();
      return;
    }
    tokenMissing = false;
    const item = queue.shift();
    if (!item) return;
    current = item;
    const sentAt = clock.now();
    let text = item.text;
    if (sentAt - item.writtenAt >= LATE_AFTER_MS) {
      const late = lateLine(item.writtenAt, { language: settings.language, timeZone: settings.connection.timeZone });
      text = `${cut(item.text, MAX_MESSAGE_CHARS - late.length - 1)}\n${late}`;
    }
    let outcome: SendOutcome;
    try {
      outcome = await send(token, settings.telegram.chatId, text);
    } finally {
      current = null;
    }
    settle(item, outcome);
  }

  function settle(item: Item, outcome: SendOutcome): void {
    const now = clock.now();
    switch (outcome.kind) {
      case 'ok':
        failures = 0;
        retryAt = 0;
        failing = null;
        lastSentAt = now;
        record(item.kind, true, null, item.orderIds);
        log('info', `Telegram: ${item.kind} message sent${item.orderIds.length ? ` (${item.orderIds.length} order(s))` : ''}`);
        if (item.kind !== 'all-clear') cycleOpen = true;
        emit();
        // The all-clear may be due now that this went out.
        check();
        return;
      case 'unauthorized':
      case 'chat-not-found':
      case 'forbidden':
        drop(item, outcome.detail);
        untell(item);
        refuse(outcome.detail);
        emit();
        return;
      case 'rejected':
        drop(item, outcome.detail);
        failing = outcome.detail;
        log('warn', `Telegram: the ${item.kind} message was dropped: ${outcome.detail}`);
        emit();
        return;
      case 'aborted':
        queue.unshift(item);
        return;
      case 'rate-limited':
      case 'server':
      case 'timeout':
      case 'network':
      case 'malformed': {
        record(item.kind, false, outcome.detail, item.orderIds);
        queue.unshift(item);
        let waitMs: number;
        if (outcome.kind === 'rate-limited' && outcome.retryAfterS !== null) {
          waitMs = Math.min(outcome.retryAfterS, MAX_RETRY_AFTER_S) * 1000;
          holdUntil = now + waitMs;
        } else {
          failures += 1;
          waitMs = backoffMs(failures);
          retryAt = now + waitMs;
        }
        failing = outcome.detail;
        log('warn', `Telegram: ${outcome.detail} Trying again in ${Math.ceil(waitMs / 1000)} s.`);
        emit();
        return;
      }
    }
  }

  // ---- the test message ----

  async function runTest(): Promise<Result<TelegramStatus>> {
    if (stopped) return err(appError('internal', STOPPED));
    const settings = deps.settings();
    const token = await readToken();
    if (stopped) return err(appError('internal', STOPPED));
    tokenMissing = token === null;
    emit();
    if (token === null) return err(appError('config', NO_TOKEN));
    const chatId = settings.telegram.chatId;
    if (chatId === '') return err(appError('config', NO_CHAT));
    const now = clock.now();
    if (holdUntil > now) {
      const waitMs = holdUntil - now;
      return err(
        appError('rate-limited', `Telegram asked to wait ${Math.ceil(waitMs / 1000)} s more before the next message (429 Too Many Requests): try again then.`, {
          retryAfterMs: waitMs,
        }),
      );
    }
    const outcome = await send(token, chatId, testMessage(messageContext(settings, deps.demo(), deps.pcName, now)));
    if (outcome.kind === 'ok') {
      refused = null;
      failing = null;
      lastSentAt = clock.now();
      record('test', true, null);
      log('info', 'Telegram: test message sent');
      emit();
      return ok(status());
    }
    if (outcome.kind === 'aborted') return err(appError('internal', STOPPED));
    record('test', false, outcome.detail);
    if (outcome.kind === 'unauthorized' || outcome.kind === 'chat-not-found' || outcome.kind === 'forbidden') {
      refuse(outcome.detail);
    } else {
      log('warn', `Telegram: the test message was not sent: ${outcome.detail}`);
    }
    let extra = {};
    if (outcome.kind === 'rate-limited' && outcome.retryAfterS !== null) {
      const waitMs = Math.min(outcome.retryAfterS, MAX_RETRY_AFTER_S) * 1000;
      holdUntil = clock.now() + waitMs;
      extra = { retryAfterMs: waitMs };
    }
    emit();
    return err(appError(TEST_ERROR[outcome.kind], outcome.detail, extra));
  }

  const escalation: TelegramEscalation = {
    observe(snapshot) {
      if (stopped) return;
      last = snapshot;
      safely('looking at the state', check);
      armCheck();
      emit();
    },

    async test() {
      const result = await exclusive(runTest);
      // A success lifts a refusal: what was queued since may go now.
      schedule();
      return result;
    },

    status,

    settingsChanged() {
      if (stopped) return;
      refused = null;
      // Try again soon after a fix, but never before Telegram's own wait.
      failures = 0;
      retryAt = 0;
      clearSendTimer();
      emit();
      probeToken();
      schedule();
    },

    async stop() {
      stopped = true;
      clearSendTimer();
      if (checkTimer !== null) clock.clearTimeout(checkTimer);
      checkTimer = null;
      for (const controller of controllers) controller.abort();
      await Promise.allSettled([chain, ...probes]);
      clearSendTimer();
    },
  };

  lastStatus = JSON.stringify(status());
  probeToken();
  return escalation;
}
