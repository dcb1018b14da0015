/**
 * Runs the built renderer in Debian's headless Chromium with the fake bridge injected: builds
 * once, serves dist/renderer on loopback, records every request, console error and CSP
 * violation, and drives the fake from the test.
 */
import AxeBuilder from '@axe-core/playwright';
import { build as esbuild } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FakeBridge, FakeBridgeInit } from '../renderer/fake-bridge';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The production renderer build, in a folder of its own (see buildRenderer). */
export const RENDERER_DIST = path.join(ROOT, 'dist/renderer-browser-test');
export const SCREENSHOT_DIR = path.join(ROOT, 'artifacts/screenshots');
const CHROMIUM = '/usr/bin/chromium';

export interface Viewport {
  width: number;
  height: number;
}

export const VIEWPORTS = {
  small: { width: 1024, height: 768 },
  large: { width: 1920, height: 1080 },
} satisfies Record<string, Viewport>;

/** What a maximised window on a 1024×768 screen really gets for its page, after the frame and the taskbar. */
export const SMALL_SCREEN_PAGE: Viewport = { width: 1008, height: 690 };

/** The two screen sizes and the page a maximised window gets on the smaller one. */
export const ALL_SIZES: readonly Viewport[] = [VIEWPORTS.small, VIEWPORTS.large, SMALL_SCREEN_PAGE];

/**
 * Code that runs inside the page is passed as source text: this file is type-checked without DOM
 * types (node tsconfig), and keeping it that way stops DOM globals leaking into main's code. Only
 * page.evaluate may take it: waitForFunction would compile it in the page, which the CSP refuses.
 */
export const inPage = {
  cspRecorder: `(() => {
    const seen = [];
    globalThis.__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective + ' ' + event.blockedURI));
  })()`,
  twoFrames: 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
  /** The order id of the row holding the focus, null when focus is elsewhere. */
  focusedOrderId: "document.activeElement?.closest('li.order-row')?.getAttribute('data-order-id') ?? null",
  documentLanguage: 'document.documentElement.lang',
  /** Counts rows added to or removed from the order list (not the text inside them) from now on. */
  countRowMutations: `(() => {
    globalThis.__rowMutations = 0;
    const list = document.querySelector('ul.order-list');
    new MutationObserver((records) => {
      for (const record of records) globalThis.__rowMutations += record.addedNodes.length + record.removedNodes.length;
    }).observe(list, { childList: true });
    return list !== null;
  })()`,
  rowMutations: 'globalThis.__rowMutations',
  /**
   * How the board lays out: how many rows the status bar and the toolbar take (by the distinct
   * vertical centres of their items), whether Acknowledge all shares the filters' line, and how
   * many order rows are fully visible in the list.
   */
  boardLayout: `(() => {
    const centre = (el) => { const r = el.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); };
    const lines = (els) => { const centres = els.map(centre).sort((a, b) => a - b); return centres.filter((c, i) => i === 0 || c - centres[i - 1] > 6).length; };
    const bar = document.querySelector('footer.status-bar');
    const statusItems = [...bar.children].filter((el) => !el.classList.contains('spacer') && el.getBoundingClientRect().width > 0);
    const toolbar = document.querySelector('.board-toolbar');
    const scroll = document.querySelector('.board-scroll').getBoundingClientRect();
    const rows = [...document.querySelectorAll('li.order-row')].filter((li) => {
      const r = li.getBoundingClientRect();
      return r.top >= scroll.top - 1 && r.bottom <= scroll.bottom + 1;
    });
    const ack = toolbar.querySelector('.button-ack');
    const filter = toolbar.querySelector('.filter');
    return {
      statusBarLines: lines(statusItems),
      statusBarFits: bar.scrollWidth <= bar.clientWidth,
      ackOnFilterLine: Math.abs(centre(ack) - centre(filter)) <= 6,
      toolbarFits: toolbar.scrollWidth <= toolbar.clientWidth && ack.getBoundingClientRect().right <= toolbar.getBoundingClientRect().right + 1,
      searchWidth: Math.round(toolbar.querySelector('.search').getBoundingClientRect().width),
      fullyVisibleRows: rows.length,
      pageScrolls: document.documentElement.scrollHeight > innerHeight,
    };
  })()`,
  /** For every row: does the age fit its box, and do the age and the item count show in full, clear of their neighbours? */
  rowFit: `[...document.querySelectorAll('li.order-row')].map((li) => {
    const age = li.querySelector('.order-age');
    const who = li.querySelector('.order-who').getBoundingClientRect();
    const items = li.querySelector('.order-items');
    const channel = li.querySelector('.order-channel');
    return {
      id: li.getAttribute('data-order-id'),
      age: age ? age.textContent : null,
      ageFits: age ? age.scrollWidth <= age.clientWidth && age.getBoundingClientRect().right <= who.left : true,
      itemsFit: items.scrollWidth <= items.clientWidth + 1 && items.getBoundingClientRect().right <= who.right + 1,
      channelCut: channel.scrollWidth > channel.clientWidth,
    };
  })`,
  /** Whether the first element matching the selector lies wholly inside the window and inside the board's scroll area when it is in one. */
  wholeInView: (selector: string) => `(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const scroll = el.closest('.board-scroll, .screen');
    const s = scroll ? scroll.getBoundingClientRect() : { top: 0, bottom: innerHeight, left: 0, right: innerWidth };
    return r.top >= Math.max(0, s.top) - 1 && r.bottom <= Math.min(innerHeight, s.bottom) + 1 && r.left >= 0 && r.right <= innerWidth + 1;
  })()`,
  /** How many lines the header's visible items take (by their distinct vertical centres). */
  headerLines: `(() => {
    const items = [...document.querySelectorAll('header.top-bar > *')].filter((el) => !el.classList.contains('spacer') && el.getBoundingClientRect().width > 1);
    const centres = items.map((el) => { const r = el.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); }).sort((a, b) => a - b);
    return centres.filter((c, i) => i === 0 || c - centres[i - 1] > 6).length;
  })()`,
  /** The CSS animation running on the first element matching the selector ('none' when none). */
  animationOf: (selector: string) => `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).animationName`,
  /** How many lines the tallest item name of the order's table takes. */
  longestNameLines: `Math.max(...[...document.querySelectorAll('.lines .line-name')].map((el) => Math.round(el.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(el).lineHeight))))`,
  /** Status-bar items whose text is cut (wider than their box), by class. */
  statusBarCut: `[...document.querySelectorAll('footer.status-bar > *')].filter((el) => el.getBoundingClientRect().width > 0 && el.scrollWidth > el.clientWidth + 1).map((el) => el.className)`,
  /** Whether the focused element lies within the window (after the app scrolled it there). */
  focusedInView: `(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    return { name: el.getAttribute('name') ?? el.className, inView: r.top >= 0 && r.top < innerHeight - 20 };
  })()`,
  /** True once the text of the nth (0-based; -1 = last) age cell differs from `text`. */
  ageChanged: (index: number, text: string | null) =>
    `[...document.querySelectorAll('li.order-row .order-age')].at(${index})?.textContent !== ${JSON.stringify(text)}`,
};

/**
 * Builds the renderer with the app's own build script and config, into RENDERER_DIST rather than
 * dist/renderer, which the smoke test's full build empties and rewrites while tests run in
 * parallel. vitest sets NODE_ENV=test, which would make Vite compile JSX for development (and
 * React's StrictMode run every effect twice), so the build gets NODE_ENV=production as shipped.
 */
export async function buildRenderer(): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), 'renderer'], {
    cwd: ROOT,
    timeout: 120_000,
    env: { ...process.env, NODE_ENV: 'production', RENDERER_OUT_DIR: RENDERER_DIST },
  });
}

/** The fake bridge as one plain script for page.addInitScript. */
export async function buildFakeBridgeScript(): Promise<string> {
  const result = await esbuild({
    entryPoints: [path.join(ROOT, 'test/renderer/fake-bridge-install.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no fake bridge bundle');
  return output.text;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves one directory on 127.0.0.1; nothing outside it. */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dir + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}, which is missing. Install it with "apt-get install -y chromium" (CI does this in .ci/run).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

type FakeMethod = {
  [K in keyof FakeBridge]: FakeBridge[K] extends (...args: never[]) => unknown ? K : never;
}[keyof FakeBridge];

/** One window of the app, with the fake bridge in place of the preload. */
export class AppPage {
  readonly requests: string[] = [];
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly page: Page,
    readonly origin: string,
  ) {}

  static async open(browser: Browser, server: StaticServer, fakeScript: string, init: FakeBridgeInit, viewport: Viewport = VIEWPORTS.large, hash = ''): Promise<AppPage> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'Asia/Baku' });
    const page = await context.newPage();
    const app = new AppPage(page, server.origin);
    page.on('request', (request) => app.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') app.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => app.consoleErrors.push(`pageerror: ${error.message}`));
    await page.addInitScript({ content: inPage.cspRecorder });
    await page.addInitScript({ content: `globalThis.__fakeBridgeInit = ${JSON.stringify(init)};` });
    await page.addInitScript({ content: fakeScript });
    await page.goto(`${server.origin}/index.html${hash}`);
    return app;
  }

  /** Calls a method of the page's FakeBridge (push an event, add an order…) with JSON arguments. */
  async fake<M extends FakeMethod>(method: M, ...args: Parameters<FakeBridge[M]>): Promise<void> {
    await this.page.evaluate(
      ([name, values]) => {
        const fake = Reflect.get(globalThis, '__fake') as Record<string, (...a: unknown[]) => unknown>;
        fake[name]!(...values);
      },
      [method, args] as [string, unknown[]],
    );
  }

  /** The requests the page's fake bridge recorded for one method. */
  async callsOf(method: string): Promise<unknown[]> {
    return this.page.evaluate((name) => (Reflect.get(globalThis, '__fake') as FakeBridge).callsOf(name as never), method);
  }

  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => [...(Reflect.get(globalThis, '__cspViolations') as string[])]);
  }

  /** Serious and critical axe-core findings on the current screen, as readable lines. */
  async accessibilityProblems(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`).join('; ')}`);
  }

  /** Saves the screen at both sizes (or the ones given), restoring the current viewport afterwards. */
  async screenshots(name: string, sizes: readonly Viewport[] = Object.values(VIEWPORTS)): Promise<void> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const original = this.page.viewportSize();
    for (const size of sizes) {
      await this.page.setViewportSize(size);
      await this.page.evaluate(inPage.twoFrames);
      await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`), animations: 'disabled' });
    }
    if (original) await this.page.setViewportSize(original);
  }

  /** Saves the screen at the current viewport size only. */
  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const size = this.page.viewportSize();
    await this.page.evaluate(inPage.twoFrames);
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${size?.width}x${size?.height}.png`), animations: 'disabled' });
  }

  /** Requests that did not go to the app's own files. */
  foreignRequests(): string[] {
    return this.requests.filter((url) => !url.startsWith(`${this.origin}/`));
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
