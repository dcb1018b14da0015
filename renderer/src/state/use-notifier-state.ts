import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, NotifierBridge, SettingsView } from '../../../common/contract';
import type { EngineSnapshot } from '../../../common/engine';
import type { AppError } from '../../../common/result';

export interface NotifierState {
  snapshot: EngineSnapshot | null;
  settingsView: SettingsView | null;
  appInfo: AppInfo | null;
  loadError: AppError | null;
  applySnapshot(snapshot: EngineSnapshot): void;
  applySettingsView(view: SettingsView): void;
  applyAppInfo(info: AppInfo): void;
  reload(): void;
}

/**
 * Loads the snapshot, settings and app info once and then follows main's events. A pushed event
 * always wins over a slower initial reply, so a stale `getState` answer never hides a new order.
 */
export function useNotifierState(bridge: NotifierBridge): NotifierState {
  const [snapshot, setSnapshot] = useState<EngineSnapshot | null>(null);
  const [settingsView, setSettingsView] = useState<SettingsView | null>(null);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const pushed = useRef({ state: false, settings: false });

  useEffect(() => {
    const offState = bridge.on('notifier:state', (next) => {
      pushed.current.state = true;
      setSnapshot(next);
    });
    const offSettings = bridge.on('notifier:settings-changed', (next) => {
      pushed.current.settings = true;
      setSettingsView(next);
    });
    const offInfo = bridge.on('notifier:app-info', (next) => setAppInfo(next));
    return () => {
      offState();
      offSettings();
      offInfo();
    };
  }, [bridge]);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    void Promise.all([bridge.getSettings(), bridge.getState(), bridge.getAppInfo()]).then(([settings, state, info]) => {
      if (!live) return;
      if (settings.ok && !pushed.current.settings) setSettingsView(settings.value);
      if (state.ok && !pushed.current.state) setSnapshot(state.value);
      if (info.ok) setAppInfo(info.value);
      const failed = [settings, state].find((reply) => !reply.ok);
      if (failed && !failed.ok) setLoadError(failed.error);
    });
    return () => {
      live = false;
    };
  }, [bridge, attempt]);

  return {
    snapshot,
    settingsView,
    appInfo,
    loadError,
    applySnapshot: useCallback((next: EngineSnapshot) => setSnapshot(next), []),
    applySettingsView: useCallback((next: SettingsView) => setSettingsView(next), []),
    applyAppInfo: useCallback((next: AppInfo) => setAppInfo(next), []),
    reload: useCallback(() => setAttempt((n) => n + 1), []),
  };
}
