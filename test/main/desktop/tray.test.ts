import { beforeEach, describe, expect, it } from 'vitest';
import { trayMenuLabels, type TextContext } from '../../../main/app/messages';
import { trayView, type TrayView } from '../../../main/app/tray-view';
import { createAppTray, type TrayActions } from '../../../main/desktop/tray';
import { renderTrayIcon } from '../../../main/icons';
import { Menu, nativeImage, recorder, Tray } from '../../mocks/electron';
import { NOW, snapshot } from '../app/fixtures';

const view = (patch: Partial<TrayView> = {}): TrayView => ({
  icon: { state: 'ok', count: 0 },
  tooltip: 'No orders waiting · last check 12:03:10',
  menu: trayMenuLabels('en'),
  count: 0,
  alertsPaused: false,
  muted: false,
  pollingPaused: false,
  canAcknowledge: false,
  startAtLogin: false,
  ...patch,
});

function setup(platform: NodeJS.Platform = 'win32', initial: TrayView = view()) {
  const calls: string[] = [];
  const icons: { state: string; count: number; template?: boolean }[] = [];
  const actions: TrayActions = {
    open: () => calls.push('open'),
    checkNow: () => calls.push('check'),
    acknowledgeAll: () => calls.push('ack all'),
    pauseAlerts: (m) => calls.push(`pause ${m}`),
    muteAlerts: (m) => calls.push(`mute ${m}`),
    resumeAlerts: () => calls.push('resume'),
    setStartAtLogin: (on) => calls.push(`login ${on}`),
    openLogFolder: () => calls.push('logs'),
    quit: () => calls.push('quit'),
  };
  const tray = createAppTray(
    { Tray, Menu, nativeImage },
    {
      renderIcon: (input) => {
        icons.push(input);
        return renderTrayIcon(input);
      },
      actions,
      platform,
      initial,
    },
  );
  const fake = recorder.trays[0]!;
  return { tray, fake, calls, icons };
}

describe('tray', () => {
  beforeEach(() => recorder.reset());

  it('shows the state icon and tooltip, and the menu runs each action', () => {
    const { fake, calls } = setup();
    expect(fake.tooltip).toBe('No orders waiting · last check 12:03:10');
    const menu = fake.menu!;
    const inSubmenu = (parent: string, label: string) => menu.find(parent)?.submenu?.find((i) => i.label === label);
    for (const label of ['Open', 'Check now', 'All seen (stop the alarm)']) menu.find(label)?.click?.();
    for (const label of ['15 minutes', '1 hour']) inSubmenu('Pause reminders', label)?.click?.();
    for (const label of ['5 minutes', '15 minutes']) inSubmenu('Mute all sound', label)?.click?.();
    for (const label of ['Start at login', 'Open log folder', 'Quit']) menu.find(label)?.click?.();
    expect(calls).toEqual(['open', 'check', 'ack all', 'pause 15', 'pause 60', 'mute 5', 'mute 15', 'login true', 'logs', 'quit']);
    // Every pause has an end: there is no "until resumed".
    expect(menu.find('Until resumed')).toBeUndefined();
    expect(menu.find('All seen (stop the alarm)')?.enabled).toBe(false);
    expect(menu.find('Start at login')).toMatchObject({ type: 'checkbox', checked: false });
    fake.emit('click');
    expect(calls.at(-1)).toBe('open');
  });

  it('redraws only what changed', () => {
    const { tray, fake, icons } = setup();
    const menus = recorder.menus.length;
    tray.render(view({ tooltip: 'No orders waiting · last check 12:03:20' }));
    expect(fake.images).toHaveLength(1);
    expect(recorder.menus).toHaveLength(menus);
    expect(fake.tooltip).toBe('No orders waiting · last check 12:03:20');
    tray.render(view({ icon: { state: 'orders', count: 2 }, count: 2, canAcknowledge: true, tooltip: '2 orders waiting · last check 12:03:30' }));
    expect(fake.images).toHaveLength(2);
    expect(icons.at(-1)).toMatchObject({ state: 'orders', count: 2 });
    expect(recorder.menus).toHaveLength(menus + 1);
    expect(fake.menu?.find('All seen (stop the alarm)')?.enabled).toBe(true);
  });

  it('offers Resume alerts while paused or muted, and template icons on macOS', () => {
    const { tray, fake, calls, icons } = setup('darwin');
    tray.render(view({ alertsPaused: true, icon: { state: 'paused', count: 0 } }));
    expect(fake.menu?.find('Pause reminders')).toBeUndefined();
    fake.menu?.find('Resume alerts')?.click?.();
    tray.render(view({ muted: true, icon: { state: 'paused', count: 0 } }));
    expect(fake.menu?.find('Mute all sound')).toBeUndefined();
    fake.menu?.find('Resume alerts')?.click?.();
    expect(calls).toEqual(['resume', 'resume']);
    expect(icons.every((i) => i.template)).toBe(true);
  });

  it('is destroyed on quit', () => {
    const { tray, fake } = setup();
    tray.destroy();
    expect(fake.isDestroyed()).toBe(true);
  });

  it('a language change re-renders the menu and tooltip in that language, and the menu still works', () => {
    const ctx: TextContext = { now: NOW, language: 'en', currency: { label: 'AZN', decimals: 2 }, timeZone: 'UTC', demo: false };
    const { tray, fake, calls } = setup('win32', trayView(snapshot(), ctx, false));
    const menus = recorder.menus.length;
    expect(fake.menu?.find('Quit')).toBeDefined();
    tray.render(trayView(snapshot(), { ...ctx, language: 'ru' }, false));
    expect(recorder.menus).toHaveLength(menus + 1);
    expect(fake.tooltip).toBe('Нет ожидающих заказов · проверено 12:03:10');
    expect(fake.menu?.find('Quit')).toBeUndefined();
    fake.menu?.find('Проверить сейчас')?.click?.();
    fake.menu?.find('15 минут')?.click?.();
    fake.menu?.find('Выход')?.click?.();
    expect(calls).toEqual(['check', 'pause 15', 'quit']);
    tray.render(trayView(snapshot(), { ...ctx, language: 'az' }, false));
    expect(fake.menu?.find('Jurnal qovluğunu aç')).toBeDefined();
  });
});
