import { z } from 'zod';

/** The one normalised order model, used everywhere after the Clopos client. Its JSON form is public (the CLI prints it). */
export const ORDER_STATUSES = ['pending', 'accepted', 'completed', 'cancelled', 'unknown'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The order still waits for a clerk: pending, or in a status nobody mapped (listed as pending, it
 * is taken to wait: a missed order costs more than an extra announcement).
 */
export const isWaiting = (order: { status: OrderStatus }): boolean => order.status === 'pending' || order.status === 'unknown';

export const orderItemSchema = z.object({
  name: z.string(),
  quantity: z.number(),
  unitPrice: z.number().nullable(),
  total: z.number().nullable(),
  /** Names of modifiers (extras) on the line, empty when none. */
  modifiers: z.array(z.string()),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

export const customerSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type Customer = z.infer<typeof customerSchema>;

export const orderSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  rawStatus: z.string(),
  /**
   * ISO 8601 UTC; null when Clopos sent no creation time the app can read (shown as "time
   * unknown", its age then counts from when the app first saw the order).
   */
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  total: z.number().nullable(),
  totalIsComputed: z.boolean(),
  customer: customerSchema.nullable(),
  items: z.array(orderItemSchema),
  deliveryType: z.string().nullable(),
  paymentStatus: z.string().nullable(),
  comment: z.string().nullable(),
  receiptId: z.string().nullable(),
  venueId: z.string(),
  /** Channel the order came through (v2 `type`/`integration`), null when unknown. */
  source: z.string().nullable(),
});
export type Order = z.infer<typeof orderSchema>;

export const receiptLineSchema = z.object({
  productId: z.string().nullable(),
  name: z.string().nullable(),
  quantity: z.number(),
  price: z.number().nullable(),
  total: z.number().nullable(),
});

export const receiptSchema = z.object({
  id: z.string(),
  /** 1 = open, 2 = closed in Clopos. */
  status: z.enum(['open', 'closed', 'unknown']),
  orderStatus: z.string().nullable(),
  orderNumber: z.string().nullable(),
  dailyId: z.string().nullable(),
  total: z.number().nullable(),
  subtotal: z.number().nullable(),
  deliveryFee: z.number().nullable(),
  paymentMethods: z.array(z.object({ name: z.string(), amount: z.number().nullable() })),
  createdAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lines: z.array(receiptLineSchema),
});
export type Receipt = z.infer<typeof receiptSchema>;
export type ReceiptLine = z.infer<typeof receiptLineSchema>;

/** An order with the receipt relation Clopos returns for `with[0]=receipt:…`. */
export interface OrderDetail {
  order: Order;
  receipt: { id: string; status: Receipt['status'] } | null;
}

/**
 * How many items an order has, as the slip and the board count them: its lines. "2 × Dolma" is one
 * line, a weighed 0.75 kg is one line, an unreadable quantity (zero, negative, not a number) none.
 */
export function itemCount(order: Pick<Order, 'items'>): number {
  return order.items.filter((item) => Number.isFinite(item.quantity) && item.quantity > 0).length;
}
