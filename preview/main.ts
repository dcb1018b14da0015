/**
 * The browser preview's main process: the app's one composition (main/app/compose.ts) in plain
 * Node, with Electron stood in by the loopback transport (server.ts) and a desktop kept in memory
 * and printed to the terminal (desktop.ts). `npm run preview -- --demo` builds it and runs it;
 * it prints the address to open in a browser. For contributors without Electron and for the
 * whole-app tests in Chromium; never part of the packaged app.
 *
 * Flags: `--demo` (the in-process simulator with generated orders), `--port=N` (default: a free
 * port). The `CLOPOS_NOTIFIER_*` variables of main/app/launch.ts work as in the app (a simulator
 * or a test tenant instead of the demo). Settings and secrets live in memory for this run only, the
 * report's order history in a temporary folder removed when the preview stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ok } from '../common/result';
import { DEFAULT_SETTINGS, SECRET_NAMES, type SecretName, type Settings } from '../common/settings';
import { composeApp } from '../main/app/compose';
import { startDemo } from '../main/app/demo';
import { parseLaunchArgs, readEnvOverrides } from '../main/app/launch';
import type { SecretsPort, SettingsPort } from '../main/app/ports';
import { openExternalUrl } from '../main/desktop/external-links';
import { openLedger } from '../main/ledger';
import { createRedactor } from '../main/redact';
import { applySettingsPatch } from '../main/settings/patch';
import { systemClock } from '../main/watch';
import { createAnnouncedMemoryStore } from './memory-store';
import { createPreviewDesktop } from './desktop';
import { startPreviewServer, type PreviewServer } from './server';

const PORT_FLAG = '--port=';

function memorySettings(initial: Settings): SettingsPort {
  let current = initial;
  return {
    get: () => structuredClone(current),
    update(patch) {
      const next = applySettingsPatch(current, patch);
      if (next.ok) current = next.value;
      return next;
    },
    warning: 'The preview keeps settings in memory for this run only.',
  };
}

function memorySecrets(onValue: (value: string) => void): SecretsPort {
  const saved = new Map<SecretName, { value: string; host: string }>();
  return {
    credentials: async (host) =>
      Object.fromEntries([...saved].filter(([, s]) => s.host === host).map(([name, s]) => [name, s.value])),
    async set(name, value, host) {
      onValue(value);
      saved.set(name, { value, host });
      return ok(undefined);
    },
    clear: (name) => ok(void saved.delete(name)),
    secret: async (name, host) => (saved.get(name)?.host === host ? saved.get(name)?.value : undefined),
    status: (host) => Object.fromEntries(SECRET_NAMES.map((name) => [name, saved.get(name)?.host === host])) as Record<SecretName, boolean>,
    hosts: () => Object.fromEntries([...saved].map(([name, s]) => [name, s.host])),
    // Not encrypted by the OS: held in this process' memory until it ends.
    storageKind: async () => 'weak',
    warning: null,
  };
}

async function main(): Promise<void> {
  const args = parseLaunchArgs(process.argv);
  const env = readEnvOverrides(process.env);
  const portArg = process.argv.find((a) => a.startsWith(PORT_FLAG))?.slice(PORT_FLAG.length);
  const port = portArg ? Number(portArg) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, not "${portArg}".`);

  const redactor = createRedactor();
  if (env.connection?.credentials.clientSecret) redactor.register(env.connection.credentials.clientSecret);
  const print = (line: string): void => console.log(redactor.redact(line));
  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string): void => {
    if (level !== 'debug') print(`${level.padEnd(5)} ${message}`);
  };

  const historyDir = mkdtempSync(path.join(os.tmpdir(), 'clopos-notifier-preview-'));
  let server: PreviewServer | null = null;
  const desktop = createPreviewDesktop({ send: (channel, payload) => server?.send(channel, payload), print });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await app.stop();
      await server?.close();
      rmSync(historyDir, { recursive: true, force: true });
    })());

  const app = composeApp({
    settings: memorySettings(structuredClone(DEFAULT_SETTINGS)),
    secrets: memorySecrets((value) => redactor.register(value)),
    clock: systemClock,
    fetch: globalThis.fetch,
    log,
    redactor,
    createStore: () => createAnnouncedMemoryStore(),
    // The order history for the report, in a folder of this run (removed when it stops).
    openLedger: (scope) => openLedger({ dir: path.join(historyDir, scope === 'demo' ? 'ledger-demo' : 'ledger'), now: () => systemClock.now(), log }),
    pcName: os.hostname(),
    startDemo: () => startDemo({ clock: systemClock }),
    forceDemo: args.demo,
    overrides: { source: env.connection && { ...env.connection, close: async () => undefined }, engine: env.engine },
    openExternal: (url) => openExternalUrl(url, { openExternal: async (checked) => print(`[open] ${checked} (the preview opens no browser tabs itself)`) }),
    openLogFolder: async () => ok(print('[log] The preview writes its log to this terminal.')),
    // A native dialog no page can answer: the preview has none, so the answer is always no.
    confirm: async (request) => {
      print(`[dialog] "${request.message}" needs a person's yes in a native dialog; the preview has none, so the answer is no.`);
      return false;
    },
    appInfo: { version: process.env.npm_package_version ?? 'preview', platform: process.platform, logFolder: '(this terminal)' },
    desktop: desktop.ports,
    createTray: (actions, initial) => desktop.createTray(actions, initial),
    quit: () => void stop().then(() => process.exit(0)),
  });

  const here = __dirname;
  server = await startPreviewServer({
    rendererDir: process.env.NOTIFIER_PREVIEW_RENDERER ?? path.join(here, '..', 'renderer'),
    bridgeFile: path.join(here, '..', 'bridge', 'preview-bridge.js'),
    handlers: app.handlers,
    desktop,
    redactor,
    log,
    port,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0)));
  }
  await app.start();
  // The one line scripts and tests read; a person opens it in a browser.
  console.log(`PREVIEW_URL ${server.url}`);
  print(`Open the address above in a browser (only this PC can reach it). Ctrl+C stops the preview.`);
}

main().catch((cause: unknown) => {
  console.error(`The preview could not start: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
});
