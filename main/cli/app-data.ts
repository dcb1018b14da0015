/**
 * Where the desktop app keeps its data on this PC (Electron's `userData`: the OS's per-user
 * application-data folder and the product name), so the CLI's `report` reads the app's own ledger.
 */
import os from 'node:os';
import path from 'node:path';

/** electron-builder's productName, which Electron names the folder after. */
export const PRODUCT_NAME = 'Clopos Order Notifier';

type Env = Readonly<Record<string, string | undefined>>;

export function appDataDir(env: Env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  // The app's own override (CLOPOS_NOTIFIER_USER_DATA, main/app/launch.ts) wins, as in the app.
  const override = env.CLOPOS_NOTIFIER_USER_DATA?.trim();
  if (override) return override;
  if (platform === 'win32') return path.win32.join(env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME?.trim() || path.posix.join(home, '.config'), PRODUCT_NAME);
}

/** The live ledger's folder (the demo's is `ledger-demo`, never read by the CLI). */
export function defaultLedgerDir(env: Env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const base = appDataDir(env, platform, home);
  return platform === 'win32' ? path.win32.join(base, 'ledger') : path.posix.join(base, 'ledger');
}
