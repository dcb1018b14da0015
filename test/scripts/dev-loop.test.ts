/**
 * The development loop (`npm run dev`, electron.vite.config.mjs) as far as it runs without the
 * Electron binary: electron-vite builds all three bundles from the shared targets, and the
 * renderer's dev server serves the page with hot reload (its preamble and websocket allowed by the
 * dev-only CSP) and pushes an edit. Starting Electron itself needs the binary (see the README).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = mkdtempSync(path.join(tmpdir(), 'notifier-dev-'));
let server: ViteDevServer | null = null;

afterAll(async () => {
  await server?.close();
  rmSync(OUT, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('electron-vite builds main, preload and renderer from the same targets as the production build', () => {
    const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const run = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, env: { ...process.env, NOTIFIER_DIST_DIR: OUT }, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    for (const file of ['main/index.cjs', 'preload/index.cjs', 'renderer/index.html']) expect(existsSync(path.join(OUT, file)), file).toBe(true);
    const main = readFileSync(path.join(OUT, 'main', 'index.cjs'), 'utf8');
    // Dependencies bundled as in the package (no node_modules ship), electron left to the runtime.
    expect(main).toContain('require("electron")');
    expect(main).not.toContain('require("zod")');
    // The built page keeps the app's CSP: the dev relaxation is for the dev server only.
    expect(readFileSync(path.join(OUT, 'renderer', 'index.html'), 'utf8')).toContain("connect-src 'none'");
  });

  it('the dev server serves the page with hot reload and pushes an edit to it', async () => {
    const { rendererTarget } = (await import(path.join(ROOT, 'scripts', 'vite-targets.mjs'))) as { rendererTarget: (out: string) => Promise<Record<string, unknown>> };
    server = await createServer({ ...(await rendererTarget(path.join(OUT, 'renderer-dev'))), configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
    await server.listen();
    const base = server.resolvedUrls!.local[0]!;
    const page = await (await fetch(base)).text();
    expect(page).toContain('/@vite/client');
    expect(page).toContain('@react-refresh');
    expect(page).toContain("script-src 'self' 'unsafe-inline'");
    expect(page).toContain('ws://127.0.0.1:*');

    // An edit to a module the page uses reaches the hot-reload channel.
    const updates: string[] = [];
    server.ws.on('connection', () => undefined);
    const send = server.ws.send.bind(server.ws);
    server.ws.send = ((payload: unknown, ...rest: unknown[]) => {
      updates.push(JSON.stringify(payload));
      return (send as (...args: unknown[]) => void)(payload, ...rest);
    }) as typeof server.ws.send;
    const file = path.join(ROOT, 'renderer', 'src', 'dev-loop-probe.ts');
    try {
      writeFileSync(file, 'export const probe = 1;\n');
      await server.transformRequest('/src/dev-loop-probe.ts');
      writeFileSync(file, 'export const probe = 2;\n');
      const deadline = Date.now() + 10_000;
      while (!updates.some((u) => u.includes('dev-loop-probe')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(updates.some((u) => u.includes('dev-loop-probe'))).toBe(true);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
