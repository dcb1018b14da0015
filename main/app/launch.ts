/**
 * What the app was started with: command-line flags and environment overrides.
 *
 * Environment variables (for tests, the smoke run and IT people scripting a PC):
 * - CLOPOS_NOTIFIER_USER_DATA: the folder for settings, secrets, the log and the announced record.
 * - CLOPOS_NOTIFIER_BASE_URL: watch this Clopos address instead of the saved connection; with it
 *   CLOPOS_NOTIFIER_API (v1|v2, default v2), CLOPOS_NOTIFIER_BRAND, CLOPOS_NOTIFIER_VENUES
 *   (comma-separated), CLOPOS_NOTIFIER_CLIENT_ID, CLOPOS_NOTIFIER_INTEGRATOR_ID,
 *   CLOPOS_NOTIFIER_CLIENT_SECRET, CLOPOS_NOTIFIER_TIME_ZONE. The secret is held in memory only, never saved or logged.
 * - CLOPOS_NOTIFIER_UPDATE_FEED (or --update-feed=https://… on the command line): the update
 *   address IT wants instead of the build's own. Never from the window.
 * - CLOPOS_NOTIFIER_POLL_SECONDS, CLOPOS_NOTIFIER_REMINDER_SECONDS,
 *   CLOPOS_NOTIFIER_ESCALATION_MINUTES, CLOPOS_NOTIFIER_HEALTH_FAILURES,
 *   CLOPOS_NOTIFIER_HEALTH_SECONDS: engine timings that win over the settings (the engine still
 *   clamps them to safe ranges, e.g. polls at most every 3 s).
 */
import { isAllowedServerUrl } from '../../common/server-address';
import { connectionSchema, type ConnectionSettings } from '../../common/settings';
import type { Credentials } from '../clopos/types';
import type { EngineTuning } from '../watch/types';

/** What start-at-login passes, so the app starts in the tray. */
export const HIDDEN_FLAG = '--hidden';

export interface LaunchArgs {
  /** Start in the tray (start at login). */
  hidden: boolean;
  /** Demo mode with the in-process simulator. */
  demo: boolean;
  /** `--update-feed=https://…`: IT's update address instead of the build's; null when not given. */
  updateFeed: string | null;
}

const UPDATE_FEED_FLAG = '--update-feed=';

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const feed = argv.find((arg) => arg.startsWith(UPDATE_FEED_FLAG))?.slice(UPDATE_FEED_FLAG.length).trim();
  return { hidden: argv.includes(HIDDEN_FLAG), demo: argv.includes('--demo'), updateFeed: feed || null };
}

export interface EnvOverrides {
  userData: string | null;
  /** CLOPOS_NOTIFIER_UPDATE_FEED: IT's update address; null when not set. */
  updateFeed: string | null;
  connection: { connection: ConnectionSettings; credentials: Credentials } | null;
  engine: Partial<EngineTuning>;
  /**
   * CLOPOS_NOTIFIER_TELEGRAM_API: another Bot API server (a loopback fake in tests, a self-hosted
   * Bot API server); null = Telegram's. The environment, never the window, can change it.
   */
  telegramApiUrl: string | null;
}

const PREFIX = 'CLOPOS_NOTIFIER_';

type NumericOption = keyof EngineTuning;

const ENGINE_VARS: Record<string, NumericOption> = {
  POLL_SECONDS: 'pollIntervalSeconds',
  REMINDER_SECONDS: 'reminderSeconds',
  ESCALATION_MINUTES: 'escalationMinutes',
  HEALTH_FAILURES: 'healthFailures',
  HEALTH_SECONDS: 'healthSeconds',
};

export function readEnvOverrides(env: Record<string, string | undefined>): EnvOverrides {
  const get = (name: string): string => env[PREFIX + name]?.trim() ?? '';
  const engine: Partial<EngineTuning> = {};
  for (const [name, key] of Object.entries(ENGINE_VARS)) {
    const raw = get(name);
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${PREFIX}${name} must be a positive number, not "${raw}".`);
    engine[key] = value;
  }

  let connection: EnvOverrides['connection'] = null;
  if (get('BASE_URL')) {
    const parsed = connectionSchema.safeParse({
      api: get('API') || 'v2',
      baseUrl: get('BASE_URL'),
      brand: get('BRAND'),
      venues: get('VENUES')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
      clientId: get('CLIENT_ID'),
      integratorId: get('INTEGRATOR_ID'),
      timeZone: get('TIME_ZONE'),
    });
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`The ${PREFIX}* connection is invalid: ${detail}`);
    }
    const secret = get('CLIENT_SECRET');
    connection = { connection: parsed.data, credentials: secret ? { clientSecret: secret } : {} };
  }
  let telegramApiUrl: string | null = null;
  if (get('TELEGRAM_API')) {
    let url: URL | null = null;
    try {
      url = new URL(get('TELEGRAM_API'));
    } catch {
      url = null;
    }
    // The bot token travels in the address: https only, or http to this PC itself.
    if (!url || !isAllowedServerUrl(url) || url.search || url.hash) {
      throw new Error(`${PREFIX}TELEGRAM_API must be an https:// address (http:// only to this computer) without a query, not "${get('TELEGRAM_API')}".`);
    }
    telegramApiUrl = url.href.replace(/\/+$/, '');
  }
  return { userData: get('USER_DATA') || null, updateFeed: get('UPDATE_FEED') || null, connection, engine, telegramApiUrl };
}

/**
 * The renderer's development server (`npm run dev`: electron-vite sets ELECTRON_RENDERER_URL), or
 * null. Only an unpackaged app uses one, and only on this computer (http on localhost/127.0.0.1):
 * an installed app always loads its own files.
 */
export function devServerUrlFrom(env: Record<string, string | undefined>, packaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL?.trim();
  if (packaged || !raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1') ? url.href : null;
  } catch {
    return null;
  }
}
