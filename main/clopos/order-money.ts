/**
 * An order's lines and total. A total Clopos states is shown as stated; otherwise (v2 orders carry
 * none) it is computed in minor units of the currency from the lines, the documented order
 * discount and the delivery fee. Whatever cannot be read or trusted makes the total unknown (null)
 * rather than a wrong number: a clerk can ask the POS, but cannot tell a wrong total from a right one.
 */
import type { OrderItem } from '../../common/order';
import { exact, fromMinorUnits, percentOf, plus, times, toMinorUnits, type Exact } from './money';
import { UNREADABLE, type Guarded, type WireDiscount, type WireLineItem, type WireOrder, type WireProduct } from './schemas';

export interface OrderMoney {
  items: OrderItem[];
  total: number | null;
  totalIsComputed: boolean;
}

/** A line as shown, with its total in minor units for the order total (null when unknown). */
interface Line {
  item: OrderItem;
  minor: bigint | null;
}

/** A computed amount rounded to the currency: the number shown and the minor units summed; both null when unknown or too large to hold. */
function rounded(amount: Exact | null, decimals: number): { value: number | null; minor: bigint | null } {
  const minor = amount === null ? null : toMinorUnits(amount, decimals);
  const value = minor === null ? null : fromMinorUnits(minor, decimals);
  return value === null ? { value: null, minor: null } : { value, minor };
}

const exactOrNull = (value: number | null | undefined): Exact | null => (value === null || value === undefined ? null : exact(value));
const productTimes = (a: Exact | null, b: Exact | null): Exact | null => (a === null || b === null ? null : times(a, b));

function productLine(p: WireProduct, decimals: number): Line {
  const product = p.meta?.order_product?.product;
  const basePrice = p.meta?.price ?? product?.price ?? null;
  const modifiers = p.product_modificators ?? { read: [], unreadable: 0 };
  const hasModifiers = modifiers.read.length > 0 || modifiers.unreadable > 0;
  // Modifier prices are per unit of the product (the POS adds them to the unit price); one that
  // cannot be read leaves the unit price unknown rather than too low.
  const unit =
    modifiers.unreadable > 0
      ? null
      : modifiers.read.reduce<Exact | null>((sum, m) => {
          const extra = productTimes(exactOrNull(m.price), exact(m.count ?? 1));
          return sum === null || extra === null ? null : plus(sum, extra);
        }, exactOrNull(basePrice));
  const total = rounded(productTimes(unit, exact(p.count)), decimals);
  return {
    item: {
      name: product?.name ?? (p.product_id ? `Product ${p.product_id}` : 'Product'),
      quantity: p.count,
      // Without modifiers the unit price is Clopos' own and shown as given.
      unitPrice: hasModifiers ? rounded(unit, decimals).value : basePrice,
      total: total.value,
      modifiers: modifiers.read.flatMap((m) => (m.name ? [m.name] : [])),
    },
    minor: total.minor,
  };
}

function lineItem(l: WireLineItem, decimals: number): Line {
  const unitPrice = l.unit_price ?? null;
  const given = l.total_price ?? null;
  const computed = rounded(productTimes(exactOrNull(unitPrice), exact(l.quantity)), decimals);
  return {
    item: {
      name: l.name ?? (l.product_id ? `Product ${l.product_id}` : 'Product'),
      quantity: l.quantity,
      unitPrice,
      total: given ?? computed.value,
      modifiers: [],
    },
    minor: given === null ? computed.minor : toMinorUnits(given, decimals),
  };
}

/** The lines that could be read, and whether every line could (else their sum understates the order). */
function lines(wire: WireOrder, decimals: number): { lines: Line[]; complete: boolean } {
  const products = wire.payload?.products;
  if (products) return { lines: products.read.map((p) => productLine(p, decimals)), complete: products.unreadable === 0 };
  const lineItems = wire.line_items;
  if (lineItems) return { lines: lineItems.read.map((l) => lineItem(l, decimals)), complete: lineItems.unreadable === 0 };
  return { lines: [], complete: true };
}

const PERCENT = /perc|%/i;
const AMOUNT = /amount|fixed|sum|value|money|cash|manat/i;

/**
 * The items' sum in minor units after the v2 order discount. Its type values are undocumented:
 * a percent form and an amount form are recognised; anything else that is not zero — an unknown or
 * ambiguous type, a percent beyond 0–100, more off than the items cost — gives null (unknown).
 * Inference: the discount applies to the items, not the delivery fee.
 */
function afterDiscount(items: bigint, discount: Guarded<WireDiscount> | undefined, decimals: number): bigint | null {
  if (discount === null || discount === undefined) return items;
  if (discount === UNREADABLE) return null;
  const value = discount.discount_value;
  if (value === null || value === 0) return items;
  if (value === UNREADABLE) return null;
  const type = discount.discount_type ?? '';
  const percent = PERCENT.test(type);
  if (percent === AMOUNT.test(type)) return null;
  let off: bigint | null = null;
  if (percent && value >= 0 && value <= 100) off = percentOf(items, value);
  if (!percent && value > 0) off = toMinorUnits(value, decimals);
  return off === null || off > items ? null : items - off;
}

const UNKNOWN_TOTAL = { total: null, totalIsComputed: false };

/** The stated total, else the computed one. A total sent but unreadable is unknown, not replaced by a computed one. */
function orderTotal(wire: WireOrder, read: { lines: Line[]; complete: boolean }, decimals: number): Omit<OrderMoney, 'items'> {
  for (const given of [wire.total, wire.total_amount]) if (typeof given === 'number') return { total: given, totalIsComputed: false };
  if (wire.total === UNREADABLE || wire.total_amount === UNREADABLE) return UNKNOWN_TOTAL;
  if (!read.complete || read.lines.length === 0) return UNKNOWN_TOTAL;
  let items = 0n;
  for (const line of read.lines) {
    if (line.minor === null) return UNKNOWN_TOTAL;
    items += line.minor;
  }
  const fee = wire.payload?.delivery_fee ?? null;
  const feeMinor = fee === UNREADABLE ? null : fee === null ? 0n : toMinorUnits(fee, decimals);
  const discounted = afterDiscount(items, wire.payload?.meta?.discount, decimals);
  if (feeMinor === null || discounted === null) return UNKNOWN_TOTAL;
  const sum = fromMinorUnits(discounted + feeMinor, decimals);
  return sum === null ? UNKNOWN_TOTAL : { total: sum, totalIsComputed: true };
}

/** `decimals`: the currency's (0–4), for every amount computed here. */
export function orderMoney(wire: WireOrder, decimals: number): OrderMoney {
  const read = lines(wire, decimals);
  return { items: read.lines.map((l) => l.item), ...orderTotal(wire, read, decimals) };
}
