import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi, hang, malformed, type Step } from './fake-bot-api';
import { harness, MIN, outage, state, TOKEN, tokenSpellings, waitingOrder, type Harness } from './harness';

const opened: Harness[] = [];
afterEach(async () => {
  for (const h of opened.splice(0)) await h.close();
});

/** Telegram (or something in its place) quoting the token back in every spelling. */
const [plain, encoded, lowerEncoded, base64] = tokenSpellings();
const echo = (status: number): Step => ({
  status,
  description: `Bad Request: https://api.telegram.org/bot${plain}/sendMessage ${encoded} ${lowerEncoded} ${base64} ${JSON.stringify(plain)}`,
  parameters: { retry_after: 'soon' },
});

function expectNoToken(h: Harness): void {
  const said = [h.logs.join('\n'), JSON.stringify(h.ledger), JSON.stringify(h.statuses), JSON.stringify(h.escalation.status()), JSON.stringify(h.returned)];
  for (const spelling of tokenSpellings()) {
    for (const text of said) expect(text, `"${spelling}" leaked`).not.toContain(spelling);
  }
  // Nor any part of it long enough to matter.
  expect(said.join('\n')).not.toMatch(/secret_Part/);
}

describe('the bot token never leaves the request', () => {
  it('is in no log line, ledger event, status or test reply, whatever Telegram or the network answers', async () => {
    const h = await harness();
    opened.push(h);
    // Every answer quotes the token back; the test replies go into what is scanned.
    for (const status of [401, 403, 400, 404, 429, 500]) {
      h.api.answer(echo(status));
      h.returned.push(await h.escalation.test());
    }
    h.api.answer({ status: 400, description: 'Bad Request: chat not found' });
    h.returned.push(await h.escalation.test());
    h.api.answer(malformed);
    h.returned.push(await h.escalation.test());
    h.api.answer({ raw: `<html>${plain}</html>`, status: 502 });
    h.returned.push(await h.escalation.test());
    h.api.answer(hang);
    const timedOut = h.escalation.test();
    await h.requests(10);
    h.clock.advance(10_000);
    h.returned.push(await timedOut);
    expect(h.returned.every((r) => (r as { ok: boolean }).ok === false)).toBe(true);

    // The queue's messages through the same answers.
    h.escalation.settingsChanged();
    h.api.answer(echo(500), echo(400), echo(401));
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6), waitingOrder(h.clock, '2', 7)], [outage(h.clock.now() - 10 * MIN)]));
    await h.recorded(12);
    h.clock.advance(5_000);
    await h.requests(13);
    await h.recorded(14);
    h.clock.advance(MIN);
    await h.settle();

    // The token really was in play: in the request's address, and nowhere else.
    expect(h.api.requests.every((r) => r.url === `/bot${TOKEN}/sendMessage`)).toBe(true);
    expect(h.escalation.status().state).toBe('refused');
    expectNoToken(h);
  });

  it('is in nothing said about a network failure', async () => {
    const gone = await new FakeBotApi().start();
    const url = gone.url;
    await gone.close();
    const h = await harness({ apiUrl: url });
    opened.push(h);
    h.returned.push(await h.escalation.test());
    expect(h.returned[0]).toMatchObject({ ok: false, error: { kind: 'offline', message: expect.stringMatching(/Cannot reach Telegram/) } });
    h.escalation.observe(state([waitingOrder(h.clock, '1', 6)]));
    await h.recorded(2);
    expect(h.escalation.status().state).toBe('failing');
    expectNoToken(h);
  });
});
