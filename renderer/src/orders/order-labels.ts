/**
 * Clopos' raw codes (delivery types, payment and receipt statuses, integration channels) as words
 * a clerk reads. Known codes are translated; anything else is shown title-cased rather than
 * hidden, so a new channel or status stays visible.
 */
import { channelLabel as sharedChannelLabel, codeKey as key, titleCase } from '../../../common/code-words';
import type { Messages } from '../i18n/en';

export const channelLabel = (raw: string, t: Messages): string => sharedChannelLabel(raw, t.channelName);

const DELIVERY: Record<string, keyof Messages['deliveryTypeName']> = {
  delivery: 'delivery',
  pickup: 'pickup',
  pick_up: 'pickup',
  takeaway: 'pickup',
  take_away: 'pickup',
  dine_in: 'dineIn',
  dinein: 'dineIn',
  in_place: 'dineIn',
};

export function deliveryTypeLabel(raw: string, t: Messages): string {
  const known = DELIVERY[key(raw)];
  return known ? t.deliveryTypeName[known] : titleCase(raw);
}

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

const isReceiptOrderStatus = (code: string, t: Messages): code is keyof Messages['receiptOrderStatusName'] =>
  Object.hasOwn(t.receiptOrderStatusName, code);

export function receiptOrderStatusLabel(raw: string, t: Messages): string {
  const code = key(raw).toUpperCase();
  return isReceiptOrderStatus(code, t) ? t.receiptOrderStatusName[code] : titleCase(raw);
}
