import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  createAppUrlCheck,
  denyAllPermissions,
  guardWebContents,
  installWebContentsGuards,
  secureWebPreferences,
  type GuardedApp,
  type GuardedContents,
  type GuardedSession,
} from '../../../main/desktop/security';
import { BrowserWindow, app, recorder, Session as FakeSession, shell } from '../../mocks/electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

beforeEach(() => recorder.reset());

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer and keeps the alarm audible in the background', () => {
    expect(secureWebPreferences('/app/dist/preload/index.cjs')).toEqual({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });
});

describe('createAppUrlCheck', () => {
  const prod = createAppUrlCheck({ rendererIndexFile: '/opt/app/dist/renderer/index.html', devServerUrl: null });
  const dev = createAppUrlCheck({ rendererIndexFile: '/opt/app/dist/renderer/index.html', devServerUrl: 'http://localhost:5173/' });

  it('accepts the renderer page, with or without hash and query', () => {
    expect(prod('file:///opt/app/dist/renderer/index.html')).toBe(true);
    expect(prod('file:///opt/app/dist/renderer/index.html#/orders/7')).toBe(true);
    expect(prod('file:///opt/app/dist/renderer/index.html?demo=1')).toBe(true);
  });

  it.each([
    'file:///opt/app/dist/renderer/other.html',
    'file:///etc/passwd',
    'file://attacker.example/opt/app/dist/renderer/index.html',
    'http://localhost:5173/',
    'https://attacker.example/',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s in production', (url) => {
    expect(prod(url)).toBe(false);
  });

  it('accepts the dev server origin only in development', () => {
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/index.html#x')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
  });
});

function navigation(url: string, isSameDocument = false) {
  return { url, isSameDocument, isMainFrame: true, preventDefault: vi.fn() };
}

describe('guardWebContents', () => {
  function guarded() {
    const window = new BrowserWindow({ show: false });
    const log = vi.fn();
    guardWebContents(window.webContents, { shell, log });
    return { contents: window.webContents, log };
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)('prevents %s away from the app', (event) => {
    const { contents, log } = guarded();
    const details = navigation('https://attacker.example/phish?token=abc');
    contents.emit(event, details);
    expect(details.preventDefault).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://attacker.example'));
    // The query may carry a token: only the origin is logged.
    expect(log.mock.calls.join(' ')).not.toContain('token=abc');
  });

  it('lets in-page navigation (a hash change) through', () => {
    const { contents } = guarded();
    const details = navigation('file:///app/index.html#/orders', true);
    contents.emit('will-navigate', details);
    expect(details.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents navigation even to another local file', () => {
    const { contents } = guarded();
    const details = navigation('file:///etc/passwd');
    contents.emit('will-navigate', details);
    expect(details.preventDefault).toHaveBeenCalled();
  });

  it('blocks <webview> attachment', () => {
    const { contents } = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://attacker.example' });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and hands web links to the browser through the checked opener', async () => {
    const { contents } = guarded();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler?.({ url: 'https://clopos.com/help' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://user:pw@attacker.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'about:blank' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(recorder.openedExternal).toEqual(['https://clopos.com/help']));
  });

  it('denies every permission request and check', () => {
    const { contents } = guarded();
    const session = contents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.(contents, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.(contents, permission, 'file://', {})).toBe(false);
    }
  });

  it('denies permissions on a session on its own (the default session at start-up)', () => {
    const session = new FakeSession();
    denyAllPermissions(session);
    const callback = vi.fn();
    session.permissionRequestHandler?.(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler?.(null, 'media')).toBe(false);
  });
});

describe('installWebContentsGuards', () => {
  it('guards every webContents the app creates', () => {
    installWebContentsGuards(app, { shell });
    const window = new BrowserWindow();
    app.emit('web-contents-created', {}, window.webContents);
    const details = navigation('https://attacker.example/');
    window.webContents.emit('will-navigate', details);
    expect(details.preventDefault).toHaveBeenCalled();
    expect(window.webContents.windowOpenHandler?.({ url: 'about:blank' })).toEqual({ action: 'deny' });
  });

  it('accepts the real Electron objects (the composition root passes them)', () => {
    expectTypeOf<WebContents>().toExtend<GuardedContents>();
    expectTypeOf<Session>().toExtend<GuardedSession>();
    expectTypeOf<App>().toExtend<GuardedApp>();
  });
});

describe('renderer Content-Security-Policy', () => {
  // renderer/index.html is written by the renderer engineer with exactly this policy; this test
  // guards it from being loosened.
  const html = readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"\s*\/?>/i.exec(html);
  const directives = new Map(
    (meta?.[1] ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map((tokens) => [tokens[0] as string, tokens.slice(1)]),
  );

  it('is present as a meta tag', () => {
    expect(meta).not.toBeNull();
  });

  it('denies everything by default and allows only the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('allows no inline or eval code and no remote origin anywhere', () => {
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|^https?:|^wss?:|^\w[\w.-]*\.\w+/);
      }
    }
  });

  it('has no inline script the policy would block', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
  });
});
