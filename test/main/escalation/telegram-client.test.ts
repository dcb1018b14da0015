import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramClient, DEFAULT_TIMEOUT_MS, MAX_MESSAGE_CHARS, type SendOutcome } from '../../../main/escalation';
import { ManualClock } from '../app/fake-clock';
import { waitFor } from '../../wait-for';
import { blocked, chatNotFound, FakeBotApi, hang, malformed, serverError, tooMany, unauthorized, type Step } from './fake-bot-api';
import { CHAT, T0, TOKEN, tokenSpellings } from './harness';

let api: FakeBotApi;
let clock: ManualClock;

async function setUp(...steps: Step[]) {
  api = await new FakeBotApi().start();
  api.answer(...steps);
  clock = new ManualClock(T0);
  return createTelegramClient({ fetch: globalThis.fetch, apiUrl: api.url, clock });
}

afterEach(async () => {
  await api?.close();
});

describe('the Bot API client', () => {
  it('POSTs sendMessage to /bot<token>/sendMessage with the chat, the plain text and no link preview', async () => {
    const client = await setUp();
    expect(await client.sendMessage(TOKEN, CHAT, 'Order A-1 <b>waiting</b>')).toEqual({ kind: 'ok' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'POST', url: `/bot${TOKEN}/sendMessage`, contentType: 'application/json' });
    expect(request!.body).toEqual({ chat_id: CHAT, text: 'Order A-1 <b>waiting</b>', disable_web_page_preview: true });
    expect(request!.body).not.toHaveProperty('parse_mode');
    expect(clock.pending()).toBe(0);
  });

  it('caps the text at 4,096 characters, never splitting a surrogate pair', async () => {
    const client = await setUp();
    await client.sendMessage(TOKEN, CHAT, `${'x'.repeat(4094)}😀😀😀`);
    const text = String(api.requests[0]!.body.text);
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/[\ud800-\udbff]…$/);
  });

  const outcomes: [string, Step, Partial<SendOutcome> & { kind: SendOutcome['kind'] }, RegExp][] = [
    ['401', unauthorized, { kind: 'unauthorized' }, /refused the bot token \(401 Unauthorized\): check the token in Settings → Telegram/],
    ['404 (an unknown token)', { status: 404, description: 'Not Found' }, { kind: 'unauthorized' }, /404/],
    ['400 chat not found', chatNotFound, { kind: 'chat-not-found' }, /cannot find the chat -1001234567890.*check the chat id.*added to the group or has been started/],
    ['403 bot blocked', blocked, { kind: 'forbidden' }, /403 Forbidden: bot was blocked by the user/],
    ['400 group upgraded', { status: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1009876543210 } }, { kind: 'chat-not-found' }, /new chat id|-1009876543210/],
    ['another 400', { status: 400, description: 'Bad Request: message text is empty' }, { kind: 'rejected' }, /400 Bad Request: message text is empty/],
    ['429 with retry_after', tooMany(7), { kind: 'rate-limited', retryAfterS: 7 }, /wait 7 s/],
    ['429 with an unreadable retry_after', tooMany('soon'), { kind: 'rate-limited', retryAfterS: null }, /429/],
    ['500', serverError, { kind: 'server', status: 500 }, /server error \(500/],
    ['a 502 page from a proxy', { raw: '<html>Bad Gateway</html>', status: 502 }, { kind: 'server', status: 502 }, /502/],
    ['a malformed body', malformed, { kind: 'malformed' }, /cannot read \(not JSON\)/],
    ['a body of another shape', { raw: '{"result": 1}', contentType: 'application/json' }, { kind: 'malformed' }, /shape/],
    ['a redirect', { raw: '', status: 302 }, { kind: 'malformed' }, /redirect/],
  ];
  for (const [name, step, expected, detail] of outcomes) {
    it(`maps ${name}`, async () => {
      const client = await setUp(step);
      const outcome = await client.sendMessage(TOKEN, CHAT, 'hello');
      expect(outcome).toMatchObject(expected);
      expect('detail' in outcome ? outcome.detail : '').toMatch(detail);
      expect(clock.pending()).toBe(0);
    });
  }

  it('reads at most 256 kB of a reply', async () => {
    const client = await setUp({ raw: `{"ok":true,"x":"${'a'.repeat(300 * 1024)}"}`, contentType: 'application/json' });
    expect(await client.sendMessage(TOKEN, CHAT, 'hello')).toMatchObject({ kind: 'malformed', detail: expect.stringMatching(/larger than 256 kB/) });
  });

  it('times out on the injected clock and says so', async () => {
    const client = await setUp(hang);
    const sent = client.sendMessage(TOKEN, CHAT, 'hello');
    await waitFor('the request', () => api.requests.length === 1);
    clock.advance(DEFAULT_TIMEOUT_MS - 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(api.hanging.size).toBe(1);
    clock.advance(1);
    expect(await sent).toEqual({ kind: 'timeout', detail: 'Telegram did not answer within 10 s.' });
    await waitFor('the server to see the abort', () => api.aborted === 1);
    expect(clock.pending()).toBe(0);
  });

  it("ends at the caller's signal", async () => {
    const client = await setUp(hang);
    const abort = new AbortController();
    const sent = client.sendMessage(TOKEN, CHAT, 'hello', abort.signal);
    await waitFor('the request', () => api.requests.length === 1);
    abort.abort();
    expect((await sent).kind).toBe('aborted');
    expect(clock.pending()).toBe(0);
  });

  it('names a network failure by its system code only', async () => {
    await setUp();
    const url = api.url;
    await api.close();
    const closed = createTelegramClient({ fetch: globalThis.fetch, apiUrl: url, clock });
    const outcome = await closed.sendMessage(TOKEN, CHAT, 'hello');
    expect(outcome).toEqual({ kind: 'network', detail: "Cannot reach Telegram (ECONNREFUSED): check this PC's internet connection." });
  });

  it('refuses a token not in Telegram’s form without sending it anywhere', async () => {
    const client = await setUp();
    expect((await client.sendMessage('not a token/../x?y', CHAT, 'hello')).kind).toBe('unauthorized');
    expect(api.requests).toHaveLength(0);
  });

  it('quotes Telegram’s description without the token in any spelling and without control characters', async () => {
    const [plain, encoded, , base64] = tokenSpellings();
    const client = await setUp({ status: 400, description: `Bad Request: bot ${plain} / ${encoded} / ${base64}\u0007\nline two\u202e` });
    const outcome = await client.sendMessage(TOKEN, CHAT, 'hello');
    expect(outcome.kind).toBe('rejected');
    const detail = 'detail' in outcome ? outcome.detail : '';
    for (const spelling of tokenSpellings()) expect(detail).not.toContain(spelling);
    // eslint-disable-next-line no-control-regex
    expect(detail).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(detail).toContain('line two');
  });
});
