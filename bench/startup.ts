/**
 * 7. Start-up: the built main bundle with the recording Electron fake against the simulator, from
 * the start of loading the bundle to the first completed poll (see startup-run.ts). Each run is
 * a fresh Node process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child-process';
import { fixed, type BenchReport } from './report';
import type { StartupTimes } from './startup-run';
import { median } from './stats';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** A build of its own, so nothing else rewrites the bundle while it is measured. */
const DIST = mkdtempSync(path.join(tmpdir(), 'notifier-bench-dist-'));
const BUNDLE = path.join(DIST, 'main/index.cjs');

/** Builds the main bundle with the project's build script, so the run measures the current sources. */
function buildMain(): string | null {
  if (!existsSync(path.join(root, 'main/index.ts'))) return 'main/index.ts (the composition root) does not exist yet';
  const built = spawnSync(process.execPath, ['scripts/build.mjs', 'main'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 5 * 60_000,
    env: { ...process.env, NOTIFIER_DIST_DIR: DIST },
  });
  return built.status === 0 ? null : `node scripts/build.mjs main failed: ${(built.stderr || built.stdout).slice(-1000)}`;
}

export async function startup(options: { quick: boolean }): Promise<BenchReport> {
  try {
    return await measure(options);
  } finally {
    rmSync(DIST, { recursive: true, force: true });
  }
}

async function measure(options: { quick: boolean }): Promise<BenchReport> {
  const problem = buildMain();
  if (problem) return { title: '7. Start-up', figures: [{ figure: 'start-up', value: `not measured: ${problem}` }], notes: [] };

  const runs = options.quick ? 2 : 5;
  const results: StartupTimes[] = [];
  for (let i = 0; i < runs; i += 1) {
    const times = await runChild<StartupTimes>('startup-run.ts', [BUNDLE], [], 'STARTUP', 60_000);
    if (times.error) throw new Error(`Start-up run ${i + 1} failed: ${times.error}`);
    results.push(times);
  }
  const load = results.map((t) => t.bundleLoaded - t.bundleStart);
  const toPoll = results.map((t) => (t.firstCompletedPoll ?? NaN) - t.ready);
  const total = results.map((t) => (t.firstCompletedPoll ?? NaN) - t.bundleStart);
  const toRequest = results.map((t) => (t.firstListRequest ?? NaN) - t.bundleStart);
  return {
    title: '7. Start-up: built main bundle (recording Electron fake) to the first completed poll',
    figures: [
      { figure: 'bundle start → first completed poll (median)', value: `${fixed(median(total), 0)} ms` },
      { figure: 'loading the bundle (require)', value: `${fixed(median(load), 0)} ms` },
      { figure: 'app ready → first completed poll', value: `${fixed(median(toPoll), 0)} ms` },
      { figure: 'bundle start → first list request reaches the simulator', value: `${fixed(median(toRequest), 0)} ms` },
      { figure: 'bundle size', value: `${fixed(statSync(BUNDLE).size / 1e6, 2)} MB (dist/main/index.cjs)` },
    ],
    tables: [
      {
        caption: `Each run (a fresh Node process), ms:`,
        header: ['run', 'load bundle', 'ready → first poll', 'total'],
        rows: results.map((_, i) => [String(i + 1), fixed(load[i]!, 0), fixed(toPoll[i]!, 0), fixed(total[i]!, 0)]),
      },
    ],
    notes: [
      'Like the smoke run: plain Node, `require(\'electron\')` resolved to test/mocks/electron.ts, the bundle pointed at an in-process simulator (v2, one pending order) through CLOPOS_NOTIFIER_* variables, a fresh user-data folder each run. "App ready" is when the fake app is marked ready right after the bundle has loaded; the real Electron start (process, GPU, first window paint) is not part of this figure.',
      'First completed poll = the first tray tooltip that says "last check", set after the first successful listing (sign-in + GET /orders) has been applied. The first-request figure maps the simulator\'s wall-clock request record onto the same timeline (±1 ms).',
    ],
  };
}
