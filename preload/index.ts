/**
 * The sandboxed preload: exposes exactly one purpose-built object, `window.notifier`, built from
 * the contract's method table (bridge.ts) over ipcRenderer. Bundled into one CommonJS file: a
 * sandboxed preload can `require` nothing but `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../common/channels';
import { buildBridge } from './bridge';

export { buildBridge, type BridgeTransport } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildBridge(ipcRenderer));
