/**
 * Server text made safe for a terminal. Whatever Clopos sends (a customer name, an error message)
 * could carry escape sequences that repaint the screen, CR/LF that start a forged line such as
 * "CONNECTION OK", or bidi marks that reorder what is shown. Human output shows each such
 * character as a visible escape instead; JSON lines escape the ones JSON leaves raw.
 */

/** C0 controls, DEL, C1 controls, bidi and line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b' };

function escaped(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One line for a person: every unsafe character shown as an escape, so a line stays one line. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** One JSON line: JSON.stringify escapes C0 controls; bidi marks and U+2028/2029 are escaped too (still valid JSON). */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
