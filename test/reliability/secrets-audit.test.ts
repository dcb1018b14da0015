/**
 * Secrets audit. A scripted session through main's real wiring (app-harness) against the
 * simulator: onboarding with a client secret over IPC, a pasted token, token renewals, tokens
 * expired by the server, a revoked credential (auth errors and a health alarm), order details, and
 * a crash logged the way a crash handler would log it. Then every place a secret could leak is
 * searched for the client secret, the pasted token and every token Clopos issued — as written and
 * base64-encoded at any alignment: the log files, the settings file, the secrets file outside its
 * encrypted values, the announced record, every message and IPC reply the renderer got, the
 * headless CLI's output, and the packaged app.asar when `npm run pack:check` has built one.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliEnvFor, connectionFor, DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { recorder } from '../mocks/electron';
import { startApp } from './app-harness';
import { cliEnv, ROOT, runCli } from './cli-process';
import { leaks, type Place } from './leak-search';
import { FakeBotApi } from '../main/escalation/fake-bot-api';
import { VirtualClock } from './virtual-clock';

vi.mock('electron', () => import('../mocks/electron'));

const SECRET = `audit-Secret-${process.pid}-9Qx7LmZ2`;
const BOT_TOKEN = `7012345678:AAH-audit${process.pid}BotToken_q8Zr`;
const PASTED_TOKEN = `oauth_pastedAuditToken${process.pid}Zk31`;
const START = Date.parse('2026-03-02T11:00:00Z');
const MINUTE = 60_000;
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

let sim: Simulator;
let userData: string;
const issuedTokens = new Set<string>();
const places: Place[] = [];
let logText = '';
const cliOutputs: Place[] = [];
let bot: FakeBotApi;

beforeAll(async () => {
  recorder.reset();
  userData = mkdtempSync(path.join(os.tmpdir(), 'secrets-audit-'));
  const clock = new VirtualClock(START);
  sim = await startSimulator({ clientSecret: SECRET, now: clock.now, tokenLifetimeSeconds: 600 });
  // Reads each sign-in reply on its way to the client, to know every token Clopos issued.
  const capturing: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/auth')) {
      const body = (await response.clone().json().catch(() => null)) as { token?: unknown } | null;
      if (typeof body?.token === 'string') issuedTokens.add(body.token);
    }
    return response;
  };
  bot = await new FakeBotApi().start();
  const app = await startApp({ userData, clock, realClient: true, fetch: capturing, telegramApiUrl: bot.url });
  clock.watchBusy(() => app.runtime.snapshot().polling);
  const replies: unknown[] = [];
  const invoke = async (channel: string, payload: unknown) => {
    const reply = await app.invoke(channel, payload);
    replies.push(reply);
    return reply as { ok: boolean; value?: unknown };
  };
  const run = (minutes: number) => clock.runUntil(clock.now() + minutes * MINUTE);

  // Onboarding, as the settings screen does it.
  await invoke('notifier:set-settings', {
    onboarded: true,
    connection: connectionFor(sim),
  });
  await invoke('notifier:set-secret', { name: 'token', value: PASTED_TOKEN });
  await invoke('notifier:set-secret', { name: 'clientSecret', value: SECRET });
  await invoke('notifier:test-connection', {});
  // Escalation to the manager's phone: the bot token, a test message, and one Telegram refuses.
  await invoke('notifier:set-settings', { telegram: { enabled: true, chatId: '-1001234567890', orderMinutes: 5, outageMinutes: 5 } });
  await invoke('notifier:set-secret', { name: 'telegramToken', value: BOT_TOKEN });
  await invoke('notifier:telegram-test', undefined);
  bot.answer({ status: 401, description: 'Unauthorized' });
  await invoke('notifier:telegram-test', undefined);
  await invoke('notifier:set-secret', { name: 'telegramToken', value: BOT_TOKEN });
  await run(1);
  const first = sim.addOrder({ createdAt: clock.now() });
  await run(11);
  // Renewals ahead of expiry happen on their own (600 s tokens); the server also drops tokens.
  sim.expireTokens();
  await run(2);
  sim.accept(first.id);
  await run(1);
  const detail = await invoke('notifier:get-order', { id: String(first.id) });
  const receiptId = (detail.value as { receipt?: { id: string } | null } | undefined)?.receipt?.id;
  if (receiptId) await invoke('notifier:get-receipt', { id: receiptId });
  // The integrator is disabled: sign-in refused, health alarm; then enabled again.
  sim.setCredentialsValid(false);
  sim.expireTokens();
  await run(5);
  await invoke('notifier:test-connection', {});
  sim.setCredentialsValid(true);
  sim.addOrder({ createdAt: clock.now() });
  await run(20);
  await invoke('notifier:get-state', undefined);
  await invoke('notifier:clear-secret', { name: 'token' });
  // A crash report, logged as a crash handler would: an error that carries the request it died on.
  const token = [...issuedTokens].at(-1) ?? 'no-token';
  const crash = new Error(`Unhandled rejection: POST ${sim.url}/auth {"client_secret":"${SECRET}"} failed; x-token ${token}`);
  app.logger.error('Uncaught exception (crash report):', crash);
  await app.stop();
  await new Promise((resolve) => setTimeout(resolve, 200));

  for (const file of filesUnder(userData)) {
    const name = path.relative(userData, file);
    let text = readFileSync(file, 'utf8');
    if (name === 'secrets.json') {
      // The encrypted values are allowed to be there; everything around them is audited.
      const parsed = JSON.parse(text) as Record<string, unknown>;
      text = JSON.stringify(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? '(encrypted)' : v])));
    }
    if (name.startsWith('logs')) logText += text;
    places.push({ name, text });
  }
  places.push({ name: 'messages sent to the renderer', text: JSON.stringify(recorder.sent) });
  places.push({ name: 'IPC replies to the renderer', text: JSON.stringify(replies) });

  // The headless CLI with the secret in its environment: check, poll, a short watch, a refused sign-in.
  const env = cliEnv(cliEnvFor(sim, SECRET));
  const stateDir = path.join(userData, 'cli-state');
  // Not spawnSync: the simulator answering the CLI lives in this process' event loop.
  const oneShot = async (name: string, args: string[]) => {
    const cli = runCli(args, env);
    const timer = setTimeout(() => cli.child.kill('SIGKILL'), 30_000);
    await cli.exited;
    clearTimeout(timer);
    cliOutputs.push({ name, text: `${cli.lines.map((l) => l.text).join('\n')}\n${cli.stderr()}` });
  };
  for (const args of [['check'], ['check', '--json'], ['poll', '--once', '--json'], ['poll', '--once']]) await oneShot(`cli ${args.join(' ')}`, args);
  const watch = runCli(['watch', '--json', '--interval', '3', '--state-dir', stateDir], env);
  await watch.until(() => watch.lines.length > 0, 10_000);
  watch.child.kill('SIGTERM');
  await watch.exited;
  cliOutputs.push({ name: 'cli watch --json', text: `${watch.lines.map((l) => l.text).join('\n')}\n${watch.stderr()}` });
  sim.setCredentialsValid(false);
  await oneShot('cli check (sign-in refused)', ['check']);
  for (const file of existsSync(stateDir) ? filesUnder(stateDir) : []) cliOutputs.push({ name: `cli state ${path.basename(file)}`, text: readFileSync(file, 'utf8') });
}, 120_000);

afterAll(async () => {
  await bot?.close();
  await sim?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

const needles = () => [
  { label: 'the client secret', value: SECRET },
  { label: 'the pasted token', value: PASTED_TOKEN },
  { label: 'the Telegram bot token', value: BOT_TOKEN },
  ...[...issuedTokens].map((value, i) => ({ label: `issued token ${i + 1}`, value })),
];

describe('secrets audit', () => {
  it('ran a session that handled secrets and tokens: renewals, a refused sign-in, a crash report', () => {
    expect(issuedTokens.size, 'tokens issued (first sign-in, renewals, after expiry)').toBeGreaterThanOrEqual(4);
    expect(logText).toMatch(/refused the sign-in/);
    expect(logText).toMatch(/crash report/);
    expect(places.map((p) => p.name)).toEqual(expect.arrayContaining(['settings.json', 'secrets.json', 'logs/main.log']));
    expect(places.some((p) => p.name.startsWith('announced'))).toBe(true);
    // The ledger (with every Telegram message and failure) is audited too, and the bot was used.
    expect(places.some((p) => p.name.startsWith('ledger') && p.text.includes('"telegram"'))).toBe(true);
    expect(bot.requests.length).toBeGreaterThanOrEqual(3);
    expect(bot.requests.some((r) => String(r.body.text).includes('waiting unseen'))).toBe(true);
    expect(recorder.sent.length).toBeGreaterThan(10);
  });

  it('finds neither the secret nor any token in the logs, settings, secrets file (outside the ciphertext), state or renderer messages', () => {
    expect(leaks(places, needles())).toEqual([]);
    for (const place of places) expect(JWT_SHAPE.test(place.text), `a token-shaped value in ${place.name}`).toBe(false);
  });

  it('finds neither the secret nor any token in the headless CLI output or its state', () => {
    expect(cliOutputs.length).toBeGreaterThanOrEqual(6);
    expect(cliOutputs.find((o) => o.name === 'cli watch --json')?.text).toMatch(/new-order|left-pending|health/);
    expect(leaks(cliOutputs, needles())).toEqual([]);
    for (const output of cliOutputs) expect(JWT_SHAPE.test(output.text), `a token-shaped value in ${output.name}`).toBe(false);
  });

  const asars = existsSync(path.join(ROOT, 'release')) ? filesUnder(path.join(ROOT, 'release')).filter((f) => f.endsWith('.asar')) : [];
  const packaged = asars.length > 0 ? it : it.skip;
  packaged(
    asars.length > 0
      ? `finds no secret, token or well-known test secret in the packaged app (${asars.map((a) => path.relative(ROOT, a)).join(', ')})`
      : 'NOT CHECKED: no packaged app.asar under release/ (run npm run pack:check first) — the package is not audited',
    async () => {
      const { extractAll } = await import('@electron/asar');
      const extra = [
        { label: 'the simulator’s well-known demo secret', value: DEMO_CREDENTIALS.clientSecret },
        ...['CLOPOS_CLIENT_SECRET', 'CLOPOS_TOKEN', 'CLOPOS_NOTIFIER_CLIENT_SECRET'].flatMap((name) => {
          const value = process.env[name];
          return value && value.length >= 8 ? [{ label: `$${name} of this machine`, value }] : [];
        }),
      ];
      for (const asar of asars) {
        const out = mkdtempSync(path.join(os.tmpdir(), 'asar-audit-'));
        try {
          extractAll(asar, out);
          const files = filesUnder(out).map((f) => ({ name: `${path.relative(ROOT, asar)}:${path.relative(out, f)}`, text: readFileSync(f).toString('latin1') }));
          expect(files.length).toBeGreaterThan(0);
          expect(leaks(files, [...needles(), ...extra])).toEqual([]);
          for (const f of files) expect(JWT_SHAPE.test(f.text), `a token-shaped value in ${f.name}`).toBe(false);
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
      }
    },
    60_000,
  );
});
