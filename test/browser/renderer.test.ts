/**
 * The built renderer in real headless Chromium, with the fake bridge in place of the preload.
 * Every test ends by checking that the strict CSP held (no violation, no console error) and that
 * the page requested nothing but its own files; every screen is checked with axe-core and saved
 * as screenshots at 1024×768 and 1920×1080 in artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { connectedSettings, makeSettingsView, makeSnapshot, manyPendingOrders, makeOrder } from '../renderer/fixtures';
import type { FakeBridgeInit } from '../renderer/fake-bridge';
import { AppPage, buildFakeBridgeScript, buildRenderer, inPage, launchChromium, RENDERER_DIST, serveDirectory, VIEWPORTS, type StaticServer, type Viewport } from './harness';
import { lunchReceipt, lunchSnapshot } from './scenes';

let browser: Browser;
let server: StaticServer;
let fakeScript: string;
let app: AppPage | null = null;

beforeAll(async () => {
  const [, script, launched] = await Promise.all([buildRenderer(), buildFakeBridgeScript(), launchChromium()]);
  fakeScript = script;
  browser = launched;
  server = await serveDirectory(RENDERER_DIST);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the app; the page is checked and closed after the test. */
async function open(init: FakeBridgeInit, viewport: Viewport = VIEWPORTS.large): Promise<AppPage> {
  app = await AppPage.open(browser, server, fakeScript, init, viewport);
  return app;
}

afterEach(async () => {
  if (!app) return;
  const current = app;
  app = null;
  try {
    expect(await current.cspViolations()).toEqual([]);
    expect(current.consoleErrors).toEqual([]);
    expect(current.foreignRequests()).toEqual([]);
  } finally {
    await current.close();
  }
});

const expectAccessible = async (page: AppPage) => expect(await page.accessibilityProblems()).toEqual([]);

describe('renderer in Chromium', { timeout: 60_000 }, () => {
  it('onboards: Connect form with inline validation and a failing test connection', async () => {
    const page = await open({
      view: makeSettingsView({ settings: DEFAULT_SETTINGS, secrets: { clientSecret: false, token: false } }),
      diagnosis: {
        ok: false,
        steps: [
          { id: 'config', ok: true, message: 'Brand, client ID and integrator ID are filled in.' },
          { id: 'auth', ok: false, message: 'Clopos answered 401 authentication_failed for brand "mybrand".' },
        ],
        advice: ['Check the client secret with Clopos support; it may have been re-issued.'],
        warnings: ['No venue ID given: the venue of the key is used.'],
      },
    });
    const p = page.page;
    await p.getByRole('heading', { name: 'Set up the order notifier' }).waitFor();
    await expectAccessible(page);
    await page.screenshots('onboarding');

    await p.getByRole('button', { name: 'Enter connection details' }).click();
    await p.getByRole('button', { name: 'Test connection' }).click();
    await p.getByText('Required').first().waitFor();
    expect(await page.callsOf('testConnection')).toEqual([]);

    await p.getByLabel('Brand').fill('mybrand');
    await p.getByLabel('Integrator ID').fill('int-77');
    await p.getByLabel('Client ID').fill('client-5');
    await p.getByLabel(/Client secret/).fill('not-the-right-secret');
    await p.getByRole('button', { name: 'Test connection' }).click();
    await p.getByText('Connection does not work yet.').waitFor();
    await expect.poll(() => page.callsOf('setSecret')).toEqual([{ name: 'clientSecret', value: 'not-the-right-secret' }]);
    expect(await p.getByText('Sign-in — Failed').isVisible()).toBe(true);
    expect(await p.getByText(/Check the client secret with Clopos support/).isVisible()).toBe(true);
    // The secret is write-only: after saving it shows as set, never as text.
    expect(await p.getByRole('group', { name: 'Client secret' }).getByText('Set').isVisible()).toBe(true);
    expect(await p.content()).not.toContain('not-the-right-secret');
    await expectAccessible(page);
    await page.screenshots('onboarding-connect-failed');
  });

  it('keeps the board current as orders arrive and leave, with ticking ages', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) });
    const p = page.page;
    const rows = p.locator('li.order-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-order-id')))).toEqual(['9001', '9003', '9004', '9005', '9002']);
    await expectAccessible(page);
    await page.screenshots('board');

    const age = rows.first().locator('.order-age');
    const before = await age.textContent();
    await expect.poll(() => p.evaluate(inPage.ageChanged(0, before)), { timeout: 3000, interval: 200 }).toBe(true);
    expect(await age.getAttribute('class')).toContain('age-late');

    await page.fake('addPending', makeOrder({ id: '9010', number: 'W-1050', createdAt: new Date().toISOString(), customer: { name: 'Nigar Rzayeva', phone: null, address: null } }));
    await p.getByText('W-1050').waitFor();
    expect(await p.getByRole('button', { name: 'Acknowledge all (5)' }).isVisible()).toBe(true);
    await page.fake('leavePending', '9001', 'accepted');
    await p.getByText('W-1042').waitFor({ state: 'detached' });
    await p.getByRole('button', { name: /Accepted 2/ }).click();
    expect(await p.getByText('W-1042').isVisible()).toBe(true);
  });

  it('opens the detail on a select-order event, then the receipt', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()), receipts: [lunchReceipt()] });
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    await page.fake('emit', 'notifier:select-order', { id: '9001' });
    await p.getByRole('heading', { name: 'Order W-1042' }).waitFor();
    expect(await p.getByText('Without onions, please. Call on arrival.').isVisible()).toBe(true);
    expect(await p.getByText('+ Extra sumac').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.screenshots('detail');

    await p.getByRole('button', { name: 'View receipt' }).click();
    await p.getByRole('heading', { name: 'Receipt RPO-00042' }).waitFor();
    expect(await page.callsOf('getReceipt')).toEqual([{ id: '5501', venueId: '1' }]);
    expect(await p.getByText('Wolt (online)').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.screenshots('receipt');
  });

  it('asks for confirmation before rejecting, when rejecting is enabled', async () => {
    const page = await open({
      snapshot: lunchSnapshot(Date.now()),
      view: makeSettingsView({ settings: connectedSettings({ allowReject: true }) }),
    });
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    await page.fake('emit', 'notifier:select-order', { id: '9003' });
    await p.getByRole('button', { name: 'Reject order' }).click();
    const dialog = p.getByRole('alertdialog', { name: 'Reject order B-2210?' });
    await dialog.waitFor();
    await expectAccessible(page);
    await page.screenshots('reject-confirm');
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.callsOf('rejectOrder')).toEqual([]);
    await p.getByRole('button', { name: 'Reject order' }).click();
    await p.getByRole('button', { name: 'Yes, reject' }).click();
    await p.getByText('Order rejected.').waitFor();
    expect(await page.callsOf('rejectOrder')).toEqual([{ id: '9003', venueId: '1' }]);
  });

  it('validates settings next to each field and saves nothing invalid', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) });
    const p = page.page;
    await p.getByRole('button', { name: /Settings/ }).click();
    await p.getByRole('heading', { name: 'Settings' }).waitFor();
    await expectAccessible(page);
    await page.screenshots('settings');

    await p.getByLabel('Check every (seconds)').fill('1');
    await p.getByLabel('Receipt link template').fill('file:///etc/passwd?{id}');
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Enter a whole number from 3 to 300').waitFor();
    expect(await p.getByText(/Enter an http:\/\/ or https:\/\/ address/).isVisible()).toBe(true);
    expect(await page.callsOf('setSettings')).toEqual([]);
    await expectAccessible(page);
    await page.screenshots('settings-invalid');

    await p.getByLabel('Check every (seconds)').fill('20');
    await p.getByLabel('Receipt link template').fill('https://backoffice.example/receipts/{id}');
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Settings saved.').waitFor();
    expect(await page.callsOf('setSettings')).toMatchObject([{ pollIntervalSeconds: 20, receiptUrlTemplate: 'https://backoffice.example/receipts/{id}' }]);
  });

  it('switches language at runtime', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) });
    const p = page.page;
    await p.getByRole('button', { name: /Settings/ }).click();
    await p.getByLabel('Language').selectOption('az');
    await p.getByRole('heading', { name: 'Ayarlar' }).waitFor();
    await p.getByRole('button', { name: /Sifarişlər/ }).click();
    await p.getByRole('button', { name: /Hamısını gördüm/ }).waitFor();
    expect(await p.evaluate(inPage.documentLanguage)).toBe('az');
    await expectAccessible(page);
    await page.screenshots('board-az');

    await page.fake('setView', { settings: { ...connectedSettings(), language: 'ru' } });
    await p.getByRole('button', { name: /Вижу все/ }).waitFor();
    expect(await p.getByText('Проверено', { exact: false }).isVisible()).toBe(true);
    await page.screenshots('board-ru');
  });

  it('puts an unmissable banner on screen while not receiving orders', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) });
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    await page.fake('pushState', {
      health: {
        status: 'problem',
        error: { kind: 'offline', message: 'Could not reach integrations.clopos.com (network is unreachable).' },
        since: new Date(Date.now() - 4 * 60_000).toISOString(),
        consecutiveFailures: 9,
        alarmed: true,
      },
    });
    const banner = p.getByRole('alert').filter({ hasText: 'NOT RECEIVING ORDERS' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain("Check this PC's internet connection");
    const box = await banner.boundingBox();
    expect(box?.y).toBeLessThan(120);
    expect(box?.width).toBeGreaterThan(VIEWPORTS.large.width * 0.9);
    await expectAccessible(page);
    await page.screenshots('health-problem');
  });

  it('is fully keyboard-operable on the board', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) }, VIEWPORTS.small);
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    // Tab from the top of the page reaches the first order.
    for (let i = 0; i < 20; i++) {
      await p.keyboard.press('Tab');
      if (await p.evaluate(inPage.focusedOrderId)) break;
    }
    const focusedId = () => p.evaluate(inPage.focusedOrderId);
    expect(await focusedId()).toBe('9001');
    await p.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe('9003');
    await p.keyboard.press('a');
    await expect.poll(() => page.callsOf('acknowledge')).toEqual([{ id: '9003' }]);
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'Order B-2210' }).waitFor();
    await p.keyboard.press('Escape');
    await p.getByRole('heading', { name: 'Order B-2210' }).waitFor({ state: 'detached' });
    await expect.poll(focusedId).toBe('9003');
  });

  it('renders 1,000 orders quickly, keeping only a window of rows in the page', async () => {
    const started = Date.now();
    const page = await open({ snapshot: makeSnapshot({ pending: manyPendingOrders(1000, Date.now()) }) });
    const p = page.page;
    await p.getByText('B-0001').waitFor();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await p.locator('li.order-row').count()).toBeLessThan(40);
    expect(await p.getByRole('button', { name: 'Acknowledge all (1000)' }).isVisible()).toBe(true);

    await p.locator('li.order-row .order-open').first().focus();
    const endStarted = Date.now();
    await p.keyboard.press('End');
    await p.getByText('B-1000').waitFor();
    expect(Date.now() - endStarted).toBeLessThan(2_000);
    // A second of ticking changes the ages without rebuilding the rows.
    const row = await p.locator('li.order-row').last().elementHandle();
    const age = await p.locator('li.order-row').last().locator('.order-age').textContent();
    await expect.poll(() => p.evaluate(inPage.ageChanged(-1, age)), { timeout: 3000, interval: 200 }).toBe(true);
    expect(await row?.evaluate((el) => Reflect.get(el, 'isConnected'))).toBe(true);
  });

  it('enforces its CSP: an injected inline script is refused and reported', async () => {
    const page = await open({});
    const p = page.page;
    await p.getByText('Connected').waitFor();
    const ran = await p.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'globalThis.__inlineRan = true';
      document.head.append(script);
      return globalThis.__inlineRan === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(() => page.cspViolations()).toEqual(['script-src-elem inline']);
    expect(page.foreignRequests()).toEqual([]);
    // Expected here; clear it so the after-test check looks for anything else.
    await p.evaluate(() => (Reflect.get(globalThis, '__cspViolations') as string[]).splice(0));
    page.consoleErrors.splice(0, page.consoleErrors.length, ...page.consoleErrors.filter((m) => !m.includes('Content Security Policy')));
  });
});
