/**
 * The whole app in real Chromium, without Electron: the built preview (`npm run preview`: the
 * app's composition in Node, the loopback transport, the built renderer with the preview bridge)
 * against the simulator as Clopos. Each step goes all the way through — Clopos → engine →
 * presenter → desktop and page, and page → IPC → runtime → engine — and saves a screenshot in
 * artifacts/screenshots/. Needs /usr/bin/chromium (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../common/report';
import type { EngineSnapshot } from '../../common/engine';
import type { Result } from '../../common/result';
import type { PreviewDesktopState } from '../../preview/desktop';
import { TOKEN_HEADER } from '../../preview/server';
import { connectionFor, DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { waitFor } from '../wait-for';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');
const BUILD = mkdtempSync(path.join(tmpdir(), 'notifier-preview-'));

let sim: Simulator;
let child: ChildProcess;
let output = '';
let origin = '';
let token = '';
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

async function invoke<T>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  const response = await fetch(`${origin}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
    body: JSON.stringify({ args }),
  });
  return (await response.json()) as Result<T>;
}

async function desktop(): Promise<PreviewDesktopState> {
  const response = await fetch(`${origin}/preview/desktop`, { headers: { [TOKEN_HEADER]: token } });
  return (await response.json()) as PreviewDesktopState;
}

/** Polls main's desktop until `probe` holds. */
function desktopUntil<T>(what: string, probe: (d: PreviewDesktopState) => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  return waitForAsync(what, async () => probe(await desktop()) || null, timeoutMs);
}

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `preview-${name}.png`) });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const build = spawnSync(process.execPath, [path.join('scripts', 'build.mjs'), 'preview'], { cwd: ROOT, env: { ...process.env, NOTIFIER_PREVIEW_DIR: BUILD }, encoding: 'utf8' });
  expect(build.status, `preview build failed:\n${build.stderr}`).toBe(0);
  sim = await startSimulator();
  child = spawn(process.execPath, [path.join(BUILD, 'main', 'preview.cjs')], {
    cwd: ROOT,
    // One failed check is an outage (the settings below make it check every 3 s, the fastest the app allows).
    env: { ...process.env, TZ: 'UTC', CLOPOS_NOTIFIER_HEALTH_FAILURES: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitFor('the preview address', () => /PREVIEW_URL (\S+)/.exec(output)?.[1], 15_000);
  origin = new URL(url).origin;
  token = new URL(url).hash.slice('#token='.length);

  // The owner's first setup, as onboarding saves it: the secret for the server, then the connection.
  expect(await invoke('notifier:set-secret', { name: 'clientSecret', value: DEMO_CREDENTIALS.clientSecret, connection: connectionFor(sim) })).toMatchObject({ ok: true });
  expect(await invoke('notifier:set-settings', { onboarded: true, mode: 'live', connection: connectionFor(sim), pollIntervalSeconds: 3 })).toMatchObject({ ok: true });

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(url);
  await page.locator('footer.status-bar').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  await sim?.close();
  rmSync(BUILD, { recursive: true, force: true });
});

describe('the whole app in Chromium over the loopback transport', () => {
  it('the token stays out of the address bar and no request goes anywhere but this preview', async () => {
    expect(page.url()).toBe(`${origin}/`);
    // Without the token, main's IPC wrapper refuses: the same refusal a foreign frame gets in the app.
    const refused = await fetch(`${origin}/ipc/notifier:get-state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"args":[]}' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // A page at another name that resolves here (DNS rebinding) is not answered.
    const wrongHost = await new Promise<number>((resolve, reject) => {
      const request = httpGet(`${origin}/`, { headers: { host: 'attacker.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    expect(wrongHost).toBe(421);
  });

  it('a new order in Clopos: main announces it (notification, tray, alarm), its row appears in the page and its card opens', async () => {
    sim.addOrder({ id: 'e2e-1' });
    await page.locator('li.order-row[data-order-id="e2e-1"]').waitFor({ timeout: 10_000 });
    await page.getByRole('dialog', { name: 'e2e-1' }).waitFor({ timeout: 5_000 });
    const d = await desktopUntil('the notification', (s) => s.notifications.some((n) => n.title === 'New order e2e-1') && s);
    expect(d.tray?.count).toBe(1);
    expect(d.alarm).toBe('order');
    await shot('new-order');
  });

  it('Seen clicked on the new-order card stops main\'s alarm and changes the tray', async () => {
    await page.getByRole('dialog', { name: 'e2e-1' }).getByRole('button', { name: 'Seen' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.locator('li.order-row[data-order-id="e2e-1"] .order-pos').textContent()).toBe('Accept on the POS');
    const d = await desktopUntil('the alarm to stop', (s) => s.alarm === null && s);
    expect(d.tray?.canAcknowledge).toBe(false);
    expect(d.notifications.find((n) => n.title === 'New order e2e-1')?.closed).toBe(true);
    await shot('acknowledged');
  });

  it('a click on a notification brings that order up in the page', async () => {
    sim.addOrder({ id: 'e2e-2' });
    const note = await desktopUntil('the notification of e2e-2', (s) => s.notifications.find((n) => n.title === 'New order e2e-2'));
    const clicked = await fetch(`${origin}/preview/notification-click`, { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: JSON.stringify({ id: note.id }) });
    expect(clicked.status).toBe(200);
    await page.getByRole('heading', { name: 'Order e2e-2' }).waitFor({ timeout: 5_000 });
    await shot('notification-click');
    await page.getByRole('button', { name: /Back/ }).first().click();
  });

  it("a notification's Acknowledge button acknowledges that order in main, and the page shows it acknowledged", async () => {
    sim.addOrder({ id: 'e2e-3' });
    const note = await desktopUntil('the notification of e2e-3', (s) => s.notifications.find((n) => n.title === 'New order e2e-3'));
    expect(note.canAcknowledge).toBe(true);
    const pressed = await fetch(`${origin}/preview/notification-click`, { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: JSON.stringify({ id: note.id, button: 'acknowledge' }) });
    expect(pressed.status).toBe(200);
    // Acknowledged in main: the page's row loses its button, and nothing was opened.
    await page.locator('li.order-row[data-order-id="e2e-3"]').getByRole('button', { name: 'Seen' }).waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.getByRole('heading', { name: 'Order e2e-3' }).count()).toBe(0);
    // Only that order: e2e-2 (opened, not acknowledged) still waits to be acknowledged.
    const d = await desktopUntil('the tray', (s) => s.tray && s);
    expect(d.tray?.canAcknowledge).toBe(true);
  });

  it('"Send a test notification" in the page shows one on the desktop and asks whether it came through', async () => {
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByRole('button', { name: /Send a test notification/ }).click();
    await desktopUntil('the test notification', (s) => s.notifications.some((n) => n.title === 'Test notification'));
    await page.getByRole('group', { name: /Did you see/ }).getByRole('button', { name: 'No' }).click();
    await page.getByText('What to check on this PC:').waitFor({ timeout: 5_000 });
    await shot('test-notification-advice');
    await page.getByRole('button', { name: /Orders/ }).first().click();
  });

  it('an outage shows the health banner in the page and sounds main\'s alarm; its end clears both', async () => {
    sim.addFault({ fault: { type: 'status', status: 503 }, times: Infinity, path: '/orders' });
    await page.locator('.health-banner').waitFor({ timeout: 15_000 });
    await desktopUntil('the connection alarm', (s) => s.alarm === 'health');
    await shot('outage');
    sim.clearFaults();
    await page.locator('.health-banner').waitFor({ state: 'detached', timeout: 20_000 });
    await desktopUntil('the recovery notice', (s) => s.notifications.some((n) => n.topic === 'health' && !n.closed && /again/i.test(n.title)));
    await shot('recovered');
  });

  it('the report in the page shows what main kept of these orders: each one, the Seen, the outage', async () => {
    await page.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('heading', { name: 'Report' }).waitFor({ timeout: 10_000 });
    const reply = await invoke<ReportData>('notifier:get-report', { range: 'today' });
    expect(reply.ok).toBe(true);
    const totals = reply.ok ? reply.value.totals : null;
    // e2e-1..3 were created in the simulator above; e2e-1 was seen on its card.
    expect(totals).toMatchObject({ orders: 3, stillPending: expect.any(Number) });
    expect(totals!.seenMedianMs).not.toBeNull();
    expect(totals!.unreachableMs).toBeGreaterThan(0);
    await page.locator('.tile-orders .report-tile-value').filter({ hasText: '3' }).waitFor({ timeout: 5_000 });
    await shot('report');
    await page.getByRole('button', { name: /Back to orders/ }).click();
  });

  it('settings saved in the page retune main\'s engine', async () => {
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByLabel('How often to check').selectOption('fixed');
    const interval = page.getByLabel('Check every (seconds)');
    await interval.fill('60');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The next check moves out to the new interval without a restart (the acknowledged order stays acknowledged).
    const state = await waitForAsync('the engine to check every 60 s', async () => {
      const reply = await invoke<EngineSnapshot>('notifier:get-state');
      return reply.ok && reply.value.nextPollAt !== null && new Date(reply.value.nextPollAt).getTime() - Date.now() > 30_000 ? reply.value : null;
    });
    expect(state.pending.find((t) => t.order.id === 'e2e-1')?.acknowledged).toBe(true);
    await shot('settings-saved');
  });

  it('the page ran without an error or a refused request', () => {
    expect(pageProblems).toEqual([]);
    expect(output).not.toContain(DEMO_CREDENTIALS.clientSecret);
  });
});

async function waitForAsync<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
