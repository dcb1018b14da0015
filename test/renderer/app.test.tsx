// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { FakeBridge } from './fake-bridge';
import { makeOrder, makeSettingsView, makeSnapshot, tracked } from './fixtures';
import { renderApp } from './render-app';

afterEach(cleanup);

const firstRun = () => new FakeBridge({ view: makeSettingsView({ settings: DEFAULT_SETTINGS, secrets: { clientSecret: false, token: false } }) });

describe('app shell', () => {
  it('offers Connect and Demo on first run, and starts the demo through settings', async () => {
    const fake = firstRun();
    renderApp(fake);
    expect(await screen.findByRole('heading', { name: 'Set up the order notifier' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Check now/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start the demo' }));
    await screen.findByRole('button', { name: /Acknowledge all/ });
    expect(fake.callsOf('setSettings')).toEqual([{ mode: 'demo', onboarded: true }]);
    expect(screen.getAllByText('DEMO').length).toBeGreaterThanOrEqual(2);
  });

  it('returns to onboarding when a live connection has no secret', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ secrets: { clientSecret: false, token: false } }) });
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
          since: '2026-03-02T12:03:00Z',
          consecutiveFailures: 4,
          alarmed: true,
        },
      }),
    );
    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText(/NOT RECEIVING ORDERS/)).toBeTruthy();
    expect(within(banner).getByText('Clopos refused the sign-in')).toBeTruthy();
    expect(banner.textContent).toContain('the client secret was refused');
    expect(banner.textContent).toContain('Open Settings and check the client ID');
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
    await waitFor(() => expect(fake.callsOf('pauseAlerts')).toEqual([{ minutes: 5 }]));
    expect(await screen.findByText(/Alerts muted until/)).toBeTruthy();
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

  it('shows paused polling and lets the clerk resume it', async () => {
    const fake = new FakeBridge();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: /Pause checking/ }));
    expect(await screen.findByText(/Checking paused/)).toBeTruthy();
    expect(fake.callsOf('setPollingPaused')).toEqual([{ paused: true }]);
    fireEvent.click(screen.getByRole('button', { name: /Resume checking/ }));
    expect(fake.callsOf('setPollingPaused')).toEqual([{ paused: true }, { paused: false }]);
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
