/**
 * The owner's report in real headless Chromium, built as shipped and under the app's CSP: 30 days
 * of a two-venue restaurant in three languages at 1024×768 and 1920×1080, the charts really drawn
 * (pixels on their canvases), nothing cut at the small size, axe-core clean, and the damaged-ledger
 * warning. Screenshots go to artifacts/screenshots/report-*.png.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBridgeInit } from '../renderer/fake-bridge';
import { connectedSettings, emptyReport, makeOrder, makeSettingsView, makeSnapshot } from '../renderer/fixtures';
import { AppPage, buildFakeBridgeScript, inPage, launchChromium, ROOT, serveDirectory, VIEWPORTS, type StaticServer, type Viewport } from './harness';
import { bakuMidnight, REPORT_NOW, thirtyDays, today, todayWithDamagedLedger } from './report-scenes';

/** A build of its own: the other browser tests rebuild theirs (harness.RENDERER_DIST) while these run. */
const REPORT_DIST = path.join(ROOT, 'dist/renderer-report-test');

let browser: Browser;
let server: StaticServer;
let fakeScript: string;
let app: AppPage | null = null;

async function buildRenderer(): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), 'renderer'], {
    cwd: ROOT,
    timeout: 120_000,
    env: { ...process.env, NODE_ENV: 'production', RENDERER_OUT_DIR: REPORT_DIST },
  });
}

beforeAll(async () => {
  const [, script, launched] = await Promise.all([buildRenderer(), buildFakeBridgeScript(), launchChromium()]);
  fakeScript = script;
  browser = launched;
  server = await serveDirectory(REPORT_DIST);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(init: FakeBridgeInit, viewport: Viewport = VIEWPORTS.small): Promise<AppPage> {
  app = await AppPage.open(browser, server, fakeScript, init, viewport);
  return app;
}

afterEach(async () => {
  if (!app) return;
  const current = app;
  app = null;
  try {
    // The strict CSP held (uPlot's chunk, its stylesheet, its canvas), nothing failed, nothing left the app.
    expect(await current.cspViolations()).toEqual([]);
    expect(current.consoleErrors).toEqual([]);
    expect(current.foreignRequests()).toEqual([]);
  } finally {
    await current.close();
  }
});

/** Per chart: its canvas size, how many of its pixels are painted, and how many in the series' colour. */
const chartPixels = `[...document.querySelectorAll('.hour-chart')].map((figure) => {
  const canvas = figure.querySelector('.hour-chart-plot canvas');
  if (!canvas) return null;
  const { width, height } = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const blue = figure.classList.contains('hour-chart-orders');
  let painted = 0, series = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) continue;
    painted++;
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (blue ? b > 200 && r < 130 && g > 130 : r > 220 && g > 170 && b < 110) series++;
  }
  const box = figure.querySelector('.hour-chart-plot').getBoundingClientRect();
  return { width, height, boxWidth: Math.round(box.width), painted, series };
})`;

/** Everything wider than its box or past the window's right edge, by a readable name; and a page that scrolls itself. */
const cutHorizontally = `(() => {
  const cut = [];
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  if (document.documentElement.scrollWidth > innerWidth) cut.push('page scrolls sideways');
  // Only the screen between the header and the status bar scrolls, never the page itself.
  if (document.documentElement.scrollHeight > innerHeight) cut.push('page scrolls');
  const screen = document.querySelector('.screen');
  if (screen.scrollWidth > screen.clientWidth + 1) cut.push('screen scrolls sideways');
  for (const el of document.querySelectorAll('.report *')) {
    if (el.closest('.report-sr-only') || el.closest('.uplot')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.right > innerWidth + 1) cut.push(name(el) + ' past the edge');
    // Wider inside than its box: clipped, or spilling over its neighbour (inline boxes have no client width).
    else if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) cut.push(name(el) + ' overflows: ' + el.textContent.slice(0, 40));
  }
  return cut;
})()`;

const expectAccessible = async (page: AppPage) => expect(await page.accessibilityProblems()).toEqual([]);

/** Waits until both charts have drawn, then checks they hold pixels in their series' colours. */
async function expectChartsDrawn(page: AppPage): Promise<void> {
  await page.page.locator('.hour-chart-plot canvas').nth(1).waitFor();
  await page.page.evaluate(inPage.twoFrames);
  const charts = (await page.page.evaluate(chartPixels)) as Array<{ width: number; height: number; boxWidth: number; painted: number; series: number } | null>;
  expect(charts).toHaveLength(2);
  for (const chart of charts) {
    expect(chart).not.toBeNull();
    // The canvas fills its box (sized by the ResizeObserver), and the bars or the line are on it.
    expect(Math.abs(chart!.width - chart!.boxWidth)).toBeLessThanOrEqual(2);
    expect(chart!.painted).toBeGreaterThan(2000);
    expect(chart!.series).toBeGreaterThan(300);
  }
}

describe('the owner report in Chromium', { timeout: 60_000 }, () => {
  it('30 days of two venues in en, az and ru: charts drawn, nothing cut at 1024×768, accessible', async () => {
    const detail = { order: makeOrder({ id: 'ord-90000', number: 'W-48213', venueId: '1', status: 'accepted', createdAt: new Date(REPORT_NOW - 3 * 86_400_000).toISOString() }), receipt: null };
    const page = await open({
      snapshot: makeSnapshot({ lastSuccessAt: Date.now() - 2_000, nextPollAt: Date.now() + 3_000 }),
      reports: { today: today(REPORT_NOW), '30d': thirtyDays(REPORT_NOW) },
      orders: [detail],
      exportFile: 'C:\\Users\\Kassa\\Documents\\Clopos orders 2026-02-13 – 2026-03-14.csv',
    });
    const p = page.page;
    await p.getByRole('button', { name: 'Report' }).click();
    await p.getByRole('heading', { name: 'Report' }).waitFor();
    await expectChartsDrawn(page);
    // The period is chosen with the keyboard: arrows move along the segmented control.
    await p.getByRole('radio', { name: 'Today' }).focus();
    for (let i = 0; i < 3; i++) await p.keyboard.press('ArrowRight');
    expect(await p.getByRole('radio', { name: 'Last 30 days' }).isChecked()).toBe(true);
    await p.getByRole('rowheader', { name: 'Yango Deli' }).waitFor();
    expect(await page.callsOf('getReport')).toEqual([{ range: 'today' }, { range: 'yesterday' }, { range: '7d' }, { range: '30d' }]);
    expect(await p.getByRole('region', { name: 'By venue' }).isVisible()).toBe(true);
    expect(await p.getByRole('img', { name: /1,260 in all, the most at 19:00 \(163\)/ }).count()).toBe(1);

    for (const language of ['en', 'az', 'ru'] as const) {
      await page.fake('setView', { settings: connectedSettings({ language }) });
      await expect.poll(() => p.evaluate(inPage.documentLanguage)).toBe(language);
      for (const size of [VIEWPORTS.small, VIEWPORTS.large]) {
        await p.setViewportSize(size);
        await expectChartsDrawn(page);
        expect(await p.evaluate(cutHorizontally), `${language} ${size.width}`).toEqual([]);
        expect(await p.evaluate(inPage.headerLines), `${language} ${size.width}`).toBe(1);
      }
      await expectAccessible(page);
      await page.screenshots(`report-30d-${language}`);
    }

    // Back in English at 1024×768: the CSV, then the tables below the charts.
    await page.fake('setView', { settings: connectedSettings({ language: 'en' }) });
    await p.setViewportSize(VIEWPORTS.small);
    await p.getByRole('button', { name: 'Export CSV' }).click();
    await p.getByText('Saved to C:\\Users\\Kassa\\Documents\\Clopos orders 2026-02-13 – 2026-03-14.csv').waitFor();
    expect(await page.callsOf('exportReport')).toEqual([{ range: '30d' }]);
    await page.screenshot('report-30d-saved');
    await p.evaluate("document.querySelector('#report-by-channel').closest('section').scrollIntoView({ block: 'start' })");
    await page.screenshots('report-30d-tables');
    await p.getByRole('button', { name: 'Show as table' }).first().click();
    await p.getByRole('table', { name: 'Orders by hour of day' }).scrollIntoViewIfNeeded();
    expect(await p.evaluate(cutHorizontally)).toEqual([]);
    await expectAccessible(page);
    await page.screenshot('report-30d-hour-table');

    // The slowest order opens in its venue; Back returns to the report, still on 30 days.
    await p.getByRole('button', { name: 'W-48213' }).click();
    await p.getByRole('heading', { name: 'Order W-48213' }).waitFor();
    expect(await page.callsOf('getOrder')).toEqual([{ id: 'ord-90000', venueId: '1' }]);
    await p.getByRole('button', { name: /Back to report/ }).click();
    await p.getByRole('heading', { name: 'Report' }).waitFor();
    expect(await p.getByRole('radio', { name: 'Last 30 days' }).isChecked()).toBe(true);
    await expectChartsDrawn(page);
  });

  it('warns at the top when the ledger was damaged, in every language, with the detail one click away', async () => {
    const page = await open({
      view: makeSettingsView({ settings: connectedSettings({ language: 'ru' }) }),
      snapshot: makeSnapshot({ lastSuccessAt: Date.now() - 2_000, nextPollAt: Date.now() + 3_000 }),
      reports: { today: todayWithDamagedLedger(REPORT_NOW) },
    });
    const p = page.page;
    await p.getByRole('button', { name: 'Отчёт' }).click();
    const warning = p.locator('.report-warning');
    await warning.waitFor();
    await expectChartsDrawn(page);
    expect(await warning.textContent()).toContain('Файл истории заказов был повреждён и отложен');
    expect(await p.getByText(/line 4127 is not valid JSON/).isVisible()).toBe(false);
    for (const language of ['ru', 'az', 'en'] as const) {
      await page.fake('setView', { settings: connectedSettings({ language }) });
      await expect.poll(() => p.evaluate(inPage.documentLanguage)).toBe(language);
      await p.setViewportSize(VIEWPORTS.small);
      await expectChartsDrawn(page);
      expect(await p.evaluate(cutHorizontally), language).toEqual([]);
      // The warning is the first thing under the screen's header, in view without scrolling.
      expect(await p.evaluate(inPage.wholeInView('.report-warning')), language).toBe(true);
      await expectAccessible(page);
      await page.screenshots(`report-warning-${language}`);
    }
    await warning.locator('summary').click();
    expect(await p.getByText(/line 4127 is not valid JSON/).isVisible()).toBe(true);
  });

  it('an empty period says so, calmly', async () => {
    const page = await open({ reports: { today: { ...emptyReport('today'), from: bakuMidnight(REPORT_NOW), to: REPORT_NOW } } });
    const p = page.page;
    await p.getByRole('button', { name: 'Report' }).click();
    await p.getByText('No orders in this period yet').waitFor();
    expect(await p.locator('.hour-chart').count()).toBe(0);
    expect(await p.evaluate(cutHorizontally)).toEqual([]);
    await expectAccessible(page);
    await page.screenshots('report-empty');
  });
});
