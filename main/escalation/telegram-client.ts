/**
 * The one Bot API call the escalation makes: sendMessage, plain text (no parse_mode: order text
 * comes from the network, and plain text cannot be markup-injected). A timeout on the injected
 * clock joined with the caller's signal, no redirects followed (the token is in the address), a
 * bounded reply read and checked with zod, and a typed outcome. Every detail is a fixed English
 * sentence or Telegram's own description with the token (in every spelling) and anything
 * token-shaped removed: nothing here passes an error's message on, since a fetch error can carry
 * the address and the address carries the token.
 */
import { z } from 'zod';
import { REDACTED, redactServerText } from '../redact';
import type { Clock } from '../watch/types';
import { readBoundedText } from '../clopos/http';
import { cleanPiece, cut, MAX_MESSAGE_CHARS } from './texts';

/** Longer than a Telegram reply to sendMessage can be (it echoes the message: a few kB). */
export const MAX_REPLY_BYTES = 256 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** What one sendMessage came to. `detail` is English and never holds the token. */
export type SendOutcome =
  | { kind: 'ok' }
  /** 401, a 404 for the bot (Telegram's answer to a token it does not know), or a token not in Telegram's form. */
  | { kind: 'unauthorized'; detail: string }
  /** 400 "chat not found" (or the group moved to a new id): fixed only in Settings. */
  | { kind: 'chat-not-found'; detail: string }
  /** 403: the bot was blocked, removed from the group, or never started. */
  | { kind: 'forbidden'; detail: string }
  /** Another 4xx: Telegram will never take this message (sending it again cannot help). */
  | { kind: 'rejected'; detail: string }
  /** 429; `retryAfterS` from `parameters.retry_after` (or the Retry-After header), null when absent or unreadable. */
  | { kind: 'rate-limited'; retryAfterS: number | null; detail: string }
  | { kind: 'server'; status: number; detail: string }
  | { kind: 'timeout'; detail: string }
  | { kind: 'network'; detail: string }
  | { kind: 'malformed'; detail: string }
  /** The caller's signal ended it (the app is stopping). */
  | { kind: 'aborted'; detail: string };

export type SendOutcomeKind = SendOutcome['kind'];

export interface TelegramClientDeps {
  fetch: typeof fetch;
  /** `https://api.telegram.org`, or a loopback fake in tests; no trailing slash needed. */
  apiUrl: string;
  clock: Clock;
  timeoutMs?: number;
}

export interface TelegramClient {
  sendMessage(token: string, chatId: string, text: string, signal?: AbortSignal): Promise<SendOutcome>;
}

/** The reply's envelope (https://core.telegram.org/bots/api#making-requests). */
const replySchema = z.object({
  ok: z.boolean(),
  description: z.string().optional(),
  error_code: z.number().optional(),
  // Read field by field below: an unreadable retry_after means "the usual back-off", not "malformed".
  parameters: z.record(z.string(), z.unknown()).optional(),
});
type Reply = z.infer<typeof replySchema>;

/** What a bot token looks like: the bot's number, a colon, and the secret part. */
const TOKEN_FORM = /^\d{1,20}:[A-Za-z0-9_-]{20,200}$/;
/** Anything shaped like a bot token, as written or with the colon percent-encoded. */
const TOKEN_SHAPE = /\d{3,20}(?::|%3[Aa])[A-Za-z0-9_-]{20,}/g;

/**
 * Text a server or the network gave, fit for a log line, the ledger, the status or an error: the
 * token removed in every spelling (as is, percent-encoded, JSON-escaped, base64), anything
 * token-shaped or long and opaque removed, controls removed, cut to 200 characters.
 */
export function scrub(text: string, token: string | null): string {
  const redacted = redactServerText(text, token ? [token] : []).replace(TOKEN_SHAPE, REDACTED);
  return cleanPiece(redacted, 200);
}

/** 1..1 day in whole seconds, or null. */
function seconds(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 86_400 ? Math.ceil(n) : null;
}

/** The system error code behind a failed fetch (ECONNREFUSED, ENOTFOUND…): safe to show, never the message. */
function networkCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function parseReply(text: string | null): Reply | { problem: string } {
  if (text === null) return { problem: `a reply larger than ${MAX_REPLY_BYTES / 1024} kB` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const parsed = replySchema.safeParse(json);
  return parsed.success ? parsed.data : { problem: 'not the Bot API reply shape' };
}

const describe = (reply: Reply | null, token: string): string | null => {
  const text = reply?.description ? scrub(reply.description, token) : '';
  return text || null;
};

/** The outcome of a reply Telegram sent (any status). */
function classify(status: number, reply: Reply | null, problem: string | null, retryHeader: string | null, token: string, chatId: string): SendOutcome {
  if (status >= 200 && status < 300) {
    if (reply?.ok === true) return { kind: 'ok' };
    if (!reply) return { kind: 'malformed', detail: `Telegram sent an answer the app cannot read (${problem ?? 'empty'}).` };
  }
  const code = reply && reply.ok === false && reply.error_code !== undefined ? reply.error_code : status;
  const said = describe(reply, token);
  const quoted = (fallback: string) => `${code} ${said ?? fallback}`;
  const chat = cleanPiece(chatId, 64);
  if (code === 401) {
    return { kind: 'unauthorized', detail: 'Telegram refused the bot token (401 Unauthorized): check the token in Settings → Telegram.' };
  }
  if (code === 404) {
    return { kind: 'unauthorized', detail: 'Telegram does not know this bot token (404 Not Found): check the token in Settings → Telegram.' };
  }
  if (code === 429) {
    const retryAfterS = seconds(reply?.parameters?.retry_after) ?? seconds(retryHeader);
    const wait = retryAfterS === null ? '' : ` ${retryAfterS} s`;
    return { kind: 'rate-limited', retryAfterS, detail: `Telegram asked to wait${wait} before the next message (429 Too Many Requests).` };
  }
  if (code === 403) {
    return {
      kind: 'forbidden',
      detail: `Telegram will not let the bot write to the chat ${chat} (${quoted('Forbidden')}): check that the bot is still in the group, or start the bot in a private chat.`,
    };
  }
  if (code === 400) {
    const moved = reply?.parameters?.migrate_to_chat_id;
    if (typeof moved === 'number' && Number.isSafeInteger(moved)) {
      return {
        kind: 'chat-not-found',
        detail: `The Telegram group ${chat} became a supergroup with the chat id ${moved}: put the new chat id in Settings → Telegram.`,
      };
    }
    if (/chat not found|chat_id is empty|peer_id_invalid|user not found|chat_not_found/i.test(reply?.description ?? '')) {
      return {
        kind: 'chat-not-found',
        detail: `Telegram cannot find the chat ${chat} (400 Bad Request: chat not found): check the chat id in Settings → Telegram, and that the bot was added to the group or has been started in a private chat.`,
      };
    }
  }
  if (code >= 500 || status >= 500) return { kind: 'server', status: code >= 500 ? code : status, detail: `Telegram had a server error (${quoted('Server Error')}).` };
  if (code >= 400 && code < 500) return { kind: 'rejected', detail: `Telegram refused the message (${quoted('Bad Request')}).` };
  if (status >= 300 && status < 400) return { kind: 'malformed', detail: `Telegram's address answered with a redirect (HTTP ${status}), which the app does not follow.` };
  return { kind: 'malformed', detail: `Telegram sent an answer the app cannot read (HTTP ${status}${problem ? `, ${problem}` : ''}).` };
}

export function createTelegramClient(deps: TelegramClientDeps): TelegramClient {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = deps.apiUrl.replace(/\/+$/, '');

  return {
    async sendMessage(rawToken, chatId, text, signal) {
      const token = rawToken.trim();
      if (!TOKEN_FORM.test(token)) {
        return {
          kind: 'unauthorized',
          detail: "The bot token in Settings is not in Telegram's form (the bot's number, a colon, then letters and digits): copy it again from @BotFather.",
        };
      }
      if (signal?.aborted) return { kind: 'aborted', detail: 'Not sent: the app is stopping.' };
      const abort = new AbortController();
      let timedOut = false;
      const timer = deps.clock.setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, timeoutMs);
      const onAbort = () => abort.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const response = await deps.fetch(`${base}/bot${token}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ chat_id: chatId, text: cut(text, MAX_MESSAGE_CHARS), disable_web_page_preview: true }),
          signal: abort.signal,
          // A redirect would carry the token in its address to wherever it points.
          redirect: 'manual',
        });
        const body = await readBoundedText(response, MAX_REPLY_BYTES);
        const parsed = parseReply(body);
        const reply = 'problem' in parsed ? null : parsed;
        const problem = 'problem' in parsed ? parsed.problem : null;
        return classify(response.status, reply, problem, response.headers.get('retry-after'), token, chatId);
      } catch (error) {
        if (timedOut) return { kind: 'timeout', detail: `Telegram did not answer within ${Math.round(timeoutMs / 1000)} s.` };
        if (signal?.aborted) return { kind: 'aborted', detail: 'Not sent: the app is stopping.' };
        const code = networkCode(error);
        return { kind: 'network', detail: `Cannot reach Telegram${code ? ` (${code})` : ''}: check this PC's internet connection.` };
      } finally {
        deps.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
