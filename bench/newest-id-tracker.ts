/**
 * The baseline: what common open-source order notifiers do. Remember the id of the first (newest)
 * order of the last response, in memory; when the first order of a new response has another id,
 * announce that order and remember it. On start, the first response only sets the remembered id,
 * so a restart does not re-announce the whole list.
 */
import type { Order } from '../common/order';

export class NewestIdTracker {
  private lastId: string | null = null;
  private started = false;

  /** The orders to announce for one listing, given newest first as the server sorts it. */
  apply(listed: readonly Order[]): Order[] {
    const first = listed[0];
    if (!this.started) {
      this.started = true;
      this.lastId = first?.id ?? null;
      return [];
    }
    if (!first || first.id === this.lastId) return [];
    this.lastId = first.id;
    return [first];
  }
}
