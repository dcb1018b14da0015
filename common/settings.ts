import { z } from 'zod';
import { isAllowedServerUrl, SERVER_URL_RULE } from './server-address';

export const SETTINGS_VERSION = 1;
export const LANGUAGES = ['en', 'az', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The locale each language formats numbers, dates and plurals with (main and the window alike). */
export const LOCALE_TAGS: Record<Language, string> = { en: 'en-GB', az: 'az-Latn-AZ', ru: 'ru-RU' };

export const POLL_INTERVAL_MIN_S = 3;
export const POLL_INTERVAL_MAX_S = 300;
export const POLL_CADENCES = ['auto', 'fixed'] as const;
export type PollCadenceMode = (typeof POLL_CADENCES)[number];

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'Must be an http:// or https:// address without a user name or password');

/** The Clopos address: credentials go there, so https (or http to this PC itself) only. */
const serverUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return isAllowedServerUrl(new URL(v));
    } catch {
      return false;
    }
  }, SERVER_URL_RULE);

/** Ids Clopos uses for brands and venues: letters, digits, dash, underscore. */
const idText = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Letters, digits, dot, dash and underscore only');

export const connectionSchema = z.object({
  api: z.enum(['v1', 'v2']),
  baseUrl: serverUrl,
  brand: z.string().trim().max(100),
  venues: z.array(idText).max(20),
  clientId: z.string().trim().max(200),
  integratorId: z.string().trim().max(200),
  /** IANA zone used for zone-less Clopos timestamps; empty = this PC's zone. */
  timeZone: z.string().trim().max(64),
});
export type ConnectionSettings = z.infer<typeof connectionSchema>;

export const alertSettingsSchema = z.object({
  sound: z.boolean(),
  /** 0..1 */
  volume: z.number().min(0).max(1),
  reminderSeconds: z.number().int().min(10).max(3600),
  escalationMinutes: z.number().int().min(1).max(120),
  summaryThreshold: z.number().int().min(1).max(50),
  healthFailures: z.number().int().min(1).max(100),
  healthSeconds: z.number().int().min(10).max(3600),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/** Electron's accelerator words (https://www.electronjs.org/docs/latest/api/accelerator). */
const MODIFIERS = ['CommandOrControl', 'CmdOrCtrl', 'Command', 'Cmd', 'Control', 'Ctrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'] as const;
const KEY = /^(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Plus|Space|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Escape|Esc|num[0-9]|[-=[\];',./`\\])$/;
const FUNCTION_KEY = /^F(?:[1-9]|1[0-9]|2[0-4])$/;

/**
 * Why an accelerator cannot be a global shortcut, or null when it can: known modifiers, one key, and
 * at least one modifier besides Shift unless the key is a function key — a global shortcut swallows
 * its keys in every app, so a bare letter would stop the clerk typing it on the POS.
 */
export function acceleratorProblem(value: string): string | null {
  const parts = value.split('+');
  const key = parts.pop() ?? '';
  if (!KEY.test(key)) return `"${key}" is not a key a shortcut can use`;
  const seen = new Set<string>();
  for (const part of parts) {
    if (!(MODIFIERS as readonly string[]).includes(part)) return `"${part}" is not a modifier key`;
    if (seen.has(part)) return `"${part}" is given twice`;
    seen.add(part);
  }
  const strong = parts.some((p) => p !== 'Shift');
  if (!strong && !FUNCTION_KEY.test(key)) return 'it needs Ctrl, Alt or the Windows/Command key, or a function key (F1–F24)';
  return null;
}

const accelerator = z
  .string()
  .trim()
  .max(60)
  .superRefine((value, ctx) => {
    const problem = value === '' ? null : acceleratorProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `Not a usable shortcut: ${problem}.` });
  });

/** A Telegram chat: a number (groups and channels are negative) or a public @name. */
const TELEGRAM_CHAT_ID = /^(?:-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

/** Where the bot token may go: Telegram's Bot API only (tests point the app at a loopback fake through the environment). */
export const TELEGRAM_API_URL = 'https://api.telegram.org';

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** True once the user chose "Connect" or "Demo" in onboarding. */
  onboarded: z.boolean(),
  mode: z.enum(['live', 'demo']),
  connection: connectionSchema,
  /**
   * 'auto' = as often as the rate budget the replies report allows (3 s while it is plentiful,
   * slower when shared or low); 'fixed' = every `pollIntervalSeconds`.
   */
  pollCadence: z.enum(POLL_CADENCES),
  /** The fixed interval; with 'auto', used until a reply has reported the budget. */
  pollIntervalSeconds: z.number().int().min(POLL_INTERVAL_MIN_S).max(POLL_INTERVAL_MAX_S),
  alerts: alertSettingsSchema,
  startAtLogin: z.boolean(),
  startHidden: z.boolean(),
  /** A global shortcut that acknowledges every waiting order (stops the alarm); '' = none (the default). */
  alarmShortcut: accelerator,
  language: z.enum(LANGUAGES),
  currency: z.object({ label: z.string().trim().max(8), decimals: z.number().int().min(0).max(4) }),
  /** e.g. https://backoffice.example/receipts/{id}; empty = no external link. */
  receiptUrlTemplate: z.union([z.literal(''), httpUrl.refine((v) => v.includes('{id}'), 'Must contain {id}')]),
  /** The "Reject order" action sets an order to IGNORE in Clopos; off unless the owner turns it on. */
  allowReject: z.boolean(),
  /** The user accepted storing secrets without OS encryption (Linux basic_text). */
  allowWeakSecretStorage: z.boolean(),
  /** Whether to look for and install updates. Where from is the build's (or IT's) business, never the window's. */
  updates: z.object({ enabled: z.boolean() }).strict(),
  /** Opt-in window behaviour while orders wait (within what each OS allows a background app). */
  window: z
    .object({
      /** A new order brings the window to the front (shown, restored, focused where the OS allows). */
      bringToFront: z.boolean(),
      /** The window stays above other windows while an order waits to be seen. */
      keepOnTop: z.boolean(),
    })
    .strict(),
  /** The order slip: the printer (by its system name; '' = the system default), paper width, and printing each new order. */
  printing: z
    .object({
      printer: z
        .string()
        .max(256)
        .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'No control characters'),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]),
      printEachNewOrder: z.boolean(),
    })
    .strict(),
  /**
   * Escalation to a phone through a Telegram bot (the bot token is a secret, `telegramToken`):
   * a message when an order waits unseen `orderMinutes`, when Clopos cannot be reached for
   * `outageMinutes`, and the all-clear.
   */
  telegram: z
    .object({
      enabled: z.boolean(),
      /** A chat's number (negative for groups) or a public channel's @name; '' = not set. */
      chatId: z
        .string()
        .trim()
        .max(64)
        .refine((v) => v === '' || TELEGRAM_CHAT_ID.test(v), 'A chat id is a number (like 123456789 or -1001234567890) or a channel name like @my_channel'),
      orderMinutes: z.number().int().min(1).max(120),
      outageMinutes: z.number().int().min(1).max(240),
    })
    .strict(),
  /** The ledger behind the owner's report: how many days it keeps. */
  ledger: z.object({ retentionDays: z.number().int().min(7).max(366) }).strict(),
});
/**
 * The allowed range of a numeric setting, read from the schema ("alerts.reminderSeconds"), so the
 * settings screen names exactly the range main enforces; null for a path that is not a bounded number.
 */
export function settingRange(path: string): { min: number; max: number } | null {
  let node: unknown = settingsSchema;
  for (const key of path.split('.')) {
    if (!(node instanceof z.ZodObject)) return null;
    node = (node.shape as Record<string, unknown>)[key];
  }
  if (!(node instanceof z.ZodNumber) || node.minValue === null || node.maxValue === null) return null;
  return { min: node.minValue, max: node.maxValue };
}

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  onboarded: false,
  mode: 'live',
  connection: {
    api: 'v2',
    baseUrl: 'https://integrations.clopos.com/open-api',
    brand: '',
    venues: [],
    clientId: '',
    integratorId: '',
    timeZone: '',
  },
  pollCadence: 'auto',
  pollIntervalSeconds: 10,
  alerts: {
    sound: true,
    volume: 0.8,
    reminderSeconds: 30,
    escalationMinutes: 3,
    summaryThreshold: 3,
    healthFailures: 3,
    healthSeconds: 60,
  },
  startAtLogin: false,
  startHidden: false,
  alarmShortcut: '',
  language: 'en',
  currency: { label: 'AZN', decimals: 2 },
  receiptUrlTemplate: '',
  allowReject: false,
  allowWeakSecretStorage: false,
  updates: { enabled: true },
  window: { bringToFront: false, keepOnTop: false },
  printing: { printer: '', paperWidthMm: 80, printEachNewOrder: false },
  telegram: { enabled: false, chatId: '', orderMinutes: 5, outageMinutes: 5 },
  ledger: { retentionDays: 90 },
};

/** A partial update from the settings screen: any subset of top-level sections. */
export const settingsPatchSchema = settingsSchema.omit({ version: true }).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Names of the secrets kept encrypted outside the settings object. */
export const SECRET_NAMES = ['clientSecret', 'token', 'telegramToken'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
