/**
 * The built renderer in real headless Chromium, with the fake bridge in place of the preload.
 * Every test ends by checking that the strict CSP held (no violation, no console error) and that
 * the page requested nothing but its own files; every screen is checked with axe-core and saved
 * as screenshots at 1024×768 and 1920×1080 in artifacts/screenshots/.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { APP_INFO, connectedSettings, makeSettingsView, makeSnapshot, manyPendingOrders, makeOrder } from '../renderer/fixtures';
import type { FakeBridgeInit } from '../renderer/fake-bridge';
import {
  ALL_SIZES,
  AppPage,
  buildFakeBridgeScript,
  buildRenderer,
  inPage,
  launchChromium,
  RENDERER_DIST,
  SCREENSHOT_DIR,
  serveDirectory,
  SMALL_SCREEN_PAGE,
  VIEWPORTS,
  type StaticServer,
  type Viewport,
} from './harness';
import { lunchReceipt, lunchSnapshot, messyOrder, rushSnapshot } from './scenes';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
async function open(init: FakeBridgeInit, viewport: Viewport = VIEWPORTS.large, hash = ''): Promise<AppPage> {
  app = await AppPage.open(browser, server, fakeScript, init, viewport, hash);
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
/** Scrolls an element to the top or the middle of its scrolling screen, for a screenshot of a part far down a page. */
const scrollTo = (locator: Locator, block: 'start' | 'center') =>
  locator.evaluate((el, where) => (el as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: where }), block);
/** Screenshots at both sizes of a part far down a page, brought into view at each size. */
async function screenshotsAt(page: AppPage, name: string, target: Locator, block: 'start' | 'center'): Promise<void> {
  const original = page.page.viewportSize();
  for (const size of Object.values(VIEWPORTS)) {
    await page.page.setViewportSize(size);
    await scrollTo(target, block);
    await page.screenshot(name);
  }
  if (original) await page.page.setViewportSize(original);
}

describe('renderer in Chromium', { timeout: 60_000 }, () => {
  it('onboards: Connect form with inline validation and a failing test connection', async () => {
    const page = await open({
      view: makeSettingsView({ settings: DEFAULT_SETTINGS, secrets: { clientSecret: false, token: false, telegramToken: false } }),
      diagnosis: {
        ok: false,
        steps: [
          { id: 'config', ok: true, message: 'Brand, client ID and integrator ID are filled in.' },
          { id: 'auth', ok: false, message: 'Clopos answered 401 authentication_failed for brand "mybrand".' },
        ],
        advice: ['Check the client secret with Clopos support; it may have been re-issued.'],
        warnings: ['No venue ID given: the venue of the key is used.'],
      },
    }, VIEWPORTS.small);
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
    // Testing sends the typed secret along and stores nothing: only "Save and start watching" does.
    expect(await page.callsOf('testConnection')).toMatchObject([{ clientSecret: 'not-the-right-secret' }]);
    expect(await page.callsOf('setSecret')).toEqual([]);
    expect(await p.getByText('Sign-in — Failed').isVisible()).toBe(true);
    // Main's own sentences are one click away, for whoever set the PC up.
    expect(await p.getByText(/Check the client secret with Clopos support/).isVisible()).toBe(false);
    await p.locator('.diagnosis summary', { hasText: 'Technical details' }).click();
    expect(await p.getByText(/Check the client secret with Clopos support/).isVisible()).toBe(true);
    await p.locator('.test-result').focus();
    // The result below the form is brought into view.
    await expect.poll(() => p.evaluate(inPage.focusedInView)).toEqual({ name: 'test-result', inView: true });
    await expectAccessible(page);
    await page.screenshots('onboarding-connect-failed');
  });

  it('keeps the board current as orders arrive and leave, with ticking ages', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) });
    const p = page.page;
    const rows = p.locator('li.order-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-order-id')))).toEqual(['9001', '9003', '9004', '9005', '9002']);
    expect(await rows.last().locator('.order-channel').textContent()).toBe('Call centre');
    await expectAccessible(page);
    await page.screenshots('board');

    const age = rows.first().locator('.order-age');
    const before = await age.textContent();
    await expect.poll(() => p.evaluate(inPage.ageChanged(0, before)), { timeout: 3000, interval: 200 }).toBe(true);
    expect(await age.getAttribute('class')).toContain('age-late');

    await page.fake('addPending', makeOrder({ id: '9010', number: 'W-1050', createdAt: new Date().toISOString(), customer: { name: 'Nigar Rzayeva', phone: null, address: null } }));
    await p.getByRole('dialog', { name: 'W-1050' }).getByRole('button', { name: 'Later' }).click();
    await p.locator('li.order-row[data-order-id="9010"]').waitFor();
    expect(await p.getByRole('button', { name: 'All seen (5)' }).isVisible()).toBe(true);
    await page.fake('leavePending', '9001', 'accepted');
    await p.getByText('W-1042').waitFor({ state: 'detached' });
    await p.getByRole('combobox', { name: 'History' }).selectOption('accepted');
    expect(await p.getByText('W-1042').isVisible()).toBe(true);
  });

  it('opens the detail on a select-order event, then the order slip', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()), receipts: [lunchReceipt()] });
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    await page.fake('emit', 'notifier:select-order', { id: '9001' });
    await p.getByRole('heading', { name: 'Order W-1042' }).waitFor();
    expect(await p.getByText('Without onions, please. Call on arrival.').isVisible()).toBe(true);
    expect(await p.getByText('+ Extra sumac').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.screenshots('detail');

    await p.getByRole('button', { name: 'Order slip' }).click();
    await p.getByRole('heading', { name: 'Slip 42' }).waitFor();
    expect(await page.callsOf('getReceipt')).toEqual([{ id: '5501', venueId: '1' }]);
    expect(await p.getByText('Wolt (online)').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.screenshots('slip');
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
    const page = await open({ snapshot: lunchSnapshot(Date.now()) }, VIEWPORTS.small);
    const p = page.page;
    await p.getByRole('button', { name: /Settings/ }).click();
    await p.getByRole('heading', { name: 'Settings' }).waitFor();
    await expectAccessible(page);
    await page.screenshots('settings');

    await p.getByLabel('How often to check').selectOption('fixed');
    await p.getByLabel('Check every (seconds)').fill('1');
    await p.getByLabel('Receipt link template').fill('file:///etc/passwd?{id}');
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Enter a whole number from 3 to 300').waitFor();
    expect(await p.getByText(/Enter an http:\/\/ or https:\/\/ address/).isVisible()).toBe(true);
    expect(await page.callsOf('setSettings')).toEqual([]);
    // The sticky Save is far below the first mistake: the page goes there.
    expect(await p.evaluate(inPage.focusedInView)).toEqual({ name: 'pollIntervalSeconds', inView: true });
    await expectAccessible(page);
    await page.screenshots('settings-invalid');

    await p.getByLabel('Check every (seconds)').fill('20');
    await p.getByLabel('Receipt link template').fill('https://backoffice.example/receipts/{id}');
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Settings saved.').waitFor();
    expect(await page.callsOf('setSettings')).toMatchObject([{ pollIntervalSeconds: 20, receiptUrlTemplate: 'https://backoffice.example/receipts/{id}' }]);

    // The Clopos address gets the secret: plain http to another computer is refused at the field.
    await p.getByText('Advanced', { exact: true }).click();
    await p.getByLabel('Server address').fill('http://integrations.clopos.com/open-api');
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Enter an https:// address').waitFor();
    expect(await p.evaluate(inPage.focusedInView)).toEqual({ name: 'baseUrl', inView: true });
    await page.screenshot('settings-server-http-refused');
  });

  it('checks notifications on this PC: the test, the question, the advice for Windows; records the alarm shortcut from real key presses', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()), appInfo: { ...APP_INFO, platform: 'win32' } }, VIEWPORTS.small);
    const p = page.page;
    await p.getByRole('button', { name: /Settings/ }).click();
    await p.getByRole('button', { name: /Send a test notification/ }).click();
    const question = p.getByRole('group', { name: /Did you see the notification and hear the alarm/ });
    await question.waitFor();
    expect(await page.callsOf('testNotification')).toHaveLength(1);
    await question.getByRole('button', { name: 'No' }).click();
    await p.getByText('What to check on this PC:').waitFor();
    expect(await p.getByText(/Focus Assist/).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.screenshots('settings-test-notification-advice');

    const shortcut = p.getByLabel('Shortcut that stops the alarm');
    await shortcut.focus();
    await p.keyboard.press('Control+Alt+F9');
    expect(await shortcut.inputValue()).toBe('Ctrl+Alt+F9');
    // Tab still leaves the field: keyboard users are not trapped in it.
    await p.keyboard.press('Tab');
    expect(await shortcut.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(false);
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Settings saved.').waitFor();
    expect(await page.callsOf('setSettings')).toMatchObject([{ alarmShortcut: 'Ctrl+Alt+F9' }]);
    await page.screenshots('settings-alarm-shortcut');
  });

  it('onboarding ends with this PC: start at login and the notification test', async () => {
    const page = await open({ view: makeSettingsView({ settings: { ...DEFAULT_SETTINGS, startAtLogin: true }, secrets: { clientSecret: false, token: false, telegramToken: false } }) }, VIEWPORTS.small);
    const p = page.page;
    await p.getByRole('heading', { name: 'On this PC' }).waitFor();
    expect(await p.getByRole('checkbox', { name: /Start when this PC starts/ }).isChecked()).toBe(true);
    expect(await p.getByRole('button', { name: /Send a test notification/ }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.screenshots('onboarding-this-pc');
  });

  it('says on the board when this PC shows no notifications', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()), appInfo: { ...APP_INFO, notificationsSupported: false } }, VIEWPORTS.small);
    await page.page.getByText(/This PC shows no notifications/).waitFor();
    await expectAccessible(page);
    await page.screenshots('board-no-notifications');
  });

  it('switches language at runtime', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) });
    const p = page.page;
    await p.getByRole('button', { name: /Settings/ }).click();
    await p.getByLabel('Language').selectOption('az');
    await p.getByRole('heading', { name: 'Ayarlar' }).waitFor();
    await page.screenshots('settings-az');
    await p.getByRole('button', { name: /Sifarişlər/ }).click();
    await p.getByRole('button', { name: /Hamısını gördüm/ }).waitFor();
    expect(await p.evaluate(inPage.documentLanguage)).toBe('az');
    await expectAccessible(page);
    await page.screenshots('board-az');

    // Chromium's ICU has no Azerbaijani data: money and dates must still read the Azerbaijani way.
    await page.fake('addPending', makeOrder({ id: '9100', number: 'AZ-77', total: 1234.5, createdAt: '2026-11-27T09:05:00Z', source: 'wolt' }));
    const row = p.locator('li.order-row[data-order-id="9100"]');
    expect(await row.locator('.order-total-amount').textContent()).toBe('1.234,50 AZN');
    await page.fake('emit', 'notifier:select-order', { id: '9100' });
    await p.getByRole('heading', { name: 'Sifariş AZ-77' }).waitFor();
    expect(await p.locator('dt', { hasText: 'Yaradılıb' }).locator('xpath=following-sibling::dd[1]').textContent()).toBe('27 noy 2026, 13:05');
    await p.getByRole('button', { name: /Sifarişlərə qayıt/ }).click();

    await page.fake('setView', { settings: { ...connectedSettings(), language: 'ru' } });
    await p.getByRole('button', { name: /Вижу все/ }).waitFor();
    expect(await p.getByText('Проверено', { exact: false }).isVisible()).toBe(true);
    expect(await row.locator('.order-total-amount').textContent()).toBe('1\u00a0234,50 AZN');
    await page.fake('leavePending', '9100', 'accepted');
    await row.waitFor({ state: 'detached' });
    await expectAccessible(page);
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
        since: Date.now() - 4 * 60_000,
        consecutiveFailures: 9,
        alarmed: true,
        problems: [],
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

    // In Russian the banner is Russian; main's English sentence is only the small detail line.
    await page.fake('setView', { settings: { ...connectedSettings(), language: 'ru' } });
    const ruBanner = p.getByRole('alert').filter({ hasText: 'ЗАКАЗЫ НЕ ПОСТУПАЮТ' });
    await ruBanner.waitFor();
    expect(await ruBanner.locator('[lang="en"]').textContent()).toBe('Could not reach integrations.clopos.com (network is unreachable).');
    expect(await p.locator('footer.status-bar .last-check').textContent()).toMatch(/^Успешно проверено \d\d:\d\d:\d\d$/);
    expect(await p.evaluate(inPage.boardLayout)).toMatchObject({ statusBarLines: 1, statusBarFits: true });
    await expectAccessible(page);
    await page.screenshots('health-problem-ru');
  });

  it('fits the board into the page of a maximised window on a 1024×768 screen, in every language', async () => {
    const now = Date.now();
    const snapshot = lunchSnapshot(now);
    const extra = [
      makeOrder({ id: '9020', number: 'W-0990', createdAt: new Date(now - 3_701_000).toISOString(), source: 'wolt', customer: { name: 'Səbinə Vəliyeva', phone: null, address: null } }),
      makeOrder({ id: '9021', number: 'CC-77', createdAt: new Date(now - 40_000).toISOString(), source: 'express_delivery_partner_integration_baku' }),
    ];
    snapshot.pending = [...extra.map((order) => ({ order, firstSeenAt: order.createdAt === null ? now : Date.parse(order.createdAt), acknowledged: false, leftPendingAt: null })), ...snapshot.pending];
    const page = await open({ snapshot, view: makeSettingsView({ settings: connectedSettings({ language: 'ru' }) }) }, SMALL_SCREEN_PAGE);
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    for (const [language, ackAll] of [['ru', 'Вижу все'], ['az', 'Hamısını gördüm'], ['en', 'All seen']] as const) {
      await page.fake('setView', { settings: connectedSettings({ language }) });
      await p.getByRole('button', { name: new RegExp(ackAll) }).waitFor();
      const layout = (await p.evaluate(inPage.boardLayout)) as { fullyVisibleRows: number; ackOnFilterLine: boolean };
      expect({ ...layout, language, atLeastFourRows: layout.fullyVisibleRows >= 4 }).toMatchObject({
        language,
        statusBarLines: 1,
        statusBarFits: true,
        // One History control leaves room in every language: All seen stays on the filters' line.
        ackOnFilterLine: true,
        toolbarFits: true,
        atLeastFourRows: true,
        pageScrolls: false,
      });
      await page.screenshot(`board-small-screen-${language}`);
    }
    // Ages of an hour and long channel names fit their boxes at every size; the item count is never cut.
    for (const size of [SMALL_SCREEN_PAGE, VIEWPORTS.small, VIEWPORTS.large]) {
      await p.setViewportSize(size);
      await p.evaluate(inPage.twoFrames);
      const fit = (await p.evaluate(inPage.rowFit)) as Array<{ id: string; age: string | null; ageFits: boolean; itemsFit: boolean; channelCut: boolean }>;
      expect(fit.find((row) => row.id === '9020')?.age, `${size.width}`).toMatch(/^1:01:\d\d$/);
      expect(fit.filter((row) => !row.ageFits || !row.itemsFit), `${size.width}`).toEqual([]);
    }
    await p.setViewportSize(SMALL_SCREEN_PAGE);
    expect((await p.evaluate(inPage.rowFit)) as Array<{ id: string; channelCut: boolean }>).toContainEqual(expect.objectContaining({ id: '9021', channelCut: true }));

    // A search left in the box says when it hides a new order.
    await p.getByRole('searchbox').fill('Rəşad');
    await page.fake('addPending', makeOrder({ id: '9030', number: 'W-1060', createdAt: new Date().toISOString() }));
    await p.getByRole('dialog', { name: 'W-1060' }).getByRole('button', { name: 'Later' }).click();
    await p.getByText(/new orders are hidden by the filter/).waitFor();
    await expectAccessible(page);
    await page.screenshot('board-hidden-by-search');
    await p.getByRole('button', { name: 'Show' }).click();
    await p.locator('li.order-row[data-order-id="9030"]').waitFor();
  });

  it('asks before pausing order checking and then shows it on every screen', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) }, VIEWPORTS.small);
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    await p.getByRole('button', { name: 'Pause order checking' }).click();
    await p.getByRole('alertdialog', { name: 'Stop checking for new orders?' }).waitFor();
    await expectAccessible(page);
    await p.getByRole('button', { name: 'Yes, pause checking' }).click();
    const banner = p.getByRole('alert').filter({ hasText: 'NOT CHECKING FOR ORDERS' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/paused since \d\d:\d\d/);
    expect(await p.locator('footer .health').getAttribute('class')).not.toContain('health-good');
    await expectAccessible(page);
    await page.screenshots('paused');
    await page.fake('setView', { settings: connectedSettings({ language: 'az' }) });
    await p.getByRole('alert').filter({ hasText: 'SİFARİŞLƏR YOXLANILMIR' }).waitFor();
    await page.screenshots('paused-az');
    await p.getByRole('alert').getByRole('button', { name: /Sifariş yoxlamasını davam etdir/ }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await page.callsOf('setPollingPaused')).toEqual([{ paused: true }, { paused: false }]);
  });

  it('is fully keyboard-operable on the board', async () => {
    const page = await open({ snapshot: lunchSnapshot(Date.now()) }, VIEWPORTS.small);
    const p = page.page;
    await p.locator('li.order-row').first().waitFor();
    await expectAccessible(page);
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
    expect(await p.getByRole('button', { name: 'All seen (1000)' }).isVisible()).toBe(true);

    await p.locator('li.order-row .order-open').first().focus();
    const endStarted = Date.now();
    await p.keyboard.press('End');
    await p.getByText('B-1000').waitFor();
    expect(Date.now() - endStarted).toBeLessThan(2_000);
    // A tick changes the ages without adding, removing or replacing a single row of the list.
    expect(await p.evaluate(inPage.countRowMutations)).toBe(true);
    const age = await p.locator('li.order-row').last().locator('.order-age').textContent();
    await expect.poll(() => p.evaluate(inPage.ageChanged(-1, age)), { timeout: 3000, interval: 200 }).toBe(true);
    expect(await p.evaluate(inPage.rowMutations)).toBe(0);
    // The observer does see rows come and go.
    await page.fake('leavePending', 'bulk-1000', 'accepted');
    await expect.poll(() => p.evaluate(inPage.rowMutations)).toBeGreaterThan(0);
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

  describe('the counter screen', () => {
    const rushRow = (id: string) => `li.order-row[data-order-id="${id}"]`;

    it('a 13-order rush: the newest arrival opens a card and is brought into view, NEW marks, counts, search and All seen on one line, the status bar whole', async () => {
      const now = Date.now();
      const page = await open({ snapshot: rushSnapshot(now) }, SMALL_SCREEN_PAGE);
      const p = page.page;
      await p.locator('li.order-row').first().waitFor();
      expect(await p.locator('.count-pill.is-unseen').textContent()).toBe('11 not seen');
      expect(await p.locator('.count-pill.is-pos').textContent()).toBe('2 to accept on the POS');
      expect(await p.locator(`${rushRow('r-1')} .new-mark`).textContent()).toBe('NEW');

      await page.fake('addPending', makeOrder({ id: 'r-14', number: 'W-2200', createdAt: new Date().toISOString(), source: 'wolt', comment: 'Sesame allergy', paymentStatus: 'not_paid' }));
      const card = p.getByRole('dialog', { name: 'W-2200' });
      await card.waitFor();
      expect(await card.getByText('Sesame allergy').isVisible()).toBe(true);
      // Behind the card, the list has brought the newest row into view.
      await expect.poll(() => p.evaluate(inPage.wholeInView(rushRow('r-14'))), { timeout: 3000 }).toBe(true);
      await expectAccessible(page);
      await page.screenshots('new-order-card', ALL_SIZES);
      // The row flashes as it arrives (not under reduced motion).
      expect(await p.evaluate(inPage.animationOf(rushRow('r-14')))).toBe('arrive-flash');
      await card.getByRole('button', { name: 'Later' }).click();
      await card.waitFor({ state: 'detached' });

      for (const [index, size] of ALL_SIZES.entries()) {
        await p.setViewportSize(size);
        await p.evaluate(inPage.twoFrames);
        // At every size, the newest arrival is in view without scrolling by hand.
        const id = `r-new-${index}`;
        await page.fake('addPending', makeOrder({ id, number: `N-${index}`, createdAt: new Date().toISOString() }));
        await p.getByRole('dialog', { name: `N-${index}` }).getByRole('button', { name: 'Later' }).click();
        await expect.poll(() => p.evaluate(inPage.wholeInView(rushRow(id))), { timeout: 3000 }).toBe(true);
        for (const language of ['ru', 'az', 'en'] as const) {
          await page.fake('setView', { settings: connectedSettings({ language }) });
          await p.evaluate(inPage.twoFrames);
          const layout = (await p.evaluate(inPage.boardLayout)) as { searchWidth: number };
          expect({ ...layout, language, size: size.width, searchWide: layout.searchWidth >= 180 }).toMatchObject({
            language,
            statusBarLines: 1,
            statusBarFits: true,
            ackOnFilterLine: true,
            toolbarFits: true,
            searchWide: true,
            pageScrolls: false,
          });
          expect(await p.evaluate(inPage.statusBarCut), `${language} ${size.width}`).toEqual([]);
          // The header (counts, alarm, Mute) stays one line.
          expect(await p.evaluate(inPage.headerLines), `${language} ${size.width}`).toBe(1);
          // Two-digit counts fit the button.
          expect(await p.locator('.board-toolbar .button-ack').textContent()).toMatch(/\(1\d\)$/);
        }
      }
      await page.screenshots('rush', ALL_SIZES);
      await expectAccessible(page);

      await p.emulateMedia({ reducedMotion: 'reduce' });
      await page.fake('addPending', makeOrder({ id: 'r-15', number: 'W-2201', createdAt: new Date().toISOString() }));
      await p.getByRole('dialog', { name: 'W-2201' }).getByRole('button', { name: 'Later' }).click();
      expect(await p.evaluate(inPage.animationOf(rushRow('r-15')))).toBe('none');
    });

    it('never silent without saying so: muted with the time left, sound off, volume 0 — a strip on every screen that keeps the header on one line', async () => {
      const page = await open({ snapshot: { ...lunchSnapshot(Date.now()), mutedUntil: Date.now() + 4 * 60_000 + 30_000, alarmActive: false } }, SMALL_SCREEN_PAGE);
      const p = page.page;
      const strip = p.locator('.silent-strip');
      await strip.waitFor();
      expect(await strip.textContent()).toMatch(/ALL SOUND OFF — new orders are silent for 04:[23]\d/);
      expect(await p.evaluate(inPage.headerLines)).toBe(1);
      await expectAccessible(page);
      await page.screenshots('silent-muted', ALL_SIZES);

      const alerts = { ...connectedSettings().alerts };
      await page.fake('setView', { settings: connectedSettings({ alerts: { ...alerts, sound: false } }) });
      await p.getByText('The alarm sound is turned off: new orders make no sound.').waitFor();
      await p.getByRole('button', { name: /Settings/ }).first().click();
      await p.getByRole('heading', { name: 'Settings' }).waitFor();
      expect(await strip.isVisible()).toBe(true);
      await page.screenshots('silent-sound-off', ALL_SIZES);
      await page.fake('setView', { settings: connectedSettings({ alerts: { ...alerts, volume: 0 } }) });
      await p.getByText('The alarm volume is 0: new orders make no sound.').waitFor();
      await expectAccessible(page);
      await page.screenshots('silent-volume-zero', ALL_SIZES);
    });

    it('a messy 13-line order shows its allergy comment and "Not paid" at the top, in view at every size; names do not wrap into towers', async () => {
      const now = Date.now();
      const messy = messyOrder(now);
      const page = await open({ snapshot: makeSnapshot({ pending: [{ order: messy, firstSeenAt: now - 95_000, acknowledged: false, leftPendingAt: null }], lastSuccessAt: now }) }, SMALL_SCREEN_PAGE);
      const p = page.page;
      await p.locator('li.order-row').first().waitFor();
      // On the board: the comment marker and "Not paid", the item count in lines (a weighed line counts once).
      expect(await p.locator('li.order-row .note-mark').textContent()).toBe('NOTE');
      expect(await p.locator('li.order-row .payment-chip').textContent()).toBe('Not paid');
      expect(await p.locator('li.order-row .order-items').textContent()).toBe('13 items');
      await page.fake('emit', 'notifier:select-order', { id: '9100' });
      await p.getByRole('heading', { name: 'Order CC-1187' }).waitFor();
      for (const size of ALL_SIZES) {
        await p.setViewportSize(size);
        await p.evaluate(inPage.twoFrames);
        expect(await p.evaluate(inPage.wholeInView('.urgent-facts .comment-callout')), `${size.width}`).toBe(true);
        expect(await p.evaluate(inPage.wholeInView('.urgent-facts .payment-chip')), `${size.width}`).toBe(true);
        // The longest item name takes at most two lines.
        expect(await p.evaluate(inPage.longestNameLines), `${size.width}`).toBeLessThanOrEqual(2);
      }
      await expectAccessible(page);
      await page.screenshots('detail-messy', ALL_SIZES);
    });

    for (const language of ['en', 'az', 'ru'] as const) {
      it(`the order slip in ${language}: on screen, and as Chromium prints it to PDF (pdftotext reads number, lines, modifiers, comment, totals)`, async () => {
        const now = Date.now();
        const init: FakeBridgeInit = {
          snapshot: lunchSnapshot(now),
          receipts: [lunchReceipt()],
          view: makeSettingsView({ settings: connectedSettings({ language, printing: { printer: 'XP-80C', paperWidthMm: 80, printEachNewOrder: false } }) }),
        };
        const page = await open(init, VIEWPORTS.small);
        const p = page.page;
        await p.locator('li.order-row').first().waitFor();
        await page.fake('emit', 'notifier:select-order', { id: '9001' });
        await p.locator('.detail-actions .button-primary').click();
        const slip = p.locator('article.slip');
        await slip.waitFor();
        expect(await slip.locator('.slip-number').textContent()).toBe('42');
        await expectAccessible(page);
        await page.screenshots(`slip-${language}`, ALL_SIZES);
        await page.close();
        app = null;

        // The page main's hidden print window loads: the slip alone, ready when its title says so.
        const print = await open(init, { width: 420, height: 900 }, '#print-slip?id=9001&venue=1');
        await expect.poll(() => print.page.title(), { timeout: 10_000 }).toMatch(/^slip-ready \d+$/);
        const height = Number((await print.page.title()).split(' ')[1]);
        const pdf = await print.page.pdf({ width: '80mm', height: `${height + 2}px`, margin: { top: '0', bottom: '0', left: '0', right: '0' } });
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        const file = path.join(SCREENSHOT_DIR, `slip-${language}.pdf`);
        await writeFile(file, pdf);
        // Words as read, whatever the line breaks of the narrow paper.
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
        const money = (amount: string) => (language === 'en' ? amount : amount.replace('.', ','));
        for (const expected of ['42', 'Lülə kabab', '+ Extra sumac', '+ Lavash', 'Toyuq şiş', 'Paxlava', 'Without onions, please. Call on arrival.', money('38.40'), money('2.50'), money('40.90'), 'Wolt (online)', 'Rəşad Quliyev']) {
          expect(text, `${language}: ${expected}`).toContain(expected);
        }
        // One page: the slip is one strip of paper.
        expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
      });
    }

    it('sign-in refused: the clerk reads whom to ask, in a compact banner; the owner opens the technical details', async () => {
      const page = await open({ snapshot: lunchSnapshot(Date.now()) }, SMALL_SCREEN_PAGE);
      const p = page.page;
      await p.locator('li.order-row').first().waitFor();
      await page.fake('pushState', {
        health: {
          status: 'problem',
          error: { kind: 'auth', message: 'Clopos answered 401 authentication_failed: the client secret was refused.' },
          since: Date.now() - 2 * 60_000,
          consecutiveFailures: 5,
          alarmed: true,
          problems: [],
        },
      });
      const banner = p.getByRole('alert').filter({ hasText: 'NOT RECEIVING ORDERS' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('ask the person who set up this PC');
      expect(await banner.getByText(/check the client ID, client secret/).isVisible()).toBe(false);
      const box = await banner.boundingBox();
      // Compact: it leaves the board room for orders on a 1024×768 screen (it took ~220 px before).
      expect(box?.height).toBeLessThan(150);
      expect(((await p.evaluate(inPage.boardLayout)) as { fullyVisibleRows: number }).fullyVisibleRows).toBeGreaterThanOrEqual(3);
      await expectAccessible(page);
      await page.screenshots('sign-in-error-clerk', ALL_SIZES);
      await banner.getByText('Technical details').click();
      expect(await banner.getByText(/check the client ID, client secret/).isVisible()).toBe(true);
      expect(await banner.getByText(/authentication_failed/).isVisible()).toBe(true);
      await page.screenshots('sign-in-error-owner', ALL_SIZES);
    });

    it('a start-up failure is a screen that says so and what to do, not "Loading…"', async () => {
      const page = await open({ failures: { getState: { kind: 'internal', message: 'The engine did not answer in time.' } } }, SMALL_SCREEN_PAGE);
      const p = page.page;
      await p.getByRole('heading', { name: /could not start/ }).waitFor();
      expect(await p.getByText('Loading…').count()).toBe(0);
      await expectAccessible(page);
      await page.screenshots('startup-error', ALL_SIZES);
    });

    it('a slip that did not print is a banner with Print again, and Settings chooses the printer', async () => {
      const problem = { orderId: '9001', venueId: '1', orderNumber: 'W-1042', printer: 'XP-80C', reason: 'The printer refused the slip: Printer is out of paper.', at: Date.now() };
      const page = await open({ snapshot: lunchSnapshot(Date.now()), appInfo: { ...APP_INFO, printProblem: problem } }, SMALL_SCREEN_PAGE);
      const p = page.page;
      const banner = p.getByRole('alert').filter({ hasText: 'did not print' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('The slip of order W-1042 did not print');
      await expectAccessible(page);
      await page.screenshots('print-problem', ALL_SIZES);
      await banner.getByRole('button', { name: 'Print again' }).click();
      await expect.poll(() => page.callsOf('printSlip')).toEqual([{ id: '9001', venueId: '1' }]);
      await banner.getByRole('button', { name: 'Dismiss' }).click();
      await banner.waitFor({ state: 'detached' });

      await p.getByRole('button', { name: /Settings/ }).first().click();
      const printerSelect = p.getByLabel('Printer', { exact: true });
      await printerSelect.scrollIntoViewIfNeeded();
      await p.getByRole('option', { name: 'XPrinter 80 mm (counter)' }).waitFor({ state: 'attached' });
      await printerSelect.selectOption('XP-80C');
      await expectAccessible(page);
      await page.screenshot('settings-printing');
    });

    it('a refused telegram token is a red strip on the status bar, one line in every language, whose button opens Settings where it is said too; a retry is a quiet mark', async () => {
      const refused = { state: 'refused' as const, detail: 'Telegram refused the bot token (401 Unauthorized): check the token @BotFather gave.', lastSentAt: null };
      const telegram = { enabled: true, chatId: '-1001234567890', orderMinutes: 5, outageMinutes: 5 };
      const page = await open(
        {
          snapshot: lunchSnapshot(Date.now()),
          view: makeSettingsView({ settings: connectedSettings({ telegram }), secrets: { clientSecret: true, token: false, telegramToken: true } }),
          appInfo: { ...APP_INFO, telegram: refused },
        },
        SMALL_SCREEN_PAGE,
      );
      const p = page.page;
      const strip = p.locator('.telegram-strip');
      await strip.getByText(/Telegram refused the bot token or chat/).waitFor();
      // The sentence and its button on one line, the bar under it whole.
      const stripLines = `(() => {
        const strip = document.querySelector('.telegram-strip');
        const centres = [...strip.children].map((el) => { const r = el.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); });
        return { lines: new Set(centres.map((c) => Math.round(c / 8))).size, fits: strip.scrollWidth <= strip.clientWidth };
      })()`;
      const check = async (what: string) => {
        for (const size of ALL_SIZES) {
          await p.setViewportSize(size);
          for (const language of ['ru', 'az', 'en'] as const) {
            await page.fake('setView', { settings: connectedSettings({ language, telegram }) });
            await p.evaluate(inPage.twoFrames);
            const where = `${what} ${language} ${size.width}`;
            expect(await p.evaluate(inPage.boardLayout), where).toMatchObject({ statusBarLines: 1, statusBarFits: true, pageScrolls: false });
            expect(await p.evaluate(inPage.statusBarCut), where).toEqual([]);
            if (what === 'refused') expect(await p.evaluate(stripLines), where).toEqual({ lines: 1, fits: true });
          }
        }
        await p.setViewportSize(SMALL_SCREEN_PAGE);
      };
      await check('refused');
      await expectAccessible(page);
      await page.screenshots('telegram-refused-status-bar', ALL_SIZES);

      await strip.getByRole('button', { name: 'Fix it in Settings' }).click();
      const heading = p.getByRole('heading', { name: 'Escalation to a phone (Telegram)' });
      await heading.waitFor();
      expect(await p.locator('.telegram-problem').textContent()).toContain('401 Unauthorized');
      // Still said on every screen; on Settings it needs no way there.
      expect(await strip.isVisible()).toBe(true);
      expect(await strip.getByRole('button').count()).toBe(0);
      await expectAccessible(page);
      await screenshotsAt(page, 'settings-telegram-refused', heading.locator('xpath=..'), 'start');

      // A message being retried: an amber word in the bar, no strip.
      await page.fake('emit', 'notifier:app-info', { ...APP_INFO, telegram: { state: 'failing', detail: 'Telegram did not answer within 10 s.', lastSentAt: null } });
      await strip.waitFor({ state: 'detached' });
      await p.getByRole('button', { name: /Orders/ }).click();
      await p.locator('.telegram-mark').waitFor();
      await check('failing');
      await expectAccessible(page);
      await page.screenshots('telegram-failing-status-bar', [SMALL_SCREEN_PAGE]);
    });

    it('settings for telegram escalation: the steps, the write-only token, the chat, the times and a test message', async () => {
      const page = await open(
        {
          snapshot: lunchSnapshot(Date.now()),
          view: makeSettingsView({ settings: connectedSettings(), secrets: { clientSecret: true, token: false, telegramToken: false } }),
          telegramStatus: { state: 'ok', detail: null, lastSentAt: Date.now() },
        },
        VIEWPORTS.small,
      );
      const p = page.page;
      await p.getByRole('button', { name: /Settings/ }).click();
      const heading = p.getByRole('heading', { name: 'Escalation to a phone (Telegram)' });
      await heading.waitFor();
      expect(await p.getByRole('button', { name: 'Send a test message' }).isDisabled()).toBe(true);
      expect(await p.getByText('Set the bot token first.').isVisible()).toBe(true);
      await expectAccessible(page);
      await screenshotsAt(page, 'settings-telegram-setup', heading.locator('xpath=..'), 'start');

      await p.getByLabel('Send escalations to Telegram').check();
      await p.getByLabel('Bot token').fill('7391048265:AAHk3-secret');
      await p.getByLabel('Chat id').fill('my group');
      await p.getByRole('button', { name: 'Save settings' }).click();
      await p.getByText('A chat id is a number').first().waitFor();
      expect(await page.callsOf('setSettings')).toEqual([]);
      expect(await page.callsOf('setSecret')).toEqual([]);
      await page.screenshot('settings-telegram-invalid');

      await p.getByLabel('Chat id').fill('-1001234567890');
      await p.getByRole('button', { name: 'Save settings' }).click();
      await p.getByText('Settings saved.').waitFor();
      expect(await page.callsOf('setSecret')).toEqual([{ name: 'telegramToken', value: '7391048265:AAHk3-secret' }]);
      expect(await page.callsOf('setSettings')).toMatchObject([{ telegram: { enabled: true, chatId: '-1001234567890', orderMinutes: 5, outageMinutes: 5 } }]);
      await p.getByRole('button', { name: 'Send a test message' }).click();
      await p.getByText('Sent — check the phone.').waitFor();
      await p.getByText(/Last message sent at/).waitFor();
      expect(await p.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value))).not.toContain('7391048265:AAHk3-secret');
      await expectAccessible(page);
      await screenshotsAt(page, 'settings-telegram', p.locator('.telegram-test'), 'center');
    });
  });
});
