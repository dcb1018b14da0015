import { useEffect, useState } from 'react';
import type { EngineSnapshot, TrackedOrder } from '../../../common/engine';
import { itemCount } from '../../../common/order';
import type { Settings } from '../../../common/settings';
import { useI18n } from '../i18n/i18n';
import { displayNumber } from './board-model';
import { OrderAge } from './order-age';
import { ChannelChip, UrgentFacts } from './order-chips';
import { OrderTotal } from './order-total';
import { useArrivals } from './use-arrivals';

/** Lines shown on the card; the rest are counted ("and 5 more"), the detail has them all. */
const CARD_LINES = 6;

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}


interface NewOrderCardProps {
  snapshot: EngineSnapshot;
  settings: Settings;
  /** The order whose detail is on screen: its card is put aside (the detail shows it all, with Seen). */
  openedId: string | null;
  onSeen(id: string): void;
  onOpen(id: string): void;
}

/**
 * While the window is visible, an order that arrives opens a large card over whatever screen is
 * shown: number, channel in its colour, the comment and payment first, the lines, total and age,
 * and Seen. It stays until the order is seen (here, from the notification, the tray or another
 * PC), leaves pending, or the clerk puts it aside with "Later" or opens the order — the row keeps
 * its NEW mark.
 */
export function NewOrderCard({ snapshot, settings, openedId, onSeen, onOpen }: NewOrderCardProps) {
  const { t, format } = useI18n();
  const visible = usePageVisible();
  // The orders that arrived while this window was open, oldest first (those already listed when it
  // opened are on the board with their NEW mark, not on a card). Only pending ones are kept.
  const [arrivals, setArrivals] = useState<readonly string[]>([]);
  const [setAside, setSetAside] = useState<ReadonlySet<string>>(new Set());
  useArrivals(snapshot.pending, (ids) => {
    const pendingIds = new Set(snapshot.pending.map((tracked) => tracked.order.id));
    setArrivals((current) => [...current.filter((id) => pendingIds.has(id) && !ids.includes(id)), ...ids]);
    setSetAside((set) => new Set([...set].filter((id) => pendingIds.has(id))));
  });
  const waiting = arrivals
    .filter((id) => !setAside.has(id))
    .map((id) => snapshot.pending.find((tracked) => tracked.order.id === id))
    .filter((tracked): tracked is TrackedOrder => tracked !== undefined && !tracked.acknowledged);
  const current = waiting[0];
  const later = () => current && setSetAside((set) => new Set([...set, current.order.id]));
  useEffect(() => {
    if (openedId !== null) setSetAside((set) => (set.has(openedId) ? set : new Set([...set, openedId])));
  }, [openedId]);

  useEffect(() => {
    if (!current) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        later();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (!visible || !current) return null;
  const { order } = current;
  const number = displayNumber(order);
  const shownLines = order.items.slice(0, CARD_LINES);
  return (
    <div className="card-backdrop">
      <section className="new-order-card" role="dialog" aria-modal="false" aria-labelledby="new-order-title" data-order-id={order.id}>
        <div className="card-head">
          <span className="new-mark is-large">{t.newOrderHeading}</span>
          <h2 id="new-order-title" className="card-number" tabIndex={-1}>
            {number}
          </h2>
          <ChannelChip source={order.source} large />
          <span className="spacer" />
          <OrderAge tracked={current} escalationMinutes={settings.alerts.escalationMinutes} />
        </div>
        <UrgentFacts order={order}>
          <span className="card-customer">{order.customer?.name || t.noCustomerName}</span>
        </UrgentFacts>
        <ul className="card-lines" aria-label={t.itemsHeading}>
          {shownLines.map((item, index) => (
            <li key={index}>
              <span className="card-qty">{format.number(item.quantity, Number.isInteger(item.quantity) ? 0 : 2)} ×</span>{' '}
              <span className="line-name">{item.name}</span>
              {item.modifiers.length > 0 && <span className="card-modifiers"> + {item.modifiers.join(', ')}</span>}
            </li>
          ))}
          {order.items.length > CARD_LINES && <li className="card-more">{t.andMoreLines(order.items.length - CARD_LINES)}</li>}
        </ul>
        <div className="card-foot">
          <span className="card-total">
            {t.itemCount(itemCount(order))} · <OrderTotal order={order} currency={settings.currency} />
          </span>
          {waiting.length > 1 && <span className="card-queue">{t.moreNewOrders(waiting.length - 1)}</span>}
          <span className="spacer" />
          <button type="button" className="button" onClick={later}>
            {t.later}
          </button>
          <button type="button" className="button" onClick={() => onOpen(order.id)}>
            {t.openOrder}
          </button>
          <button type="button" className="button button-ack card-seen" onClick={() => onSeen(order.id)} title={t.acknowledgeHint}>
            {t.acknowledge}
          </button>
        </div>
        <p className="card-hint">{t.acknowledgeHint}</p>
      </section>
    </div>
  );
}
