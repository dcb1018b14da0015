/**
 * Removes secrets from text before it is written anywhere a person or another program can read it
 * (the log file, the console, an error shown in the window). Two layers: the exact values of the
 * secrets the app currently holds, registered at runtime, and patterns for anything token-shaped,
 * so a token the app never saw as a "secret" (a freshly issued one, one quoted in a server reply)
 * is caught too.
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

/** The forms a value takes when it is embedded in a URL or a JSON string. */
function spellings(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  return [...forms].filter((form) => form.length > 0);
}

export function redactPatterns(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace);
  return out;
}

export interface Redactor {
  /** Text with every registered secret and every token-shaped value replaced. */
  redact(text: string): string;
  /** Registers the current value of a secret (the old value stays registered: it may still be in flight). */
  register(secret: string): void;
}

export function createRedactor(): Redactor {
  const known = new Set<string>();
  return {
    register(secret) {
      if (secret.length === 0) return;
      for (const form of spellings(secret)) known.add(form);
    },
    redact(text) {
      let out = text;
      // Longest first, so a secret that contains another registered one is removed whole.
      for (const secret of [...known].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
      return redactPatterns(out);
    },
  };
}
