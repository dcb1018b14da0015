/**
 * Fetches every pending order of every venue: page after page until a short or empty page, the
 * stated total or the page bound. Each venue is listed on its own, so one failing venue does not
 * blind the others; a listing known to be incomplete says so. Each order is read on its own: one
 * whose id can be read is always kept (what cannot be read becomes unknown), one without a
 * readable id is counted as unreadable. The status filter starts in the documented vocabulary of
 * the API generation and switches once when the server names another (400 `invalid_parameter`).
 */
import { isWaiting, type Order } from '../../common/order';
import { err, ok, type AppError, type Result } from '../../common/result';
import { badResponseError, cancelledError, checkReply, isRecord, redact, serverError } from './errors';
import { serverClock } from './rate-limit';
import { createZoneLearner, isZoneless } from './zone-learner';
import { normaliseOrder } from './normalise';
import { describeIssues, listEnvelopeSchema, readableId, wireOrderSchema, type WireOrder } from './schemas';
import type { Session } from './session';
import { createTimestampParser, type TimestampParser } from './timestamps';
import type { ApiVersion, ClientDeps, PendingList, VenueListing } from './types';

export interface VenueCount {
  venueId: string;
  /** Pending orders that arrived for this venue (readable ones). */
  orders: number;
}

export interface PendingFetch extends PendingList {
  /** What arrived per venue, for the connection check. */
  counts: VenueCount[];
}

export interface PendingListerOptions {
  api: ApiVersion;
  venues: string[];
  pageLimit: number;
  maxPages: number;
  session: Session;
  parseTime: TimestampParser;
  /** Decimals of the currency: computed money is rounded to them. */
  currencyDecimals: number;
  log: NonNullable<ClientDeps['log']>;
}

export interface PendingLister {
  /**
   * Every venue, page after page. Fails only when no venue could be listed; a venue that failed
   * alone is reported in `venues`. `maxPages` overrides the configured bound (check() reads one page).
   */
  fetch(signal?: AbortSignal, maxPages?: number): Promise<Result<PendingFetch>>;
}

/** The first spelling of "pending" in an error reply that differs from the one just refused. */
function pendingWordIn(body: unknown, refused: string): string | null {
  const text = JSON.stringify(body ?? '');
  for (const match of text.matchAll(/[A-Za-z_]+/g)) {
    const word = match[0];
    if (word.toLowerCase() === 'pending' && word !== refused) return word;
  }
  return null;
}

/** The id as the schema reads it (a blank one is no id), cut short for messages. */
function rawId(item: unknown): string | null {
  return readableId(item)?.slice(0, 100) ?? null;
}

/** An order known only by its id: still announced and shown, everything else unknown. */
function orderKnownOnlyById(id: string, venueId: string): Order {
  return {
    id,
    number: null,
    status: 'unknown',
    rawStatus: '',
    createdAt: null,
    updatedAt: null,
    total: null,
    totalIsComputed: false,
    customer: null,
    items: [],
    deliveryType: null,
    paymentStatus: null,
    comment: null,
    receiptId: null,
    venueId,
    source: null,
  };
}

/**
 * The order as far as it can be read: normalised, or known only by its id when reading the rest
 * failed (reported through `note`). Null only when not even the id can be read.
 */
function readOrder(
  item: unknown,
  parsed: { success: true; data: WireOrder } | { success: false },
  venueId: string,
  decimals: number,
  note: (why: string) => void,
): Order | null {
  const id = rawId(item);
  if (parsed.success) {
    try {
      return normaliseOrder(parsed.data, venueId, decimals);
    } catch (cause) {
      note(`only its id could be read (${redact(cause instanceof Error ? cause.message : String(cause))})`);
    }
  }
  return id === null ? null : orderKnownOnlyById(id, venueId);
}

export function createPendingLister(options: PendingListerOptions): PendingLister {
  const { session, log } = options;
  const orderSchema = wireOrderSchema(options.parseTime);
  // The envelope `timestamp` is the one time the docs state to be UTC.
  const parseUtc = createTimestampParser('UTC');
  let vocabulary = options.api === 'v1' ? 'pending' : 'PENDING';
  const zones = createZoneLearner();
  /** Per venue: the ids of its last complete listing and the server time of it. */
  const lastListing = new Map<string, { ids: ReadonlySet<string>; at: number }>();

  /** One page: its JSON body and the server's clock from the reply's `Date` header. */
  async function page(venueId: string, pageNumber: number, signal?: AbortSignal): Promise<Result<{ body: unknown; date: number | null }>> {
    const request = (status: string) => ({
      method: 'GET' as const,
      path: '/orders',
      query: { status, limit: String(options.pageLimit), page: String(pageNumber) },
      venueId,
    });
    let sent = await session.send(request(vocabulary), signal);
    if (!sent.ok) return sent;
    if (sent.value.status === 400) {
      const said = serverError(sent.value.json);
      const alternative = said.code === 'invalid_parameter' || /status/i.test(said.message ?? '') ? pendingWordIn(sent.value.json, vocabulary) : null;
      if (alternative) {
        log('info', `Clopos refused status=${vocabulary}; switching the pending filter to status=${alternative}`);
        vocabulary = alternative;
        sent = await session.send(request(vocabulary), signal);
        if (!sent.ok) return sent;
      }
    }
    const checked = checkReply(sent.value, 'api');
    if (!checked.ok) return checked;
    return ok({ body: checked.value, date: serverClock(sent.value.headers) });
  }

  /** One venue, page after page until the listing is done, known to be incomplete, or failed. */
  async function listVenue(venueId: string, maxPages: number, into: Listing, signal?: AbortSignal): Promise<{ listing: VenueListing; arrived: number }> {
    const idsSeen = new Set<string>();
    let anonymous = 0;
    let arrived = 0;
    let unreadable = 0;
    let incomplete: string | null = null;
    let paged = false;
    /** The largest total any page stated: a smaller one later means orders left between page requests. */
    let mostStated: number | null = null;
    /** Orders whose creation time was written without a zone: the zone learner reads them. */
    const zoneless: Order[] = [];
    const venue = (error: AppError | null): { listing: VenueListing; arrived: number } => {
      if (!error) learnZone(venueId, zoneless, into.serverTime, incomplete === null ? idsSeen : null);
      return { listing: { venueId, error, incomplete, paged, unreadable }, arrived };
    };

    for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
      if (pageNumber > 1) paged = true;
      const reply = await page(venueId, pageNumber, signal);
      if (!reply.ok) return venue(reply.error);
      const envelope = listEnvelopeSchema.safeParse(reply.value.body);
      if (!envelope.success) return venue(badResponseError('an order list without a data array'));
      const { data, pagination, total } = envelope.data;
      into.serverTime = parseUtc(envelope.data.unix) ?? parseUtc(envelope.data.timestamp) ?? reply.value.date ?? into.serverTime;

      let unseenOnPage = 0;
      data.forEach((item, index) => {
        const id = rawId(item);
        if (id === null) anonymous += 1;
        if (id === null || !idsSeen.has(id)) unseenOnPage += 1;
        if (id !== null) idsSeen.add(id);
        const parsed = orderSchema.safeParse(item);
        const where = `venue ${venueId}, page ${pageNumber}, item ${index + 1}`;
        const order = readOrder(item, parsed, venueId, options.currencyDecimals, (why) => into.skipped.push(`Order ${id} (${where}): ${why}`));
        if (!order) {
          // Only an order without a readable id cannot be kept: nobody can be told about it.
          unreadable += 1;
          into.skipped.push(`An order without a readable id (${where}): ${parsed.success ? 'no id' : describeIssues(parsed.error)}`);
          return;
        }
        if (!into.orders.has(order.id) && isWaiting(order)) arrived += 1;
        if (order.createdAt !== null && isRecord(item) && isZoneless(item.created_at)) {
          shiftZoneless(order, zones.shiftMs());
          zoneless.push(order);
        }
        into.orders.set(order.id, order);
      });

      const received = idsSeen.size + anonymous;
      const statedTotal = pagination?.total ?? total ?? null;
      if (statedTotal !== null) mostStated = Math.max(mostStated ?? 0, statedTotal);
      const statedPages = pagination?.total_pages ?? null;
      // A stated total or page count wins over a short page: the server may cap `limit` below ours.
      const stated = statedTotal !== null || statedPages !== null;
      const done =
        data.length === 0 ||
        (statedTotal !== null && received >= statedTotal) ||
        (statedPages !== null && pageNumber >= statedPages) ||
        (!stated && data.length < options.pageLimit);
      if (done) {
        // An order that left between two page requests shifts the later pages up: one still pending
        // can then be on no page at all. The listing says fewer than an earlier page did.
        if (mostStated !== null && received < mostStated) {
          incomplete =
            mostStated === statedTotal
              ? `Clopos said ${statedTotal} are pending, ${received} arrived`
              : `the pending orders changed while they were listed (Clopos said ${mostStated}, then ${statedTotal}), ${received} arrived`;
        }
        break;
      }
      if (unseenOnPage === 0) {
        // A server that ignores `page` repeats itself: more pages would only repeat it again.
        incomplete = `page ${pageNumber} repeated the orders already listed (the server ignores the page number), ${received}${statedTotal === null ? '' : ` of ${statedTotal}`} arrived`;
        break;
      }
      if (pageNumber === maxPages) {
        incomplete = `more pending orders than ${maxPages} pages of ${options.pageLimit}${statedTotal === null ? '' : ` (Clopos said ${statedTotal})`}`;
      }
    }
    return venue(null);
  }

  /**
   * What this venue's zone-less creation times say about the zone they were written in (see
   * zone-learner.ts); a shift it learns applies at once to this listing's orders. `complete` is
   * the ids of a complete listing (what counts as "new" next time), null when it was cut short.
   */
  function learnZone(venueId: string, orders: Order[], serverNow: number | null, complete: ReadonlySet<string> | null): void {
    const previous = lastListing.get(venueId) ?? null;
    if (serverNow !== null && orders.length > 0) {
      const samples = orders.map((o) => ({ readAs: Date.parse(o.createdAt!), isNew: previous !== null && !previous.ids.has(o.id) }));
      const change = zones.observe(samples, serverNow, previous?.at ?? null);
      if (change !== 0) {
        for (const order of orders) shiftZoneless(order, change);
        log('warn', `Clopos writes times without a zone ${Math.abs(change) / 3_600_000} h ${change > 0 ? 'behind' : 'ahead of'} the one they were read in; correcting them from now on (check the time zone in Settings → Connection)`);
      }
    }
    if (complete && serverNow !== null) lastListing.set(venueId, { ids: new Set(complete), at: serverNow });
  }

  async function fetch(signal?: AbortSignal, maxPages = options.maxPages): Promise<Result<PendingFetch>> {
    const into: Listing = { orders: new Map(), skipped: [], serverTime: null };
    const venues: VenueListing[] = [];
    const counts: VenueCount[] = [];
    for (const venueId of options.venues) {
      const { listing, arrived } = await listVenue(venueId, maxPages, into, signal);
      if (signal?.aborted) return err(cancelledError());
      venues.push(listing);
      counts.push({ venueId, orders: arrived });
    }
    const failed = venues.filter((v) => v.error !== null);
    // No venue answered: the whole poll failed, with the first venue's reason.
    if (failed.length === venues.length && failed[0]?.error) return err(failed[0].error);
    return ok({ orders: [...into.orders.values()], venues, skipped: into.skipped, serverTime: into.serverTime, counts });
  }

  return { fetch };
}

interface Listing {
  orders: Map<string, Order>;
  skipped: string[];
  serverTime: number | null;
}

/** Moves an order's zone-less times by `ms` (its creation time, and its update time with it). */
function shiftZoneless(order: Order, ms: number): void {
  if (ms === 0) return;
  const move = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + ms).toISOString());
  order.createdAt = move(order.createdAt);
  order.updatedAt = move(order.updatedAt);
}
