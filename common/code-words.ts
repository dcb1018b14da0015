/**
 * Clopos' raw codes (integration channels, delivery types, statuses) as words, shared by the
 * window (renderer/src/orders/order-labels.ts) and main's notifications (main/app/messages.ts), so
 * a toast and the board name a channel the same way. Known codes map to a dictionary key; anything
 * else is shown title-cased rather than hidden, so a new channel stays visible.
 */

/** "call_center_new" → ["call", "center", "new"]; case and separators vary between API versions. */
const words = (raw: string): string[] =>
  raw
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean);

/** "Call-Center" → "call_center": the form known codes are compared in. */
export const codeKey = (raw: string): string => words(raw).join('_').toLowerCase();

/** "UBER_EATS" → "Uber Eats" */
export function titleCase(raw: string): string {
  return words(raw)
    .map((word) => word.charAt(0).toLocaleUpperCase() + word.slice(1).toLocaleLowerCase())
    .join(' ');
}

/** Brand names read the same in every language. */
const BRANDS: Record<string, string> = { wolt: 'Wolt', bolt_food: 'Bolt Food', bolt: 'Bolt Food' };

/** The words each language has for the channels that are not brands. */
export interface ChannelNames {
  callCentre: string;
  website: string;
}

export function channelLabel(raw: string, names: ChannelNames): string {
  const code = codeKey(raw);
  if (code.startsWith('call_cent')) return names.callCentre;
  if (code === 'web' || code === 'website') return names.website;
  return BRANDS[code] ?? titleCase(raw);
}

/** The words each language has for the ways an order reaches the customer. */
export interface DeliveryTypeNames {
  delivery: string;
  pickup: string;
  dineIn: string;
}

const DELIVERY: Record<string, keyof DeliveryTypeNames> = {
  delivery: 'delivery',
  pickup: 'pickup',
  pick_up: 'pickup',
  takeaway: 'pickup',
  take_away: 'pickup',
  dine_in: 'dineIn',
  dinein: 'dineIn',
  in_place: 'dineIn',
};

/** "pick_up" → "Pickup" in the language's words; an unknown type title-cased rather than hidden. */
export function deliveryTypeLabel(raw: string, names: DeliveryTypeNames): string {
  const known = DELIVERY[codeKey(raw)];
  return known ? names[known] : titleCase(raw);
}
