/**
 * What the ledger is told as orders live and Clopos comes and goes: the recorder turns the
 * engine's announcements and states into ledger events (main/app/ledger-recorder.ts).
 */
import { describe, expect, it } from 'vitest';
import type { HealthProblem } from '../../../common/engine';
import { appError } from '../../../common/result';
import { createLedgerRecorder, outcomeOf } from '../../../main/app/ledger-recorder';
import type { Ledger, LedgerEvent } from '../../../main/ledger/types';
import { emptyReport, FIXED_NOW, makeOrder, makeSnapshot, tracked } from '../../renderer/fixtures';
import { ManualClock } from './fake-clock';

function setup() {
  const events: LedgerEvent[] = [];
  const ledger: Ledger = {
    record: (event) => events.push(event),
    report: (query) => emptyReport(query.range),
    orders: () => [],
    warning: () => null,
    prune: () => undefined,
    close: () => undefined,
  };
  const clock = new ManualClock(FIXED_NOW);
  const recorder = createLedgerRecorder({ ledger, clock, pcName: 'COUNTER-1' });
  return { events, clock, recorder, kinds: () => events.map((e) => e.kind) };
}

const problem = (key: string, venueId: string | null, since: number): HealthProblem => ({
  key,
  venueId,
  error: appError('offline', 'Clopos cannot be reached'),
  since,
  alarmed: true,
});

describe('the ledger recorder', () => {
  it('writes nothing before the app opens the ledger, then an order seen, announced, seen by a person on this PC and accepted', () => {
    const t = setup();
    const order = makeOrder({ id: 'w-1', number: 'W-1', source: 'Wolt', total: 24.5, venueId: '2' });
    t.recorder.state(makeSnapshot({ pending: [tracked(order)] }));
    expect(t.events).toEqual([]);

    t.recorder.opened();
    const pending = makeSnapshot({ pending: [tracked(order)] });
    t.recorder.announce({ type: 'new-order', order }, pending);
    t.recorder.state(pending);
    t.clock.time += 40_000;
    t.recorder.state(makeSnapshot({ pending: [tracked(order, { acknowledged: true })] }));
    t.recorder.state(makeSnapshot({ pending: [tracked(order, { acknowledged: true })] }));
    t.clock.time += 30_000;
    const accepted = { ...order, status: 'accepted' as const, rawStatus: 'RECEIVED' };
    t.recorder.announce({ type: 'left-pending', id: 'w-1', status: 'accepted', order: accepted }, makeSnapshot());
    t.recorder.state(makeSnapshot({ history: [tracked(accepted)] }));

    expect(t.events).toEqual([
      { kind: 'app', at: FIXED_NOW, what: 'opened' },
      // The order's life starts before its announcement, once.
      { kind: 'seen', at: Date.parse(order.createdAt!), orderId: 'w-1', venueId: '2', number: 'W-1', channel: 'Wolt', total: 24.5, createdAt: Date.parse(order.createdAt!) },
      { kind: 'announced', at: FIXED_NOW, orderId: 'w-1', venueId: '2' },
      { kind: 'acknowledged', at: FIXED_NOW + 40_000, orderId: 'w-1', venueId: '2', pc: 'COUNTER-1' },
      { kind: 'left', at: FIXED_NOW + 70_000, orderId: 'w-1', venueId: '2', outcome: 'accepted' },
    ]);
  });

  it('names how an order left: accepted or delivered, rejected (IGNORE), cancelled, vanished', () => {
    expect(outcomeOf({ status: 'accepted', rawStatus: 'RECEIVED' })).toBe('accepted');
    expect(outcomeOf({ status: 'completed', rawStatus: 'DELIVERED' })).toBe('accepted');
    expect(outcomeOf({ status: 'cancelled', rawStatus: 'IGNORE' })).toBe('rejected');
    expect(outcomeOf({ status: 'cancelled', rawStatus: 'cancelled' })).toBe('cancelled');
    expect(outcomeOf(null)).toBe('vanished');

    const t = setup();
    t.recorder.opened();
    const order = makeOrder({ id: 'g-1' });
    t.recorder.state(makeSnapshot({ pending: [tracked(order)] }));
    // Gone from the listing and the lookup found nothing: the tracker says 'unknown' with the last known order.
    t.recorder.announce({ type: 'left-pending', id: 'g-1', status: 'unknown', order }, makeSnapshot());
    expect(t.events.at(-1)).toMatchObject({ kind: 'left', orderId: 'g-1', outcome: 'vanished' });
  });

  it('an order no longer listed without an announcement still leaves, with the history\'s time and status', () => {
    const t = setup();
    t.recorder.opened();
    const order = makeOrder({ id: 'r-1' });
    t.recorder.state(makeSnapshot({ pending: [tracked(order)] }));
    const refused = { ...order, status: 'cancelled' as const, rawStatus: 'IGNORE' };
    t.recorder.state(makeSnapshot({ history: [tracked(refused, { leftPendingAt: FIXED_NOW + 5_000 })] }));
    expect(t.events.at(-1)).toEqual({ kind: 'left', at: FIXED_NOW + 5_000, orderId: 'r-1', venueId: '1', outcome: 'rejected' });
  });

  it('a summary announces each order, an escalation is kept, and "All seen" writes one Seen per order', () => {
    const t = setup();
    t.recorder.opened();
    const a = makeOrder({ id: 'a' });
    const b = makeOrder({ id: 'b' });
    const both = makeSnapshot({ pending: [tracked(a), tracked(b)] });
    t.recorder.announce({ type: 'summary', orders: [a, b] }, both);
    t.recorder.announce({ type: 'escalation', order: a, waitedMs: 200_000 }, both);
    t.recorder.state(makeSnapshot({ pending: [tracked(a, { acknowledged: true }), tracked(b, { acknowledged: true })] }));
    expect(t.kinds()).toEqual(['app', 'seen', 'seen', 'announced', 'announced', 'escalated', 'acknowledged', 'acknowledged']);
  });

  it('an outage of the whole watch and of one venue open when first reported and close when gone; a stop closes what is open', () => {
    const t = setup();
    t.recorder.opened();
    const since = FIXED_NOW - 9_000;
    t.recorder.state(makeSnapshot({ health: { status: 'problem', error: null, since, consecutiveFailures: 3, alarmed: true, problems: [problem('connection', null, since)] } }));
    // Reported again while it lasts: written once.
    t.recorder.state(makeSnapshot({ health: { status: 'problem', error: null, since, consecutiveFailures: 4, alarmed: true, problems: [problem('connection', null, since)] } }));
    t.clock.time += 60_000;
    t.recorder.state(makeSnapshot({ health: { status: 'problem', error: null, since, consecutiveFailures: 0, alarmed: true, problems: [problem('venue:2', '2', FIXED_NOW + 50_000), problem('incomplete:1', '1', FIXED_NOW)] } }));
    t.clock.time += 30_000;
    t.recorder.closed();
    expect(t.events).toEqual([
      { kind: 'app', at: FIXED_NOW, what: 'opened' },
      { kind: 'unreachable', at: FIXED_NOW, venueId: null, since },
      // A listing known to be incomplete is not Clopos being unreachable.
      { kind: 'unreachable', at: FIXED_NOW + 60_000, venueId: '2', since: FIXED_NOW + 50_000 },
      { kind: 'reachable', at: FIXED_NOW + 60_000, venueId: null },
      { kind: 'reachable', at: FIXED_NOW + 90_000, venueId: '2' },
      { kind: 'app', at: FIXED_NOW + 90_000, what: 'closed' },
    ]);
    // Closed: nothing more is written until opened again.
    t.recorder.state(makeSnapshot({ pending: [tracked(makeOrder())] }));
    expect(t.events).toHaveLength(6);
  });
});
