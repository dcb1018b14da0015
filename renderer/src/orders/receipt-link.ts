/**
 * The user's receipt URL template with {id} filled in (URL-encoded), or null when no template is
 * set or the result is not an http(s) address. Main's opener checks the URL again.
 */
export function receiptLink(template: string, receiptId: string): string | null {
  if (!template.includes('{id}')) return null;
  const url = template.split('{id}').join(encodeURIComponent(receiptId));
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
