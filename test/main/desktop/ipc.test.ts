import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents as ElectronWebContents } from 'electron';
import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { invokeChannels, type InvokeChannel, type InvokeHandlers } from '../../../common/contract';
import type { EngineSnapshot } from '../../../common/engine';
import { appError, err, ok, type Result } from '../../../common/result';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { emptyReport } from '../../renderer/fixtures';
import {
  closeLibraryChannels,
  createSenderCheck,
  registerInvokeHandlers,
  sendEvent,
  type EventReceiver,
  type InvokeEvent,
  type InvokeRegistrar,
} from '../../../main/desktop/ipc';
import { createAppUrlCheck } from '../../../main/desktop/security';
import { createRedactor } from '../../../main/redact';
import { BrowserWindow, WebContents, WebFrameMain, ipcMain, recorder } from '../../mocks/electron';

vi.mock('electron', () => import('../../mocks/electron'));

const INDEX = '/opt/app/dist/renderer/index.html';

const snapshot: EngineSnapshot = {
  pending: [],
  history: [],
  health: { status: 'ok', error: null, since: null, consecutiveFailures: 0, alarmed: false, problems: [] },
  lastSuccessAt: null,
  nextPollAt: null,
  polling: false,
  paused: false,
  alertsPausedUntil: null,
  mutedUntil: null,
  budget: null,
  cadence: { mode: 'auto', intervalMs: 3_000, reason: 'fastest' },
  alarmActive: false,
};

/** A successful reply typed as any reply, so a test may swap in an error. */
const reply = <T>(value: T): Result<T> => ok(value);

function stubHandlers() {
  const appInfo = {
    version: '1.0.0',
    demo: false,
    platform: 'linux',
    logFolder: '/logs',
    notificationsSupported: true,
    printProblem: null,
    telegram: { state: 'off' as const, detail: null, lastSentAt: null },
    ledgerWarning: null,
  };
  const view = {
    settings: DEFAULT_SETTINGS,
    secrets: { clientSecret: false, token: false, telegramToken: false },
    secretStorage: 'os' as const,
    warning: null,
  };
  return {
    'notifier:get-app-info': vi.fn(async () => reply(appInfo)),
    'notifier:get-state': vi.fn(async () => reply(snapshot)),
    'notifier:acknowledge': vi.fn(async (_request: { id: string }) => reply(snapshot)),
    'notifier:acknowledge-all': vi.fn(async () => reply(snapshot)),
    'notifier:check-now': vi.fn(async () => reply(snapshot)),
    'notifier:set-polling-paused': vi.fn(async () => reply(snapshot)),
    'notifier:pause-alerts': vi.fn(async () => reply(snapshot)),
    'notifier:mute-alerts': vi.fn(async () => reply(snapshot)),
    'notifier:resume-alerts': vi.fn(async () => reply(snapshot)),
    'notifier:get-settings': vi.fn(async () => reply(view)),
    'notifier:set-settings': vi.fn(async () => reply(view)),
    'notifier:set-secret': vi.fn(async () => reply(view)),
    'notifier:clear-secret': vi.fn(async () => reply(view)),
    'notifier:test-connection': vi.fn(async () => reply(({ ok: true, steps: [], advice: [], warnings: [] }))),
    'notifier:get-order': vi.fn(async () => err(appError('not-found', 'Order 7 was not found.'))),
    'notifier:get-receipt': vi.fn(async () => err(appError('not-found', 'Receipt 7 was not found.'))),
    'notifier:reject-order': vi.fn(async () => reply(snapshot)),
    'notifier:open-external': vi.fn(async () => reply(undefined)),
    'notifier:open-log-folder': vi.fn(async () => reply(undefined)),
    'notifier:check-for-updates': vi.fn(async () => reply(({ state: 'none' as const }))),
    'notifier:test-notification': vi.fn(async () => reply({ shown: true })),
    'notifier:print-slip': vi.fn(async (_request: { id: string; venueId?: string }) => reply({ printer: '' })),
    'notifier:list-printers': vi.fn(async () => reply([])),
    'notifier:dismiss-print-problem': vi.fn(async () => reply(appInfo)),
    'notifier:get-report': vi.fn(async (_request: { range: string }) => reply(emptyReport('today'))),
    'notifier:export-report': vi.fn(async () => reply({ file: null })),
    'notifier:telegram-test': vi.fn(async () => reply({ state: 'ok' as const, detail: null, lastSentAt: 1 })),
  } satisfies InvokeHandlers;
}

let handlers: ReturnType<typeof stubHandlers>;
let window: BrowserWindow;
let log: ReturnType<typeof vi.fn<(level: 'warn' | 'error', message: string) => void>>;

beforeEach(async () => {
  recorder.reset();
  handlers = stubHandlers();
  log = vi.fn();
  window = new BrowserWindow();
  await window.loadFile(INDEX);
  const isTrustedSender = createSenderCheck({
    windows: () => BrowserWindow.getAllWindows(),
    isAppUrl: createAppUrlCheck({ rendererIndexFile: INDEX, devServerUrl: null }),
  });
  const redactor = createRedactor();
  redactor.register('s3cr3t-client-value');
  registerInvokeHandlers(ipcMain, handlers, isTrustedSender, { log, redactor });
});

/** Calls a registered handler exactly as Electron would, with any argument list. */
function callRaw(channel: string, event: InvokeEvent, ...args: unknown[]) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`not registered: ${channel}`);
  return handler(event as Parameters<typeof handler>[0], ...args);
}

describe('registerInvokeHandlers', () => {
  it('registers every channel of the contract and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(invokeChannels).sort());
  });

  it('answers the app window with the handler value and passes the parsed request', async () => {
    expect(await ipcMain.invoke('notifier:get-state', undefined)).toEqual({ ok: true, value: snapshot });
    expect(await ipcMain.invoke('notifier:acknowledge', { id: '  A-001  ' })).toEqual({ ok: true, value: snapshot });
    expect(handlers['notifier:acknowledge']).toHaveBeenCalledWith({ id: 'A-001' });
  });

  it('works for the app window in development (dev server origin)', async () => {
    ipcMain.reset();
    const devWindow = new BrowserWindow();
    await devWindow.loadURL('http://localhost:5173/');
    const check = createSenderCheck({
      windows: () => BrowserWindow.getAllWindows(),
      isAppUrl: createAppUrlCheck({ rendererIndexFile: INDEX, devServerUrl: 'http://localhost:5173' }),
    });
    registerInvokeHandlers(ipcMain, handlers, check);
    expect(await ipcMain.invoke('notifier:get-state', undefined, { webContents: devWindow.webContents })).toMatchObject({ ok: true });
  });

  describe('refuses senders other than the app window main frame', () => {
    const forbidden = { ok: false, error: { kind: 'forbidden', message: expect.any(String) } };

    it('a sub-frame (iframe) inside the app window', async () => {
      const iframe = new WebFrameMain('file://' + INDEX, window.webContents.mainFrame);
      const reply = await ipcMain.invoke('notifier:open-external', { url: 'https://example.com/' }, { webContents: window.webContents, frame: iframe });
      expect(reply).toEqual(forbidden);
      expect(handlers['notifier:open-external']).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalledWith('warn', expect.stringContaining('sub-frame'));
    });

    it('an app window that shows a foreign page', async () => {
      await window.loadURL('https://attacker.example/');
      expect(await ipcMain.invoke('notifier:set-secret', { name: 'token', value: 'x' })).toEqual(forbidden);
      expect(handlers['notifier:set-secret']).not.toHaveBeenCalled();
    });

    it('an app window that shows another local file', async () => {
      await window.loadFile('/tmp/downloaded.html');
      expect(await ipcMain.invoke('notifier:get-settings', undefined)).toEqual(forbidden);
    });

    it('a webContents that is not one of the app windows', async () => {
      const stray = new WebContents(window);
      stray.mainFrame = new WebFrameMain('file://' + INDEX);
      expect(await ipcMain.invoke('notifier:get-state', undefined, { webContents: stray })).toEqual(forbidden);
    });

    it('a window that was closed', async () => {
      window.destroy();
      expect(await ipcMain.invoke('notifier:get-state', undefined, { webContents: window.webContents })).toEqual(forbidden);
    });

    it('an event without a sender frame', async () => {
      expect(await callRaw('notifier:get-state', { sender: window.webContents, senderFrame: null })).toEqual(forbidden);
    });
  });

  describe('refuses hostile payloads without calling the handler', () => {
    const invalid = { ok: false, error: { kind: 'invalid-request', message: expect.any(String) } };

    it.each(Object.keys(invokeChannels) as InvokeChannel[])('%s refuses an object with an unknown key', async (channel) => {
      const hostile = JSON.parse('{"__proto__":{"polluted":true},"evil":"payload"}');
      expect(await ipcMain.invoke(channel, hostile)).toEqual(invalid);
      expect(handlers[channel]).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([
      ['no-argument channel given a value', 'notifier:get-state', 'hello'],
      ['no-argument channel given an object', 'notifier:check-now', {}],
      ['id missing', 'notifier:acknowledge', {}],
      ['id of the wrong type', 'notifier:acknowledge', { id: 42 }],
      ['id empty after trimming', 'notifier:acknowledge', { id: '   ' }],
      ['id far too long', 'notifier:get-order', { id: 'x'.repeat(10_000) }],
      ['array instead of object', 'notifier:acknowledge', [{ id: 'A-001' }]],
      ['boolean as string', 'notifier:set-polling-paused', { paused: 'true' }],
      ['fractional minutes', 'notifier:pause-alerts', { minutes: 1.5 }],
      ['zero minutes', 'notifier:pause-alerts', { minutes: 0 }],
      ['a pause without an end', 'notifier:pause-alerts', { minutes: null }],
      ['a mute longer than 15 minutes', 'notifier:mute-alerts', { minutes: 16 }],
      ['invalid settings value', 'notifier:set-settings', { pollIntervalSeconds: 0 }],
      ['version in a settings patch', 'notifier:set-settings', { version: 2 }],
      ['unknown secret name', 'notifier:set-secret', { name: 'password', value: 'x' }],
      ['empty secret', 'notifier:set-secret', { name: 'token', value: '   ' }],
      ['huge secret', 'notifier:set-secret', { name: 'token', value: 'x'.repeat(5000) }],
      ['draft connection with a javascript URL', 'notifier:test-connection', { connection: { ...DEFAULT_SETTINGS.connection, baseUrl: 'javascript:alert(1)' } }],
      ['URL that is not a string', 'notifier:open-external', { url: { href: 'https://example.com' } }],
      ['null', 'notifier:clear-secret', null],
    ] as const)('%s', async (_name, channel, payload) => {
      expect(await ipcMain.invoke(channel, payload)).toEqual(invalid);
      expect(handlers[channel]).not.toHaveBeenCalled();
    });

    it('refuses a call with more than one argument', async () => {
      const reply = await callRaw('notifier:acknowledge', { sender: window.webContents, senderFrame: window.webContents.mainFrame }, { id: 'A-1' }, 'extra');
      expect(reply).toEqual(invalid);
      expect(handlers['notifier:acknowledge']).not.toHaveBeenCalled();
    });

    it('does not echo a rejected secret value', async () => {
      const value = 'pasted-secret-'.repeat(400);
      const reply = await ipcMain.invoke('notifier:set-secret', { name: 'clientSecret', value, extra: 1 });
      expect(JSON.stringify(reply)).not.toContain('pasted-secret-');
      expect(JSON.stringify(log.mock.calls)).not.toContain('pasted-secret-');
    });
  });

  describe('maps handler errors to values', () => {
    it('passes an error Result the handler answered with', async () => {
      expect(await ipcMain.invoke('notifier:get-order', { id: '7' })).toEqual({
        ok: false,
        error: { kind: 'not-found', message: 'Order 7 was not found.' },
      });
    });

    it('passes an AppError with its extra fields', async () => {
      handlers['notifier:check-now'].mockResolvedValueOnce(err(appError('rate-limited', 'Clopos asked to slow down.', { status: 429, retryAfterMs: 30_000 })));
      expect(await ipcMain.invoke('notifier:check-now', undefined)).toEqual({
        ok: false,
        error: { kind: 'rate-limited', message: 'Clopos asked to slow down.', status: 429, retryAfterMs: 30_000 },
      });
    });

    it('turns an unexpected exception into "internal" without its message, and logs it', async () => {
      handlers['notifier:get-state'].mockRejectedValueOnce(new Error('ECONNRESET while sending client_secret=abc'));
      const reply = await ipcMain.invoke('notifier:get-state', undefined);
      expect(reply).toEqual({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/log/) } });
      expect(JSON.stringify(reply)).not.toContain('ECONNRESET');
      expect(log).toHaveBeenCalledWith('error', expect.stringContaining('ECONNRESET'));
    });

    it('treats a thrown AppError-shaped value as a bug too: handlers answer with Results', async () => {
      handlers['notifier:check-now'].mockRejectedValueOnce(appError('rate-limited', 'Clopos asked to slow down.'));
      expect(await ipcMain.invoke('notifier:check-now', undefined)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    });

    it('survives a handler that throws synchronously or throws a non-Error', async () => {
      handlers['notifier:get-state'].mockImplementationOnce(() => {
        throw 'a string';
      });
      expect(await ipcMain.invoke('notifier:get-state', undefined)).toMatchObject({ ok: false, error: { kind: 'internal' } });
      handlers['notifier:get-state'].mockRejectedValueOnce(undefined);
      expect(await ipcMain.invoke('notifier:get-state', undefined)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    });

    it('removes a registered secret from an error message', async () => {
      handlers['notifier:test-connection'].mockResolvedValueOnce(err(appError('auth', 'Clopos refused s3cr3t-client-value')));
      const reply = await ipcMain.invoke('notifier:test-connection', {});
      expect(JSON.stringify(reply)).not.toContain('s3cr3t-client-value');
      expect(reply).toMatchObject({ ok: false, error: { kind: 'auth' } });
    });
  });

  it('removes every handler with the function it returns', () => {
    ipcMain.reset();
    const unregister = registerInvokeHandlers(ipcMain, handlers, () => true);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('does not compile, and refuses to start, without a handler for every channel', () => {
    ipcMain.reset();
    const { 'notifier:check-for-updates': _missing, ...incomplete } = handlers;
    // @ts-expect-error a handler table without notifier:check-for-updates is not an InvokeHandlers
    expect(() => registerInvokeHandlers(ipcMain, incomplete, () => true)).toThrow(/notifier:check-for-updates/);
  });

  it('does not compile with a handler of the wrong response type', () => {
    const wrong = { ...handlers, 'notifier:get-state': async () => 'not a snapshot' };
    // @ts-expect-error get-state must resolve to an EngineSnapshot
    const table: InvokeHandlers = wrong;
    expect(table).toBeDefined();
  });

  it('accepts the real Electron ipcMain', () => {
    expectTypeOf<IpcMain>().toExtend<InvokeRegistrar>();
    expectTypeOf<IpcMainInvokeEvent>().toExtend<InvokeEvent>();
    expectTypeOf<ElectronWebContents>().toExtend<EventReceiver>();
  });
});

describe('sendEvent', () => {
  it('sends a contract event to the window', () => {
    expect(sendEvent(window.webContents, 'notifier:select-order', { id: 'A-002' })).toBe(true);
    expect(sendEvent(window.webContents, 'notifier:alarm', { action: 'play', kind: 'order' })).toBe(true);
    expect(recorder.sent).toEqual([
      { windowId: window.id, channel: 'notifier:select-order', payload: { id: 'A-002' } },
      { windowId: window.id, channel: 'notifier:alarm', payload: { action: 'play', kind: 'order' } },
    ]);
  });

  it('skips a destroyed window instead of throwing', () => {
    window.destroy();
    expect(sendEvent(window.webContents, 'notifier:state', snapshot)).toBe(false);
    expect(recorder.sent).toEqual([]);
  });

  it('only compiles with the payload of the event', () => {
    // @ts-expect-error select-order carries { id }
    sendEvent(window.webContents, 'notifier:select-order', { orderId: 'A-002' });
    // @ts-expect-error not an event of the contract
    sendEvent(window.webContents, 'notifier:anything', {});
  });
});

describe('closeLibraryChannels', () => {
  it("removes electron-store's unchecked renderer channel", async () => {
    const { default: Store } = await import('electron-store');
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ipc-store-'));
    new Store({ cwd, name: 'probe' });
    expect(ipcMain.listenerCount('electron-store-get-data')).toBe(1);
    closeLibraryChannels(ipcMain);
    expect(ipcMain.listenerCount('electron-store-get-data')).toBe(0);
    rmSync(cwd, { recursive: true, force: true });
  });
});
