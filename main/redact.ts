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
  // A value already removed as a registered secret is left as it is, not cut into `[redacted]]`.
  {
    pattern:
      /((?:x-token|authorization|client[_-]?secret|access[_-]?token|refresh[_-]?token|token|password|secret)["']?\s*[:=]\s*["']?)(?!\[redacted\])(?:bearer\s+)?[^\s"'&,;}\]]+/gi,
    replace: `$1${REDACTED}`,
  },
  // JSON Web Tokens (Clopos v2 tokens are JWTs).
  { pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  // Clopos v1 tokens look like `oauth_…`.
  { pattern: /\boauth_[A-Za-z0-9._~+/=-]+/g, replace: REDACTED },
  // `Bearer <anything>` wherever it appears.
  { pattern: /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, replace: `Bearer ${REDACTED}` },
];

export function redactPatterns(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace);
  return out;
}

/**
 * A base64 run shorter than this is not searched for: it would match ordinary text. Secrets of
 * fewer than about 8 characters are still removed in every other spelling.
 */
const MIN_BASE64_CORE = 8;

/**
 * Below this length a registered secret is only removed where it stands alone (not inside a word,
 * a number or an id): searching every string the window is sent for two letters would rewrite
 * order ids and names, and a secret that short is no secret. Server text quoted for the call that
 * sent the secret (a sign-in refusal) loses it anywhere, however short.
 */
const MIN_SECRET_ANYWHERE = 4;

/**
 * How many secret values are searched. Every sign-in registers its issued token; a PC that runs
 * for months would otherwise search thousands of long-expired ones in every message. The client
 * secret is registered again at every sign-in, so the live values are always the newest.
 */
const MAX_SECRETS = 128;

/** Base64 chars a secret alone determines, whatever bytes precede or follow it, at each byte alignment. */
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
  return [...new Set(cores)];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A hex number as a pattern that accepts either letter case (`%2f` and `%2F`, `\u00e9` and `\u00E9`). */
const hexPattern = (value: number, width: number): string =>
  [...value.toString(16).padStart(width, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
const JSON_SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One character of a secret in each form an encoder may give it: as written, percent-encoded
 * (either hex case; every URL and form encoder differs in which marks it encodes, so each is
 * accepted either way), `+` for a space (form encoding), and JSON-escaped (`\"`, `\/` as PHP
 * writes it, `\uXXXX` as PHP and Python write anything outside ASCII). Letters and digits are
 * never encoded.
 */
function characterPattern(ch: string): string {
  if (/^[A-Za-z0-9]$/.test(ch)) return ch;
  const forms = [
    escapeRegExp(ch),
    [...Buffer.from(ch, 'utf8')].map((byte) => `%${hexPattern(byte, 2)}`).join(''),
    Array.from({ length: ch.length }, (_, i) => `\\\\u${hexPattern(ch.charCodeAt(i), 4)}`).join(''),
  ];
  const short = JSON_SHORT_ESCAPES[ch];
  if (short) forms.push(escapeRegExp(short));
  if (ch === ' ') forms.push('\\+');
  return `(?:${forms.join('|')})`;
}

/** Where a secret can be found: one pattern for its textual spellings, literals for its base64 cores. */
interface Needle {
  /**
   * The secret's longest run of letters and digits, which every textual spelling contains as is:
   * text without it is not searched with the pattern (most text, and far cheaper to rule out).
   */
  anchor: string;
  pattern: RegExp;
  base64: string[];
}

function needleFor(secret: string, shortSecretsAnywhere: boolean): Needle {
  const body = [...secret].map(characterPattern).join('');
  const alone = secret.length < MIN_SECRET_ANYWHERE && !shortSecretsAnywhere;
  const runs = secret.match(/[A-Za-z0-9]+/g) ?? [''];
  return {
    anchor: runs.reduce((a, b) => (b.length > a.length ? b : a)),
    pattern: new RegExp(alone ? `(?<![A-Za-z0-9._-])${body}(?![A-Za-z0-9._-])` : body, 'g'),
    base64: base64Cores(secret),
  };
}

/**
 * The text with every place any needle matches replaced by one REDACTED: places that overlap or
 * touch (two secrets sharing characters) are merged, so neither leaves a tail behind.
 */
function cutOut(text: string, needles: Iterable<Needle>): string {
  const found: [number, number][] = [];
  for (const needle of needles) {
    if (text.includes(needle.anchor)) for (const match of text.matchAll(needle.pattern)) found.push([match.index, match.index + match[0].length]);
    for (const core of needle.base64) {
      for (let at = text.indexOf(core); at !== -1; at = text.indexOf(core, at + 1)) found.push([at, at + core.length]);
    }
  }
  if (found.length === 0) return text;
  found.sort((a, b) => a[0] - b[0]);
  let out = '';
  let kept = 0;
  let [start, end] = found[0]!;
  for (const [from, to] of found.slice(1)) {
    if (from <= end) {
      end = Math.max(end, to);
      continue;
    }
    out += text.slice(kept, start) + REDACTED;
    kept = end;
    [start, end] = [from, to];
  }
  return out + text.slice(kept, start) + REDACTED + text.slice(end);
}

export interface Redactor {
  /** Text with every registered secret (in every spelling) and every token-shaped value replaced. */
  redact(text: string): string;
  /** Every string inside a value (a reply, an event, a notification) redacted; the rest kept as it is. */
  redactDeep<T>(value: T): T;
  /**
   * Registers the current value of a secret. Old values stay registered (they may still be in
   * flight) until MAX_SECRETS newer ones push them out.
   */
  register(secret: string): void;
}

/** Deeper than any message the app sends; a value nested further is replaced, not walked. */
const MAX_DEPTH = 64;

function buildRedactor(secrets: readonly string[], shortSecretsAnywhere: boolean): Redactor {
  // Insertion order is age: registering a value again makes it the newest.
  const needles = new Map<string, Needle>();
  const redact = (text: string): string => redactPatterns(cutOut(text, needles.values()));
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
      const needle = needles.get(secret) ?? needleFor(secret, shortSecretsAnywhere);
      needles.delete(secret);
      needles.set(secret, needle);
      if (needles.size > MAX_SECRETS) needles.delete(needles.keys().next().value!);
    },
    redact,
    redactDeep: <T>(value: T): T => deep(value, 0) as T,
  };
  for (const secret of secrets) redactor.register(secret);
  return redactor;
}

/**
 * The one redactor: the log, every message main sends to the window, native notifications and the
 * CLI's output all go through one of these. `secrets` are registered at once.
 */
export function createRedactor(secrets: readonly string[] = []): Redactor {
  return buildRedactor(secrets, false);
}

/** Server text quoted in a message is cut to this length. */
const SERVER_TEXT_MAX = 200;

/**
 * Text a server sent, before it is quoted in an error: the secrets of this call removed in every
 * spelling (however short: this text is the server's alone, nothing else in it can be damaged),
 * every token shape, and any long opaque run (a token in a form nobody documented), cut to a
 * length a message can carry.
 */
export function redactServerText(text: string, secrets: readonly string[] = []): string {
  const clean = buildRedactor(secrets, true)
    .redact(text)
    .replace(/[A-Za-z0-9+/_=.-]{32,}/g, REDACTED);
  if (clean.length <= SERVER_TEXT_MAX) return clean;
  // The cut drops the word it falls in: half a secret this client does not know (a token issued
  // to another) could no longer be recognised by the app's redactor further on.
  const head = clean.slice(0, SERVER_TEXT_MAX);
  return `${/\S/.test(clean.charAt(SERVER_TEXT_MAX)) ? head.replace(/\S+$/, '') : head}…`;
}
