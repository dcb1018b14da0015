import { useEffect, useRef } from 'react';
import type { TrackedOrder } from '../../../common/engine';

/**
 * Calls `onArrived` with the ids of unseen orders that appeared since the last snapshot, oldest
 * first. Orders already listed when the component mounted are not arrivals (the first snapshot only
 * records them). Shared by the board (scrolls to the newest) and the new-order card (shows them).
 */
export function useArrivals(pending: readonly TrackedOrder[], onArrived: (ids: string[]) => void): void {
  const known = useRef<ReadonlySet<string> | null>(null);
  const callback = useRef(onArrived);
  callback.current = onArrived;
  useEffect(() => {
    const before = known.current;
    known.current = new Set(pending.map((tracked) => tracked.order.id));
    if (!before) return;
    const arrived = pending.filter((tracked) => !tracked.acknowledged && !before.has(tracked.order.id)).map((tracked) => tracked.order.id);
    if (arrived.length > 0) callback.current(arrived);
  }, [pending]);
}
