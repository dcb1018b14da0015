/** Native notifications: shows the texts main/app decides on and routes clicks back. */
import type { NotificationText } from '../app/messages';

interface NativeNotification {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
  close(): void;
}

/** The parts of Electron's `Notification` class used here (the recording fake has the same shape). */
export interface NotificationApi {
  new (options: {
    title: string;
    body: string;
    silent: boolean;
    urgency: 'normal' | 'critical';
    timeoutType: 'default' | 'never';
  }): NativeNotification;
  isSupported(): boolean;
}

export interface Notifier {
  show(text: NotificationText, onClick: () => void): void;
  /** Closes notifications about an order once none of their orders needs attention. */
  withdraw(orderId: string): void;
  /** Closes the health notice on screen (a recovery or a new problem replaces it). */
  withdrawHealth(): void;
  closeAll(): void;
  /** How many are on screen (referenced); for tests and the smoke run. */
  open(): number;
}

/**
 * Electron drops a notification's click handler once the JS object is garbage-collected, so every
 * shown notification is referenced until it closes. Bounded: the oldest is closed beyond `limit`.
 */
export const MAX_OPEN_NOTIFICATIONS = 20;

export function createNotifier(api: NotificationApi, options: { limit?: number; redact?: (text: string) => string } = {}): Notifier {
  const limit = options.limit ?? MAX_OPEN_NOTIFICATIONS;
  // A notification quotes server text (a problem's cause): it is redacted like everything else that leaves main.
  const redact = options.redact ?? ((text: string) => text);
  const open = new Map<NativeNotification, { orders: Set<string>; topic: NotificationText['topic'] }>();

  const forget = (n: NativeNotification): void => {
    open.delete(n);
  };

  return {
    show(text, onClick) {
      if (!api.isSupported()) return;
      const n = new api({
        title: redact(text.title),
        body: redact(text.body),
        // The renderer plays the alarm; a second OS sound on top would only blur it.
        silent: true,
        urgency: text.critical ? 'critical' : 'normal',
        timeoutType: text.critical ? 'never' : 'default',
      });
      n.on('click', () => {
        onClick();
        forget(n);
      });
      n.on('close', () => forget(n));
      n.on('failed', () => forget(n));
      open.set(n, { orders: new Set(text.orders), topic: text.topic });
      while (open.size > limit) {
        const oldest = open.keys().next().value;
        if (!oldest) break;
        forget(oldest);
        oldest.close();
      }
      n.show();
    },
    withdraw(orderId) {
      for (const [n, { orders }] of [...open]) {
        if (!orders.delete(orderId) || orders.size > 0) continue;
        forget(n);
        n.close();
      }
    },
    withdrawHealth() {
      for (const [n, { topic }] of [...open]) {
        if (topic !== 'health') continue;
        forget(n);
        n.close();
      }
    },
    closeAll() {
      for (const n of [...open.keys()]) n.close();
      open.clear();
    },
    open: () => open.size,
  };
}
