import type { Diagnosis, RateBudget } from '../../common/engine';
import type { Order, OrderDetail, Receipt } from '../../common/order';
import type { AppError, Result } from '../../common/result';
import type { SignInGuards } from './sign-in-guard';

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
  /** The currency's decimals (0–4) for money the client computes; default 2. */
  currencyDecimals?: number;
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
  /**
   * Every secret the client handles (the client secret it reads, a pasted token, each token
   * Clopos issues), so the redactor can mask it wherever a reply might echo it.
   */
  onSecret?: (value: string) => void;
  /**
   * The sign-in back-offs, shared by every client the app builds for the same credentials (a
   * fresh client per "Test connection" must not start with a clean slate). Default: this client's own.
   */
  signInGuards?: SignInGuards;
}

/** How one venue's listing went: each venue is listed, announced and judged on its own. */
export interface VenueListing {
  venueId: string;
  /** Why this venue could not be listed; null when it was. */
  error: AppError | null;
  /**
   * Why the listing is known to be incomplete (the stated total is more than arrived, the page
   * bound was reached, pages repeat): some pending orders cannot be seen. Null when complete.
   */
  incomplete: string | null;
  /**
   * True when the listing took more than one page. Pages are fetched one after another, so an
   * order accepted in between shifts the later pages: another pending order can be missing from
   * this one listing although it is still pending.
   */
  paged: boolean;
  /** Items Clopos listed whose id cannot be read: orders nobody can be told about. */
  unreadable: number;
}

export interface PendingList {
  /**
   * Every readable order the venues that answered listed, in whatever status they carry: an order
   * listed as accepted tells where a pending one went.
   */
  orders: Order[];
  /** One entry per configured venue. */
  venues: VenueListing[];
  /** Items that could not be read, described without secrets (for the log). */
  skipped: string[];
  /** Server time (epoch ms) from the reply (envelope `unix`/`timestamp`, else the `Date` header), null when none. */
  serverTime: number | null;
}

/** What a status lookup learned about one order: the order as Clopos has it now, or that Clopos no longer has it. */
export type OrderLookup = { found: Order } | { missing: true };

/** What the watch engine needs from Clopos. */
export interface OrderSource {
  /** Fails only when no venue could be listed; a venue that fails alone is reported in `venues`. */
  listPending(signal?: AbortSignal): Promise<Result<PendingList>>;
  /**
   * Where orders that vanished from the pending listing went (accepted, refused…), one request
   * each. Orders it could not ask about (budget, failure) are left out of the map.
   */
  lookupOrders?(orders: readonly { id: string; venueId: string }[], signal?: AbortSignal): Promise<Map<string, OrderLookup>>;
  /** The longest a healthy listing can take (every venue, every page, each with its own timeout). */
  worstCaseListingMs?(): number;
  budget(): RateBudget | null;
  /** API requests this source has sent so far (every kind that counts against the rate budget). */
  requestsSent?(): number;
  /**
   * A person acted (checked now, changed the credentials, woke the PC): the next listing may try
   * to sign in at once even though Clopos refused the sign-in moments ago. Automatic polls never
   * call it, so a refused sign-in still backs off (1 → 15 min) instead of hammering `/auth`.
   * Optional so sources without a sign-in need not implement it; the Clopos client always does.
   */
  resetAuthBackoff?(): void;
}

export interface CloposClient extends OrderSource {
  requestsSent(): number;
  getOrder(id: string, venueId?: string, signal?: AbortSignal): Promise<Result<OrderDetail>>;
  getReceipt(id: string, venueId?: string, signal?: AbortSignal): Promise<Result<Receipt>>;
  /** Sets the order to IGNORE (the only status an integrator may set). */
  ignoreOrder(id: string, venueId?: string, signal?: AbortSignal): Promise<Result<void>>;
  /** Authenticate and fetch the first page of pending orders for every venue; explain what happened. */
  check(signal?: AbortSignal): Promise<Diagnosis>;
}
