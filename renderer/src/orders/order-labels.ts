/**
 * Clopos' raw codes (delivery types, payment and receipt statuses, integration channels) as words
 * a clerk reads. Known codes are translated; anything else is shown title-cased rather than
 * hidden, so a new channel or status stays visible.
 */
import { channelLabel as sharedChannelLabel, codeKey as key, deliveryTypeLabel as sharedDeliveryTypeLabel, titleCase } from '../../../common/code-words';
import type { Messages } from '../i18n/en';

export const channelLabel = (raw: string, t: Messages): string => sharedChannelLabel(raw, t.channelName);

export const deliveryTypeLabel = (raw: string, t: Messages): string => sharedDeliveryTypeLabel(raw, t.deliveryTypeName);

const PAYMENT: Record<string, keyof Messages['paymentStatusName']> = {
  paid: 'paid',
  pending: 'pending',
  unpaid: 'unpaid',
  not_paid: 'unpaid',
};

export function paymentStatusLabel(raw: string, t: Messages): string {
  const known = PAYMENT[key(raw)];
  return known ? t.paymentStatusName[known] : titleCase(raw);
}


/** How a payment status reads at a glance: paid (green), not paid (red: collect money), pending or unknown (amber). */
export type PaymentTone = 'paid' | 'unpaid' | 'pending' | 'unknown';

export function paymentTone(raw: string | null): PaymentTone {
  if (raw === null) return 'unknown';
  const known = PAYMENT[key(raw)];
  return known ?? 'unknown';
}

/**
 * A colour per channel, the same on the board, the new-order card and the slip's screen view:
 * the delivery apps in their own colours, the rest from a fixed palette by name, so a channel
 * keeps its colour from one order to the next.
 */
export function channelTone(raw: string | null): string {
  if (raw === null) return 'none';
  const code = key(raw);
  if (code.startsWith('wolt')) return 'wolt';
  if (code.startsWith('bolt')) return 'bolt';
  if (code.startsWith('call_cent')) return 'call';
  if (code === 'web' || code === 'website') return 'web';
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `other-${hash % 4}`;
}
