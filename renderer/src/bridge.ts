/**
 * The one place the renderer reaches main: `window.notifier`, exposed by the preload from
 * common/contract.ts. Components get it through `useBridge()` so tests can hand in a fake.
 */
import { createContext, useContext } from 'react';
import { BRIDGE_GLOBAL, type NotifierBridge } from '../../common/contract';

export function readBridge(host: object = window): NotifierBridge | null {
  const candidate: unknown = Reflect.get(host, BRIDGE_GLOBAL);
  if (typeof candidate !== 'object' || candidate === null) return null;
  return typeof Reflect.get(candidate, 'on') === 'function' ? (candidate as NotifierBridge) : null;
}

export const BridgeContext = createContext<NotifierBridge | null>(null);

export function useBridge(): NotifierBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge needs a BridgeContext provider above it');
  return bridge;
}
