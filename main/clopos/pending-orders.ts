/**
 * Fetches every pending order of every venue: page after page until a short or empty page, the
 * stated total or the page bound. Each order is validated on its own so one bad order is reported
 * and skipped while the rest arrive. The status filter starts in the documented vocabulary of the
 * API generation and switches once when the server names another (400 `invalid_parameter`).
 */
import type { Order } from '../../common/order';
import { err, ok, type Result } from '../../common/result';
import { badResponseError, checkReply, isRecord, redact, serverError } from './errors';
import { normaliseOrder } from './normalise';
import { describeIssues, listEnvelopeSchema, wireOrderSchema, type WireOrder } from './schemas';
import type { Session } from './session';
import { createTimestampParser, type TimestampParser } from './timestamps';
import type { ApiVersion, ClientDeps, PendingList } from './types';

export interface VenueCount {
  venueId: string;
  /** Pending orders that arrived for this venue (valid ones). */
  orders: number;
}

export interface PendingFetch extends PendingList {
  venues: VenueCount[];
}

export interface PendingListerOptions {
  api: ApiVersion;
  venues: string[];
  pageLimit: number;
  maxPages: number;
  session: Session;
  parseTime: TimestampParser;
  log: NonNullable<ClientDeps['log']>;
}

export interface PendingLister {
  /** `maxPages` overrides the configured bound (check() reads only the first page). */
  fetch(signal?: AbortSignal, maxPages?: number): Promise<Result<PendingFetch>>;
}

/** Known statuses other than pending: a server that ignores the filter must not raise false alarms. */
const NOT_PENDING = new Set(['accepted', 'completed', 'cancelled']);

/** The first spelling of "pending" in an error reply that differs from the one just refused. */
function pendingWordIn(body: unknown, refused: string): string | null {
  const text = JSON.stringify(body ?? '');
  for (const match of text.matchAll(/[A-Za-z_]+/g)) {
    const word = match[0];
    if (word.toLowerCase() === 'pending' && word !== refused) return word;
  }
  return null;
}

function rawId(item: unknown): string | null {
  if (!isRecord(item)) return null;
  const id = item.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 100) : null;
}

/**
 * The normalised order, or null (reported through `skip`) when normalising it failed: one order the
 * client cannot turn into the model must not fail the listing and hide every other pending order.
 */
function normalisedOrNull(wire: WireOrder, venueId: string, skip: (why: string) => void): Order | null {
  try {
    return normaliseOrder(wire, venueId);
  } catch (cause) {
    skip(`it could not be read (${redact(cause instanceof Error ? cause.message : String(cause))})`);
    return null;
  }
}

export function createPendingLister(options: PendingListerOptions): PendingLister {
  const { session, log } = options;
  const orderSchema = wireOrderSchema(options.parseTime);
  // The envelope `timestamp` is the one time the docs state to be UTC.
  const parseUtc = createTimestampParser('UTC');
  let vocabulary = options.api === 'v1' ? 'pending' : 'PENDING';

  async function page(venueId: string, pageNumber: number, signal?: AbortSignal): Promise<Result<unknown>> {
    const request = (status: string) => ({
      method: 'GET' as const,
      path: '/orders',
      query: { status, limit: String(options.pageLimit), page: String(pageNumber) },
      venueId,
    });
    const sent = await session.send(request(vocabulary), signal);
    if (!sent.ok) return sent;
    if (sent.value.status === 400) {
      const said = serverError(sent.value.json);
      const alternative = said.code === 'invalid_parameter' || /status/i.test(said.message ?? '') ? pendingWordIn(sent.value.json, vocabulary) : null;
      if (alternative) {
        log('info', `Clopos refused status=${vocabulary}; switching the pending filter to status=${alternative}`);
        vocabulary = alternative;
        const retried = await session.send(request(vocabulary), signal);
        return retried.ok ? checkReply(retried.value, 'api') : retried;
      }
    }
    return checkReply(sent.value, 'api');
  }

  async function fetch(signal?: AbortSignal, maxPages = options.maxPages): Promise<Result<PendingFetch>> {
    const orders = new Map<string, Order>();
    const skipped = new Map<string, string>();
    const venues: VenueCount[] = [];
    let serverTime: number | null = null;
    let truncated = false;
    let paged = false;

    for (const venueId of options.venues) {
      const idsSeen = new Set<string>();
      let received = 0;
      let arrived = 0;
      for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
        if (pageNumber > 1) paged = true;
        const body = await page(venueId, pageNumber, signal);
        if (!body.ok) return body;
        const envelope = listEnvelopeSchema.safeParse(body.value);
        if (!envelope.success) return err(badResponseError('an order list without a data array'));
        const { data, pagination, total } = envelope.data;
        serverTime = parseUtc(envelope.data.unix) ?? parseUtc(envelope.data.timestamp) ?? serverTime;

        let unseenOnPage = 0;
        data.forEach((item, index) => {
          const id = rawId(item);
          if (id === null || !idsSeen.has(id)) unseenOnPage += 1;
          if (id !== null) idsSeen.add(id);
          const skip = (why: string) => {
            const where = `venue ${venueId}, page ${pageNumber}, item ${index + 1}`;
            const key = id === null ? `${venueId}:${pageNumber}:${index}` : `${venueId}:${id}`;
            if (!skipped.has(key)) skipped.set(key, `Order ${id ?? '(no id)'} (${where}) skipped: ${why}`);
          };
          const parsed = orderSchema.safeParse(item);
          if (!parsed.success) return skip(describeIssues(parsed.error));
          const order = normalisedOrNull(parsed.data, venueId, skip);
          if (!order) return;
          if (NOT_PENDING.has(order.status)) {
            log('debug', `Order ${order.id} listed as pending but has status ${order.rawStatus}; ignored`);
            return;
          }
          if (!orders.has(order.id)) arrived += 1;
          orders.set(order.id, order);
        });
        received += data.length;

        const statedTotal = pagination?.total ?? total ?? null;
        const statedPages = pagination?.total_pages ?? null;
        // A stated total or page count wins over a short page: the server may cap `limit` below ours.
        const stated = statedTotal !== null || statedPages !== null;
        const done =
          data.length === 0 ||
          // A server that ignores `page` repeats itself; more pages would only repeat it again.
          unseenOnPage === 0 ||
          (statedTotal !== null && received >= statedTotal) ||
          (statedPages !== null && pageNumber >= statedPages) ||
          (!stated && data.length < options.pageLimit);
        if (done) break;
        if (pageNumber === maxPages) {
          truncated = true;
          log('warn', `Venue ${venueId} has more pending orders than ${maxPages} pages of ${options.pageLimit}; only those are shown`);
        }
      }
      venues.push({ venueId, orders: arrived });
    }
    const skippedList = [...skipped.values()];
    if (skippedList.length) log('warn', `${skippedList.length} order(s) skipped: ${skippedList.join(' | ')}`);
    return ok({ orders: [...orders.values()], skipped: skippedList, serverTime, truncated, paged, venues });
  }

  return { fetch };
}
