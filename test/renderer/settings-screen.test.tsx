// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { FakeBridge } from './fake-bridge';
import { APP_INFO, connectedSettings, makeSettingsView } from './fixtures';
import { renderApp, scrolledIntoView } from './render-app';

afterEach(cleanup);

async function openSettings(fake: FakeBridge) {
  const rendered = renderApp(fake);
  fireEvent.click(await screen.findByRole('button', { name: /Settings/ }));
  await screen.findByRole('heading', { name: 'Settings' });
  return rendered;
}

const field = (name: string) => screen.getByLabelText(name, { exact: false }) as HTMLInputElement;
const errorOf = (input: HTMLElement) => input.closest('.form-field')?.querySelector('.field-error')?.textContent ?? null;
const saveSettings = () => fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
const savedPatches = (fake: FakeBridge) => fake.callsOf('setSettings') as Array<Record<string, unknown>>;

const FAILED_AUTH = {
  ok: false,
  steps: [
    { id: 'config' as const, ok: true, message: 'Settings are complete.' },
    { id: 'auth' as const, ok: false, message: 'Clopos answered 401 authentication_failed.' },
    { id: 'orders' as const, ok: false, message: 'Not tried: an earlier step failed.' },
  ],
  advice: ['Check the client secret with Clopos support.'],
  warnings: ['The venue list is empty; the key’s venue is used.'],
};

describe('settings screen', () => {
  it('shows an error next to each invalid field, saves nothing, and takes the user to the first one', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('How often to check'), { target: { value: 'fixed' } });
    fireEvent.change(field('Check every (seconds)'), { target: { value: '2' } });
    fireEvent.change(field('Receipt link template'), { target: { value: 'ftp://bo.example/{id}' } });
    fireEvent.change(field('Decimals'), { target: { value: '' } });
    saveSettings();

    expect(errorOf(field('Check every (seconds)'))).toContain('Enter a whole number from 3 to 300');
    expect(errorOf(field('Receipt link template'))).toContain('http:// or https://');
    expect(errorOf(field('Decimals'))).toContain('from 0 to 4');
    expect(field('Check every (seconds)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Fix the marked fields/)).toBeTruthy();
    expect(fake.callsOf('setSettings')).toEqual([]);
    // The first invalid field may be far above the sticky Save: it is brought into view and focused.
    expect(document.activeElement).toBe(field('Check every (seconds)'));
    expect(scrolledIntoView.at(-1)).toBe(field('Check every (seconds)'));

    fireEvent.change(field('Receipt link template'), { target: { value: 'https://bo.example/receipts' } });
    expect(errorOf(field('Receipt link template'))).toContain('must contain {id}');
  });

  it('saves every general setting in one patch', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.click(field('Start when this PC starts'));
    fireEvent.click(field('Start hidden in the tray'));
    fireEvent.change(field('How often to check'), { target: { value: 'fixed' } });
    fireEvent.change(field('Check every (seconds)'), { target: { value: '15' } });
    fireEvent.click(field('Play the alarm sound'));
    fireEvent.change(field('Volume'), { target: { value: '35' } });
    fireEvent.change(field('Remind every (seconds)'), { target: { value: '45' } });
    fireEvent.change(field('Urgent after (minutes)'), { target: { value: '5' } });
    fireEvent.change(field('Group into one notification'), { target: { value: '6' } });
    fireEvent.change(field('Currency label'), { target: { value: '₼' } });
    fireEvent.change(field('Decimals'), { target: { value: '0' } });
    fireEvent.change(field('Receipt link template'), { target: { value: 'https://bo.example/r/{id}' } });
    fireEvent.click(field('Allow rejecting orders'));
    fireEvent.keyDown(field('Shortcut that stops the alarm'), { key: 'F9', code: 'F9', ctrlKey: true, altKey: true });
    fireEvent.click(field('Bring this window to the front on a new order'));
    fireEvent.click(field('Keep this window on top while an order is not seen'));
    // The printers come from this PC (main asks Electron).
    await screen.findByRole('option', { name: 'XPrinter 80 mm (counter)' });
    fireEvent.change(field('Printer'), { target: { value: 'XP-80C' } });
    fireEvent.change(field('Paper width'), { target: { value: '58' } });
    fireEvent.click(field('Print a slip for each new order'));
    saveSettings();
    expect(await screen.findByText(/Settings saved/)).toBeTruthy();
    expect(savedPatches(fake)).toEqual([
      {
        startAtLogin: true,
        startHidden: true,
        alarmShortcut: 'Ctrl+Alt+F9',
        pollCadence: 'fixed',
        pollIntervalSeconds: 15,
        alerts: { ...DEFAULT_SETTINGS.alerts, sound: false, volume: 0.35, reminderSeconds: 45, escalationMinutes: 5, summaryThreshold: 6 },
        currency: { label: '₼', decimals: 0 },
        receiptUrlTemplate: 'https://bo.example/r/{id}',
        allowReject: true,
        updates: DEFAULT_SETTINGS.updates,
        window: { bringToFront: true, keepOnTop: true },
        printing: { printer: 'XP-80C', paperWidthMm: 58, printEachNewOrder: true },
      },
    ]);
    expect(fake.view.settings.pollIntervalSeconds).toBe(15);
    expect(fake.view.settings.alerts.volume).toBe(0.35);
  });

  it('checks automatically by default; a fixed interval is a choice, and going back to automatic saves it', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ settings: { ...DEFAULT_SETTINGS, onboarded: true, mode: 'demo', pollCadence: 'fixed', pollIntervalSeconds: 20 }, secrets: { clientSecret: false, token: false, telegramToken: false } }) });
    await openSettings(fake);
    expect((field('Check every (seconds)') as HTMLInputElement).value).toBe('20');
    fireEvent.change(field('How often to check'), { target: { value: 'auto' } });
    // No number to guess while the app chooses: the field goes, the hint says what automatic does.
    expect(screen.queryByLabelText('Check every (seconds)')).toBeNull();
    expect(screen.getByText(/As often as the request quota allows/)).toBeTruthy();
    saveSettings();
    await screen.findByText(/Settings saved/);
    expect(savedPatches(fake)[0]).toMatchObject({ pollCadence: 'auto' });
    expect(fake.view.settings.pollCadence).toBe('auto');
    expect(DEFAULT_SETTINGS.pollCadence).toBe('auto');
  });

  it('has an Updates section with updates on or off, and no update address the window could change', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    expect(screen.getByRole('heading', { name: 'Updates' })).toBeTruthy();
    expect(screen.queryByLabelText(/Update address/)).toBeNull();
    fireEvent.click(field('Keep this app up to date'));
    saveSettings();
    await screen.findByText(/Settings saved/);
    expect(savedPatches(fake)[0]?.updates).toEqual({ enabled: false });
  });

  it('refuses a plain http server address, which would send the secret in clear text', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('Server address'), { target: { value: 'http://integrations.clopos.com/open-api' } });
    saveSettings();
    expect(errorOf(field('Server address'))).toContain('https://');
    expect(fake.callsOf('setSettings')).toEqual([]);
  });

  it('saves connection edits with the same Save as everything else', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('Brand'), { target: { value: 'newbrand' } });
    fireEvent.change(field('How often to check'), { target: { value: 'fixed' } });
    fireEvent.change(field('Check every (seconds)'), { target: { value: '20' } });
    saveSettings();
    await screen.findByText(/Settings saved/);
    expect(savedPatches(fake)).toHaveLength(1);
    expect(savedPatches(fake)[0]).toMatchObject({ pollIntervalSeconds: 20, connection: { ...fake.view.settings.connection, brand: 'newbrand' } });
    expect(fake.view.settings.connection.brand).toBe('newbrand');
    // There is no second Save that could leave some edits behind.
    expect(screen.getAllByRole('button', { name: /^Save/ }).map((b) => b.textContent)).toEqual(['Save settings']);
  });

  it('leaves the connection alone when only other settings change, so demo mode can save them', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ settings: { ...DEFAULT_SETTINGS, onboarded: true, mode: 'demo' }, secrets: { clientSecret: false, token: false, telegramToken: false } }) });
    await openSettings(fake);
    fireEvent.change(field('How often to check'), { target: { value: 'fixed' } });
    fireEvent.change(field('Check every (seconds)'), { target: { value: '30' } });
    saveSettings();
    await screen.findByText(/Settings saved/);
    expect(savedPatches(fake)[0]).not.toHaveProperty('connection');
  });

  it('asks before leaving with unsaved changes', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('Brand'), { target: { value: 'typed-but-not-saved' } });
    fireEvent.click(screen.getByRole('button', { name: /^Orders/ }));
    const dialog = screen.getByRole('alertdialog', { name: 'Leave without saving?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(field('Brand').value).toBe('typed-but-not-saved');

    fireEvent.click(screen.getByRole('button', { name: /^Orders/ }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }));
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect(fake.callsOf('setSettings')).toEqual([]);

    // Without edits, leaving asks nothing.
    fireEvent.click(screen.getByRole('button', { name: /Settings/ }));
    fireEvent.click(await screen.findByRole('button', { name: /^Orders/ }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('keeps the secret write-only: set shows as "Set" with Replace and Clear', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    const group = screen.getByRole('group', { name: 'Client secret' });
    expect(within(group).getByText(/Set/)).toBeTruthy();
    expect(screen.queryByLabelText(/New client secret/)).toBeNull();

    fireEvent.click(within(group).getByRole('button', { name: 'Replace' }));
    const input = field('New client secret');
    expect(input.type).toBe('password');
    expect(input.value).toBe('');
    fireEvent.change(input, { target: { value: 'new-secret-value' } });
    saveSettings();
    // Saved for the server it was typed for (the connection on screen).
    await waitFor(() => expect(fake.callsOf('setSecret')).toEqual([{ name: 'clientSecret', value: 'new-secret-value', connection: expect.objectContaining({ baseUrl: expect.any(String) }) }]));
    await screen.findByRole('group', { name: 'Client secret' });

    fireEvent.click(within(screen.getByRole('group', { name: 'Client secret' })).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(fake.callsOf('clearSecret')).toEqual([{ name: 'clientSecret' }]));
  });

  it('tests a replaced secret without storing it, so a wrong value never replaces the working one', async () => {
    const fake = new FakeBridge({ diagnosis: FAILED_AUTH });
    await openSettings(fake);
    fireEvent.click(within(screen.getByRole('group', { name: 'Client secret' })).getByRole('button', { name: 'Replace' }));
    fireEvent.change(field('New client secret'), { target: { value: 'wrong-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connection does not work yet/);
    expect(fake.callsOf('testConnection')).toEqual([{ connection: fake.view.settings.connection, clientSecret: 'wrong-secret' }]);
    expect(fake.callsOf('setSecret')).toEqual([]);
    // The typed value is still there to correct, and only Save stores it.
    expect(field('New client secret').value).toBe('wrong-secret');
  });

  it('tests the draft connection and shows each step, what to do, and main’s details, then brings the result into view', async () => {
    const fake = new FakeBridge({ diagnosis: FAILED_AUTH });
    await openSettings(fake);
    fireEvent.change(field('Brand'), { target: { value: 'mybrand' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByText(/Connection does not work yet/);
    const box = result.closest('.diagnosis')!;
    expect(box.textContent).toContain('Sign-in — Failed');
    expect(box.textContent).toContain('Signing in to Clopos did not work.');
    // Main's own sentences once, behind "Technical details" (not "Details:" on every line).
    expect(box.textContent).not.toContain('Details:');
    const technical = box.querySelector('details.technical-details')!;
    expect(technical.querySelector('summary')?.textContent).toBe('Technical details');
    expect(technical.textContent).toContain('Sign-in: Clopos answered 401 authentication_failed.');
    expect(box.textContent).toContain('Not tried, because an earlier step failed.');
    expect(box.textContent).toContain('Compare the client ID, client secret');
    expect(box.textContent).toContain('Check the client secret with Clopos support.');
    expect(box.textContent).toContain('The venue list is empty');
    expect(fake.callsOf('testConnection')).toEqual([{ connection: { ...fake.view.settings.connection, brand: 'mybrand' } }]);
    await waitFor(() => expect(document.activeElement?.contains(box)).toBe(true));
    expect(scrolledIntoView.at(-1)).toBe(document.activeElement);
  });

  it('shows the diagnosis in the chosen language, with main’s English only as marked details', async () => {
    const fake = new FakeBridge({ diagnosis: FAILED_AUTH, view: makeSettingsView({ settings: connectedSettings({ language: 'az' }) }) });
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: /Ayarlar/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Bağlantını yoxla' }));
    const box = (await screen.findByText(/Bağlantı hələ işləmir/)).closest('.diagnosis')!;
    expect(box.textContent).toContain('Clopos-a giriş alınmadı.');
    expect(box.textContent).toContain('Client ID, client secret, brend və inteqrator ID-ni');
    const english = [...box.querySelectorAll('[lang="en"] li')].map((el) => el.textContent);
    expect(english).toContain('Giriş: Clopos answered 401 authentication_failed.');
    expect(english).toContain('Check the client secret with Clopos support.');
    // Outside the marked details, no English sentence from main.
    const translated = box.cloneNode(true) as Element;
    translated.querySelectorAll('[lang="en"]').forEach((line) => line.remove());
    expect(translated.textContent).not.toMatch(/Clopos answered|Check the client secret|Not tried|venue list/);
  });

  it('refuses to test a connection with invalid ids and goes to the field', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('Venue IDs'), { target: { value: '1, bad venue!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(errorOf(field('Venue IDs'))).toContain('letters, digits'));
    expect(fake.callsOf('testConnection')).toEqual([]);
    await waitFor(() => expect(document.activeElement).toBe(field('Venue IDs')));
  });

  it('shows the settings warning translated with main’s detail, the version, and opens the log folder', async () => {
    const fake = new FakeBridge({
      view: makeSettingsView({ warning: 'The old file was kept as settings.json.bak.' }),
      updateStatus: { state: 'disabled', reason: 'Updates are not available in this build.' },
    });
    await openSettings(fake);
    const warning = screen.getByText(/defaults are in use/).closest('.warning-box')!;
    expect(warning.querySelector('[lang="en"]')?.textContent).toBe('The old file was kept as settings.json.bak.');
    expect(screen.getByText('0.1.0')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open log folder' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check for updates' }));
    const status = (await screen.findByText('Updates are turned off')).closest('.update-status')!;
    expect(status.querySelector('[lang="en"]')?.textContent).toBe('Updates are not available in this build.');
    expect(fake.callsOf('openLogFolder')).toHaveLength(1);
  });

  it('plays the test sound at the chosen volume', async () => {
    const fake = new FakeBridge();
    const { player } = await openSettings(fake);
    fireEvent.change(field('Volume'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: /Test sound/ }));
    expect(player.events.at(-1)).toBe('once order 0.4');
  });

  it('"Send a test notification": main shows one, the alarm plays once, and "No" says what to check on Windows', async () => {
    const fake = new FakeBridge({ appInfo: { ...APP_INFO, platform: 'win32' } });
    const { player } = await openSettings(fake);
    fireEvent.click(screen.getByRole('button', { name: /Send a test notification/ }));
    const question = await screen.findByRole('group', { name: 'Did you see the notification and hear the alarm?' });
    expect(fake.callsOf('testNotification')).toHaveLength(1);
    expect(player.events.at(-1)).toBe(`once order ${DEFAULT_SETTINGS.alerts.volume}`);
    fireEvent.click(within(question).getByRole('button', { name: 'No' }));
    const advice = await screen.findByText('What to check on this PC:');
    const box = advice.closest('.warning-box')!;
    expect(box.textContent).toMatch(/installer \(the Setup \.exe\)/);
    expect(box.textContent).toMatch(/Focus Assist/);
    expect(box.textContent).toMatch(/speakers/);
    expect(box.textContent).not.toMatch(/notification server/);
  });

  it('the test on macOS and Linux gives their own advice; "Yes" says all is well', async () => {
    for (const [platform, expected] of [
      ['darwin', /alert style to “Persistent”/],
      ['linux', /notification server must be running/],
    ] as const) {
      const fake = new FakeBridge({ appInfo: { ...APP_INFO, platform } });
      await openSettings(fake);
      fireEvent.click(screen.getByRole('button', { name: /Send a test notification/ }));
      fireEvent.click(within(await screen.findByRole('group', { name: /Did you see/ })).getByRole('button', { name: 'No' }));
      expect((await screen.findByText('What to check on this PC:')).closest('.warning-box')!.textContent).toMatch(expected);
      cleanup();
    }
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.click(screen.getByRole('button', { name: /Send a test notification/ }));
    fireEvent.click(within(await screen.findByRole('group', { name: /Did you see/ })).getByRole('button', { name: 'Yes, both' }));
    expect(await screen.findByText(/new orders will reach the person at this PC/)).toBeTruthy();
  });

  it('where this PC shows no notifications, the test says so at once instead of asking', async () => {
    const fake = new FakeBridge();
    fake.notificationShown = false;
    await openSettings(fake);
    fireEvent.click(screen.getByRole('button', { name: /Send a test notification/ }));
    const said = await screen.findByText(/This PC shows no notifications/);
    expect(said.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByRole('group', { name: /Did you see/ })).toBeNull();
  });

  it('the alarm shortcut records the keys pressed, refuses a bare letter, and Backspace clears it', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    const input = field('Shortcut that stops the alarm');
    expect(input.value).toBe('');
    fireEvent.keyDown(input, { key: 'a', code: 'KeyA' });
    expect(input.value).toBe('A');
    saveSettings();
    expect(errorOf(input)).toMatch(/Not a usable shortcut/);
    expect(fake.callsOf('setSettings')).toEqual([]);
    fireEvent.keyDown(input, { key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true });
    expect(input.value).toBe('Ctrl+Shift+1');
    expect(errorOf(input)).toBeNull();
    fireEvent.keyDown(input, { key: 'Backspace', code: 'Backspace' });
    expect(input.value).toBe('');
  });

  it('switches the language immediately', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'az' } });
    expect(await screen.findByRole('heading', { name: 'Ayarlar' })).toBeTruthy();
    expect(fake.callsOf('setSettings')).toEqual([{ language: 'az' }]);
  });
});

describe('onboarding connection', () => {
  const firstRun = (secretStorage: 'os' | 'weak' | 'unavailable') =>
    new FakeBridge({ view: makeSettingsView({ settings: DEFAULT_SETTINGS, secrets: { clientSecret: false, token: false, telegramToken: false }, secretStorage }) });

  it('validates inline, stores the secret, then saves the live connection', async () => {
    const fake = firstRun('os');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save and start watching' }));
    expect(errorOf(field('Brand'))).toContain('Required');
    expect(errorOf(field('Integrator ID'))).toContain('Required');
    expect(errorOf(field('Client secret'))).toContain('Required');
    expect(fake.callsOf('setSettings')).toEqual([]);
    await waitFor(() => expect(document.activeElement).toBe(field('Brand')));

    fireEvent.change(field('Brand'), { target: { value: 'openapitest' } });
    expect(errorOf(field('Brand'))).toBeNull();
    fireEvent.change(field('Integrator ID'), { target: { value: 'int-1' } });
    fireEvent.change(field('Client ID'), { target: { value: 'cid' } });
    fireEvent.change(field('Client secret'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and start watching' }));
    await screen.findByRole('button', { name: /All seen/ });
    const saved = { ...DEFAULT_SETTINGS.connection, brand: 'openapitest', integratorId: 'int-1', clientId: 'cid' };
    expect(fake.callsOf('setSecret')).toEqual([{ name: 'clientSecret', value: 's3cret', connection: saved }]);
    expect(fake.callsOf('setSettings')).toEqual([{ mode: 'live', onboarded: true, connection: saved, startAtLogin: false }]);
  });

  it('keeps the API version under Advanced: an integrator ID means v2; v1 (chosen there) must name a venue', async () => {
    const fake = firstRun('os');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    const advanced = screen.getByText('Advanced').closest('details')!;
    expect(advanced.open).toBe(false);
    expect(advanced.contains(screen.getByLabelText('API version'))).toBe(true);
    expect(screen.queryByText(/^v2$/)).toBeNull();
    fireEvent.change(screen.getByLabelText('API version'), { target: { value: 'v1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(errorOf(field('Venue IDs'))).toContain('Required'));
    // Typing an integrator ID says which keys these are: v2.
    fireEvent.change(field('Integrator ID'), { target: { value: 'int-7' } });
    expect((screen.getByLabelText('API version') as HTMLSelectElement).value).toBe('v2');
  });

  it('asks for explicit acceptance before storing a secret without OS encryption', async () => {
    const fake = firstRun('weak');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    expect(screen.getByText('This PC cannot encrypt saved secrets')).toBeTruthy();
    expect(field('Client secret').disabled).toBe(true);
    // No hint right below the warning claims the secret is stored encrypted.
    expect(screen.queryByText(/stored encrypted/)).toBeNull();
    fireEvent.click(screen.getByLabelText(/store the secret without encryption/));
    await waitFor(() => expect(field('Client secret').disabled).toBe(false));
    expect(fake.callsOf('setSettings')).toEqual([{ allowWeakSecretStorage: true }]);
  });

  it('shows a failing test connection with what to do, testing the typed secret without storing it', async () => {
    const fake = firstRun('os');
    fake.diagnosis = {
      ok: false,
      steps: [{ id: 'config', ok: false, message: 'Missing: brand.' }],
      advice: ['Enter the brand Clopos gave you.'],
      warnings: [],
    };
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    fireEvent.change(field('Brand'), { target: { value: 'x' } });
    fireEvent.change(field('Integrator ID'), { target: { value: 'i' } });
    fireEvent.change(field('Client ID'), { target: { value: 'c' } });
    fireEvent.change(field('Client secret'), { target: { value: 'typed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/Connection does not work yet/)).toBeTruthy();
    expect(screen.getByText('Fill in the missing connection details above, then test again.')).toBeTruthy();
    expect(screen.getByText('Enter the brand Clopos gave you.')).toBeTruthy();
    expect(fake.callsOf('setSecret')).toEqual([]);
    expect(fake.callsOf('testConnection')).toMatchObject([{ clientSecret: 'typed' }]);
  });

  it('offers start at login on its last step, checked as the installed app has it, and saves the choice with the demo', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ settings: { ...DEFAULT_SETTINGS, startAtLogin: true }, secrets: { clientSecret: false, token: false, telegramToken: false } }) });
    renderApp(fake);
    const box = await screen.findByRole('checkbox', { name: /Start when this PC starts/ });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Start the demo' }));
    await waitFor(() => expect(fake.callsOf('setSettings')).toEqual([{ mode: 'demo', onboarded: true, startAtLogin: false }]));
  });

  it('offers the test notification during onboarding, on the connection form too', async () => {
    const fake = firstRun('os');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    const form = document.querySelector('form.connection-form') as HTMLFormElement;
    fireEvent.click(within(form).getByRole('button', { name: /Send a test notification/ }));
    expect(await screen.findByRole('group', { name: /Did you see/ })).toBeTruthy();
    expect(within(form).getByRole('checkbox', { name: /Start when this PC starts/ })).toBeTruthy();
    expect(fake.callsOf('setSettings')).toEqual([]);
  });
});
