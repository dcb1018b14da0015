/** `report --since …` on the command line: needs no connection, reads the app's own ledger folder by default. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../main/cli/args';
import { appDataDir, defaultLedgerDir } from '../../../main/cli/app-data';

const usage = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseCli(argv, env);
  if (parsed.kind !== 'usage-error') throw new Error(`expected a usage error, got ${parsed.kind}`);
  return parsed.message;
};

describe('cli report arguments', () => {
  it('needs no Clopos connection: a period, the app\'s ledger folder, this PC\'s zone and the default escalation time', () => {
    expect(parseCli(['report', '--since', '7d'], { CLOPOS_NOTIFIER_USER_DATA: '/srv/notifier' })).toEqual({
      kind: 'report',
      command: { name: 'report', json: false, since: '7d', ledgerDir: path.join('/srv/notifier', 'ledger'), timeZone: '', escalationMinutes: 3 },
    });
    expect(parseCli(['report', '--since=today', '--json', '--ledger', '/tmp/l', '--time-zone', 'Asia/Baku', '--escalation-minutes', '5'], {})).toEqual({
      kind: 'report',
      command: { name: 'report', json: true, since: 'today', ledgerDir: '/tmp/l', timeZone: 'Asia/Baku', escalationMinutes: 5 },
    });
  });

  it('refuses what it cannot use, saying what it takes', () => {
    expect(usage(['report'])).toMatch(/needs --since: today, yesterday, 7d, 30d/);
    expect(usage(['report', '--since', 'last-week'])).toMatch(/--since must be one of today, yesterday, 7d, 30d/);
    expect(usage(['report', '--since', '7d', '--time-zone', 'Mars/Olympus'])).toMatch(/IANA time zone/);
    expect(usage(['report', '--since', '7d', '--escalation-minutes', '0'])).toMatch(/whole number from 1 to 120/);
    expect(usage(['report', '--since', '7d', 'extra'])).toMatch(/Unexpected extra argument/);
    expect(usage(['report', '--since', '7d', '--once'])).toMatch(/--once only applies to poll/);
  });

  it('finds the app\'s data folder where Electron keeps it on each OS', () => {
    expect(appDataDir({ APPDATA: 'C:\\Users\\kassa\\AppData\\Roaming' }, 'win32', 'C:\\Users\\kassa')).toBe('C:\\Users\\kassa\\AppData\\Roaming\\Clopos Order Notifier');
    expect(appDataDir({}, 'darwin', '/Users/kassa')).toBe('/Users/kassa/Library/Application Support/Clopos Order Notifier');
    expect(appDataDir({}, 'linux', '/home/kassa')).toBe('/home/kassa/.config/Clopos Order Notifier');
    expect(appDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/kassa')).toBe('/cfg/Clopos Order Notifier');
    expect(defaultLedgerDir({}, 'win32', 'C:\\Users\\kassa')).toBe('C:\\Users\\kassa\\AppData\\Roaming\\Clopos Order Notifier\\ledger');
  });
});
