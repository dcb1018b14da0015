/**
 * Zod schemas for what Clopos sends, accepting every variant docs/clopos-api.md documents. Unknown
 * fields are dropped. Only an order's id is essential: anything else that cannot be read (the
 * creation time, the status, a customer, a product line, a total) becomes unknown rather than
 * losing the order, because a missed order costs more than an incomplete one.
 */
import { z } from 'zod';
import type { TimestampParser } from './timestamps';

/**
 * Money (and counts): a JSON number or a numeric string ("42000", "8.50"). Always finite: a string
 * of thousands of digits would read as Infinity, which no amount or quantity can be (z.number()
 * already refuses an overflowing JSON number).
 */
export const moneySchema = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number)
    .refine(Number.isFinite, 'is too large a number'),
]);

/** Ids: numbers (v2) or strings such as "ORD-12345" (v1). Always strings after parsing. */
export const idSchema = z.union([
  z.number().transform(String),
  z.string().trim().min(1).max(200),
]);

/** An order's id when it can be read (the one thing an order cannot be listed without), else null. */
export function readableId(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const id = idSchema.safeParse((item as { id?: unknown }).id);
  return id.success ? id.data : null;
}

/** Free text that some examples write as numbers (phones, order numbers). */
const textSchema = z.union([z.string(), z.number().transform(String)]);

/** Optional detail: missing, null or malformed all become null. */
function detail<T extends z.ZodType>(schema: T) {
  return schema.nullish().catch(null);
}

/** PHP serialises an empty associative array as `[]`; treat that as "no object". */
const emptyPhpArrayAsNull = (v: unknown) => (Array.isArray(v) && v.length === 0 ? null : v);

function phpObject<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(emptyPhpArrayAsNull, z.object(shape).nullish()).catch(null);
}

/**
 * Marks a value Clopos sent that cannot be read, where that must not pass for "not sent": an
 * unreadable total or fee is unknown, while a missing one is computed or zero.
 */
export const UNREADABLE = Symbol('unreadable');
export type Guarded<T> = T | null | typeof UNREADABLE;

/** Missing, null or PHP's empty `[]` → null; sent but unreadable → UNREADABLE. */
function guarded<T extends z.ZodType>(schema: T) {
  return z.unknown().optional().transform((value): Guarded<z.output<T>> => {
    const given = emptyPhpArrayAsNull(value);
    if (given === null || given === undefined) return null;
    const read = schema.safeParse(given);
    return read.success ? read.data : UNREADABLE;
  });
}

/** A list read item by item: one unreadable entry is counted, not allowed to lose the others. */
export interface ReadList<T> {
  read: T[];
  /** Entries that could not be read (a list sent as something else counts as one). */
  unreadable: number;
}

function listOf<T extends z.ZodType>(schema: T) {
  return z.unknown().optional().transform((value): ReadList<z.output<T>> | null => {
    if (value === null || value === undefined) return null;
    if (!Array.isArray(value)) return { read: [], unreadable: 1 };
    const read: z.output<T>[] = [];
    let unreadable = 0;
    for (const item of value) {
      const parsed = schema.safeParse(item);
      if (parsed.success) read.push(parsed.data);
      else unreadable += 1;
    }
    return { read, unreadable };
  });
}

export function timestampSchema(parse: TimestampParser) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = parse(value);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: 'is not a timestamp Clopos documents' });
      return z.NEVER;
    }
    return ms;
  });
}

const modifierSchema = z.object({
  name: detail(textSchema),
  price: detail(moneySchema),
  count: detail(moneySchema),
});

/** A v2 product line: `payload.products[]`. */
const productSchema = z.object({
  product_id: detail(idSchema),
  count: moneySchema,
  product_modificators: listOf(modifierSchema),
  meta: phpObject({
    price: detail(moneySchema),
    order_product: phpObject({
      product: phpObject({
        id: detail(idSchema),
        name: detail(textSchema),
        price: detail(moneySchema),
      }),
    }),
  }),
});

/** A v1 schema-example line: `line_items[]`. */
const lineItemSchema = z.object({
  product_id: detail(idSchema),
  name: detail(textSchema),
  quantity: moneySchema,
  unit_price: detail(moneySchema),
  total_price: detail(moneySchema),
});

/**
 * v2 `payload.meta.discount`. The docs show only `{discount_type: null, discount_value: 0}`; the
 * type's values are undocumented, so normalising decides what it can trust.
 */
const discountSchema = z.object({
  discount_type: detail(textSchema),
  discount_value: guarded(moneySchema),
});

/** Fails only when the id cannot be read: every other field that cannot be read becomes unknown. */
export function wireOrderSchema(parseTime: TimestampParser) {
  const timestamp = timestampSchema(parseTime);
  return z.object({
    id: idSchema,
    /** '' when missing or unreadable: the status is then unknown, and a listed pending order still waits. */
    status: textSchema.pipe(z.string().trim()).catch(''),
    /** Null when missing, unreadable or in a form the docs never showed: the time is then unknown. */
    created_at: detail(timestamp),
    updated_at: detail(timestamp),
    number: detail(textSchema),
    total: guarded(moneySchema),
    total_amount: guarded(moneySchema),
    payment_status: detail(textSchema),
    delivery_type: detail(textSchema),
    receipt_id: detail(idSchema),
    venue_id: detail(idSchema),
    type: detail(textSchema),
    integration: detail(textSchema),
    comment: detail(textSchema),
    line_items: listOf(lineItemSchema),
    payload: phpObject({
      customer: phpObject({
        name: detail(textSchema),
        phone: detail(textSchema),
        address: detail(textSchema),
      }),
      products: listOf(productSchema),
      meta: phpObject({ comment: detail(textSchema), discount: guarded(discountSchema) }),
      delivery_fee: guarded(moneySchema),
    }),
    /** Present on get-by-id with `with[0]=receipt:…`. */
    receipt: phpObject({ id: idSchema, status: detail(z.union([moneySchema, z.string()])) }),
  });
}
export type WireOrder = z.output<ReturnType<typeof wireOrderSchema>>;
export type WireProduct = z.output<typeof productSchema>;
export type WireLineItem = z.output<typeof lineItemSchema>;
export type WireDiscount = z.output<typeof discountSchema>;

/** The list envelope: v1 `pagination` object, or v2 top-level `total` with `unix`/`timestamp`. */
export const listEnvelopeSchema = z.object({
  success: z.unknown().optional(),
  data: z.array(z.unknown()),
  pagination: phpObject({
    page: detail(moneySchema),
    per_page: detail(moneySchema),
    total: detail(moneySchema),
    total_pages: detail(moneySchema),
  }),
  total: detail(moneySchema),
  unix: z.unknown().optional(),
  timestamp: z.unknown().optional(),
});
export type ListEnvelope = z.output<typeof listEnvelopeSchema>;

/** `{success, data}` around one object. */
export const itemEnvelopeSchema = z.object({ success: z.unknown().optional(), data: z.unknown() });

export const authReplySchema = z.object({
  success: z.unknown().optional(),
  token: z.string().trim().min(1),
  expires_in: detail(moneySchema),
  expires_at: z.unknown().optional(),
});
export type AuthReply = z.output<typeof authReplySchema>;

/** The three documented error bodies: `{success:false, error, message}`, `{error, message, details}`, `{success:false, error:[…]}`. */
export const errorBodySchema = z.object({
  success: z.unknown().optional(),
  error: detail(
    z.union([
      z.string(),
      z.array(
        z.object({
          message: detail(z.string()),
          exception: detail(z.string()),
          http_code: detail(moneySchema),
        }),
      ),
    ]),
  ),
  message: detail(z.string()),
});
export type ErrorBody = z.output<typeof errorBodySchema>;

export function wireReceiptSchema(parseTime: TimestampParser) {
  const timestamp = timestampSchema(parseTime);
  return z.object({
    id: idSchema,
    status: detail(z.union([moneySchema, z.string()])),
    order_status: detail(textSchema),
    order_number: detail(textSchema),
    properties: phpObject({ daily_id: detail(textSchema) }),
    total: detail(moneySchema),
    subtotal: detail(moneySchema),
    delivery_fee: detail(moneySchema),
    payment_methods: detail(
      z.array(z.object({ name: detail(textSchema), amount: detail(moneySchema) })),
    ),
    created_at: detail(timestamp),
    closed_at: detail(timestamp),
    receipt_products: detail(
      z.array(
        z.object({
          product_id: detail(idSchema),
          name: detail(textSchema),
          product: phpObject({ name: detail(textSchema) }),
          count: moneySchema,
          price: detail(moneySchema),
          total: detail(moneySchema),
        }),
      ),
    ),
  });
}
export type WireReceipt = z.output<ReturnType<typeof wireReceiptSchema>>;

/** A short, secret-free description of why a value failed a schema. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'value'} ${i.message}`)
    .join('; ');
}
