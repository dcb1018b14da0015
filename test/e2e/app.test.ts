/**
 * End-to-end with the real Electron runtime, driven by Playwright's `_electron`. Runs only where
 * the Electron binary exists; on machines without it (no internet to download it) every test is
 * reported as SKIPPED, never as passed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const SKIP_REASON = 'SKIPPED: the Electron binary is not installed (node_modules/electron/dist missing; it cannot be downloaded here)';

describe.skipIf(!binary)(binary ? 'Electron app end-to-end' : SKIP_REASON, () => {
  let sim: Simulator;
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1' });
    userData = mkdtempSync(path.join(os.tmpdir(), 'notifier-e2e-'));
    app = await _electron.launch({
      executablePath: binary ?? undefined,
      args: ['.'],
      env: {
        ...process.env,
        CLOPOS_NOTIFIER_USER_DATA: userData,
        CLOPOS_NOTIFIER_BASE_URL: sim.url,
        CLOPOS_NOTIFIER_BRAND: DEMO_CREDENTIALS.brand,
        CLOPOS_NOTIFIER_VENUES: DEMO_CREDENTIALS.venues.join(','),
        CLOPOS_NOTIFIER_CLIENT_ID: DEMO_CREDENTIALS.clientId,
        CLOPOS_NOTIFIER_INTEGRATOR_ID: DEMO_CREDENTIALS.integratorId,
        CLOPOS_NOTIFIER_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
        CLOPOS_NOTIFIER_POLL_SECONDS: '3',
      },
      timeout: 30_000,
    });
    // Record notifications in main: the OS shows them outside the page, where Playwright cannot look.
    await app.evaluate(({ Notification }) => {
      const shown: string[] = [];
      (globalThis as { __shown?: string[] }).__shown = shown;
      const original = Notification.prototype.show;
      Notification.prototype.show = function show(this: Electron.Notification) {
        shown.push(this.title);
        return original.call(this);
      };
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await sim?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('launches with the app window showing the built renderer', async () => {
    expect(page.url()).toMatch(/dist\/renderer\/index\.html$/);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toMatch(/Clopos Order Notifier/);
    await expect.poll(() => page.locator('#root').innerHTML(), { timeout: 10_000 }).not.toBe('');
  });

  it('shows a native notification for a new order', async () => {
    const order = sim.addOrder();
    await expect
      .poll(() => app.evaluate(() => (globalThis as { __shown?: string[] }).__shown ?? []), { timeout: 15_000 })
      .toContain(`New order ${order.id}`);
  });

  it('cannot be navigated away or open windows', async () => {
    const before = page.url();
    // The page's globals, typed here because the node type-check target has no DOM library.
    type PageGlobals = { location: { href: string }; open(url: string): unknown; require?: unknown };
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null)).toBe(true);
    expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).require)).toBe('undefined');
  });
});
