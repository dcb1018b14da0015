/**
 * The child process of benchmark 7: loads the BUILT main bundle (dist/main/index.cjs) in plain
 * Node with `require('electron')` answered by the shared recording fake (as the smoke run does),
 * points it at an in-process simulator through the CLOPOS_NOTIFIER_* variables and times the way
 * to the first completed poll, which is when the tray tooltip first says "last check". Then quits
 * through the tray menu. Prints one line: `STARTUP {json}`.
 *
 * Run: node --import tsx bench/startup-run.ts [path/to/index.cjs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as fakeElectron from '../test/mocks/electron';
import { resolveElectronToFake } from '../test/mocks/resolve-electron-to-fake';
import { appEnvFor, startSimulator } from '../sim/server';

export interface StartupTimes {
  /** ms, performance.now() (from this process' start). */
  bundleStart: number;
  bundleLoaded: number;
  ready: number;
  firstListRequest: number | null;
  firstCompletedPoll: number | null;
  error?: string;
}

const bundle = path.resolve(process.argv[2] ?? 'dist/main/index.cjs');
const { app, recorder, Tray } = fakeElectron;


/** Rejects after `ms`; unref'd, so it never keeps the process alive by itself. */
function deadline(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

async function main(): Promise<void> {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'notifier-bench-startup-'));
  const sim = await startSimulator({ host: '127.0.0.1' });
  Object.assign(process.env, {
    CLOPOS_NOTIFIER_USER_DATA: userData,
    ...appEnvFor(sim),
  });
  recorder.userDataDir = userData;
  sim.addOrder();

  const times: StartupTimes = { bundleStart: 0, bundleLoaded: 0, ready: 0, firstListRequest: null, firstCompletedPoll: null };
  // The first tooltip that mentions a check is set right after the first completed poll.
  const firstPoll = new Promise<void>((resolve) => {
    const setToolTip = Tray.prototype.setToolTip;
    Tray.prototype.setToolTip = function recordFirstCheck(this: InstanceType<typeof Tray>, text: string) {
      if (times.firstCompletedPoll === null && text.includes('last check')) {
        times.firstCompletedPoll = performance.now();
        resolve();
      }
      setToolTip.call(this, text);
    };
  });
  const wallAtStart = Date.now();
  try {
    resolveElectronToFake();
    times.bundleStart = performance.now();
    createRequire(import.meta.url)(bundle);
    times.bundleLoaded = performance.now();
    app.markReady();
    times.ready = performance.now();
    await Promise.race([firstPoll, deadline(20_000, 'No completed poll within 20 s')]);
    const list = sim.requests().find((r) => r.path === '/orders');
    times.firstListRequest = list ? times.bundleStart + (list.at - wallAtStart) : null;
    const quit = new Promise<void>((resolve) => app.once('quit', () => resolve()));
    recorder.trays[0]?.menu?.find('Quit')?.click?.();
    await Promise.race([quit, deadline(10_000, 'The app did not quit within 10 s')]);
  } catch (cause) {
    times.error = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
    if (!recorder.trays[0]?.isDestroyed()) app.quit();
  } finally {
    await sim.close();
    rmSync(userData, { recursive: true, force: true });
  }
  process.stdout.write(`STARTUP ${JSON.stringify(times)}\n`);
}

void main();
