/**
 * Escalation to the owner's phone through a Telegram bot (electron-free): the decisions and the
 * queue (escalation.ts), the Bot API client (telegram-client.ts) and the texts (texts.ts).
 */
export {
  ALL_CLEAR_AFTER_MS,
  BACKOFF_FIRST_MS,
  BACKOFF_MAX_MS,
  CHECK_EVERY_MS,
  createTelegramEscalation,
  MAX_MESSAGE_AGE_MS,
  MAX_QUEUE,
  MAX_RETRY_AFTER_S,
  type TelegramEscalation,
  type TelegramEscalationDeps,
} from './escalation';
export {
  createTelegramClient,
  DEFAULT_TIMEOUT_MS,
  MAX_REPLY_BYTES,
  scrub,
  type SendOutcome,
  type SendOutcomeKind,
  type TelegramClient,
  type TelegramClientDeps,
} from './telegram-client';
export { MAX_MESSAGE_CHARS } from './texts';
