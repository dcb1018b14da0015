import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { EngineSnapshot } from '../../../common/engine';
import type { Settings } from '../../../common/settings';
import { useI18n } from '../i18n/i18n';
import { HISTORY_FILTERS, boardOrders, countsByFilter, type BoardFilter, type HistoryFilter } from './board-model';
import { OrderRow } from './order-row';
import { useArrivals } from './use-arrivals';

/**
 * Every row has the same height, so the virtual list needs no measuring: a multiple of the root
 * font size, which the CSS scales with the window so the board reads as large at 1920 px as at 1024.
 */
const ROW_HEIGHT_REM = 5.8;
const ROW_GAP_PX = 8;

function rowHeightNow(): number {
  const rootPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Math.round((Number.isFinite(rootPx) && rootPx > 0 ? rootPx : 16) * ROW_HEIGHT_REM);
}

function useRowHeight(): number {
  const [height, setHeight] = useState(rowHeightNow);
  useEffect(() => {
    const update = () => setHeight(rowHeightNow());
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return height;
}

export interface BoardView {
  filter: BoardFilter;
  query: string;
}

interface OrderBoardProps {
  snapshot: EngineSnapshot;
  settings: Settings;
  view: BoardView;
  onViewChange(view: BoardView): void;
  onOpen(id: string): void;
  onAcknowledge(id: string): void;
  onAcknowledgeAll(): void;
  /** The row to focus when coming back from its detail; a new object each time asks again. */
  returnFocus: { id: string } | null;
}

const PAGE_ROWS = 5;

export function OrderBoard({ snapshot, settings, view, onViewChange, onOpen, onAcknowledge, onAcknowledgeAll, returnFocus }: OrderBoardProps) {
  const { t } = useI18n();
  const orders = useMemo(() => boardOrders(snapshot, view.filter, view.query), [snapshot, view.filter, view.query]);
  const counts = useMemo(() => countsByFilter(snapshot), [snapshot]);
  const unacknowledged = snapshot.pending.filter((o) => !o.acknowledged).length;
  // A search or filter left in place must not hide an order nobody has seen yet.
  const hiddenNew = useMemo(() => {
    if (view.filter === 'pending' && !view.query.trim()) return 0;
    const shown = new Set(orders.map((tracked) => tracked.order.id));
    return snapshot.pending.filter((tracked) => !tracked.acknowledged && !shown.has(tracked.order.id)).length;
  }, [orders, snapshot.pending, view.filter, view.query]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = Math.max(0, orders.findIndex((o) => o.order.id === activeId));
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);
  const rowHeight = useRowHeight();

  const virtualizer = useVirtualizer({
    count: orders.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 4,
    getItemKey: (index) => orders[index]?.order.id ?? index,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  // The row Tab reaches: the active one, or the first one rendered when the active one is scrolled
  // away (a new arrival was brought into view), so the list is never without a way in.
  const tabbableIndex = items.some((item) => item.index === activeIndex) ? activeIndex : (items[0]?.index ?? activeIndex);

  const moveTo = useCallback(
    (index: number) => {
      const target = orders[Math.min(orders.length - 1, Math.max(0, index))];
      if (!target) return;
      focusPending.current = true;
      setActiveId(target.order.id);
      virtualizer.scrollToIndex(orders.indexOf(target), { align: 'auto' });
    },
    [orders, virtualizer],
  );

  // A new arrival is brought into view: the clerk never scrolls to find it.
  useArrivals(snapshot.pending, (ids) => {
    const index = orders.findIndex((tracked) => tracked.order.id === ids.at(-1));
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  });

  useEffect(() => {
    if (!returnFocus) return;
    const index = orders.findIndex((o) => o.order.id === returnFocus.id);
    if (index >= 0) moveTo(index);
    // Only a new request moves focus, not later changes to the list.
  }, [returnFocus]);

  // Keyboard moves focus to a row that may only exist after the virtual list has scrolled to it.
  useEffect(() => {
    if (!focusPending.current) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(`li[data-index="${activeIndex}"] .order-open`);
    if (button) {
      focusPending.current = false;
      button.focus({ preventScroll: true });
    }
  });

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const keyMoves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + PAGE_ROWS,
      PageUp: activeIndex - PAGE_ROWS,
      Home: 0,
      End: orders.length - 1,
    };
    const next = keyMoves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      moveTo(next);
    } else if (event.code === 'KeyA' || event.key === 'a' || event.key === 'A') {
      // event.code keeps "A" working on Russian and other keyboard layouts.
      const target = orders[activeIndex];
      if (target && target.leftPendingAt === null && !target.acknowledged) {
        event.preventDefault();
        onAcknowledge(target.order.id);
      }
    }
  };

  const historyLabels: Record<HistoryFilter, string> = {
    accepted: t.filterAccepted,
    completed: t.filterCompleted,
    cancelled: t.filterCancelled,
    all: t.filterAll,
  };
  const currency = settings.currency;
  const escalationMinutes = settings.alerts.escalationMinutes;

  return (
    <section className="board" aria-label={t.orderListLabel}>
      <div className="board-toolbar">
        <div className="filters" role="group" aria-label={t.filterLabel}>
          <button
            type="button"
            className="filter"
            aria-pressed={view.filter === 'pending'}
            onClick={() => onViewChange({ ...view, filter: 'pending' })}
          >
            {t.filterPending} <span className="filter-count">{counts.pending}</span>
          </button>
          {/* One control for what left pending: the clerk's line stays short at 1024 px. */}
          <select
            className={`history-select ${view.filter !== 'pending' ? 'selected' : ''}`}
            aria-label={t.historyLabel}
            value={view.filter === 'pending' ? '' : view.filter}
            onChange={(event) => {
              const filter = HISTORY_FILTERS.find((f) => f === event.target.value);
              onViewChange({ ...view, filter: filter ?? 'pending' });
            }}
          >
            <option value="">{t.historyLabel}</option>
            {HISTORY_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {historyLabels[filter]} ({counts[filter]})
              </option>
            ))}
          </select>
        </div>
        <input
          className="search"
          type="search"
          aria-label={t.searchLabel}
          placeholder={t.searchPlaceholder}
          value={view.query}
          onChange={(event) => onViewChange({ ...view, query: event.target.value })}
        />
        <button type="button" className="button button-ack" disabled={unacknowledged === 0} onClick={onAcknowledgeAll} title={t.acknowledgeHint}>
          {t.acknowledgeAll(unacknowledged)}
        </button>
      </div>
      {hiddenNew > 0 && (
        <div className="hidden-orders-bar" role="status">
          <span>⚠ {t.hiddenByFilter(hiddenNew)}</span>
          <button type="button" className="button button-primary" onClick={() => onViewChange({ filter: 'pending', query: '' })}>
            {t.showHidden}
          </button>
        </div>
      )}
      {orders.length === 0 ? (
        <div className="board-empty" role="status">
          {view.query.trim() ? (
            <p className="board-empty-title">{t.noMatch(view.query.trim())}</p>
          ) : view.filter === 'pending' ? (
            <>
              <p className="board-empty-title">{t.noPending}</p>
              <p>{t.noPendingHint}</p>
            </>
          ) : (
            <p className="board-empty-title">{t.noOrdersInFilter}</p>
          )}
        </div>
      ) : (
        <div className="board-scroll" ref={scrollRef}>
          <ul
            className="order-list"
            aria-label={t.orderListLabel}
            style={{ height: `${virtualizer.getTotalSize()}px` }}
            onKeyDown={onListKey}
          >
            {items.map((item) => {
              const tracked = orders[item.index];
              if (!tracked) return null;
              return (
                <OrderRow
                  key={tracked.order.id}
                  tracked={tracked}
                  index={item.index}
                  setSize={orders.length}
                  top={item.start}
                  height={rowHeight - ROW_GAP_PX}
                  active={item.index === tabbableIndex}
                  currency={currency}
                  escalationMinutes={escalationMinutes}
                  onOpen={onOpen}
                  onAcknowledge={onAcknowledge}
                  onFocusRow={setActiveId}
                />
              );
            })}
          </ul>
        </div>
      )}
      <p className="keyboard-hint">{t.keyboardHint}</p>
    </section>
  );
}
