/** Searching what the app wrote or sent for a secret in every spelling a reply could give it. */

const percent = (ch: string) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * The value as written; URL-encoded as JavaScript, RFC 3986 (PHP rawurlencode) and form encoders
 * (URLSearchParams, PHP urlencode) write it, in either hex case; JSON-escaped, also with `\/` and
 * `\uXXXX` as PHP writes it; and base64 / base64url at each of the three byte alignments.
 */
export function spellings(value: string): string[] {
  const uri = encodeURIComponent(value);
  const strict = uri.replace(/[!'()*]/g, percent);
  const json = JSON.stringify(value).slice(1, -1);
  const urls = [uri, strict, new URLSearchParams({ v: value }).toString().slice(2), strict.replace(/~/g, percent).replace(/%20/g, '+')];
  const forms = new Set([
    value,
    ...urls,
    ...urls.map((form) => form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())),
    json,
    json.replace(/\//g, '\\/').replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ]);
  const bytes = Buffer.from(value, 'utf8');
  for (let pad = 0; pad < 3; pad += 1) {
    const padded = Buffer.concat([Buffer.alloc(pad), bytes]);
    const from = Math.ceil((pad * 8) / 6);
    const to = Math.floor((padded.length * 8) / 6);
    for (const encoding of ['base64', 'base64url'] as const) forms.add(padded.toString(encoding).slice(from, to));
  }
  return [...forms].filter((f) => f.length >= 8);
}

export interface Place {
  name: string;
  text: string;
}

/** "<label> (<spelling>) in <place>" for every spelling of every needle found. */
export function leaks(places: Place[], needles: { label: string; value: string }[]): string[] {
  const found: string[] = [];
  for (const place of places) {
    for (const needle of needles) {
      for (const form of spellings(needle.value)) {
        if (place.text.includes(form)) found.push(`${needle.label} (${form === needle.value ? 'as is' : form}) in ${place.name}`);
      }
    }
  }
  return found;
}
