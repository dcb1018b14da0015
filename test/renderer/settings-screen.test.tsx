// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { FakeBridge } from './fake-bridge';
import { makeSettingsView } from './fixtures';
import { renderApp } from './render-app';

afterEach(cleanup);

async function openSettings(fake: FakeBridge) {
  const rendered = renderApp(fake);
  fireEvent.click(await screen.findByRole('button', { name: /Settings/ }));
  await screen.findByRole('heading', { name: 'Settings' });
  return rendered;
}

const field = (name: string) => screen.getByLabelText(name, { exact: false }) as HTMLInputElement;
const errorOf = (input: HTMLElement) => input.closest('.form-field')?.querySelector('.field-error')?.textContent ?? null;

describe('settings screen', () => {
  it('shows an error next to each invalid field and saves nothing', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('Check every (seconds)'), { target: { value: '2' } });
    fireEvent.change(field('Receipt link template'), { target: { value: 'ftp://bo.example/{id}' } });
    fireEvent.change(field('Decimals'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(errorOf(field('Check every (seconds)'))).toContain('Enter a whole number from 3 to 300');
    expect(errorOf(field('Receipt link template'))).toContain('http:// or https://');
    expect(errorOf(field('Decimals'))).toContain('from 0 to 4');
    expect(field('Check every (seconds)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Fix the marked fields/)).toBeTruthy();
    expect(fake.callsOf('setSettings')).toEqual([]);

    fireEvent.change(field('Receipt link template'), { target: { value: 'https://bo.example/receipts' } });
    expect(errorOf(field('Receipt link template'))).toContain('must contain {id}');
  });

  it('saves valid changes as one patch', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('Check every (seconds)'), { target: { value: '15' } });
    fireEvent.change(field('Urgent after (minutes)'), { target: { value: '5' } });
    fireEvent.click(field('Allow rejecting orders'));
    fireEvent.change(field('Receipt link template'), { target: { value: 'https://bo.example/r/{id}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Settings saved/)).toBeTruthy();
    const [patch] = fake.callsOf('setSettings') as Array<Record<string, unknown>>;
    expect(patch).toMatchObject({
      pollIntervalSeconds: 15,
      alerts: { ...DEFAULT_SETTINGS.alerts, escalationMinutes: 5 },
      allowReject: true,
      receiptUrlTemplate: 'https://bo.example/r/{id}',
    });
    expect(fake.view.settings.pollIntervalSeconds).toBe(15);
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
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsOf('setSecret')).toEqual([{ name: 'clientSecret', value: 'new-secret-value' }]));
    await screen.findByRole('group', { name: 'Client secret' });

    fireEvent.click(within(screen.getByRole('group', { name: 'Client secret' })).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(fake.callsOf('clearSecret')).toEqual([{ name: 'clientSecret' }]));
  });

  it('tests the draft connection and shows steps, advice and warnings', async () => {
    const fake = new FakeBridge({
      diagnosis: {
        ok: false,
        steps: [
          { id: 'config', ok: true, message: 'Settings are complete.' },
          { id: 'auth', ok: false, message: 'Clopos answered 401 authentication_failed.' },
        ],
        advice: ['Check the client secret with Clopos support.'],
        warnings: ['The venue list is empty; the key’s venue is used.'],
      },
    });
    await openSettings(fake);
    fireEvent.change(field('Brand'), { target: { value: 'mybrand' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByText(/Connection does not work yet/);
    const box = result.closest('.diagnosis')!;
    expect(box.textContent).toContain('Sign-in — Failed');
    expect(box.textContent).toContain('Clopos answered 401 authentication_failed.');
    expect(box.textContent).toContain('Check the client secret with Clopos support.');
    expect(box.textContent).toContain('The venue list is empty');
    expect(fake.callsOf('testConnection')).toEqual([{ connection: { ...fake.view.settings.connection, brand: 'mybrand' } }]);
  });

  it('refuses to test a connection with invalid ids', async () => {
    const fake = new FakeBridge();
    await openSettings(fake);
    fireEvent.change(field('Venue IDs'), { target: { value: '1, bad venue!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(errorOf(field('Venue IDs'))).toContain('letters, digits'));
    expect(fake.callsOf('testConnection')).toEqual([]);
  });

  it('shows the settings warning, the version, and opens the log folder', async () => {
    const fake = new FakeBridge({ view: makeSettingsView({ warning: 'The old file was kept as settings.json.bak.' }) });
    await openSettings(fake);
    expect(screen.getByText(/defaults are in use. The old file was kept/)).toBeTruthy();
    expect(screen.getByText('0.1.0')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open log folder' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check for updates' }));
    expect(await screen.findByText('You have the latest version')).toBeTruthy();
    expect(fake.callsOf('openLogFolder')).toHaveLength(1);
  });

  it('plays the test sound at the chosen volume', async () => {
    const fake = new FakeBridge();
    const { player } = await openSettings(fake);
    fireEvent.change(field('Volume'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: /Test sound/ }));
    expect(player.events.at(-1)).toBe('once order 0.4');
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
    new FakeBridge({ view: makeSettingsView({ settings: DEFAULT_SETTINGS, secrets: { clientSecret: false, token: false }, secretStorage }) });

  it('validates inline, stores the secret, then saves the live connection', async () => {
    const fake = firstRun('os');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save and start watching' }));
    expect(errorOf(field('Brand'))).toContain('Required');
    expect(errorOf(field('Integrator ID'))).toContain('Required');
    expect(errorOf(field('Client secret'))).toContain('Required');
    expect(fake.callsOf('setSettings')).toEqual([]);

    fireEvent.change(field('Brand'), { target: { value: 'openapitest' } });
    expect(errorOf(field('Brand'))).toBeNull();
    fireEvent.change(field('Integrator ID'), { target: { value: 'int-1' } });
    fireEvent.change(field('Client ID'), { target: { value: 'cid' } });
    fireEvent.change(field('Client secret'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and start watching' }));
    await screen.findByRole('button', { name: /Acknowledge all/ });
    expect(fake.callsOf('setSecret')).toEqual([{ name: 'clientSecret', value: 's3cret' }]);
    expect(fake.callsOf('setSettings')).toEqual([
      { mode: 'live', onboarded: true, connection: { ...DEFAULT_SETTINGS.connection, brand: 'openapitest', integratorId: 'int-1', clientId: 'cid' } },
    ]);
  });

  it('requires v1 to name a venue and hides the integrator ID', async () => {
    const fake = firstRun('os');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    fireEvent.change(screen.getByLabelText('API version'), { target: { value: 'v1' } });
    expect(screen.queryByLabelText(/Integrator ID/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(errorOf(field('Venue IDs'))).toContain('Required');
  });

  it('asks for explicit acceptance before storing a secret without OS encryption', async () => {
    const fake = firstRun('weak');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    expect(screen.getByText('This PC cannot encrypt saved secrets')).toBeTruthy();
    expect(field('Client secret').disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/store the secret without encryption/));
    await waitFor(() => expect(field('Client secret').disabled).toBe(false));
    expect(fake.callsOf('setSettings')).toEqual([{ allowWeakSecretStorage: true }]);
  });

  it('shows a failing test connection with what to do', async () => {
    const fake = firstRun('os');
    fake.diagnosis = {
      ok: false,
      steps: [{ id: 'config', ok: false, message: 'Brand is missing.' }],
      advice: ['Enter the brand Clopos gave you.'],
      warnings: [],
    };
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter connection details' }));
    fireEvent.change(field('Brand'), { target: { value: 'x' } });
    fireEvent.change(field('Integrator ID'), { target: { value: 'i' } });
    fireEvent.change(field('Client ID'), { target: { value: 'c' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/Connection does not work yet/)).toBeTruthy();
    expect(screen.getByText('Enter the brand Clopos gave you.')).toBeTruthy();
  });
});
