import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build, type Rolldown } from 'vite';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, EVENT_CHANNELS, bridgeMethods, type NotifierBridge } from '../../common/contract';
import * as fakeElectron from '../mocks/electron';
import { contextBridge, ipcRenderer } from '../mocks/electron';

vi.mock('electron', () => import('../mocks/electron'));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the page sees as window.notifier once the preload ran (it runs once per module load). */
async function loadBridge(): Promise<NotifierBridge> {
  await import('../../preload/index');
  return contextBridge.exposed.get(BRIDGE_GLOBAL) as NotifierBridge;
}

beforeEach(() => {
  ipcRenderer.invocations = [];
  ipcRenderer.removeAllListeners();
  ipcRenderer.invokeImpl = async (channel) => ({ ok: true, value: `reply to ${channel}` });
});

describe('preload bridge', () => {
  it('exposes exactly one object, window.notifier', async () => {
    await loadBridge();
    expect([...contextBridge.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
  });

  it('has one method per contract channel plus on(), and nothing else', async () => {
    const bridge = await loadBridge();
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(bridgeMethods), 'on'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('never hands out ipcRenderer or a generic invoke/send', async () => {
    const bridge = await loadBridge() as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(bridge)) {
      expect(value).not.toBe(ipcRenderer);
      expect(typeof value, name).toBe('function');
    }
    for (const generic of ['invoke', 'send', 'sendSync', 'postMessage', 'ipcRenderer', 'removeAllListeners']) {
      expect(bridge).not.toHaveProperty(generic);
    }
  });

  it.each(Object.entries(bridgeMethods))('%s invokes %s and resolves to main\'s reply', async (method, channel) => {
    const bridge = await loadBridge();
    const call = (bridge as unknown as Record<string, (request?: unknown) => Promise<unknown>>)[method];
    const request = { probe: method };
    expect(await call?.(request)).toEqual({ ok: true, value: `reply to ${channel}` });
    expect(ipcRenderer.invocations).toEqual([{ channel, payload: request }]);
  });

  it('forwards exactly one argument whatever the page passes', async () => {
    const { buildBridge } = await import('../../preload/index');
    const transport = { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() };
    const bridge = buildBridge(transport) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await bridge.acknowledge?.({ id: 'A-1' }, 'notifier:set-secret', { name: 'token' });
    await bridge.getState?.();
    expect(transport.invoke.mock.calls).toEqual([
      ['notifier:acknowledge', { id: 'A-1' }],
      ['notifier:get-state', undefined],
    ]);
  });

  it('turns a failed invoke into an error value instead of a rejection', async () => {
    ipcRenderer.invokeImpl = async () => {
      throw new Error("Error invoking remote method 'notifier:get-state': No handler registered");
    };
    const bridge = await loadBridge();
    expect(await bridge.getState()).toEqual({ ok: false, error: { kind: 'internal', message: expect.any(String) } });
  });

  describe('on()', () => {
    it('delivers only the payload of a contract event, never the IPC event', async () => {
      const bridge = await loadBridge();
      const listener = vi.fn();
      bridge.on('notifier:select-order', listener);
      const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
      ipcRenderer.emit('notifier:select-order', ipcEvent, { id: 'A-002' });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener.mock.calls[0]).toEqual([{ id: 'A-002' }]);
    });

    it('subscribes to every contract event', async () => {
      const bridge = await loadBridge();
      for (const event of EVENT_CHANNELS) {
        const listener = vi.fn();
        bridge.on(event, listener);
        ipcRenderer.emit(event, {}, { event });
        expect(listener).toHaveBeenCalledWith({ event });
      }
    });

    it('returns an unsubscribe function that can be called twice', async () => {
      const bridge = await loadBridge();
      const listener = vi.fn();
      const other = vi.fn();
      const unsubscribe = bridge.on('notifier:alarm', listener);
      bridge.on('notifier:alarm', other);
      unsubscribe();
      unsubscribe();
      ipcRenderer.emit('notifier:alarm', {}, { action: 'stop' });
      expect(listener).not.toHaveBeenCalled();
      expect(other).toHaveBeenCalledTimes(1);
      expect(ipcRenderer.listenerCount('notifier:alarm')).toBe(1);
    });

    it.each(['notifier:get-state', 'electron-store-get-data', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 42])(
      'refuses to subscribe to %s',
      async (channel) => {
        const bridge = await loadBridge();
        const subscribe = bridge.on as (event: unknown, listener: () => void) => () => void;
        expect(() => subscribe(channel, () => undefined)).toThrow(TypeError);
        expect(ipcRenderer.eventNames()).toEqual([]);
      },
    );

    it('refuses a listener that is not a function', async () => {
      const bridge = await loadBridge();
      const subscribe = bridge.on as (event: unknown, listener: unknown) => () => void;
      expect(() => subscribe('notifier:state', 'alert(1)')).toThrow(TypeError);
    });
  });
});

describe('preload bundle', () => {
  // Same options as scripts/build.mjs uses for the preload, built in memory so the test does not
  // race other tests that write dist/.
  async function bundle(): Promise<string> {
    const output = (await build({
      configFile: false,
      root,
      logLevel: 'silent',
      build: {
        ssr: path.join(root, 'preload/index.ts'),
        write: false,
        target: (await import(path.join(root, 'scripts', 'vite-targets.mjs')) as { targets: { node: string } }).targets.node,
        minify: false,
        rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.cjs' } },
      },
      ssr: { noExternal: true, target: 'node' },
    })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
    expect(chunks).toHaveLength(1);
    return (chunks[0] as Rolldown.OutputChunk).code;
  }

  it('is one CommonJS file that requires nothing but electron and runs where only electron can be required', async () => {
    const code = await bundle();
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(/);

    contextBridge.exposed.clear();
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    const bridge = contextBridge.exposed.get(BRIDGE_GLOBAL) as NotifierBridge;
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(bridgeMethods), 'on'].sort());
  }, 60_000);
});
