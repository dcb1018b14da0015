/**
 * Removes secrets from text before it is written anywhere a person or another program can read it
 * (the log file, the console, a message to the window, a notification, the CLI's output). Two
 * layers: the values of the secrets the app holds (the client secret, pasted and issued tokens),
 * registered at runtime and searched for in every spelling they can take inside a reply, and
 * patterns for anything token-shaped, so a token the app never saw as a "secret" is caught too.
 */

export const REDACTED = '[redacted]';

interface Rule {
  pattern: RegExp;
  replace: string;
}

/**
 * Order matters: key/value rules run first so `"token":"eyJ…"` keeps its key and loses its value,
 * then the free-standing token shapes catch what is left.
 */
const RULES: readonly Rule[] = [
  // Headers and query/body fields that carry credentials: x-token, authorization, client_secret,
  // clientSecret, token, access_token, password — as JSON (`"k":"v"`), header (`k: v`) or form (`k=v`).
  {
    pattern:
      /((?:x-token|authorization|client[_-]?secret|access[_-]?token|refresh[_-]?token|token|password|secret)["']?\s*[:=]\s*["']?)(?:bearer\s+)?[^\s"'&,;}\]]+/gi,
    replace: `$1${REDACTED}`,
  },
  // JSON Web Tokens (Clopos v2 tokens are JWTs).
  { pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  // Clopos v1 tokens look like `oauth_…`.
  { pattern: /\boauth_[A-Za-z0-9._~+/=-]+/g, replace: REDACTED },
  // `Bearer <anything>` wherever it appears.
  { pattern: /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, replace: `Bearer ${REDACTED}` },
];

/** Base64 chars a secret alone determines, whatever bytes precede or follow it, at one alignment. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let lead = 0; lead < 3; lead += 1) {
    const encoded = Buffer.concat([Buffer.alloc(lead), bytes]).toString('base64');
    // The first group shares bits with the preceding bytes unless the secret starts it; the last,
    // unless complete, shares bits with what follows.
    const start = lead === 0 ? 0 : 4;
    const end = Math.floor((lead + bytes.length) / 3) * 4;
    const core = encoded.slice(start, end);
    if (core.length >= MIN_BASE64_CORE) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * A base64 run shorter than this is not searched for: it would match ordinary text. Secrets of
 * fewer than about 8 characters are still removed in every other spelling.
 */
const MIN_BASE64_CORE = 8;

/**
 * The forms a value takes when it is embedded somewhere else: as written, URL-encoded (both
 * `%20` and form `+`), JSON-escaped, and base64 (standard and URL-safe, at any byte alignment, so
 * `client_id:secret` encoded for HTTP Basic auth loses the secret too).
 */
function spellings(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const forms = new Set([secret, uri, uri.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1), ...base64Cores(secret)]);
  return [...forms].filter((form) => form.length > 0);
}

export function redactPatterns(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace);
  return out;
}

export interface Redactor {
  /** Text with every registered secret (in every spelling) and every token-shaped value replaced. */
  redact(text: string): string;
  /** Every string inside a value (a reply, an event, a notification) redacted; the rest kept as it is. */
  redactDeep<T>(value: T): T;
  /** Registers the current value of a secret (the old value stays registered: it may still be in flight). */
  register(secret: string): void;
}

/** Server text quoted in a message is cut to this length. */
const SERVER_TEXT_MAX = 200;

/**
 * Text a server sent, before it is quoted in an error: the secrets of this call removed in every
 * spelling, every token shape, and any long opaque run (a token in a form nobody documented), cut
 * to a length a message can carry.
 */
export function redactServerText(text: string, secrets: readonly string[] = []): string {
  return createRedactor(secrets)
    .redact(text)
    .replace(/[A-Za-z0-9+/_=.-]{32,}/g, REDACTED)
    .slice(0, SERVER_TEXT_MAX);
}

/** Deeper than any message the app sends; a value nested further is replaced, not walked. */
const MAX_DEPTH = 64;

/**
 * The one redactor: the log, every message main sends to the window, native notifications and the
 * CLI's output all go through one of these. `secrets` are registered at once.
 */
export function createRedactor(secrets: readonly string[] = []): Redactor {
  const known = new Set<string>();
  let ordered: string[] = [];
  const redact = (text: string): string => {
    let out = text;
    // Longest first, so a secret that contains another registered one is removed whole.
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return redactPatterns(out);
  };
  const deep = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redact(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => deep(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, depth + 1)]));
  };
  const redactor: Redactor = {
    register(secret) {
      if (secret.length === 0) return;
      for (const form of spellings(secret)) known.add(form);
      ordered = [...known].sort((a, b) => b.length - a.length);
    },
    redact,
    redactDeep: <T>(value: T): T => deep(value, 0) as T,
  };
  for (const secret of secrets) redactor.register(secret);
  return redactor;
}
