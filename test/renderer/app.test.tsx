// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineHealth } from '../../common/engine';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { FakeBridge } from './fake-bridge';
import { APP_INFO, connectedSettings, FIXED_NOW, makeOrder, makeSettingsView, makeSnapshot, tracked } from './fixtures';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const OUTAGE: EngineHealth = {
  status: 'problem',
  error: { kind: 'offline', message: 'Could not reach integrations.clopos.com (network is unreachable).' },
  since: Date.parse('2026-03-02T12:03:00Z'),
  consecutiveFailures: 9,
  alarmed: true,
  problems: [
    {
      key: 'connection',
      venueId: null,
      error: { kind: 'offline', message: 'Could not reach integrations.clopos.com (network is unreachable).' },
      since: Date.parse('2026-03-02T12:03:00Z'),
      alarmed: true,
    },
  ],
};
const statusBar = () => document.querySelector('footer.status-bar') as HTMLElement;

const firstRun = () => new FakeBridge({ view: makeSettingsView({ settings: DEFAULT_SETTINGS, secrets: { clientSecret: false, token: false, telegramToken: false } }) });

describe('app shell', () => {
  it('says on the board, loudly, when this PC shows no notifications', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ settings: connectedSettings() }), appInfo: { ...APP_INFO, notificationsSupported: false } });
    renderApp(fake);
    const banner = await screen.findByText(/This PC shows no notifications/);
    expect(banner.closest('[role="alert"]')).not.toBeNull();
    cleanup();
    const working = new FakeBridge({ view: makeSettingsView({ settings: connectedSettings() }) });
    renderApp(working);
    await screen.findByRole('button', { name: /All seen/ });
    expect(screen.queryByText(/This PC shows no notifications/)).toBeNull();
    // The OS starts refusing notifications while the app runs: main says so, the board shows it.
    act(() => working.emit('notifier:app-info', { ...APP_INFO, notificationsSupported: false }));
    expect((await screen.findByText(/This PC shows no notifications/)).closest('[role="alert"]')).not.toBeNull();
    act(() => working.emit('notifier:app-info', APP_INFO));
    await waitFor(() => expect(screen.queryByText(/This PC shows no notifications/)).toBeNull());
  });

  it('offers Connect and Demo on first run, and starts the demo through settings', async () => {
    const fake = firstRun();
    renderApp(fake);
    expect(await screen.findByRole('heading', { name: 'Set up the order notifier' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Check now/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start the demo' }));
    await screen.findByRole('button', { name: /All seen/ });
    expect(fake.callsOf('setSettings')).toEqual([{ mode: 'demo', onboarded: true, startAtLogin: false }]);
    expect(screen.getAllByText('DEMO').length).toBeGreaterThanOrEqual(2);
  });

  it('returns to onboarding when a live connection has no secret', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ secrets: { clientSecret: false, token: false, telegramToken: false } }) });
    renderApp(fake);
    expect(await screen.findByRole('heading', { name: 'Connect to Clopos' })).toBeTruthy();
  });

  it('opens the order detail when main sends select-order', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder())] }) });
    renderApp(fake);
    await screen.findByText('A-001');
    act(() => fake.emit('notifier:select-order', { id: 'ord-1' }));
    expect(await screen.findByRole('heading', { name: 'Order A-001' })).toBeTruthy();
    await waitFor(() => expect(fake.callsOf('getOrder')).toEqual([{ id: 'ord-1', venueId: '1' }]));
    // Escape goes back to the board.
    fireEvent.keyDown(screen.getByRole('heading', { name: 'Order A-001' }), { key: 'Escape' });
    expect(screen.queryByRole('heading', { name: 'Order A-001' })).toBeNull();
  });

  it('shows a banner that says what is wrong and what to do while health is a problem', async () => {
    const fake = new FakeBridge();
    renderApp(fake);
    await screen.findByText('Connected');
    expect(screen.queryByRole('alert')).toBeNull();
    act(() =>
      fake.pushState({
        health: {
          status: 'problem',
          error: { kind: 'auth', message: 'Clopos answered 401: the client secret was refused.' },
          since: Date.parse('2026-03-02T12:03:00Z'),
          consecutiveFailures: 4,
          alarmed: true,
          problems: [],
        },
      }),
    );
    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText(/NOT RECEIVING ORDERS/)).toBeTruthy();
    expect(within(banner).getByText(/Clopos refused the sign-in/)).toBeTruthy();
    // The clerk is told whom to ask; what the owner checks, and main's detail, are one click away.
    expect(banner.textContent).toContain('ask the person who set up this PC');
    const details = banner.querySelector('details.technical-details')!;
    expect(details.hasAttribute('open')).toBe(false);
    expect(details.textContent).toContain('Open Settings and check the client ID');
    expect(details.querySelector('[lang="en"]')?.textContent).toBe('Clopos answered 401: the client secret was refused.');
    fireEvent.click(within(banner).getByRole('button', { name: 'Open settings' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: /Check now/ }));
    expect(fake.callsOf('checkNow')).toHaveLength(1);
  });

  it('plays the alarm kind main asks for at the set volume, stops it, and mutes for 5 minutes', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder())] }) });
    const { player } = renderApp(fake);
    await screen.findByText('A-001');
    act(() => fake.emit('notifier:alarm', { action: 'play', kind: 'escalation' }));
    expect(player.events).toContain('play escalation 0.8');
    expect(screen.getByText(/Alarm sounding/)).toBeTruthy();
    act(() => fake.emit('notifier:alarm', { action: 'stop' }));
    expect(player.events.at(-1)).toBe('stop');
    expect(screen.queryByText(/Alarm sounding/)).toBeNull();

    act(() => fake.emit('notifier:alarm', { action: 'play', kind: 'health' }));
    fireEvent.click(screen.getByRole('button', { name: /Mute 5 minutes/ }));
    expect(player.events.at(-1)).toBe('stop');
    // A real mute: every sound off, new orders too, and the header says so until it ends.
    await waitFor(() => expect(fake.callsOf('muteAlerts')).toEqual([{ minutes: 5 }]));
    expect(fake.callsOf('pauseAlerts')).toEqual([]);
    const strip = await screen.findByText(/ALL SOUND OFF — new orders are silent for/);
    expect(strip.textContent).toMatch(/for (05:00|04:5\d)/);
  });

  it('restarts the alarm from the snapshot after a reload, unless every sound is muted', async () => {
    const waiting = makeSnapshot({ pending: [tracked(makeOrder())], alarmActive: true });
    const first = renderApp(new FakeBridge({ snapshot: waiting }));
    await screen.findByText('A-001');
    // No "play" event came: main sent it before the reload. The snapshot says the alarm is on.
    expect(first.player.events).toContain('play order 0.8');
    expect(screen.getByText(/Alarm sounding/)).toBeTruthy();
    first.unmount();

    const muted = renderApp(new FakeBridge({ snapshot: { ...waiting, mutedUntil: Date.now() + 120_000 } }));
    await screen.findByText('A-001');
    expect(muted.player.events.filter((e) => e.startsWith('play'))).toEqual([]);
  });

  it('says when the alarm sound is off or its volume is 0, on every screen, with the way to Settings', async () => {
    const fake = new FakeBridge();
    fake.view = { ...fake.view, settings: { ...fake.view.settings, alerts: { ...fake.view.settings.alerts, sound: false } } };
    renderApp(fake);
    const off = await screen.findByText(/The alarm sound is turned off: new orders make no sound/);
    fireEvent.click(within(off.closest('.silent-chip') as HTMLElement).getByRole('button', { name: 'Open settings' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByText(/The alarm sound is turned off/)).toBeTruthy();
    act(() => fake.emit('notifier:settings-changed', { ...fake.view, settings: { ...fake.view.settings, alerts: { ...fake.view.settings.alerts, sound: true, volume: 0 } } }));
    expect(await screen.findByText(/The alarm volume is 0: new orders make no sound/)).toBeTruthy();
    expect(screen.queryByText(/The alarm sound is turned off/)).toBeNull();
    act(() => fake.emit('notifier:settings-changed', { ...fake.view, settings: { ...fake.view.settings, alerts: { ...fake.view.settings.alerts, sound: true, volume: 0.5 } } }));
    await waitFor(() => expect(screen.queryByText(/new orders make no sound/)).toBeNull());
  });

  it('counts apart the orders nobody has seen and those seen but still to accept on the POS', async () => {
    const fake = new FakeBridge({
      snapshot: makeSnapshot({
        pending: [tracked(makeOrder({ id: '1', number: 'A-1' })), tracked(makeOrder({ id: '2', number: 'A-2' })), tracked(makeOrder({ id: '3', number: 'A-3' }), { acknowledged: true })],
      }),
    });
    renderApp(fake);
    expect(await screen.findByText('2 not seen')).toBeTruthy();
    expect(screen.getByText('1 to accept on the POS')).toBeTruthy();
    const seenRow = screen.getByText('A-3').closest('li')!;
    // Seen is not done: the row says the POS still has to accept it.
    expect(within(seenRow).getByText('Accept on the POS')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Seen A-1' }));
    expect(await screen.findByText('1 not seen')).toBeTruthy();
    expect(screen.getByText('2 to accept on the POS')).toBeTruthy();
  });

  it('opens a large card for an order that arrives while the window is open, with the comment and payment first, until it is seen', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder({ id: '1', number: 'A-1' }))] }) });
    renderApp(fake);
    await screen.findByText('A-1');
    // Orders already there when the window opened get no card: they are on the board with NEW.
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => fake.addPending(makeOrder({ id: '7', number: 'W-77', source: 'wolt', comment: 'Peanut allergy!', paymentStatus: 'not_paid' })));
    const card = await screen.findByRole('dialog', { name: 'W-77' });
    expect(within(card).getByText('NEW ORDER')).toBeTruthy();
    expect(within(card).getByText('Wolt')).toBeTruthy();
    expect(within(card).getByText(/Peanut allergy!/)).toBeTruthy();
    expect(within(card).getByText('Not paid').className).toContain('pay-unpaid');
    // The comment comes before the lines.
    const text = card.textContent ?? '';
    expect(text.indexOf('Peanut allergy!')).toBeLessThan(text.indexOf('Plov'));
    fireEvent.click(within(card).getByRole('button', { name: 'Seen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsOf('acknowledge')).toEqual([{ id: '7' }]);

    // Later puts a card aside without seeing the order; seen elsewhere (the tray, a toast) it goes too.
    act(() => fake.addPending(makeOrder({ id: '8', number: 'W-78' })));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'W-78' })).getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(screen.getByText('W-78').closest('li')!).getByText('NEW')).toBeTruthy();
    act(() => fake.addPending(makeOrder({ id: '9', number: 'W-79' })));
    await screen.findByRole('dialog', { name: 'W-79' });
    act(() => fake.pushState({ pending: fake.snapshot.pending.map((t) => ({ ...t, acknowledged: true })) }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows a start-up error screen, not "Loading…", when main cannot give the window its state', async () => {
    const fake = new FakeBridge({ failures: { getState: { kind: 'internal', message: 'The engine did not answer.' } } });
    renderApp(fake);
    expect(await screen.findByRole('heading', { name: /The order notifier could not start/ })).toBeTruthy();
    expect(screen.getByText(/Watch the POS for new orders/)).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
    fake.failures = {};
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Connected')).toBeTruthy();
  });

  it('stays silent when the sound is turned off', async () => {
    const fake = new FakeBridge();
    fake.view = { ...fake.view, settings: { ...fake.view.settings, alerts: { ...fake.view.settings.alerts, sound: false } } };
    const { player } = renderApp(fake);
    await screen.findByText('Connected');
    act(() => fake.emit('notifier:alarm', { action: 'play', kind: 'order' }));
    expect(player.events.filter((e) => e.startsWith('play'))).toEqual([]);
  });

  it('switches language at runtime, including dates and numbers', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder({ total: 1234.5 }))] }) });
    renderApp(fake);
    expect(await screen.findByText('1,234.50 AZN')).toBeTruthy();
    act(() => fake.setView({ settings: { ...fake.view.settings, language: 'ru' } }));
    expect(await screen.findByRole('button', { name: 'Вижу A-001' })).toBeTruthy();
    expect(screen.getByText(/1\s234,50 AZN/)).toBeTruthy();
    expect(document.documentElement.lang).toBe('ru');
    act(() => fake.setView({ settings: { ...fake.view.settings, language: 'az' } }));
    expect(await screen.findByRole('button', { name: 'Gördüm A-001' })).toBeTruthy();
    expect(screen.getByText(/1\.234,50 AZN/)).toBeTruthy();
  });

  it('shows the banner in the clerk’s language, with main’s English detail only as a marked secondary line', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ settings: connectedSettings({ language: 'ru' }) }) });
    renderApp(fake);
    await screen.findByText('Подключено');
    act(() => fake.pushState({ health: OUTAGE }));
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('ЗАКАЗЫ НЕ ПОСТУПАЮТ');
    expect(banner.textContent).toContain('Нет подключения к интернету');
    expect(banner.textContent).toContain('Проверьте интернет на этом компьютере');
    const detail = banner.querySelector('.technical-details')!;
    expect(detail.querySelector('summary')?.textContent).toBe('Технические подробности');
    expect(detail.querySelector('[lang="en"]')?.textContent).toBe(OUTAGE.error!.message);
    detail.remove();
    expect(banner.textContent).not.toMatch(/Could not reach|unreachable/);
    expect(statusBar().textContent).toContain('Проблема со связью');
    expect(statusBar().textContent).not.toMatch(/Could not reach/);
  });

  it('asks before pausing order checking, then says everywhere that no orders are checked until resumed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-03-02T12:03:00'));
    const fake = new FakeBridge();
    renderApp(fake);
    expect((await screen.findByText('Connected')).closest('.health')?.className).toContain('health-good');
    fireEvent.click(screen.getByRole('button', { name: 'Pause order checking' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Stop checking for new orders?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'No, keep checking' }));
    expect(fake.callsOf('setPollingPaused')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Pause order checking' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, pause checking' }));
    expect(fake.callsOf('setPollingPaused')).toEqual([{ paused: true }]);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('NOT CHECKING FOR ORDERS — paused since 12:03');
    const health = within(statusBar()).getByText('Not checking (paused)').closest('.health')!;
    expect(health.className).not.toContain('health-good');

    // The banner stays on every screen.
    fireEvent.click(screen.getByRole('button', { name: /Settings/ }));
    await screen.findByRole('heading', { name: 'Settings' });
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: /Resume order checking/ }));
    await waitFor(() => expect(screen.queryByText(/NOT CHECKING FOR ORDERS/)).toBeNull());
    expect(fake.callsOf('setPollingPaused')).toEqual([{ paused: true }, { paused: false }]);
    expect(screen.getByText('Connected').closest('.health')?.className).toContain('health-good');
  });

  it('says checking is paused even when it was paused before the window opened', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ paused: true }) });
    renderApp(fake);
    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('⚠ NOT CHECKING FOR ORDERS')).toBeTruthy();
  });

  it('counts down to the next check, shows the last successful one, and checks now on request', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(FIXED_NOW);
    const fake = new FakeBridge();
    renderApp(fake);
    await act(async () => undefined);
    expect(within(statusBar()).getByText('Next check in 6 s')).toBeTruthy();
    expect(within(statusBar()).getByText(/^Last check \d\d:\d\d:56$/)).toBeTruthy();
    act(() => void vi.advanceTimersByTime(2000));
    expect(within(statusBar()).getByText('Next check in 4 s')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(4000));
    expect(within(statusBar()).getByText('Checking…')).toBeTruthy();

    fake.snapshot = { ...fake.snapshot, lastSuccessAt: FIXED_NOW + 6_000, nextPollAt: FIXED_NOW + 16_000 };
    fireEvent.click(within(statusBar()).getByRole('button', { name: /Check now/ }));
    expect(fake.callsOf('checkNow')).toHaveLength(1);
    expect(await within(statusBar()).findByText(/^Last check \d\d:\d\d:06$/)).toBeTruthy();
    expect(within(statusBar()).getByText('Next check in 10 s')).toBeTruthy();

    // While a check runs, Check now waits for it.
    act(() => fake.pushState({ polling: true }));
    expect(within(statusBar()).getByRole('button', { name: /Check now/ })).toHaveProperty('disabled', true);
  });

  it('shows the pace of checking in effect and why, in the language chosen', async () => {
    const fake = new FakeBridge();
    renderApp(fake);
    await act(async () => undefined);
    act(() => fake.pushState({ cadence: { mode: 'auto', intervalMs: 3_000, reason: 'fastest' } }));
    expect(within(statusBar()).getByText('Every 3 s')).toBeTruthy();
    act(() => fake.pushState({ cadence: { mode: 'auto', intervalMs: 8_200, reason: 'shared' } }));
    expect(within(statusBar()).getByText('Every 8 s — quota shared with other PCs')).toBeTruthy();
    act(() => fake.pushState({ cadence: { mode: 'auto', intervalMs: 20_000, reason: 'budget-low' } }));
    expect(within(statusBar()).getByText('Every 20 s — request quota low')).toBeTruthy();
    act(() => fake.pushState({ cadence: { mode: 'auto', intervalMs: 4_000, reason: 'hourly-limit' } }));
    expect(within(statusBar()).getByText('Every 4 s — hourly request limit')).toBeTruthy();
    act(() => fake.pushState({ cadence: { mode: 'fixed', intervalMs: 10_000, reason: 'fixed' } }));
    expect(within(statusBar()).getByText('Every 10 s (fixed)')).toBeTruthy();
    act(() => fake.setView({ settings: { ...fake.view.settings, language: 'ru' } }));
    act(() => fake.pushState({ cadence: { mode: 'auto', intervalMs: 8_000, reason: 'shared' } }));
    expect(await within(statusBar()).findByText('Каждые 8 с — лимит общий с другими ПК')).toBeTruthy();
  });

  it('labels the last check as the last successful one while checks fail', async () => {
    const fake = new FakeBridge();
    renderApp(fake);
    await screen.findByText('Connected');
    act(() => fake.pushState({ health: { ...OUTAGE, status: 'ok', alarmed: false, consecutiveFailures: 1 } }));
    expect(within(statusBar()).getByText(/^Last successful check \d\d:\d\d:56$/)).toBeTruthy();
    expect(within(statusBar()).getByText('Last check failed: No internet connection').closest('.health')?.className).toContain('health-warn');
    act(() => fake.pushState({ health: OUTAGE }));
    expect(within(statusBar()).getByText(/^Last successful check/)).toBeTruthy();
    act(() => fake.pushState({ health: { status: 'ok', error: null, since: null, consecutiveFailures: 0, alarmed: false, problems: [] } }));
    expect(within(statusBar()).getByText(/^Last check \d/)).toBeTruthy();
  });

  it('unsubscribes from every event when it unmounts', async () => {
    const fake = new FakeBridge();
    const { unmount } = renderApp(fake);
    await screen.findByText('Connected');
    unmount();
    for (const event of ['notifier:state', 'notifier:select-order', 'notifier:alarm', 'notifier:settings-changed'] as const) {
      expect(fake.listenerCount(event)).toBe(0);
    }
  });
});
