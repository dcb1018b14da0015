/**
 * One shared one-second ticker for everything that shows elapsed or remaining time. Only the
 * components that display a time subscribe, so the order list itself never re-renders on a tick.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';

export interface Ticker {
  subscribe(listener: () => void): () => void;
  now(): number;
}

export function createTicker(periodMs = 1000): Ticker {
  const listeners = new Set<() => void>();
  let current = Date.now();
  let handle: ReturnType<typeof setInterval> | null = null;
  const tick = () => {
    current = Date.now();
    for (const listener of listeners) listener();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (handle === null) {
        current = Date.now();
        handle = setInterval(tick, periodMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && handle !== null) {
          clearInterval(handle);
          handle = null;
        }
      };
    },
    now: () => current,
  };
}

export const TickerContext = createContext<Ticker>(createTicker());

/** The current time, updated once per tick of the shared ticker. */
export function useNow(): number {
  const ticker = useContext(TickerContext);
  return useSyncExternalStore(ticker.subscribe, ticker.now);
}
