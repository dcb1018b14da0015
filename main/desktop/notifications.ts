/**
 * Native notifications: shows the texts main/app decides on, the way each OS can best carry them,
 * and routes clicks and buttons back as one kind of action.
 *
 * - Windows: toast XML from one template (main/app/toast-xml.ts) with Acknowledge / Open buttons and
 *   `scenario="urgent"` for escalations and the connection alarm. Clicks and buttons arrive through
 *   `Notification.handleActivation`, which also delivers them after a restart, from the Action
 *   Center, or once the notification object is gone.
 * - macOS: the same two buttons as notification actions (`action` event); `Notification.remove`
 *   takes an order's notification out of Notification Center even when an earlier run showed it.
 * - Linux: Electron has no notification actions there, so the body carries everything and a click
 *   opens the order; escalations and the connection alarm are `critical` (they stay until closed).
 *
 * Every notification has a tag: one with the same tag replaces the one before rather than stacking
 * (an order's escalation replaces its new-order toast).
 */
import { createHash } from 'node:crypto';
import { orderTag, type NotificationText } from '../app/messages';
import { canAcknowledge, parseToastArguments, toastXml, type ToastAction } from '../app/toast-xml';

/** What a person asked for on a notification: open (the window, at an order) or acknowledge an order. */
export type NotificationAction = ToastAction;

interface NativeNotification {
  on(event: 'click' | 'close' | 'failed' | 'show', listener: () => void): unknown;
  on(event: 'action', listener: (details: unknown, actionIndex?: number) => void): unknown;
  show(): void;
  close(): void;
}

// A type, not an interface: it must fit where any options record fits (the recording fake's).
export type NotificationOptions = {
  title: string;
  body: string;
  silent: boolean;
  urgency: 'normal' | 'critical';
  timeoutType: 'default' | 'never';
  /** The tag (Windows) / identifier (macOS): a notification with the same id replaces this one. */
  id: string;
  groupId: string;
  /** Windows only: supersedes everything above except the id and group. */
  toastXml?: string;
  /** macOS only (Windows buttons are in the toast XML; Linux has none in Electron). */
  actions?: { type: 'button'; text: string }[];
};

/** What Windows passes for a click or a button (Electron's `ActivationArguments`, the parts used). */
export interface ActivationDetails {
  arguments: string;
  type: string;
}

/** The parts of Electron's `Notification` class used here (the recording fake has the same shape). */
export interface NotificationApi {
  new (options: NotificationOptions): NativeNotification;
  isSupported(): boolean;
  /** Windows: every activation, also after a restart or from the Action Center. */
  handleActivation?(callback: (details: ActivationDetails) => void): void;
  /** macOS: takes delivered notifications out of Notification Center by id. */
  remove?(id: string | string[]): void;
}

export interface Notifier {
  show(text: NotificationText): void;
  /** Where clicks and buttons go; set once by the composition. Activations before it are held. */
  onAction(handler: (action: NotificationAction) => void): void;
  /** Closes notifications about an order once none of their orders needs attention. */
  withdraw(orderId: string): void;
  /** Closes the health notice on screen (a recovery or a new problem replaces it). */
  withdrawHealth(): void;
  /**
   * At quit. Windows and macOS keep the notifications in the Action / Notification Center, where a
   * click or a button starts the app again and still acts; on Linux nobody would receive the click,
   * so they are closed.
   */
  release(): void;
  /** How many are on screen (referenced); for tests and the smoke run. */
  open(): number;
  /**
   * False where the OS has no notifications (Electron's `Notification.isSupported`), and while the
   * OS refuses to show them (the last one failed and none has been shown since).
   */
  supported(): boolean;
  /** Told when `supported()` changes: the window must say so, not only the log. */
  onSupportChange(handler: () => void): void;
}

/**
 * Electron drops a notification's click handler once the JS object is garbage-collected, so every
 * shown notification is referenced until it closes. Bounded: the oldest is closed beyond `limit`.
 */
export const MAX_OPEN_NOTIFICATIONS = 20;

/** Windows keeps a toast's tag to 64 characters; a longer one is shortened to a stable hash. */
const MAX_TAG = 64;

export function notificationId(tag: string): string {
  return tag.length <= MAX_TAG ? tag : `h:${createHash('sha256').update(tag).digest('hex').slice(0, 40)}`;
}

/** Activations that arrive before the app can act on them (a cold start from a toast): held, bounded. */
const MAX_HELD_ACTIONS = 20;

export interface NotifierOptions {
  platform: NodeJS.Platform;
  limit?: number;
  redact?: (text: string) => string;
  /** Told when a notification could not be shown (the OS refused it). */
  log?: (message: string) => void;
}

export function createNotifier(api: NotificationApi, options: NotifierOptions): Notifier {
  const { platform } = options;
  const limit = options.limit ?? MAX_OPEN_NOTIFICATIONS;
  // A notification quotes server text (a problem's cause): it is redacted like everything else that leaves main.
  const redact = options.redact ?? ((text: string) => text);
  const open = new Map<NativeNotification, { id: string; orders: Set<string>; topic: NotificationText['topic'] }>();
  let handler: ((action: NotificationAction) => void) | null = null;
  const held: NotificationAction[] = [];
  /** The OS refused the last notification and has shown none since. */
  let failing = false;
  let supportChanged: () => void = () => undefined;
  const setFailing = (next: boolean): void => {
    if (next === failing) return;
    failing = next;
    supportChanged();
  };

  const act = (action: NotificationAction): void => {
    if (handler) handler(action);
    else if (held.length < MAX_HELD_ACTIONS) held.push(action);
  };
  const forget = (n: NativeNotification): void => {
    open.delete(n);
  };
  const close = (n: NativeNotification, id: string): void => {
    forget(n);
    n.close();
    if (platform === 'darwin') api.remove?.(id);
  };

  // Windows routes every click and button through one callback, whether or not the object lives.
  const viaActivation = platform === 'win32' && typeof api.handleActivation === 'function';
  if (viaActivation) {
    api.handleActivation!((details) => {
      const action = parseToastArguments(typeof details?.arguments === 'string' ? details.arguments : '');
      // A toast of ours always carries arguments; anything else only brings the window up.
      act(action ?? { action: 'open', orderId: null });
    });
  }

  function nativeOptions(text: NotificationText, id: string): NotificationOptions {
    const title = redact(text.title);
    const body = redact(text.body);
    const base: NotificationOptions = {
      title,
      body,
      // The renderer plays the alarm; a second OS sound on top would only blur it.
      silent: true,
      urgency: text.critical ? 'critical' : 'normal',
      timeoutType: text.critical ? 'never' : 'default',
      id,
      groupId: text.topic,
    };
    if (platform === 'win32') return { ...base, toastXml: toastXml({ ...text, title, body }) };
    if (platform === 'darwin' && canAcknowledge(text)) {
      return { ...base, actions: [{ type: 'button', text: text.actionLabels.acknowledge }, { type: 'button', text: text.actionLabels.open }] };
    }
    return base;
  }

  return {
    show(text) {
      if (!api.isSupported()) return;
      const id = notificationId(text.tag);
      // The one it replaces. Windows and macOS replace a notification with the same id themselves;
      // closing the old one there could remove the new one too (same tag). Linux has no ids in
      // Electron: the old one is closed.
      for (const [n, entry] of [...open]) {
        if (entry.id !== id) continue;
        if (platform === 'win32' || platform === 'darwin') forget(n);
        else close(n, id);
      }
      const n = new api(nativeOptions(text, id));
      const openAction: NotificationAction = { action: 'open', orderId: text.orderId };
      if (!viaActivation) {
        n.on('click', () => {
          forget(n);
          act(openAction);
        });
        n.on('action', (details, index) => {
          const i = typeof (details as { actionIndex?: unknown } | null)?.actionIndex === 'number' ? (details as { actionIndex: number }).actionIndex : index;
          forget(n);
          act(i === 0 && canAcknowledge(text) ? { action: 'acknowledge', orderId: text.orderId! } : openAction);
        });
      }
      n.on('close', () => forget(n));
      n.on('show', () => setFailing(false));
      n.on('failed', () => {
        forget(n);
        options.log?.(`A notification could not be shown: ${redact(text.title)}`);
        setFailing(true);
      });
      open.set(n, { id, orders: new Set(text.orders), topic: text.topic });
      while (open.size > limit) {
        const oldest = open.entries().next().value;
        if (!oldest) break;
        close(oldest[0], oldest[1].id);
      }
      n.show();
    },
    onAction(next) {
      handler = next;
      for (const action of held.splice(0)) next(action);
    },
    withdraw(orderId) {
      for (const [n, { id, orders }] of [...open]) {
        if (!orders.delete(orderId) || orders.size > 0) continue;
        close(n, id);
      }
      // macOS keeps delivered notifications of an earlier run in Notification Center: removed by id.
      if (platform === 'darwin') api.remove?.(notificationId(orderTag(orderId)));
    },
    withdrawHealth() {
      for (const [n, { id, topic }] of [...open]) if (topic === 'health') close(n, id);
    },
    release() {
      if (platform !== 'win32' && platform !== 'darwin') for (const n of [...open.keys()]) n.close();
      open.clear();
    },
    open: () => open.size,
    supported: () => api.isSupported() && !failing,
    onSupportChange(next) {
      supportChanged = next;
    },
  };
}
