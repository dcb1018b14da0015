/**
 * `window.notifier` in the browser preview: the same bridge the preload builds (preload/bridge.ts),
 * over the preview server's loopback transport instead of Electron's IPC. The per-run token comes
 * from the address' fragment (`#token=…`, never sent in a request line) and is kept for reloads of
 * this tab only. Loaded by the preview page before the app; never part of the packaged app.
 */
import { BRIDGE_GLOBAL, EVENT_CHANNELS } from '../common/channels';
import { buildBridge, type BridgeTransport } from '../preload/bridge';

const TOKEN_HEADER = 'x-notifier-preview-token';
const TOKEN_KEY = 'notifier-preview-token';
/** Every invoke has a deadline, as every IPC call in the app has: a stuck server is an answer too. */
const INVOKE_TIMEOUT_MS = 30_000;

function previewToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Listener = (event: null, ...args: unknown[]) => void;

function loopbackTransport(token: string): BridgeTransport<null> {
  const listeners = new Map<string, Set<Listener>>();
  const events = new EventSource(`/events?token=${encodeURIComponent(token)}`);
  for (const channel of EVENT_CHANNELS) {
    events.addEventListener(channel, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const listener of listeners.get(channel) ?? []) listener(null, payload);
    });
  }
  return {
    async invoke(channel, ...args) {
      const response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        // ipcRenderer sends `undefined` as it is; JSON cannot, so a missing request is no argument at all.
        body: JSON.stringify({ args: args.length === 1 && args[0] === undefined ? [] : args }),
        signal: AbortSignal.timeout(INVOKE_TIMEOUT_MS),
      });
      return response.json();
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
}

Object.defineProperty(window, BRIDGE_GLOBAL, { value: buildBridge(loopbackTransport(previewToken())), writable: false, configurable: false });
