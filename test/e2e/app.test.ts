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
import { DOMParser } from '@xmldom/xmldom';
import { existsSync, readFileSync } from 'node:fs';
import { DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { desktopFileValidate } from '../desktop-file-validate';
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
        // Start at login on Linux writes here, not into the real ~/.config.
        XDG_CONFIG_HOME: path.join(userData, 'config'),
      },
      timeout: 30_000,
    });
    // Record notifications in main: the OS shows them outside the page, where Playwright cannot look.
    await app.evaluate(({ Notification }) => {
      const shown: string[] = [];
      const objects: Electron.Notification[] = [];
      Object.assign(globalThis, { __shown: shown, __notifications: objects });
      const original = Notification.prototype.show;
      Notification.prototype.show = function show(this: Electron.Notification) {
        shown.push(this.title);
        objects.push(this);
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

  /** What main showed for an order: its id (the toast tag), toast XML on Windows, actions on macOS, urgency. */
  const shownFor = (orderId: string) =>
    app.evaluate(
      (_electron, id) =>
        ((globalThis as unknown as { __notifications: Electron.Notification[] }).__notifications ?? [])
          .filter((n) => n.id === `order:${id}`)
          .map((n) => ({ title: n.title, toastXml: n.toastXml, actions: n.actions.map((a) => a.text), urgency: n.urgency })),
      orderId,
    );
  /** The page's bridge (window.notifier), typed here because the node type-check target has no DOM library. */
  type Bridge = {
    setSettings(patch: Record<string, unknown>): Promise<{ ok: boolean; value: { warning: string | null } }>;
    getState(): Promise<{ ok: boolean; value: { pending: { order: { id: string }; acknowledged: boolean }[] } }>;
    checkNow(): Promise<unknown>;
    acknowledgeAll(): Promise<unknown>;
    printSlip(request: { id: string }): Promise<{ ok: boolean }>;
  };

  it.runIf(process.platform === 'win32')('Windows: a new order is a toast with Seen and Open, tagged with the order', async () => {
    const order = sim.addOrder();
    await expect.poll(() => shownFor(String(order.id)), { timeout: 15_000 }).toHaveLength(1);
    const [toast] = await shownFor(String(order.id));
    const doc = new DOMParser().parseFromString(toast!.toastXml, 'text/xml');
    expect(Array.from(doc.getElementsByTagName('action')).map((a) => a.getAttribute('content'))).toEqual(['Seen', 'Open']);
    expect(await app.evaluate(({ app: electronApp }) => electronApp.toastActivatorCLSID)).toBe('{80DBEDC3-F67E-4A5C-B4E9-E594A3D84E28}');
  });

  it.runIf(process.platform === 'darwin')('macOS: the Seen action acknowledges that order in main', async () => {
    const order = sim.addOrder();
    await expect.poll(() => shownFor(String(order.id)), { timeout: 15_000 }).toHaveLength(1);
    expect((await shownFor(String(order.id)))[0]?.actions).toEqual(['Seen', 'Open']);
    // What macOS does when the button is pressed: the notification's `action` event with its index.
    await app.evaluate((_electron, id) => {
      const n = (globalThis as unknown as { __notifications: Electron.Notification[] }).__notifications.find((x) => x.id === `order:${id}`);
      n?.emit('action', { actionIndex: 0, selectionIndex: -1 }, 0, -1);
    }, String(order.id));
    await expect
      .poll(async () => {
        const state = await page.evaluate(() => (globalThis as unknown as { notifier: Bridge }).notifier.getState());
        return state.value.pending.find((p) => p.order.id === String(order.id))?.acknowledged;
      }, { timeout: 10_000 })
      .toBe(true);
  });

  it.runIf(process.platform === 'linux')('Linux: start at login writes a valid autostart entry and turning it off removes it', async () => {
    const entry = path.join(userData, 'config', 'autostart', 'clopos-order-notifier.desktop');
    const setSettings = (patch: Record<string, unknown>) => page.evaluate((p) => (globalThis as unknown as { notifier: Bridge }).notifier.setSettings(p), patch);
    expect((await setSettings({ startAtLogin: true })).ok).toBe(true);
    expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=.* --hidden$/m);
    desktopFileValidate(entry);
    expect((await setSettings({ startAtLogin: false })).ok).toBe(true);
    expect(existsSync(entry)).toBe(false);
  });

  it('"Send a test notification" in Settings shows a real notification and asks whether it came through', async () => {
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByRole('button', { name: /Send a test notification/ }).click();
    await expect.poll(() => app.evaluate(() => (globalThis as { __shown?: string[] }).__shown ?? []), { timeout: 5_000 }).toContain('Test notification');
    await page.getByRole('group', { name: /Did you see/ }).waitFor({ timeout: 5_000 });
  });

  it('the alarm shortcut is held as a global shortcut once set, and released when cleared', async () => {
    const setSettings = (patch: Record<string, unknown>) => page.evaluate((p) => (globalThis as unknown as { notifier: Bridge }).notifier.setSettings(p), patch);
    const saved = await setSettings({ alarmShortcut: 'CommandOrControl+Alt+F9' });
    const held = await app.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Alt+F9'));
    // Either this app holds it, or another app does and the settings view says so.
    expect(held || /already used by another app/.test(saved.value.warning ?? '')).toBe(true);
    await setSettings({ alarmShortcut: '' });
    expect(await app.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Alt+F9'))).toBe(false);
  });

  it('keeps the window on top while an order is not seen, when turned on, and lets it go once seen', async () => {
    await page.evaluate(() => (globalThis as unknown as { notifier: Bridge }).notifier.setSettings({ window: { bringToFront: true, keepOnTop: true } }));
    sim.addOrder({ id: 'on-top-1' });
    await page.evaluate(() => (globalThis as unknown as { notifier: Bridge }).notifier.checkNow());
    const onTop = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.isVisible() && w.isAlwaysOnTop()));
    await expect.poll(onTop, { timeout: 10_000 }).toBe(true);
    await page.evaluate(() => (globalThis as unknown as { notifier: Bridge }).notifier.acknowledgeAll());
    await expect.poll(onTop, { timeout: 5_000 }).toBe(false);
  });

  it('prints an order\'s slip from a hidden window loading the app\'s own slip page (the print itself goes to the system)', async () => {
    // Intercept the print at the webContents: the page it prints must be the ready slip.
    await app.evaluate(({ app: electronApp }) => {
      const printed: string[] = [];
      (globalThis as { __printed?: string[] }).__printed = printed;
      electronApp.on('web-contents-created', (_event, contents) => {
        contents.print = (options, callback) => {
          printed.push(`${contents.getURL()} ${contents.getTitle()} ${JSON.stringify(options)}`);
          callback?.(true, '');
        };
      });
    });
    sim.addOrder({ id: 'slip-1' });
    await page.evaluate(() => (globalThis as unknown as { notifier: Bridge }).notifier.checkNow());
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { notifier: Bridge }).notifier.printSlip({ id: 'slip-1' })), { timeout: 10_000 }).toMatchObject({ ok: true });
    const printed = await app.evaluate(() => (globalThis as { __printed?: string[] }).__printed ?? []);
    expect(printed[0]).toMatch(/#print-slip\?id=slip-1&venue=\S+ slip-ready \d+ .*"silent":true/);
  });
});
