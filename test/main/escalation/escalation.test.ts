import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, MAX_QUEUE } from '../../../main/escalation';
import { backoffMs } from '../../../main/escalation/escalation';
import { waitFor } from '../../wait-for';
import { chatNotFound, hang, malformed, serverError, tooMany, unauthorized } from './fake-bot-api';
import { CHAT, harness, MIN, outage, state, TOKEN, waitingOrder, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const telegramEvents = (hh: Harness) => hh.ledger.filter((e) => e.kind === 'telegram');

describe('order messages', () => {
  it('sends the exact request: the token in the path, the chat id, the order in words, in English', async () => {
    h = await harness({ venues: ['1', '2'] });
    h.escalation.observe(state([waitingOrder(h.clock, '7', 6, { venueId: '2', total: 42000.5 })]));
    await h.requests(1);
    const [request] = h.api.requests;
    expect(request).toMatchObject({ method: 'POST', url: `/bot${TOKEN}/sendMessage` });
    expect(request!.body).toEqual({
      chat_id: CHAT,
      text: [
        '1 order waiting unseen on KASSA-1 for 5 min or more',
        'A-7 · Wolt · 42,000.50 AZN · waiting 6 min · venue 2',
        'Nobody has pressed Seen in the app. Call the counter, or accept the order in Clopos.',
      ].join('\n'),
      disable_web_page_preview: true,
    });
    await h.recorded(1);
    expect(h.ledger).toEqual([{ kind: 'telegram', at: h.clock.now(), message: 'order', ok: true, detail: null, orderId: '7' }]);
    expect(h.escalation.status()).toEqual({ state: 'ok', detail: null, lastSentAt: h.clock.now() });
  });

  it('writes in Russian with the right plurals, and says DEMO while the demo runs', async () => {
    h = await harness({ language: 'ru', demo: true });
    h.escalation.observe(state([waitingOrder(h.clock, '1', 7, { source: 'call_center' }), waitingOrder(h.clock, '2', 6, { total: null })]));
    await h.requests(1);
    expect(h.api.texts()[0]).toBe(
      [
        'ДЕМО — сгенерированные заказы, не настоящие',
        '2 заказа ждут без внимания на компьютере KASSA-1 5 мин и дольше',
        'A-1 · Колл-центр · 25,50 AZN · ждёт 7 мин',
        'A-2 · Wolt · сумма неизвестна · ждёт 6 мин',
        'В приложении никто не нажал «Вижу». Позвоните на кассу или примите заказ в Clopos.',
      ].join('\n'),
    );
  });

  it('waits the set minutes, sends once per order (also after it flickers), and never for an acknowledged one', async () => {
    h = await harness({ telegram: { orderMinutes: 5 } });
    const first = waitingOrder(h.clock, '1', 4);
    const seen = waitingOrder(h.clock, '9', 30, {}, true);
    h.escalation.observe(state([first, seen]));
    h.clock.advance(MIN - CHECK_EVERY_MS - 1);
    await h.settle();
    expect(h.api.requests).toHaveLength(0);
    // The escalation's own check (the engine says nothing): at 5 min the order goes.
    h.clock.advance(CHECK_EVERY_MS + 1);
    await h.requests(1);
    expect(h.api.texts()[0]).toContain('A-1 · Wolt · 25.50 AZN · waiting 5 min');
    expect(h.api.texts()[0]).not.toContain('A-9');
    await h.recorded(1);
    // The order leaves the listing for a poll and comes back: not told again.
    h.escalation.observe(state([seen]));
    h.escalation.observe(state([first, seen]));
    h.clock.advance(10 * MIN);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
  });

  it('lists several orders crossing at one check in one message, at most 10 and "and N more"', async () => {
    h = await harness();
    const orders = Array.from({ length: 13 }, (_, i) => waitingOrder(h.clock, String(i + 1), 20 - i));
    h.escalation.observe(state(orders));
    await h.requests(1);
    const lines = h.api.texts()[0]!.split('\n');
    expect(lines[0]).toBe('13 orders waiting unseen on KASSA-1 for 5 min or more');
    expect(lines.slice(1, 11).map((l) => l.split(' · ')[0])).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'A-8', 'A-9', 'A-10']);
    expect(lines[11]).toBe('and 3 more');
    await h.recorded(13);
    expect(h.ledger.map((e) => (e.kind === 'telegram' ? e.orderId : null))).toEqual(orders.map((o) => o.order.id));
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
  });

  it('counts the wait from when the app first saw an order without a readable creation time', async () => {
    h = await harness();
    const order = { ...waitingOrder(h.clock, '1', 0, { createdAt: 'not a time' }), firstSeenAt: h.clock.now() - 6 * MIN };
    h.escalation.observe(state([order]));
    await h.requests(1);
    expect(h.api.texts()[0]).toContain('waiting 6 min');
  });

  it('says nothing while Telegram is off, without a chat id or without a token (status off)', async () => {
    for (const options of [{ telegram: { enabled: false } }, { telegram: { chatId: '' } }, { token: null }]) {
      h = await harness(options);
      h.escalation.observe(state([waitingOrder(h.clock, '1', 30)], [outage(h.clock.now() - 30 * MIN)]));
      h.clock.advance(MIN);
      await h.settle();
      expect(h.api.requests).toHaveLength(0);
      expect(h.escalation.status().state).toBe('off');
      await h.close();
    }
  });
});

describe('outage messages and the all-clear', () => {
  it('tells about an outage after the set minutes, once, from its own check; then the all-clear once', async () => {
    h = await harness({ telegram: { outageMinutes: 5 } });
    const since = h.clock.now();
    h.escalation.observe(state([], [outage(since)]));
    h.clock.advance(5 * MIN - 1);
    await h.settle();
    expect(h.api.requests).toHaveLength(0);
    h.clock.advance(CHECK_EVERY_MS);
    await h.requests(1);
    expect(h.api.texts()[0]).toBe(
      [
        'Clopos cannot be reached from KASSA-1 for 5 min: orders are not being seen.',
        'Not receiving orders — offline since 12:00',
        'Watch the POS for new orders until this is fixed.',
      ].join('\n'),
    );
    h.clock.advance(30 * MIN);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);

    // Clear for a minute before the all-clear: one good poll in an outage is not all clear.
    h.escalation.observe(state([]));
    h.escalation.observe(state([], [outage(h.clock.now())]));
    h.clock.advance(2 * MIN);
    h.escalation.observe(state([]));
    h.clock.advance(MIN - 1);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
    h.clock.advance(CHECK_EVERY_MS);
    await h.requests(2);
    expect(h.api.texts()[1]).toBe('All clear on KASSA-1: no order is waiting unseen and Clopos can be reached.');
    await h.recorded(2);
    expect(telegramEvents(h).map((e) => e.kind === 'telegram' && [e.message, e.ok])).toEqual([
      ['outage', true],
      ['all-clear', true],
    ]);
    h.escalation.observe(state([]));
    h.clock.advance(5 * MIN);
    await h.settle();
    expect(h.api.requests).toHaveLength(2);

    // A new outage of one venue starts the cycle again, naming the venue.
    const venueSince = h.clock.now();
    h.escalation.observe(state([], [outage(venueSince, 'venue:2', '2')]));
    h.clock.advance(6 * MIN);
    await h.requests(3);
    expect(h.api.texts()[2]).toContain('venue 2: offline since 12:43');
    h.escalation.observe(state([]));
    h.clock.advance(2 * MIN);
    await h.requests(4);
    expect(h.api.texts()[3]).toMatch(/^All clear/);
  });

  it('sends the all-clear only when no order is left unseen past the limit and no outage is open', async () => {
    h = await harness();
    const order = waitingOrder(h.clock, '1', 6);
    h.escalation.observe(state([order]));
    await h.recorded(1);
    // Still waiting, and a fresh connection problem: no all-clear.
    h.escalation.observe(state([order]));
    h.escalation.observe(state([{ ...order, acknowledged: true }], [outage(h.clock.now())]));
    h.clock.advance(MIN);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
    h.escalation.observe(state([{ ...order, acknowledged: true }]));
    h.clock.advance(2 * MIN);
    await h.requests(2);
    expect(h.api.texts()[1]).toMatch(/^All clear on KASSA-1/);
    // The next order starts a new cycle.
    h.escalation.observe(state([waitingOrder(h.clock, '2', 8)]));
    await h.requests(3);
    await h.recorded(3);
    h.escalation.observe(state([]));
    h.clock.advance(2 * MIN);
    await h.requests(4);
    expect(h.api.texts()[3]).toMatch(/^All clear/);
    await h.settle();
    expect(h.api.requests).toHaveLength(4);
  });
});

describe('failures', () => {
  it('401: status refused with what to fix, the queue dropped, nothing more until the settings change', async () => {
    h = await harness();
    h.api.answer(unauthorized);
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(1);
    expect(h.escalation.status()).toEqual({
      state: 'refused',
      detail: 'Telegram refused the bot token (401 Unauthorized): check the token in Settings → Telegram.',
      lastSentAt: null,
    });
    expect(h.statuses.at(-1)?.state).toBe('refused');
    expect(h.ledger[0]).toMatchObject({ kind: 'telegram', message: 'order', ok: false, orderId: '1' });
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6), waitingOrder(h.clock, '2', 9)], [outage(h.clock.now() - 10 * MIN)]));
    h.clock.advance(10 * MIN);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);

    // The owner pastes the right token: what still waits is told, with the token read anew.
    const fixed = '7123456789:AAFixedToken_0123456789abcdefghijk';
    h.token.value = fixed;
    h.escalation.settingsChanged();
    await h.requests(3);
    await h.recorded(4);
    expect(h.api.requests.slice(1).map((r) => r.url)).toEqual([`/bot${fixed}/sendMessage`, `/bot${fixed}/sendMessage`]);
    expect(h.escalation.status().state).toBe('ok');
    const told = h.api.texts().slice(1).join('\n');
    expect(told).toContain('A-1');
    expect(told).toContain('A-2');
    expect(told).toContain('Clopos cannot be reached');
  });

  it('chat not found: refused until a successful test message', async () => {
    h = await harness();
    h.api.answer(chatNotFound);
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(1);
    expect(h.escalation.status()).toMatchObject({ state: 'refused', detail: expect.stringMatching(/cannot find the chat -1001234567890.*check the chat id/) });
    const tested = await h.escalation.test();
    expect(tested).toMatchObject({ ok: true, value: { state: 'ok' } });
    expect(h.api.requests).toHaveLength(2);
    expect(h.api.texts()[1]).toContain('Test message');
  });

  it('429: the next request waits exactly retry_after', async () => {
    h = await harness();
    h.api.answer(tooMany(7));
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(1);
    expect(h.escalation.status()).toMatchObject({ state: 'failing', detail: 'Telegram asked to wait 7 s before the next message (429 Too Many Requests).' });
    h.clock.advance(7_000 - 1);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
    h.clock.advance(1);
    await h.requests(2);
    await h.recorded(2);
    expect(h.escalation.status().state).toBe('ok');
  });

  it('a message that goes out more than a minute late says when it was written', async () => {
    h = await harness();
    h.api.answer(tooMany(90));
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(1);
    h.clock.advance(90_000);
    await h.requests(2);
    expect(h.api.texts()[1]).toBe(`${h.api.texts()[0]}\n(Sent late: written at 12:00.)`);
  });

  it('429 with an unreadable retry_after waits the usual back-off; a test during a 429 wait is refused, capped at an hour', async () => {
    h = await harness();
    h.api.answer(tooMany('later'));
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(1);
    h.clock.advance(5_000 - 1);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
    h.clock.advance(1);
    await h.requests(2);
    await h.recorded(2);

    h.api.answer(tooMany(7_200));
    expect(await h.escalation.test()).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 3_600_000 } });
    const again = await h.escalation.test();
    expect(again).toMatchObject({ ok: false, error: { kind: 'rate-limited', message: expect.stringMatching(/wait 3600 s more/) } });
    expect(h.api.requests).toHaveLength(3);
  });

  it('a timeout is retried after the back-off', async () => {
    h = await harness();
    h.api.answer(hang);
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.requests(1);
    h.clock.advance(10_000);
    await h.recorded(1);
    expect(h.ledger[0]).toMatchObject({ ok: false, detail: 'Telegram did not answer within 10 s.' });
    expect(h.escalation.status().state).toBe('failing');
    expect(h.logs.some((l) => l.includes('Telegram did not answer within 10 s. Trying again in 5 s.'))).toBe(true);
    h.clock.advance(5_000 - 1);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
    h.clock.advance(1);
    await h.requests(2);
    await h.recorded(2);
    expect(h.escalation.status().state).toBe('ok');
    expect(h.api.texts()[1]).toBe(h.api.texts()[0]);
  });

  it('the back-off doubles from 5 s to at most 5 minutes, and resets after a success', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(backoffMs)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    h = await harness();
    h.api.answer(...Array.from({ length: 8 }, () => serverError), malformed);
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    for (let failure = 1; failure <= 9; failure += 1) {
      await h.recorded(failure);
      const wait = backoffMs(failure);
      h.clock.advance(wait - 1);
      await h.settle(15);
      expect(h.api.requests, `before the retry after ${wait} ms`).toHaveLength(failure);
      h.clock.advance(1);
      await h.requests(failure + 1);
    }
    await h.recorded(10);
    expect(h.escalation.status().state).toBe('ok');
    // After the success the next failure waits 5 s again.
    h.api.answer(serverError);
    h.escalation.observe(state([waitingOrder(h.clock, '1', 60), waitingOrder(h.clock, '2', 6)]));
    await h.recorded(11);
    h.clock.advance(5_000);
    await h.requests(12);
  });

  it('drops a message not delivered within an hour, and says so in the ledger and the log', async () => {
    h = await harness();
    h.api.answer(...Array.from({ length: 40 }, () => serverError));
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    const written = h.clock.now();
    let failures = 0;
    while (h.clock.now() - written <= 60 * MIN) {
      failures += 1;
      await h.recorded(failures);
      h.clock.advance(backoffMs(failures));
      await waitFor('the next attempt or the drop', () => h.api.requests.length > failures || h.ledger.length > failures);
    }
    await h.recorded(failures + 1);
    const last = h.ledger.at(-1);
    expect(last).toMatchObject({ kind: 'telegram', message: 'order', ok: false, orderId: '1', detail: expect.stringMatching(/within an hour|for an hour/) });
    expect(h.api.requests).toHaveLength(failures);
    expect(h.logs.some((l) => /dropped: not delivered within an hour/.test(l))).toBe(true);
    // Nothing is retried after the drop.
    h.clock.advance(10 * MIN);
    await h.settle();
    expect(h.api.requests).toHaveLength(failures);
  });

  it('keeps at most 20 messages waiting, dropping the oldest order messages (recorded and logged)', async () => {
    h = await harness();
    h.api.answer(hang);
    const orders = [waitingOrder(h.clock, '0', 6)];
    h.escalation.observe(state(orders));
    await h.requests(1);
    for (let i = 1; i <= 25; i += 1) {
      orders.push(waitingOrder(h.clock, String(i), 6));
      h.escalation.observe(state([...orders]));
    }
    // Messages 1..5 were dropped: 25 queued behind the one in flight, 20 kept.
    const dropped = h.ledger.filter((e) => e.kind === 'telegram' && !e.ok);
    expect(dropped.map((e) => e.kind === 'telegram' && e.orderId)).toEqual(['1', '2', '3', '4', '5']);
    expect(h.logs.filter((l) => l.includes(`more than ${MAX_QUEUE} messages`))).toHaveLength(5);
    h.clock.advance(10_000);
    await h.recorded(6);
    h.clock.advance(5_000);
    await h.requests(22);
    await h.recorded(27);
    const sent = h.ledger.filter((e) => e.kind === 'telegram' && e.ok).map((e) => e.kind === 'telegram' && e.orderId);
    expect(sent).toEqual(['0', ...Array.from({ length: 20 }, (_, i) => String(i + 6))]);
  });
});

describe('the test message', () => {
  it('answers with the status when it went, in the language, DEMO marked', async () => {
    h = await harness({ language: 'az', demo: true });
    const result = await h.escalation.test();
    expect(result).toEqual({ ok: true, value: { state: 'ok', detail: null, lastSentAt: h.clock.now() } });
    expect(h.api.texts()[0]).toBe(
      'DEMO — nümunə sifarişlər, real deyil\nKASSA-1 kompüterindəki Clopos sifariş bildirişindən sınaq mesajı. Bunu oxuya bilirsinizsə, xəbərdarlıqlar bu çata gələcək.',
    );
    expect(h.ledger).toEqual([{ kind: 'telegram', at: h.clock.now(), message: 'test', ok: true, detail: null }]);
  });

  it('goes ahead of the queue', async () => {
    h = await harness();
    h.api.answer(serverError);
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(1);
    expect(await h.escalation.test()).toMatchObject({ ok: true });
    expect(h.api.texts()[1]).toContain('Test message');
    h.clock.advance(5_000);
    await h.requests(3);
    expect(h.api.texts()[2]).toContain('A-1');
  });

  it('says plainly what is wrong: no token, no chat id, a refused token, a timeout', async () => {
    h = await harness({ token: null });
    expect(await h.escalation.test()).toEqual({
      ok: false,
      error: { kind: 'config', message: 'No Telegram bot token is set: paste the token @BotFather gave you in Settings → Telegram.' },
    });
    h.token.value = TOKEN;
    h.settings.telegram = { ...h.settings.telegram, chatId: '' };
    expect(await h.escalation.test()).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringMatching(/No Telegram chat id/) } });
    h.settings.telegram = { ...h.settings.telegram, chatId: CHAT };
    h.api.answer(unauthorized);
    expect(await h.escalation.test()).toMatchObject({
      ok: false,
      error: { kind: 'auth', message: 'Telegram refused the bot token (401 Unauthorized): check the token in Settings → Telegram.' },
    });
    expect(h.escalation.status().state).toBe('refused');
    h.api.answer(hang);
    const pending = h.escalation.test();
    await h.requests(2);
    h.clock.advance(10_000);
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'Telegram did not answer within 10 s.' } });
    expect(h.api.requests).toHaveLength(2);
    expect(telegramEvents(h).map((e) => e.kind === 'telegram' && [e.message, e.ok])).toEqual([
      ['test', false],
      ['test', false],
    ]);
  });
});

describe('stop', () => {
  it('aborts the request in flight and leaves no timer', async () => {
    h = await harness();
    h.api.answer(hang);
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)], [outage(h.clock.now())]));
    await h.requests(1);
    expect(h.clock.pending()).toBeGreaterThan(0);
    await h.escalation.stop();
    expect(h.clock.pending()).toBe(0);
    await waitFor('the server to see the abort', () => h.api.aborted === 1);
    h.escalation.observe(state([waitingOrder(h.clock, '2', 60)]));
    h.clock.advance(60 * MIN);
    await h.settle();
    expect(h.api.requests).toHaveLength(1);
    expect(h.clock.pending()).toBe(0);
    expect(await h.escalation.test()).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('leaves no timer after back-offs and 429 waits either', async () => {
    h = await harness();
    h.api.answer(tooMany(30));
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(1);
    await h.escalation.stop();
    expect(h.clock.pending()).toBe(0);
  });
});
