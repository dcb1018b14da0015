/**
 * A Clopos that echoes what it was sent: its sign-in issues a short token with no recognisable
 * shape, and every other reply quotes the client secret URL-encoded (as JavaScript, a form encoder
 * and a lower-case-hex encoder write it), JSON-escaped the way PHP does, and base64-encoded (as in
 * `client_id:secret` for HTTP Basic), and the token as is. Neither may reach the window (state,
 * connection check, any IPC reply or event), a notification, or the CLI's output, in any spelling.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNotifier } from '../../main/desktop/notifications';
import { announcementText } from '../../main/app/messages';
import { createRedactor } from '../../main/redact';
import { Notification, recorder } from '../mocks/electron';
import { startApp } from './app-harness';
import { cliEnv, runCli } from './cli-process';
import { leaks, type Place } from './leak-search';
import { VirtualClock } from './virtual-clock';

vi.mock('electron', () => import('../mocks/electron'));

// Marks each encoder treats differently: `!` and `(` (RFC 3986), `~` (form encoders), `/` (PHP JSON).
const SECRET = 'Sec!5v9q~(x)/k';
const TOKEN = 'tok123456';
// Short enough that `client_id:secret` in base64 is no opaque run the length rule would catch anyway.
const CLIENT_ID = 'ech';
const needles = [
  { label: 'the client secret', value: SECRET },
  { label: 'the issued token', value: TOKEN },
];

function echoMessage(): string {
  const form = new URLSearchParams({ s: SECRET }).toString();
  const lowerHex = encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const phpJson = JSON.stringify(SECRET).replace(/\//g, '\\/');
  const basic = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
  // Under the 200 characters a server message is cut to, so every form reaches the redactor.
  return `You sent client_secret ${encodeURIComponent(SECRET)} and the token ${TOKEN}: ${form} / ${lowerHex} / ${phpJson} / ${basic}`;
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url?.endsWith('/auth')) return json(200, { success: true, token: TOKEN, expires_in: 3600 });
    return json(200, { success: false, error: 'request_failed', message: echoMessage() });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open-api`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a server that echoes the secret and the token', () => {
  it('gets neither into the CLI output, human or JSON', async () => {
    const env = cliEnv({
      CLOPOS_API: 'v2',
      CLOPOS_BASE_URL: baseUrl,
      CLOPOS_BRAND: 'echo',
      CLOPOS_VENUE: '1',
      CLOPOS_CLIENT_ID: CLIENT_ID,
      CLOPOS_CLIENT_SECRET: SECRET,
      CLOPOS_INTEGRATOR_ID: 'echo-integrator',
    });
    const places: Place[] = [];
    for (const args of [['poll', '--once'], ['poll', '--once', '--json'], ['check'], ['check', '--json']]) {
      const cli = runCli(args, env);
      await cli.exited;
      places.push({ name: `cli ${args.join(' ')}`, text: `${cli.lines.map((l) => l.text).join('\n')}\n${cli.stderr()}` });
    }
    // The run did reach the echo: the error is there, its secrets are not.
    expect(places.map((p) => p.text).join('\n')).toMatch(/You sent client_secret/);
    expect(leaks(places, needles)).toEqual([]);
  }, 60_000);

  it('gets neither into anything the window is sent or told', async () => {
    recorder.reset();
    const userData = mkdtempSync(path.join(os.tmpdir(), 'echoed-secrets-'));
    const clock = new VirtualClock(Date.now());
    try {
      const app = await startApp({ userData, clock, realClient: true });
      clock.watchBusy(() => app.runtime.snapshot().polling);
      const replies: unknown[] = [];
      const invoke = async (channel: string, payload: unknown) => replies.push(await app.invoke(channel, payload));
      await invoke('notifier:set-settings', {
        onboarded: true,
        connection: { api: 'v2', baseUrl, brand: 'echo', venues: ['1'], clientId: CLIENT_ID, integratorId: 'echo-integrator', timeZone: 'UTC' },
      });
      await invoke('notifier:set-secret', { name: 'clientSecret', value: SECRET });
      await invoke('notifier:test-connection', {});
      await invoke('notifier:test-connection', { clientSecret: `${SECRET}-draft` });
      await clock.runUntil(clock.now() + 5 * 60_000);
      await invoke('notifier:get-state', undefined);
      await app.stop();
      const state = JSON.stringify(replies.at(-1));
      expect(state).toMatch(/You sent client_secret/);
      expect(
        leaks(
          [
            { name: 'IPC replies', text: JSON.stringify(replies) },
            { name: 'events to the window', text: JSON.stringify(recorder.sent) },
          ],
          [...needles, { label: 'the draft secret', value: `${SECRET}-draft` }],
        ),
      ).toEqual([]);
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  }, 60_000);

  it.each(['win32', 'darwin', 'linux'] as const)('gets neither into a notification about the problem (%s: toast XML, actions or plain)', (platform) => {
    recorder.reset();
    const redactor = createRedactor([SECRET, TOKEN]);
    const notifier = createNotifier(Notification, { platform, redact: (text) => redactor.redact(text) });
    const text = announcementText(
      { type: 'health', state: 'bad-response', message: echoMessage(), since: Date.parse('2026-03-02T12:00:00Z'), downSince: Date.parse('2026-03-02T12:00:00Z') },
      { now: Date.parse('2026-03-02T12:01:00Z'), language: 'en', currency: { label: 'AZN', decimals: 2 }, timeZone: 'UTC', demo: false },
    );
    notifier.show(text!);
    const shown = recorder.notifications.map((n) => JSON.stringify(n.options)).join('\n');
    expect(shown).toMatch(/You sent client_secret/);
    expect(leaks([{ name: 'the notification', text: shown }], needles)).toEqual([]);
  });
});
