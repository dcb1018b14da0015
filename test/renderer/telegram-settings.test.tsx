// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo, TelegramStatus } from '../../common/contract';
import { DEFAULT_SETTINGS, settingsSchema, type Language, type Settings } from '../../common/settings';
import { DICTIONARIES } from '../../renderer/src/i18n/i18n';
import { FakeBridge } from './fake-bridge';
import { APP_INFO, connectedSettings, makeSettingsView } from './fixtures';
import { renderApp, scrolledIntoView } from './render-app';

afterEach(cleanup);

const TOKEN = '7391048265:AAHk3-secret_Value_typed_here';
const REFUSED_DETAIL = 'Telegram refused the bot token (401 Unauthorized): check the token @BotFather gave.';

function fakeWith({
  telegram = {},
  tokenSet = false,
  status = APP_INFO.telegram,
  language = 'en',
}: { telegram?: Partial<Settings['telegram']>; tokenSet?: boolean; status?: TelegramStatus; language?: Language } = {}) {
  return new FakeBridge({
    view: makeSettingsView({
      settings: connectedSettings({ language, telegram: { ...DEFAULT_SETTINGS.telegram, ...telegram } }),
      secrets: { clientSecret: true, token: false, telegramToken: tokenSet },
    }),
    appInfo: { ...APP_INFO, telegram: status },
  });
}

async function openSettings(fake: FakeBridge, language: Language = 'en') {
  const t = DICTIONARIES[language];
  const rendered = renderApp(fake);
  fireEvent.click(await screen.findByRole('button', { name: `⚙ ${t.navSettings}` }));
  await screen.findByRole('heading', { name: t.settingsTitle });
  return rendered;
}

/** The Telegram section of Settings. */
const section = () => {
  const found = screen.getByRole('heading', { name: 'Escalation to a phone (Telegram)' }).closest<HTMLElement>('.settings-section');
  if (!found) throw new Error('no Telegram section');
  return found;
};
const inSection = () => within(section());
const field = (name: string) => inSection().getByLabelText(name, { exact: false }) as HTMLInputElement;
const errorOf = (input: HTMLElement) => input.closest('.form-field')?.querySelector('.field-error')?.textContent ?? null;
const saveSettings = () => fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
const testButton = () => inSection().getByRole('button', { name: 'Send a test message' }) as HTMLButtonElement;
const statusBar = () => screen.getByRole('contentinfo');
/** The red strip the status bar puts on top of itself for a refused token; null when none. */
const telegramStrip = () => {
  const strip = document.querySelector<HTMLElement>('.telegram-strip');
  // It belongs to the status bar: directly on top of it.
  if (strip) expect(strip.nextElementSibling).toBe(statusBar());
  return strip;
};
/** What the schema itself says about a chat id it refuses. */
const schemaChatMessage = () => settingsSchema.shape.telegram.shape.chatId.safeParse('my group').error?.issues[0]?.message;

/** Every text the page holds: its text and the values of its inputs. */
const everythingShown = () => [document.body.textContent ?? '', ...[...document.querySelectorAll('input')].map((input) => input.value)].join('\n');

describe('Settings → Escalation to a phone (Telegram)', () => {
  it('keeps the bot token write-only: Save stores the typed token as the telegramToken secret, then it only says Set; Clear removes it', async () => {
    const fake = fakeWith();
    await openSettings(fake);
    // Not set yet: the field is an empty password input.
    const input = field('Bot token');
    expect(input.type).toBe('password');
    expect(input.value).toBe('');
    expect(inSection().queryByText(/✓ Set/)).toBeNull();

    fireEvent.change(input, { target: { value: `  ${TOKEN} ` } });
    saveSettings();
    await screen.findByText(/Settings saved/);
    expect(fake.callsOf('setSecret')).toEqual([{ name: 'telegramToken', value: TOKEN }]);
    // Stored by main, forgotten here: the section says Set, and the token is nowhere on the page.
    expect(inSection().getByText(/✓ Set/)).toBeTruthy();
    expect(inSection().queryByLabelText('Bot token', { selector: 'input' })).toBeNull();
    expect(everythingShown()).not.toContain(TOKEN);
    expect(everythingShown()).not.toContain('AAHk3');
    // Nothing else was stored in its place: the client secret was left alone.
    expect(fake.view.secrets).toMatchObject({ telegramToken: true, clientSecret: true });

    // Replace opens an empty field; Cancel goes back to Set without storing anything.
    fireEvent.click(inSection().getByRole('button', { name: 'Replace' }));
    expect(field('New bot token').value).toBe('');
    fireEvent.click(inSection().getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('setSecret')).toHaveLength(1);

    fireEvent.click(inSection().getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(fake.callsOf('clearSecret')).toEqual([{ name: 'telegramToken' }]));
    await waitFor(() => expect(field('Bot token').value).toBe(''));
    expect(inSection().queryByText(/✓ Set/)).toBeNull();
    expect(fake.view.secrets.telegramToken).toBe(false);
  });

  it('saves the section in the one settings patch', async () => {
    const fake = fakeWith({ tokenSet: true });
    await openSettings(fake);
    fireEvent.click(field('Send escalations to Telegram'));
    fireEvent.change(field('Chat id'), { target: { value: ' -1001234567890 ' } });
    fireEvent.change(field('Message when an order waits unseen for more than'), { target: { value: '10' } });
    fireEvent.change(field('Message when Clopos cannot be reached for more than'), { target: { value: '15' } });
    saveSettings();
    await screen.findByText(/Settings saved/);
    const patches = fake.callsOf('setSettings') as Array<Record<string, unknown>>;
    expect(patches).toHaveLength(1);
    expect(patches[0]?.telegram).toEqual({ enabled: true, chatId: '-1001234567890', orderMinutes: 10, outageMinutes: 15 });
    expect(fake.view.settings.telegram).toEqual({ enabled: true, chatId: '-1001234567890', orderMinutes: 10, outageMinutes: 15 });
    // No token was typed, so none was stored.
    expect(fake.callsOf('setSecret')).toEqual([]);
  });

  it('shows the schema’s message for a chat id it refuses and the schema’s ranges, and saves nothing', async () => {
    const fake = fakeWith({ tokenSet: true });
    await openSettings(fake);
    fireEvent.change(field('Chat id'), { target: { value: 'my group' } });
    fireEvent.change(field('Message when an order waits unseen for more than'), { target: { value: '0' } });
    fireEvent.change(field('Message when Clopos cannot be reached for more than'), { target: { value: '241' } });
    saveSettings();

    expect(schemaChatMessage()).toBeTruthy();
    expect(errorOf(field('Chat id'))).toBe(`⚠ ${schemaChatMessage()}`);
    expect(field('Chat id').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(field('Message when an order waits unseen for more than'))).toContain('Enter a whole number from 1 to 120');
    expect(errorOf(field('Message when Clopos cannot be reached for more than'))).toContain('Enter a whole number from 1 to 240');
    expect(screen.getByText(/Fix the marked fields/)).toBeTruthy();
    expect(fake.callsOf('setSettings')).toEqual([]);
    expect(fake.view.settings.telegram.chatId).toBe('');
    // The first mistake is brought into view.
    expect(document.activeElement).toBe(field('Chat id'));
    expect(scrolledIntoView.at(-1)).toBe(field('Chat id'));

    // Fixed, it saves.
    fireEvent.change(field('Chat id'), { target: { value: '@my_channel' } });
    expect(errorOf(field('Chat id'))).toBeNull();
    fireEvent.change(field('Message when an order waits unseen for more than'), { target: { value: '120' } });
    fireEvent.change(field('Message when Clopos cannot be reached for more than'), { target: { value: '1' } });
    saveSettings();
    await screen.findByText(/Settings saved/);
    expect(fake.view.settings.telegram).toEqual({ enabled: false, chatId: '@my_channel', orderMinutes: 120, outageMinutes: 1 });
  });

  it('the test button waits for a token, a chat id and a Save, then says Sent and shows when the last message went', async () => {
    const fake = fakeWith();
    await openSettings(fake);
    expect(testButton().disabled).toBe(true);
    expect(inSection().getByText('Set the bot token first.')).toBeTruthy();

    // A typed token is not a saved one.
    fireEvent.change(field('Bot token'), { target: { value: TOKEN } });
    expect(inSection().getByText('Enter the chat id first.')).toBeTruthy();
    fireEvent.change(field('Chat id'), { target: { value: '-1001234567890' } });
    expect(testButton().disabled).toBe(true);
    expect(inSection().getByText(/^Save first/)).toBeTruthy();
    expect(testButton().getAttribute('aria-describedby')).toBe(inSection().getByText(/^Save first/).id);

    saveSettings();
    await screen.findByText(/Settings saved/);
    await waitFor(() => expect(testButton().disabled).toBe(false));
    expect(inSection().queryByText(/^Save first/)).toBeNull();

    // An edited chat id is not tested before it is saved.
    fireEvent.change(field('Chat id'), { target: { value: '-1009999999999' } });
    expect(testButton().disabled).toBe(true);
    expect(inSection().getByText(/^Save first/)).toBeTruthy();
    fireEvent.change(field('Chat id'), { target: { value: '-1001234567890' } });
    expect(testButton().disabled).toBe(false);

    fake.telegramStatus = { state: 'ok', detail: null, lastSentAt: new Date(2026, 2, 2, 14, 5).getTime() };
    fireEvent.click(testButton());
    expect(await inSection().findByText('✓ Sent — check the phone.')).toBeTruthy();
    expect(fake.callsOf('testTelegram')).toHaveLength(1);
    // Main's app-info after the test carries the time; a message on another day says its date.
    expect(await inSection().findByText(/Last message sent at/)).toBeTruthy();
    expect(inSection().getByText(/Last message sent at/).textContent).toContain('14:05');
  });

  it('a token typed but not saved is not tested either: Save first', async () => {
    const fake = fakeWith({ telegram: { chatId: '-1001234567890' } });
    await openSettings(fake);
    expect(inSection().getByText('Set the bot token first.')).toBeTruthy();
    fireEvent.change(field('Bot token'), { target: { value: TOKEN } });
    expect(testButton().disabled).toBe(true);
    expect(inSection().getByText(/^Save first/)).toBeTruthy();
  });

  it('says when the last message went today, as a clock time', async () => {
    const today = new Date();
    today.setHours(9, 41, 0, 0);
    const fake = fakeWith({ tokenSet: true, telegram: { enabled: true, chatId: '@my_channel' }, status: { state: 'ok', detail: null, lastSentAt: today.getTime() } });
    await openSettings(fake);
    expect(inSection().getByText(/Last message sent at/).textContent).toBe('✓ Last message sent at 09:41');
  });

  it('a failed test shows main’s message plainly, not a success', async () => {
    const message = 'Telegram did not find the chat -1001234567890 (400 Bad Request: chat not found): check the chat id, and that the bot was added to the group.';
    const fake = fakeWith({ tokenSet: true, telegram: { chatId: '-1001234567890' } });
    fake.failures.testTelegram = { kind: 'not-found', message };
    await openSettings(fake);
    fireEvent.click(testButton());
    const alert = await inSection().findByText(message);
    expect(alert.closest('[role="alert"]')?.textContent).toContain('The test message was not sent');
    expect(inSection().queryByText(/Sent — check the phone/)).toBeNull();
  });

  it('a refused token is a problem on the board’s status bar, whose button opens Settings, where it is said too; it goes once main says ok', async () => {
    const refused: TelegramStatus = { state: 'refused', detail: REFUSED_DETAIL, lastSentAt: null };
    const fake = fakeWith({ tokenSet: true, telegram: { enabled: true, chatId: '-1001234567890' }, status: refused });
    renderApp(fake);
    await screen.findByRole('contentinfo');
    await waitFor(() => expect(telegramStrip()).not.toBeNull());
    const strip = telegramStrip() as HTMLElement;
    expect(strip.getAttribute('role')).toBe('alert');
    expect(strip.textContent).toContain('Telegram refused the bot token or chat: escalations do not reach the phone');
    expect(within(strip).getByText(/Telegram refused/).getAttribute('title')).toBe(REFUSED_DETAIL);
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();

    fireEvent.click(within(strip).getByRole('button', { name: 'Fix it in Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    // The strip stays while the problem does; on Settings it needs no way there.
    expect(telegramStrip()).not.toBeNull();
    expect(within(telegramStrip() as HTMLElement).queryByRole('button')).toBeNull();
    const problem = inSection().getByText(/Telegram refused the bot token or the chat id/);
    expect(problem.closest('[role="alert"]')?.textContent).toContain(REFUSED_DETAIL);

    const ok: AppInfo = { ...APP_INFO, telegram: { state: 'ok', detail: null, lastSentAt: Date.now() } };
    act(() => fake.emit('notifier:app-info', ok));
    await waitFor(() => expect(telegramStrip()).toBeNull());
    expect(within(statusBar()).queryByText(/Telegram/)).toBeNull();
    expect(inSection().queryByText(/Telegram refused/)).toBeNull();
    expect(inSection().getByText(/Last message sent at/)).toBeTruthy();
  });

  it('a message being retried is a quiet mark on the status bar and an amber line with main’s detail in Settings', async () => {
    const detail = 'Telegram did not answer within 10 s.';
    const fake = fakeWith({ tokenSet: true, telegram: { enabled: true, chatId: '-1001234567890' }, status: { state: 'failing', detail, lastSentAt: null } });
    await openSettings(fake);
    const mark = within(statusBar()).getByText('Telegram: retrying');
    expect(mark.getAttribute('title')).toBe(detail);
    expect(telegramStrip()).toBeNull();
    expect(screen.queryByRole('button', { name: 'Fix it in Settings' })).toBeNull();
    const line = inSection().getByText(/Messages are not going through yet/);
    expect(line.closest('.telegram-failing')?.textContent).toContain(detail);
    expect(line.closest('[role="alert"]')).toBeNull();

    act(() => fake.emit('notifier:app-info', { ...APP_INFO, telegram: { state: 'off', detail: null, lastSentAt: null } }));
    await waitFor(() => expect(within(statusBar()).queryByText('Telegram: retrying')).toBeNull());
    expect(inSection().queryByText(/Messages are not going through yet/)).toBeNull();
  });

  it.each(['en', 'az', 'ru'] as const)('renders the section and the status bar problem in %s with every text from its dictionary', async (language) => {
    const t = DICTIONARIES[language];
    const refused: TelegramStatus = { state: 'refused', detail: REFUSED_DETAIL, lastSentAt: null };
    const fake = fakeWith({ language, status: refused });
    renderApp(fake);
    await screen.findByRole('contentinfo');
    await waitFor(() => expect(telegramStrip()).not.toBeNull());
    const bar = telegramStrip()?.textContent ?? '';
    expect(bar).toContain(t.telegram.barRefused);
    expect(bar).toContain(t.telegram.barFix);
    fireEvent.click(screen.getByRole('button', { name: `⚙ ${t.navSettings}` }));
    await screen.findByRole('heading', { name: t.settingsTitle });
    const heading = screen.getByRole('heading', { name: t.telegram.heading });
    const own = heading.closest<HTMLElement>('.settings-section');
    expect(own).toBeTruthy();
    const text = own?.textContent ?? '';
    const expected = [
      t.telegram.heading,
      t.telegram.intro,
      t.telegram.setup,
      ...t.telegram.steps,
      t.telegram.whatIsSent,
      t.telegram.enabled,
      t.telegram.token,
      t.telegram.tokenHint,
      t.telegram.chatId,
      t.telegram.chatIdHint,
      t.telegram.orderMinutes,
      t.telegram.outageMinutes,
      t.telegram.minutesHint(1, 120),
      t.telegram.minutesHint(1, 240),
      t.telegram.test,
      t.telegram.testNeedsToken,
      t.telegram.refused,
    ];
    for (const words of expected) {
      expect(words.trim(), language).not.toBe('');
      expect(text, `${language}: ${words}`).toContain(words);
    }
    expect(text).not.toMatch(/undefined|NaN|\[object/);
    if (language !== 'en') {
      // Translated, not English left over.
      expect(text).not.toContain(DICTIONARIES.en.telegram.intro);
      expect(bar).not.toContain(DICTIONARIES.en.telegram.barRefused);
    }
  });
});
