import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { NotifierBridge, SettingsView } from '../../common/contract';
import type { ReportRange } from '../../common/report';
import { createAlarmPlayer, type AlarmPlayer } from './alarm/alarm-player';
import { useAlarm } from './alarm/use-alarm';
import { BridgeContext } from './bridge';
import { ConfirmDialog } from './confirm-dialog';
import { I18nProvider, useI18n } from './i18n/i18n';
import { Onboarding } from './onboarding/onboarding';
import { OrderBoard, type BoardView } from './orders/order-board';
import { NewOrderCard } from './orders/new-order-card';
import { OrderDetail } from './orders/order-detail';
import { SlipScreen } from './orders/order-slip';
import { LanguageSelect } from './settings/language-select';
import { SettingsScreen } from './settings/settings-screen';
import { useNotifierState, type NotifierState } from './state/use-notifier-state';
import { HealthBanner } from './status/health-banner';
import { PausedBanner } from './status/paused-banner';
import { PrintProblemBanner } from './status/print-problem-banner';
import { SilentStrip } from './status/silent-strip';
import { StartupError } from './status/startup-error';
import { StatusBar } from './status/status-bar';

type Route =
  | { screen: 'board' }
  | { screen: 'detail'; id: string; venueId?: string; from?: 'report' }
  | { screen: 'slip'; orderId: string; venueId: string | undefined; from?: 'report' }
  | { screen: 'settings' }
  | { screen: 'report' };

/** The owner's report (and uPlot) load on first use: the counter's board starts without them. */
const ReportScreen = lazy(() => import('./report/report-screen'));

/** Onboarding until the user chose a path and, for a live connection, the credentials are complete. */
export function needsOnboarding(view: SettingsView): boolean {
  const { settings, secrets } = view;
  if (!settings.onboarded) return true;
  if (settings.mode === 'demo') return false;
  const { connection } = settings;
  const signIn = connection.api === 'v2' ? connection.integratorId.trim() !== '' : connection.venues.length > 0;
  return !(connection.brand.trim() && connection.clientId.trim() && signIn && (secrets.clientSecret || secrets.token));
}

/**
 * When this window saw polling pause (the snapshot carries no time for it); null while checking,
 * and when it was already paused as the window opened. `paused` is null until the first snapshot.
 */
function usePausedSince(paused: boolean | null): number | null {
  const [seen, setSeen] = useState<{ paused: boolean | null; since: number | null }>({ paused, since: null });
  if (seen.paused !== paused) {
    const next = { paused, since: paused && seen.paused === false ? Date.now() : null };
    setSeen(next);
    return next.since;
  }
  return seen.since;
}

export function App({ bridge, alarmPlayer }: { bridge: NotifierBridge; alarmPlayer?: AlarmPlayer }) {
  const state = useNotifierState(bridge);
  const language = state.settingsView?.settings.language ?? 'en';
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <BridgeContext.Provider value={bridge}>
      <I18nProvider language={language}>
        <Shell bridge={bridge} state={state} alarmPlayer={alarmPlayer} />
      </I18nProvider>
    </BridgeContext.Provider>
  );
}

function Shell({ bridge, state, alarmPlayer }: { bridge: NotifierBridge; state: NotifierState; alarmPlayer: AlarmPlayer | undefined }) {
  const { t, language } = useI18n();
  const { snapshot, settingsView, appInfo, applySnapshot, applySettingsView } = state;
  const player = useMemo(() => alarmPlayer ?? createAlarmPlayer(), [alarmPlayer]);
  const alarm = useAlarm(bridge, player, settingsView?.settings.alerts ?? null, applySnapshot);
  const [route, setRoute] = useState<Route>({ screen: 'board' });
  const [boardView, setBoardView] = useState<BoardView>({ filter: 'pending', query: '' });
  const [returnFocus, setReturnFocus] = useState<{ id: string } | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const pausedSince = usePausedSince(snapshot ? snapshot.paused : null);
  const [settingsDirty, setSettingsDirty] = useState(false);
  const [leaveTo, setLeaveTo] = useState<Route | null>(null);
  const [reportRange, setReportRange] = useState<ReportRange>('today');

  useEffect(
    () =>
      bridge.on('notifier:select-order', ({ id }) => {
        setRoute({ screen: 'detail', id });
      }),
    [bridge],
  );

  // A new screen takes focus at its heading, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (route.screen === 'board') return;
    mainRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [route]);

  const waiting = snapshot?.pending.filter((o) => !o.acknowledged).length ?? 0;
  const toAcceptOnPos = (snapshot?.pending.length ?? 0) - waiting;

  // After a reload (or a renderer crash) the alarm picks up where main is: main only sends "play"
  // on the next announcement, and until then an unseen order must not be silent.
  const alarmResumed = useRef(false);
  useEffect(() => {
    if (alarmResumed.current || !snapshot || !settingsView) return;
    alarmResumed.current = true;
    if (snapshot.alarmActive && snapshot.mutedUntil === null) alarm.resume('order');
  }, [snapshot, settingsView, alarm]);
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) ${t.appTitle}` : t.appTitle;
  }, [waiting, t]);

  const acknowledge = useCallback(
    async (id: string) => {
      const reply = await bridge.acknowledge({ id });
      if (reply.ok) applySnapshot(reply.value);
    },
    [bridge, applySnapshot],
  );
  const acknowledgeAll = useCallback(async () => {
    const reply = await bridge.acknowledgeAll();
    if (reply.ok) applySnapshot(reply.value);
  }, [bridge, applySnapshot]);
  const checkNow = useCallback(async () => {
    const reply = await bridge.checkNow();
    if (reply.ok) applySnapshot(reply.value);
  }, [bridge, applySnapshot]);
  const setPaused = useCallback(
    async (paused: boolean) => {
      const reply = await bridge.setPollingPaused({ paused });
      if (reply.ok) applySnapshot(reply.value);
    },
    [bridge, applySnapshot],
  );
  const resumeAlerts = async () => {
    const reply = await bridge.resumeAlerts();
    if (reply.ok) applySnapshot(reply.value);
  };
  const openOrder = useCallback((id: string) => setRoute({ screen: 'detail', id }), []);
  /** Leaving Settings with unsaved edits asks first. An order opened from a notification does not wait for that. */
  const navigate = (next: Route) => {
    if (route.screen === 'settings' && next.screen !== 'settings' && settingsDirty) setLeaveTo(next);
    else setRoute(next);
  };
  const backToBoard = (id: string | null) => {
    setRoute({ screen: 'board' });
    if (id) setReturnFocus({ id });
  };

  if (state.loadError && (!settingsView || !snapshot)) {
    return <StartupError error={state.loadError} onRetry={state.reload} />;
  }
  if (!settingsView || !snapshot) {
    return (
      <main className="app-message">
        <p role="status">{t.loading}</p>
      </main>
    );
  }

  const settings = settingsView.settings;
  const demo = settings.mode === 'demo' || Boolean(appInfo?.demo);
  const onboarding = needsOnboarding(settingsView);

  /** Back from an order opened from the report goes to the report; otherwise to the board. */
  const leaveDetail = (detail: { id: string; from?: 'report' }) => (detail.from === 'report' ? setRoute({ screen: 'report' }) : backToBoard(detail.id));
  const onReport = route.screen === 'report' || ((route.screen === 'detail' || route.screen === 'slip') && route.from === 'report');

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (route.screen === 'detail') leaveDetail(route);
    else if (route.screen === 'slip') setRoute({ screen: 'detail', id: route.orderId, venueId: route.venueId, from: route.from });
  };

  return (
    <div className={`app ${demo ? 'is-demo' : ''}`} onKeyDown={onKeyDown}>
      <header className="top-bar">
        <h1 className="app-title">{t.appTitle}</h1>
        {demo && (
          <span className="demo-badge" title={t.demoExplain}>
            {t.demoBadge}
          </span>
        )}
        {!onboarding && (
          <nav className="nav" aria-label={t.appTitle}>
            <button
              type="button"
              className="nav-button"
              aria-current={route.screen !== 'settings' && !onReport ? 'page' : undefined}
              onClick={() => navigate({ screen: 'board' })}
            >
              {t.navOrders}
            </button>
            {/* Below 1280 px only its chart icon shows: the header stays one line beside the counts and Mute. */}
            <button
              type="button"
              className="nav-button nav-report"
              title={t.report.nav}
              aria-current={onReport ? 'page' : undefined}
              onClick={() => navigate({ screen: 'report' })}
            >
              <svg className="nav-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M1 15h14v-1.5H1zM2 12.5h3V7H2zm4.5 0h3V2h-3zm4.5 0h3V5h-3z" />
              </svg>
              <span className="nav-report-text">{t.report.nav}</span>
            </button>
            <button
              type="button"
              className="nav-button"
              aria-current={route.screen === 'settings' ? 'page' : undefined}
              onClick={() => setRoute({ screen: 'settings' })}
            >
              ⚙ {t.navSettings}
            </button>
          </nav>
        )}
        {!onboarding && (
          <span className="who-acts">
            {waiting > 0 && <span className="count-pill is-unseen">{t.notSeenCount(waiting)}</span>}
            {toAcceptOnPos > 0 && <span className="count-pill is-pos">{t.waitingForPosCount(toAcceptOnPos)}</span>}
          </span>
        )}
        <span className="spacer" />
        {alarm.playing && (
          <span className={`alarm-indicator alarm-${alarm.playing}`} role="status">
            ♪ <span className="alarm-indicator-text">{t.alarmSounding}</span>
          </span>
        )}
        {!onboarding && snapshot.mutedUntil === null && (alarm.playing || waiting > 0) && (
          <button type="button" className="button" onClick={() => void alarm.muteFiveMinutes()}>
            {t.muteFiveMinutes}
          </button>
        )}
        {onboarding && (
          <LanguageSelect
            className="language-select"
            label={t.language}
            value={language}
            onChange={(next) => void bridge.setSettings({ language: next }).then((reply) => reply.ok && applySettingsView(reply.value))}
          />
        )}
      </header>
      {!onboarding && (
        <SilentStrip snapshot={snapshot} alerts={settings.alerts} onResume={() => void resumeAlerts()} onOpenSettings={() => navigate({ screen: 'settings' })} />
      )}
      {!onboarding && <HealthBanner health={snapshot.health} onCheckNow={() => void checkNow()} onOpenSettings={() => setRoute({ screen: 'settings' })} />}
      {!onboarding && appInfo && !appInfo.notificationsSupported && (
        <div className="warning-box no-notifications" role="alert">
          <p>⚠ {t.notificationsUnsupported}</p>
        </div>
      )}
      {!onboarding && <PrintProblemBanner bridge={bridge} appInfo={appInfo} onAppInfo={state.applyAppInfo} />}
      {!onboarding && snapshot.paused && <PausedBanner since={pausedSince} onResume={() => void setPaused(false)} />}
      <main className="screen" ref={mainRef}>
        {onboarding ? (
          <Onboarding
            bridge={bridge}
            view={settingsView}
            onView={applySettingsView}
            platform={appInfo?.platform ?? null}
            onTestSound={() => alarm.testSound(settings.alerts.volume)}
          />
        ) : (
          <>
            <div className="board-holder" hidden={route.screen !== 'board'}>
              <OrderBoard
                snapshot={snapshot}
                settings={settings}
                view={boardView}
                onViewChange={setBoardView}
                onOpen={openOrder}
                onAcknowledge={acknowledge}
                onAcknowledgeAll={() => void acknowledgeAll()}
                returnFocus={route.screen === 'board' ? returnFocus : null}
              />
            </div>
            {route.screen === 'detail' && (
              <OrderDetail
                key={route.id}
                bridge={bridge}
                id={route.id}
                venueId={route.venueId}
                backLabel={route.from === 'report' ? t.report.backToReport : undefined}
                snapshot={snapshot}
                settings={settings}
                onBack={() => leaveDetail(route)}
                onOpenSlip={(venueId) => setRoute({ screen: 'slip', orderId: route.id, venueId, from: route.from })}
                onSnapshot={applySnapshot}
              />
            )}
            {route.screen === 'slip' && (
              <SlipScreen
                bridge={bridge}
                id={route.orderId}
                venueId={route.venueId}
                snapshot={snapshot}
                settings={settings}
                onBack={() => setRoute({ screen: 'detail', id: route.orderId, venueId: route.venueId, from: route.from })}
              />
            )}
            {route.screen === 'report' && (
              <Suspense fallback={<p role="status">{t.report.loading}</p>}>
                <ReportScreen
                  bridge={bridge}
                  settings={settings}
                  range={reportRange}
                  onRangeChange={setReportRange}
                  ledgerWarning={appInfo?.ledgerWarning ?? null}
                  onBack={() => setRoute({ screen: 'board' })}
                  onOpenOrder={(id, venueId) => setRoute({ screen: 'detail', id, venueId, from: 'report' })}
                />
              </Suspense>
            )}
            {route.screen === 'settings' && (
              <SettingsScreen
                bridge={bridge}
                view={settingsView}
                appInfo={appInfo}
                onView={applySettingsView}
                onTestSound={alarm.testSound}
                onDirtyChange={setSettingsDirty}
              />
            )}
          </>
        )}
      </main>
      {!onboarding && (
        <NewOrderCard
          snapshot={snapshot}
          settings={settings}
          openedId={route.screen === 'detail' ? route.id : route.screen === 'slip' ? route.orderId : null}
          onSeen={(id) => void acknowledge(id)} onOpen={(id) => navigate({ screen: 'detail', id })} />
      )}
      {leaveTo && (
        <ConfirmDialog
          title={t.leaveUnsavedTitle}
          body={t.leaveUnsavedBody}
          confirmLabel={t.discardChanges}
          cancelLabel={t.keepEditing}
          onConfirm={() => {
            setRoute(leaveTo);
            setLeaveTo(null);
          }}
          onCancel={() => setLeaveTo(null)}
        />
      )}
      {!onboarding && (
        <StatusBar
          snapshot={snapshot}
          demo={demo}
          onCheckNow={() => void checkNow()}
          onSetPaused={(paused) => void setPaused(paused)}
          telegram={appInfo?.telegram ?? null}
          onOpenSettings={route.screen === 'settings' ? undefined : () => navigate({ screen: 'settings' })}
        />
      )}
    </div>
  );
}
