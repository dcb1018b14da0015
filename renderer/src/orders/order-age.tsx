import type { TrackedOrder } from '../../../common/engine';
import { useNow } from '../clock';
import { formatElapsed } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { hasCreationTime, waitLevel, waitStartedAt } from './board-model';

/**
 * The ticking mm:ss of one pending order. It subscribes to the shared ticker itself, so each
 * second only these small cells re-render, never the rows or the list around them.
 */
export function OrderAge({ tracked, escalationMinutes }: { tracked: TrackedOrder; escalationMinutes: number }) {
  const now = useNow();
  const { t } = useI18n();
  const elapsed = now - waitStartedAt(tracked, now);
  const level = waitLevel(elapsed, escalationMinutes);
  const text = formatElapsed(elapsed);
  // h:mm:ss has two more characters than mm:ss and must still fit the same box.
  const hours = elapsed >= 3_600_000;
  return (
    <span
      className={`order-age age-${level} ${hours ? 'with-hours' : ''}`}
      aria-label={hasCreationTime(tracked.order) ? t.waitingFor(text) : t.waitingSinceSeen(text)}
    >
      {text}
    </span>
  );
}
