/** Turns parsed Clopos orders and receipts into the one model the rest of the app uses (common/order.ts). */
import type { Customer, Order, OrderDetail, OrderItem, OrderStatus, Receipt } from '../../common/order';
import type { WireLineItem, WireOrder, WireProduct, WireReceipt } from './schemas';
import { toIso } from './timestamps';

/**
 * Both vocabularies, any case (clopos-api.md "Statuses"): v1 documents pending/confirmed/completed/
 * cancelled and shows accepted; v2 uses PENDING/RECEIVED/DELIVERED/IGNORE.
 */
const STATUS_MAP: Record<string, OrderStatus> = {
  pending: 'pending',
  confirmed: 'accepted',
  accepted: 'accepted',
  received: 'accepted',
  completed: 'completed',
  delivered: 'completed',
  cancelled: 'cancelled',
  ignore: 'cancelled',
};

export function mapStatus(raw: string): OrderStatus {
  return STATUS_MAP[raw.trim().toLowerCase()] ?? 'unknown';
}

/**
 * Computed money rounded to the cent so summed floats print as the POS would (0.1 + 0.2 → 0.3).
 * Null when the arithmetic overflowed: finite prices can multiply or add up to Infinity, which is
 * no amount (amounts too large to round are kept as they are).
 */
function computedMoney(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const cents = Math.round(value * 100) / 100;
  return Number.isFinite(cents) ? cents : value;
}

function productItem(p: WireProduct): OrderItem {
  const product = p.meta?.order_product?.product;
  const basePrice = p.meta?.price ?? product?.price ?? null;
  const modifiers = p.product_modificators ?? [];
  const extras = modifiers.reduce<number | null>(
    (sum, m) => (sum === null || m.price === null || m.price === undefined ? null : sum + m.price * (m.count ?? 1)),
    0,
  );
  // Modifier prices are per unit of the product (the POS adds them to the unit price).
  const unitPrice = basePrice === null || extras === null ? null : computedMoney(basePrice + extras);
  return {
    name: product?.name ?? (p.product_id ? `Product ${p.product_id}` : 'Product'),
    quantity: p.count,
    unitPrice,
    total: unitPrice === null ? null : computedMoney(unitPrice * p.count),
    modifiers: modifiers.flatMap((m) => (m.name ? [m.name] : [])),
  };
}

function lineItem(l: WireLineItem): OrderItem {
  const unitPrice = l.unit_price ?? null;
  const total = l.total_price ?? (unitPrice === null ? null : computedMoney(unitPrice * l.quantity));
  return {
    name: l.name ?? (l.product_id ? `Product ${l.product_id}` : 'Product'),
    quantity: l.quantity,
    unitPrice,
    total,
    modifiers: [],
  };
}

function items(wire: WireOrder): OrderItem[] {
  if (wire.payload?.products) return wire.payload.products.map(productItem);
  if (wire.line_items) return wire.line_items.map(lineItem);
  return [];
}

/** The order total as given, else summed from the lines plus delivery fee (v2 orders carry none). */
function total(wire: WireOrder, lines: OrderItem[]): { total: number | null; totalIsComputed: boolean } {
  const given = wire.total ?? wire.total_amount;
  if (given !== null && given !== undefined) return { total: given, totalIsComputed: false };
  if (lines.length === 0 || lines.some((l) => l.total === null)) return { total: null, totalIsComputed: false };
  const sum = computedMoney(lines.reduce((acc, l) => acc + (l.total ?? 0), 0) + (wire.payload?.delivery_fee ?? 0));
  return { total: sum, totalIsComputed: sum !== null };
}

function customer(wire: WireOrder): Customer | null {
  const c = wire.payload?.customer;
  if (!c) return null;
  const result = { name: c.name ?? null, phone: c.phone ?? null, address: c.address ?? null };
  return result.name === null && result.phone === null && result.address === null ? null : result;
}

function nonEmpty(text: string | null | undefined): string | null {
  return text === null || text === undefined || text.trim() === '' ? null : text;
}

/** `venueId` is the venue the order was fetched for (the one a later getOrder must target). */
export function normaliseOrder(wire: WireOrder, venueId: string): Order {
  const lines = items(wire);
  return {
    id: wire.id,
    number: nonEmpty(wire.number),
    status: mapStatus(wire.status),
    rawStatus: wire.status,
    createdAt: toIso(wire.created_at),
    updatedAt: wire.updated_at === null || wire.updated_at === undefined ? null : toIso(wire.updated_at),
    ...total(wire, lines),
    customer: customer(wire),
    items: lines,
    deliveryType: nonEmpty(wire.delivery_type),
    paymentStatus: nonEmpty(wire.payment_status),
    comment: nonEmpty(wire.payload?.meta?.comment ?? wire.comment),
    receiptId: wire.receipt_id ?? wire.receipt?.id ?? null,
    venueId,
    source: nonEmpty(wire.integration) ?? nonEmpty(wire.type),
  };
}

function receiptStatus(raw: number | string | null | undefined): Receipt['status'] {
  const text = raw === null || raw === undefined ? '' : String(raw).trim().toLowerCase();
  if (text === '1' || text === 'open') return 'open';
  if (text === '2' || text === 'closed') return 'closed';
  return 'unknown';
}

export function normaliseOrderDetail(wire: WireOrder, venueId: string): OrderDetail {
  return {
    order: normaliseOrder(wire, venueId),
    receipt: wire.receipt ? { id: wire.receipt.id, status: receiptStatus(wire.receipt.status) } : null,
  };
}

export function normaliseReceipt(wire: WireReceipt): Receipt {
  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : toIso(ms));
  return {
    id: wire.id,
    status: receiptStatus(wire.status),
    orderStatus: nonEmpty(wire.order_status),
    orderNumber: nonEmpty(wire.order_number),
    dailyId: nonEmpty(wire.properties?.daily_id),
    total: wire.total ?? null,
    subtotal: wire.subtotal ?? null,
    deliveryFee: wire.delivery_fee ?? null,
    paymentMethods: (wire.payment_methods ?? []).map((p) => ({ name: p.name ?? 'Payment', amount: p.amount ?? null })),
    createdAt: iso(wire.created_at),
    closedAt: iso(wire.closed_at),
    lines: (wire.receipt_products ?? []).map((l) => ({
      productId: l.product_id ?? null,
      name: l.name ?? l.product?.name ?? null,
      quantity: l.count,
      price: l.price ?? null,
      total: l.total ?? null,
    })),
  };
}
