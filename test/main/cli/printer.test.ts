import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../main/redact';
import { formatAnnouncement, formatDiagnosis, formatOrders } from '../../../main/cli/printer';
import { makeOrder } from '../watch/fakes';

const at = new Date(Date.UTC(2025, 0, 6, 12, 0, 0));

describe('printer', () => {
  it('prints an announcement as one JSON line with its type and when it was made', () => {
    const order = makeOrder({ id: '42', number: 'A-7' });
    const line = formatAnnouncement({ type: 'left-pending', id: '42', status: 'accepted', order }, true, at);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ type: 'left-pending', id: '42', status: 'accepted', order, at: at.toISOString() });
  });

  it('prints readable lines that name the order', () => {
    const order = makeOrder({ id: '42', number: 'A-7', customer: { name: 'Leyla', phone: null, address: null } });
    expect(formatAnnouncement({ type: 'new-order', order }, false, at)).toMatch(/^\[2025-01-06T12:00:00.000Z\] NEW ORDER #A-7 \(id 42, venue 1\).*Leyla/);
    expect(formatAnnouncement({ type: 'escalation', order, waitedMs: 185_000 }, false, at)).toContain('has waited 3 min 5 s');
    expect(
      formatAnnouncement({ type: 'health', state: 'offline', message: 'Cannot reach Clopos.', since: at.getTime(), downSince: at.getTime() }, false, at),
    ).toContain('CONNECTION PROBLEM (offline): Cannot reach Clopos.');
  });

  it('lists orders oldest first', () => {
    const newer = makeOrder({ id: 'n', createdAt: '2025-01-06T12:05:00.000Z' });
    const older = makeOrder({ id: 'o', createdAt: '2025-01-06T12:00:00.000Z' });
    const text = formatOrders([newer, older]);
    expect(text.indexOf('id o')).toBeLessThan(text.indexOf('id n'));
    expect(formatOrders([])).toBe('No pending orders.');
  });

  it('shows each check step, the advice and the verdict', () => {
    const text = formatDiagnosis({
      ok: false,
      steps: [
        { id: 'config', ok: true, message: 'Clopos v2.' },
        { id: 'auth', ok: false, message: 'Clopos refused access (auth).' },
      ],
      advice: ['Check the client secret.'],
      warnings: [],
    });
    expect(text).toContain('[FAIL] Sign-in: Clopos refused access (auth).');
    expect(text).toContain('→ Check the client secret.');
    expect(text).toContain('The check failed.');
  });
});

describe('redactor', () => {
  it('masks every secret, the longest first', () => {
    const { redact } = createRedactor(['abc', 'abcdef']);
    expect(redact('x abcdef y abc')).toBe('x [redacted] y [redacted]');
  });
});
