/**
 * 6. Renderer: the built renderer (dist/renderer) in Debian's headless Chromium through
 * playwright-core, with the renderer tests' fake bridge (test/renderer/fake-bridge.ts) bundled
 * into the page as `window.notifier`, serving a snapshot of 100 or 1,000 pending orders. Also the
 * gzip size of the renderer bundle and the size of app.asar when a package has been built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { makeSnapshot, manyPendingOrders } from '../test/renderer/fixtures';
import type { FakeBridgeInit } from '../test/renderer/fake-bridge';
import { fixed, type BenchReport, type Figure } from './report';
import { max, median, percentile } from './stats';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RENDERER_SOURCE = path.join(root, 'renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TICK_TARGET_MS = 4;
const BUNDLE_TARGET_KB = 200;
const VIEWPORT = { width: 1280, height: 800 };

/**
 * Runs in the page before the app: records when the first order row is in the DOM (and the frame
 * after), captures the one-second tickers so a tick can be run and timed on demand, and makes
 * Date.now advance on request so every tick changes every visible age. It is an init script
 * because the app's CSP forbids evaluating strings later.
 *
 * One timed tick: every one-second ticker runs, then the microtask in which React renders and
 * commits the change, then a forced style and layout of the result.
 */
const INSTRUMENTATION = `(() => {
  const bench = { firstRowAt: null, firstFrameAt: null, ticks: [] };
  globalThis.__bench = bench;
  const realNow = Date.now.bind(Date);
  let offset = 0;
  Date.now = () => realNow() + offset;
  bench.advance = (ms) => { offset += ms; };
  const realSetInterval = globalThis.setInterval;
  globalThis.setInterval = function (fn, ms, ...rest) {
    if (ms === 1000 && typeof fn === 'function') bench.ticks.push(fn);
    return realSetInterval.call(this, fn, ms, ...rest);
  };
  new MutationObserver((_, observer) => {
    if (bench.firstRowAt === null && document.querySelector('.order-row')) {
      bench.firstRowAt = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { bench.firstFrameAt = performance.now(); }, 0));
    }
  }).observe(document, { childList: true, subtree: true });
  bench.timeTicks = async (count) => {
    const samples = [];
    for (let i = 0; i < count; i += 1) {
      const before = document.querySelector('.order-age')?.textContent;
      bench.advance(1000);
      const t0 = performance.now();
      for (const tick of bench.ticks) tick();
      await Promise.resolve();
      await Promise.resolve();
      const t1 = performance.now();
      document.body.getBoundingClientRect();
      const t2 = performance.now();
      const after = document.querySelector('.order-age')?.textContent;
      samples.push({ render: t1 - t0, withLayout: t2 - t0, changed: before !== after });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return samples;
  };
})();`;

const isComplete = (dir: string): boolean => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets'));

/**
 * Builds the renderer with the project's build script straight into `into` (a folder of the
 * benchmark's own), so the figures are those of the current sources in their production build.
 */
function buildRenderer(into: string): string | null {
  if (!existsSync(RENDERER_SOURCE)) return 'renderer/ does not exist';
  const built = spawnSync(process.execPath, ['scripts/build.mjs', 'renderer'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 5 * 60_000,
    env: { ...process.env, RENDERER_OUT_DIR: into },
  });
  if (built.status !== 0) return `node scripts/build.mjs renderer failed: ${(built.stderr || built.stdout).slice(-1000)}`;
  return isComplete(into) ? null : `the renderer build in ${into} is incomplete`;
}

function assets(rendererDir: string): { file: string; raw: number; gzip: number }[] {
  const dir = path.join(rendererDir, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((file) => {
      const bytes = readFileSync(path.join(dir, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
}

function findAsar(dir: string, depth = 0): string[] {
  if (!existsSync(dir) || depth > 5) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findAsar(full, depth + 1);
    return e.name === 'app.asar' ? [full] : [];
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.wav': 'audio/wav', '.mp3': 'audio/mpeg' };

function serveRenderer(rendererDir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const wanted = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(rendererDir, wanted === '/' ? 'index.html' : wanted);
    if (!file.startsWith(rendererDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

/** The renderer tests' fake bridge as one classic script, built with the project's Vite. */
async function fakeBridgeScript(): Promise<string> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'chrome120',
      lib: { entry: path.join(root, 'test/renderer/fake-bridge-install.ts'), formats: ['iife'], name: 'fakeBridgeInstall' },
    },
  });
  const chunk = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('Vite produced no script for the fake bridge');
  return chunk.code;
}

interface PageRun {
  /** From navigation start to the first order row in the DOM. */
  firstRowMs: number;
  firstFrameMs: number;
  /** From the renderer's JS having arrived to the first order row: the app's own start-up and first render. */
  fromBundleMs: number;
  ticks: { render: number; withLayout: number; changed: boolean }[];
}

async function loadBoard(browser: Browser, url: string, bridge: string, orders: number, ticks: number): Promise<PageRun> {
  const init: FakeBridgeInit = { snapshot: makeSnapshot({ pending: manyPendingOrders(orders, Date.now()), lastSuccessAt: Date.now() }) };
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: `globalThis.__fakeBridgeInit = ${JSON.stringify(init)};\n${INSTRUMENTATION}\n${bridge}` });
    await page.goto(url);
    await page.waitForFunction(() => Reflect.get(globalThis, '__bench')?.firstFrameAt != null, undefined, { timeout: 30_000 });
    const times = (await page.evaluate(() => {
      const bench = Reflect.get(globalThis, '__bench');
      const entries = performance.getEntriesByType('resource') as unknown as { name: string; responseEnd: number }[];
      const bundle = entries.find((e) => e.name.endsWith('.js'));
      return { firstRowAt: bench.firstRowAt, firstFrameAt: bench.firstFrameAt, bundleAt: bundle ? bundle.responseEnd : NaN };
    })) as { firstRowAt: number; firstFrameAt: number; bundleAt: number };
    const samples = ticks > 0 ? ((await page.evaluate((count) => Reflect.get(globalThis, '__bench').timeTicks(count), ticks)) as PageRun['ticks']) : [];
    return { firstRowMs: times.firstRowAt, firstFrameMs: times.firstFrameAt, fromBundleMs: times.firstRowAt - times.bundleAt, ticks: samples };
  } finally {
    await context.close();
  }
}

export async function rendererBench(options: { quick: boolean }): Promise<BenchReport> {
  const asars = findAsar(path.join(root, 'release'));
  const asarFigure: Figure =
    asars.length > 0
      ? { figure: 'app.asar size', value: asars.map((a) => `${fixed(statSync(a).size / 1e6, 2)} MB (${path.relative(root, a)})`).join('; ') }
      : { figure: 'app.asar size', value: 'not built (run npm run pack:check, then the bench again)' };

  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'bench-renderer-'));
  try {
    const problem = buildRenderer(rendererDir);
    if (problem) {
      return { title: '6. Renderer', figures: [{ figure: 'renderer', value: `not measured: ${problem}` }, asarFigure], notes: [] };
    }
    return await measureRenderer(rendererDir, options, asarFigure);
  } finally {
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

async function measureRenderer(rendererDir: string, options: { quick: boolean }, asarFigure: Figure): Promise<BenchReport> {
  const notes: string[] = [];
  const figures: Figure[] = [];
  const tables: NonNullable<BenchReport['tables']> = [];
  const files = assets(rendererDir);
  const gzipKb = files.reduce((n, f) => n + f.gzip, 0) / 1000;
  if (!existsSync(CHROMIUM)) {
    notes.push(`No Chromium at ${CHROMIUM} (set CHROMIUM_PATH): render timings not measured.`);
  } else {
    const repeats = options.quick ? 3 : 7;
    const tickCount = options.quick ? 30 : 100;
    const bridge = await fakeBridgeScript();
    const { server, url } = await serveRenderer(rendererDir);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    try {
      // One throw-away load warms the browser's caches and code paths.
      await loadBoard(browser, url, bridge, 100, 0);
      const sizes = [100, 1000];
      const runs = new Map<number, PageRun[]>(sizes.map((n) => [n, []]));
      // Sizes alternate so drift on a shared machine spreads over both.
      for (let r = 0; r < repeats; r += 1) for (const orders of sizes) runs.get(orders)!.push(await loadBoard(browser, url, bridge, orders, 0));
      const tickSamples = (await loadBoard(browser, url, bridge, 1000, tickCount)).ticks;
      for (const orders of sizes) {
        const loads = runs.get(orders)!;
        figures.push({
          figure: `time to first render, ${orders} orders`,
          value: `${fixed(median(loads.map((l) => l.firstRowMs)), 0)} ms from navigation, ${fixed(median(loads.map((l) => l.fromBundleMs)), 0)} ms from bundle received`,
        });
      }
      tables.push({
        caption: `Each load, ms: navigation start → first order row in the DOM / → the frame after it / bundle received → first row (${repeats} loads per size, sizes alternating):`,
        header: ['orders', ...Array.from({ length: repeats }, (_, i) => `load ${i + 1}`)],
        rows: sizes.map((orders) => [String(orders), ...runs.get(orders)!.map((l) => `${fixed(l.firstRowMs, 0)} / ${fixed(l.firstFrameMs, 0)} / ${fixed(l.fromBundleMs, 0)}`)]),
      });
      const withLayout = tickSamples.map((s) => s.withLayout);
      const render = tickSamples.map((s) => s.render);
      const tickMs = median(withLayout);
      figures.push(
        { figure: 'one age tick, 1,000 orders (median, render + layout)', value: `${fixed(tickMs, 2)} ms`, target: `≤ ${TICK_TARGET_MS} ms`, met: tickMs <= TICK_TARGET_MS },
        { figure: 'one age tick, 1,000 orders: render only (median)', value: `${fixed(median(render), 2)} ms` },
        { figure: 'one age tick, 1,000 orders: p95 / max, render + layout', value: `${fixed(percentile(withLayout, 95), 2)} ms / ${fixed(max(withLayout), 2)} ms` },
      );
      const unchanged = tickSamples.filter((s) => !s.changed).length;
      notes.push(
        `Age tick: ${tickSamples.length} ticks on one page of 1,000 pending orders. The page's Date.now is moved on by 1 s before each, so every visible age changes; the timing covers the one-second tickers, React's render and commit (the microtask they schedule) and a forced style + layout. ${unchanged === 0 ? 'Every tick changed the first row\'s age text.' : `${unchanged} tick(s) did not change the first row's age text: treat the figure with care.`}`,
      );
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  figures.push(
    { figure: 'renderer bundle, gzip (JS + CSS)', value: `${fixed(gzipKb, 1)} kB`, target: `≤ ${BUNDLE_TARGET_KB} kB`, met: gzipKb <= BUNDLE_TARGET_KB },
    asarFigure,
  );
  tables.push({
    caption: 'Renderer assets (production build of renderer/, assets/; kB = 1,000 bytes; zlib gzip, default level):',
    header: ['file', 'raw kB', 'gzip kB'],
    rows: files.map((f) => [f.file, fixed(f.raw / 1000, 1), fixed(f.gzip / 1000, 1)]),
  });
  notes.unshift(
    `Headless ${path.basename(CHROMIUM)} (${CHROMIUM_FLAGS.join(' ')}), viewport ${VIEWPORT.width}×${VIEWPORT.height}, the built renderer served over loopback HTTP, window.notifier = the renderer tests' FakeBridge answering with a snapshot of N pending orders (test/renderer/fixtures.ts manyPendingOrders).`,
    'First render = performance.now() when the first order row is in the DOM (a MutationObserver installed before the app): from navigation start (includes the fake bridge\'s init script, which parses the whole snapshot before the page loads), and from the moment the renderer\'s JS had arrived (Resource Timing responseEnd): parsing and running the bundle, the bridge calls and React\'s first commit of the board. Medians of the loads. The board is virtualised, so only the visible rows exist in the DOM at either size.',
      'performance.now() in a page that is not cross-origin isolated is coarsened to 0.1 ms, so single ticks read in steps of 0.1 ms; the tick target is judged on the median, p95 and max show the noise of a shared 2-core machine.',
  );
  return { title: '6. Renderer (headless Chromium)', figures, tables, notes };
}
