/**
 * Checks a settings patch with the shared schemas (common/settings.ts), so the screen accepts
 * exactly what main accepts, and turns zod's issues into short messages next to each field.
 */
import type { z } from 'zod';
import {
  settingRange,
  settingsPatchSchema,
  type ConnectionSettings,
  type SettingsPatch,
} from '../../../common/settings';
import type { Messages } from '../i18n/en';

/** Field errors keyed by the setting's path, e.g. "connection.brand" or "alerts.reminderSeconds". */
export type FieldErrors = Partial<Record<string, string>>;

const URL_FIELDS = new Set(['receiptUrlTemplate']);
/** The Clopos address gets the client secret: https only (http to this computer itself), as the shared schema says. */
const SERVER_FIELD = 'connection.baseUrl';

const isHttpUrlWithoutCredentials = (text: string) => {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
};

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? Reflect.get(node, key) : undefined), root);

function messageFor(field: string, issue: z.core.$ZodIssue, input: unknown, t: Messages): string {
  if (field === SERVER_FIELD) return t.fieldHttpsOnly;
  if (field === 'alarmShortcut') return t.fieldShortcut;
  if (field === 'telegram.chatId') return t.telegram.chatIdInvalid;
  // The range as the shared schema has it, so the message names exactly what main accepts.
  const range = settingRange(field);
  if (range) return t.fieldRange(range.min, range.max);
  if (URL_FIELDS.has(field)) {
    const value = valueAt(input, issue.path);
    return typeof value === 'string' && isHttpUrlWithoutCredentials(value) ? t.fieldUrlNeedsId : t.fieldUrl;
  }
  switch (issue.code) {
    case 'too_small':
      return t.fieldRequired;
    case 'too_big':
      return issue.origin === 'array' ? t.fieldTooManyVenues(Number(issue.maximum)) : t.fieldTooLong(Number(issue.maximum));
    case 'invalid_format':
      return t.fieldIdChars;
    case 'invalid_type':
      return t.fieldWholeNumber;
    default:
      return t.fieldInvalid;
  }
}

export type Validated = { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors };

export function validateSettingsPatch(patch: unknown, t: Messages): Validated {
  const result = settingsPatchSchema.safeParse(patch);
  const errors: FieldErrors = {};
  for (const issue of result.error?.issues ?? []) {
    const field = issue.path.filter((key): key is string => typeof key === 'string').join('.');
    errors[field] ??= messageFor(field, issue, patch, t);
  }
  if (result.success && Object.keys(errors).length === 0) return { ok: true, patch: result.data };
  return { ok: false, errors };
}

/**
 * What a live connection needs beyond the schema (which allows empty fields so a half-filled form
 * can be saved as a draft): v1 signs in per venue, v2 with an integrator ID.
 */
export function missingConnectionFields(connection: ConnectionSettings, t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  if (!connection.brand.trim()) errors['connection.brand'] = t.fieldRequired;
  if (!connection.clientId.trim()) errors['connection.clientId'] = t.fieldRequired;
  if (connection.api === 'v2' && !connection.integratorId.trim()) errors['connection.integratorId'] = t.fieldRequired;
  if (connection.api === 'v1' && connection.venues.length === 0) errors['connection.venues'] = t.fieldRequired;
  return errors;
}
