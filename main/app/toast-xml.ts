/**
 * Windows toasts as toast XML (Electron's `toastXml`), from one typed template: a new order with
 * Acknowledge and Open buttons; escalations and the connection alarm with `scenario="urgent"`, so
 * they stay on screen until dismissed and pass Focus Assist where the user allows priority
 * notifications. Every text comes from `NotificationText` (server data included) and is escaped
 * here, in one place: a customer named `<toast>&` is text, never markup.
 *
 * Electron-free; the notifier hands the result to `new Notification({ toastXml })` on Windows.
 */
import type { NotificationText } from './messages';

/** What a toast's button or body click asks for; parsed back by `parseToastArguments`. */
export type ToastAction = { action: 'acknowledge'; orderId: string } | { action: 'open'; orderId: string | null };

/** Windows shows at most three text lines in a generic toast: the title and two more. */
const MAX_TEXT_LINES = 3;

/** XML 1.0 has no way to carry these; a control character in server text is shown as a space. */
function xmlText(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) out += ' ';
    else if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else if (c === "'") out += '&apos;';
    else out += c;
  }
  return out;
}

/** `action=acknowledge&order=<id>`, the id percent-encoded so no id can add a field. */
export function toastArguments(a: ToastAction): string {
  return a.orderId === null ? `action=${a.action}` : `action=${a.action}&order=${encodeURIComponent(a.orderId)}`;
}

/** The action a click or a button carried (Electron's activation `arguments`); null when it is not ours. */
export function parseToastArguments(raw: string): ToastAction | null {
  const params = new URLSearchParams(raw);
  const action = params.get('action');
  const orderId = params.get('order');
  if (action === 'acknowledge' && orderId) return { action, orderId };
  if (action === 'open') return { action, orderId: orderId || null };
  return null;
}

/** One order, not a summary: it can be acknowledged from its notification. */
export function canAcknowledge(text: NotificationText): text is NotificationText & { orderId: string } {
  return text.topic === 'orders' && text.orderId !== null && text.orders.length === 1;
}

export function toastXml(text: NotificationText): string {
  const labels = text.actionLabels;
  const lines = [text.title, ...text.body.split('\n').filter((l) => l.trim() !== '')];
  const shown = [...lines.slice(0, MAX_TEXT_LINES - 1), lines.slice(MAX_TEXT_LINES - 1).join(' · ')].filter((l) => l !== '');
  const open: ToastAction = { action: 'open', orderId: text.orderId };
  const buttons: string[] = [];
  // One order: it can be acknowledged from the toast. A summary or a health notice only opens.
  if (canAcknowledge(text)) {
    buttons.push(`<action content="${xmlText(labels.acknowledge)}" arguments="${xmlText(toastArguments({ action: 'acknowledge', orderId: text.orderId }))}" activationType="foreground"/>`);
  }
  buttons.push(`<action content="${xmlText(labels.open)}" arguments="${xmlText(toastArguments(open))}" activationType="foreground"/>`);
  const urgent = text.critical ? ' scenario="urgent"' : '';
  return [
    `<toast launch="${xmlText(toastArguments(open))}" activationType="foreground" duration="long"${urgent}>`,
    '<visual><binding template="ToastGeneric">',
    ...shown.map((line) => `<text>${xmlText(line)}</text>`),
    '</binding></visual>',
    `<actions>${buttons.join('')}</actions>`,
    // The app's own alarm sounds; the toast stays silent so the two do not blur.
    '<audio silent="true"/>',
    '</toast>',
  ].join('');
}
