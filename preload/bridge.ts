/**
 * Builds `window.notifier` from the contract's method table over a transport: ipcRenderer in the
 * app (preload/index.ts), a loopback HTTP transport in the browser preview (preview/browser-bridge.ts).
 * The page gets one function per contract channel and `on()` for the contract's events — never the
 * transport, never a way to name an arbitrary channel, and never the transport's event object
 * (whose `sender` would hand the page ipcRenderer back). Imports nothing but the channel tables.
 */
import { EVENT_CHANNELS, bridgeMethods } from '../common/channels';
import type { EventChannel, EventPayloads, NotifierBridge } from '../common/contract';
import type { Result } from '../common/result';

/** The parts of ipcRenderer the bridge uses; the first listener argument is the transport's event object, never passed on. */
export interface BridgeTransport<Ev = unknown> {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: Ev, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: Ev, ...args: unknown[]) => void): unknown;
}

const NO_ANSWER: Result<never> = {
  ok: false,
  error: { kind: 'internal', message: 'The app did not answer. Restart it if this keeps happening.' },
};

const isEventChannel = (value: unknown): value is EventChannel =>
  typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);

export function buildBridge<Ev>(ipc: BridgeTransport<Ev>): NotifierBridge {
  const methods: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const [method, channel] of Object.entries(bridgeMethods)) {
    // Exactly one argument is forwarded whatever the page passes; main validates it. A rejected
    // invoke (no handler yet, window closing) becomes a value, as the contract promises.
    methods[method] = (request?: unknown) => ipc.invoke(channel, request).catch(() => NO_ANSWER);
  }
  const on = <E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): (() => void) => {
    if (!isEventChannel(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const forward = (_event: Ev, payload: unknown) => listener(payload as EventPayloads[E]);
    ipc.on(event, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(event, forward);
    };
  };
  // The table has one entry per bridge method (the contract checks that), each forwarding to its channel.
  return Object.freeze({ ...methods, on }) as unknown as NotifierBridge;
}

