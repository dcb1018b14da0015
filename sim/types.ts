/**
 * The simulator's programmatic API: a Clopos-compatible HTTP server on loopback used by the tests,
 * the demo mode and the benchmarks. Implemented in sim/server.ts (`startSimulator`).
 */

export type SimApi = 'v1' | 'v2';
/** Which documented list shape /orders answers with (docs/clopos-api.md "List orders" 1, 2, 3). */
export type ListVariant = 'v1-page' | 'v1-schema' | 'v2-full';
/** Which documented error-body shape error replies use (docs/clopos-api.md "Errors"). */
export type ErrorShape = 'flag' | 'details' | 'array';
export type SimStatus = 'PENDING' | 'RECEIVED' | 'IGNORE' | 'DELIVERED';

export interface SimProduct {
  productId: number;
  name: string;
  price: number;
  count: number;
  modifiers?: { name: string; price: number; count: number }[];
}

export interface SimOrderInput {
  /** Default: next numeric id (v2) / `ORD-<n>` (v1 variants). */
  id?: string | number;
  venueId?: string;
  status?: SimStatus;
  /** Epoch ms; default the simulator clock's now. */
  createdAt?: number;
  customer?: { name: string; phone: string; address: string } | null;
  products?: SimProduct[];
  comment?: string;
  deliveryFee?: number;
  /** Display number for v1 variants, e.g. "A-001". */
  number?: string;
  type?: string;
  integration?: string;
  /** Default 'delivery' when the order has a customer address, else 'pickup'. */
  deliveryType?: SimDeliveryType;
  /** Default 'pending' (paid on delivery); platforms such as Wolt send 'paid'. */
  paymentStatus?: SimPaymentStatus;
}

export type SimDeliveryType = 'delivery' | 'pickup';
export type SimPaymentStatus = 'pending' | 'paid';
/** Which status words v1 `GET /orders?status=` accepts (the docs show both; see docs/clopos-api.md "Statuses"). */
export type V1StatusVocabulary = 'lower' | 'upper';
/**
 * How order timestamps are written: 'documented' = each list shape's own form (zone-less for
 * v1-page, `...Z` for v1-schema, `...000000Z` for v2-full); or epoch seconds / milliseconds.
 */
export type TimestampFormat = 'documented' | 'epoch-seconds' | 'epoch-ms';
/** Money as a JSON number (default) or a numeric string; both occur. */
export type MoneyFormat = 'number' | 'string';

export interface SimOrder extends Required<Omit<SimOrderInput, 'customer' | 'number'>> {
  id: string | number;
  customer: SimOrderInput['customer'];
  number: string;
  updatedAt: number;
  /** Set once the order is RECEIVED (the POS turned it into a receipt). */
  receiptId: number | null;
}

export type SimFault =
  | { type: 'latency'; ms: number }
  | { type: 'status'; status: 403 | 500 | 502 | 503 | 504 }
  | { type: 'rate-limit'; headers: 'v1' | 'v2' | 'none'; resetSeconds: number }
  | { type: 'malformed-json' }
  | { type: 'wrong-content-type' }
  | { type: 'drop-connection' }
  /** The next authenticated call answers 401 as if the token expired. */
  | { type: 'token-expired' }
  /**
   * HTTP 200 with `success:false` (as v2 /auth does for a test integrator on a production brand);
   * `error` is the body's error code (default `request_failed`, or `authentication_failed` on /auth).
   */
  | { type: 'success-false'; error?: string };

export interface FaultRule {
  fault: SimFault;
  /** How many matching requests it applies to; default 1. Infinity = until cleared. */
  times?: number;
  /** Only requests whose path (without base) starts with this, e.g. "/orders", "/auth". Default all. */
  path?: string;
  /** Only requests for this venue (the `x-venue` header, or the venue of a v1 sign-in). Default every venue. */
  venue?: string;
}

export interface SimRequestRecord {
  at: number;
  method: string;
  /** Path without the base, e.g. "/orders". */
  path: string;
  query: Record<string, string>;
  status: number;
  api: SimApi;
  /** Header names only (never values: tokens and secrets stay out of records). */
  headerNames: string[];
  /** Present when the request carried an x-token header that the simulator accepted. */
  authenticated: boolean;
}

export interface SimOptions {
  /** 0 = random free port (default). */
  port?: number;
  host?: string;
  brand?: string;
  venues?: string[];
  clientId?: string;
  clientSecret?: string;
  integratorId?: string;
  tokenLifetimeSeconds?: number;
  variant?: ListVariant;
  errorShape?: ErrorShape;
  /** Requests per minute before 429 (v1: also 1000/hour); default none. */
  rateLimitPerMinute?: number;
  /** Simulated clock (epoch ms); default Date.now. */
  now?: () => number;
  /** Default 'lower' (pending|confirmed|completed|cancelled). */
  v1StatusVocabulary?: V1StatusVocabulary;
  /** Default 'documented'. */
  timestampFormat?: TimestampFormat;
  /** IANA zone the zone-less timestamps are written in; default 'UTC'. */
  timeZone?: string;
  /** Default 'number'. */
  moneyFormat?: MoneyFormat;
  /** 'token-only' answers v1 /auth with just {token, expires_in}, as one docs page shows; default 'full'. */
  v1AuthReply?: 'full' | 'token-only';
}

export interface Simulator {
  /** Base URL without /v2, e.g. http://127.0.0.1:54321/open-api. v2 lives at `${url}/v2`. */
  readonly url: string;
  readonly port: number;
  addOrder(input?: SimOrderInput): SimOrder;
  setStatus(id: string | number, status: SimStatus): void;
  /** PENDING → RECEIVED, creating its receipt. */
  accept(id: string | number): void;
  /** Sets IGNORE (refused), as `PUT /orders/{id}` does. */
  ignore(id: string | number): void;
  /** Sets DELIVERED and closes the receipt (creating it if the order was never accepted). */
  deliver(id: string | number): void;
  orders(): SimOrder[];
  setVariant(variant: ListVariant): void;
  setErrorShape(shape: ErrorShape): void;
  setV1StatusVocabulary(vocabulary: V1StatusVocabulary): void;
  setTimestampFormat(format: TimestampFormat): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Invalidates every token issued so far. */
  expireTokens(): void;
  /** Reject /auth (401 authentication_failed) until restored. */
  setCredentialsValid(valid: boolean): void;
  /** Offline: every connection is destroyed without a reply. */
  setOnline(online: boolean): void;
  /** v2 `RateLimit-Remaining` the server reports (for the scheduler slow-down); null = derived from its own counter. */
  setReportedRemaining(remaining: number | null): void;
  /** The rate window's reset the server reports (epoch ms on the server clock); null = derived from its own counter. */
  setReportedReset(resetAt: number | null): void;
  /** A server that ignores `page` and answers every page with the first one. */
  setIgnorePage(ignore: boolean): void;
  /**
   * Adds an item to the first page of every order listing of a venue exactly as given
   * (undocumented forms, no id, null fields), after the orders of the book.
   */
  addRawListItem(item: unknown, venueId?: string): void;
  clearRawListItems(): void;
  requests(): SimRequestRecord[];
  clearRequests(): void;
  close(): Promise<void>;
}
