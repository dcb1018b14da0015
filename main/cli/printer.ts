/**
 * How the CLI shows orders, announcements and the connection check: JSON lines or lines for a
 * person. Every line passes `visible` (or `jsonLine`): server text cannot start a line of its own,
 * move the cursor or reorder what is shown.
 */
import type { Announcement, Diagnosis } from '../../common/engine';
import type { Order } from '../../common/order';
import type { AppError } from '../../common/result';
import type { VenueListing } from '../clopos/types';
import { jsonLine, visible } from './visible';

/** Lines for a person, each made safe before they are joined. */
const lines = (list: readonly string[]): string => list.map(visible).join('\n');

const label = (order: Order): string =>
  order.number ? `#${order.number} (id ${order.id}, venue ${order.venueId})` : `${order.id} (venue ${order.venueId})`;

const money = (value: number | null, computed: boolean): string =>
  value === null ? 'total unknown' : `${Number.isInteger(value) ? value : value.toFixed(2)}${computed ? ' (computed)' : ''}`;

/** A time as the CLI prints it: ISO 8601 in UTC, which scripts and people both read. */
const isoTime = (ms: number): string => new Date(ms).toISOString();

export function describeOrder(order: Order): string {
  const count = order.items.reduce((n, item) => n + item.quantity, 0);
  const parts = [
    label(order),
    order.createdAt === null ? 'time unknown' : `created ${order.createdAt}`,
    `${count} item${count === 1 ? '' : 's'}`,
    money(order.total, order.totalIsComputed),
    order.customer?.name ?? null,
    order.deliveryType,
    order.comment ? `"${order.comment}"` : null,
  ];
  return parts.filter((p): p is string => Boolean(p)).join(' · ');
}

const minutes = (ms: number): string => `${Math.floor(ms / 60_000)} min ${Math.floor((ms % 60_000) / 1000)} s`;

export function announcementText(a: Announcement): string {
  switch (a.type) {
    case 'new-order':
      return `NEW ORDER ${describeOrder(a.order)}`;
    case 'summary':
      return `${a.orders.length} NEW ORDERS: ${a.orders.map(label).join(', ')}`;
    case 'left-pending':
      return `Order ${a.order ? label(a.order) : a.id} is no longer pending (${a.status})`;
    case 'reminder':
      return `REMINDER: ${a.orders.length} order${a.orders.length === 1 ? '' : 's'} not acknowledged: ${a.orders.map(label).join(', ')}`;
    case 'escalation':
      return `ESCALATION: order ${label(a.order)} has waited ${minutes(a.waitedMs)}`;
    case 'health':
      return a.state === 'ok'
        ? `CONNECTION OK: ${a.message}${a.downSince !== null ? ` (problem since ${isoTime(a.downSince)})` : ''}`
        : `CONNECTION PROBLEM (${a.state}): ${a.message} (since ${isoTime(a.since)})`;
  }
}

/** One line per announcement; JSON lines carry the announcement as is, plus when it was made. */
export function formatAnnouncement(a: Announcement, json: boolean, at: Date): string {
  return json ? jsonLine({ ...a, at: at.toISOString() }) : visible(`[${at.toISOString()}] ${announcementText(a)}`);
}

export function formatOrders(orders: readonly Order[]): string {
  if (orders.length === 0) return 'No pending orders.';
  const head = `${orders.length} pending order${orders.length === 1 ? '' : 's'}:`;
  // Orders without a creation time come last.
  const oldestFirst = [...orders].sort((a, b) =>
    a.createdAt === null || b.createdAt === null ? Number(a.createdAt === null) - Number(b.createdAt === null) : a.createdAt.localeCompare(b.createdAt),
  );
  return lines([head, ...oldestFirst.map((o) => `  ${describeOrder(o)}`)]);
}

export function formatPollJson(
  result: { ok: true; orders: readonly Order[]; venues?: readonly VenueListing[] } | { ok: false; error: AppError },
): string {
  return jsonLine(
    result.ok
      ? { ok: true, orders: result.orders, ...(result.venues ? { venues: result.venues } : {}) }
      : { ok: false, error: { kind: result.error.kind, message: result.error.message } },
  );
}

const STEP_NAMES = { config: 'Configuration', auth: 'Sign-in', orders: 'Pending orders' } as const;

export function formatDiagnosis(d: Diagnosis): string {
  const out = ['Clopos connection check'];
  for (const step of d.steps) out.push(`  [${step.ok ? ' ok ' : 'FAIL'}] ${STEP_NAMES[step.id]}: ${step.message}`);
  if (d.warnings.length > 0) out.push('Warnings:', ...d.warnings.map((w) => `  ! ${w}`));
  if (d.advice.length > 0) out.push('What to do:', ...d.advice.map((a) => `  → ${a}`));
  out.push(d.ok ? 'All is well: orders can be watched.' : 'The check failed.');
  return lines(out);
}

export function formatDiagnosisJson(d: Diagnosis): string {
  return jsonLine(d);
}
