/** Searching what the app wrote or sent for a secret in every spelling a reply could give it. */

/** The value as written, URL-encoded, JSON-escaped, and base64 / base64url at each of the three byte alignments. */
export function spellings(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
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
