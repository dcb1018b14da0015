/**
 * Clopos' raw codes (delivery types, payment and receipt statuses, integration channels) as words
 * a clerk reads. Known codes are translated; anything else is shown title-cased rather than
 * hidden, so a new channel or status stays visible.
 */
import type { Messages } from '../i18n/en';

/** "call_center_new" → "call center new" → words; case and separators vary between API versions. */
const words = (raw: string): string[] =>
  raw
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean);

const key = (raw: string): string => words(raw).join('_').toLowerCase();

/** "UBER_EATS" → "Uber Eats" */
export function titleCase(raw: string): string {
  return words(raw)
    .map((word) => word.charAt(0).toLocaleUpperCase() + word.slice(1).toLocaleLowerCase())
    .join(' ');
}

/** Brand names read the same in every language. */
const BRANDS: Record<string, string> = { wolt: 'Wolt', bolt_food: 'Bolt Food', bolt: 'Bolt Food' };

export function channelLabel(raw: string, t: Messages): string {
  const code = key(raw);
  if (code.startsWith('call_cent')) return t.channelName.callCentre;
  if (code === 'web' || code === 'website') return t.channelName.website;
  return BRANDS[code] ?? titleCase(raw);
}

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
