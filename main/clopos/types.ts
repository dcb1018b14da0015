import type { Diagnosis, RateBudget } from '../../common/engine';
import type { Order, OrderDetail, Receipt } from '../../common/order';
import type { Result } from '../../common/result';

export type ApiVersion = 'v1' | 'v2';

export interface ClientConfig {
  api: ApiVersion;
  /** Without the `/v2` suffix: the client appends it for v2. */
  baseUrl: string;
  brand: string;
  /** One or more venue ids of the brand; every call is made for each. */
  venues: string[];
  clientId?: string;
  /** v2 only. */
  integratorId?: string;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  /** Page size for listing; default 50 (v1 caps at 100). */
  pageLimit?: number;
  /** Upper bound on pages fetched per venue per poll; default 20. */
  maxPages?: number;
  /** IANA zone for zone-less timestamps; default the process' zone. */
  timeZone?: string;
}

/** Secrets are fetched right before each HTTP call that needs them and never stored by the client. */
export interface Credentials {
  clientSecret?: string;
  /** A ready-made token: accepted with a warning, it cannot be renewed. */
  token?: string;
}

export interface ClientDeps {
  fetch: typeof fetch;
  /** Epoch ms. */
  now: () => number;
  credentials: () => Promise<Credentials>;
  /** Receives lines safe to log (never a secret). */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export interface PendingList {
  orders: Order[];
  /** Orders that failed validation and were skipped, described without secrets. */
  skipped: string[];
  /** Server time (epoch ms) from the envelope when the response carried one. */
  serverTime: number | null;
  /**
   * True when the page bound (maxPages) stopped the listing before every pending order was fetched:
   * an order missing from a truncated list has not necessarily left pending.
   */
  truncated?: boolean;
  /**
   * True when some venue's listing took more than one page. Pages are fetched one after another,
   * so an order accepted in between shifts the later pages: another pending order can be missing
   * from this one listing although it is still pending.
   */
  paged?: boolean;
}

/** What the watch engine needs from Clopos. */
export interface OrderSource {
  listPending(signal?: AbortSignal): Promise<Result<PendingList>>;
  budget(): RateBudget | null;
  /**
   * A person acted (checked now, changed the credentials, woke the PC): the next listing may try
   * to sign in at once even though Clopos refused the sign-in moments ago. Automatic polls never
   * call it, so a refused sign-in still backs off (1 → 15 min) instead of hammering `/auth`.
   * Optional so sources without a sign-in need not implement it; the Clopos client always does.
   */
  resetAuthBackoff?(): void;
}

export interface CloposClient extends OrderSource {
  getOrder(id: string, venueId?: string, signal?: AbortSignal): Promise<Result<OrderDetail>>;
  getReceipt(id: string, venueId?: string, signal?: AbortSignal): Promise<Result<Receipt>>;
  /** Sets the order to IGNORE (the only status an integrator may set). */
  ignoreOrder(id: string, venueId?: string, signal?: AbortSignal): Promise<Result<void>>;
  /** Authenticate and fetch the first page of pending orders for every venue; explain what happened. */
  check(signal?: AbortSignal): Promise<Diagnosis>;
}
