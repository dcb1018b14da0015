import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPower } from '../../../main/desktop/power';
import { net, powerMonitor, recorder } from '../../mocks/electron';

describe('power and network triggers', () => {
  beforeEach(() => {
    recorder.reset();
    net.online = true;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const timers = { setInterval: (fn: () => void, ms: number) => setInterval(fn, ms), clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout) };

  it('polls at once on resume from sleep and when the network comes back', () => {
    const woke: string[] = [];
    const stop = watchPower({ powerMonitor, net }, { wake: (r) => woke.push(r), log: () => undefined, timers, sampleMs: 1000 });
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    net.online = false;
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(1000);
    expect(woke).toEqual(['resume']);
    net.online = true;
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(1000);
    expect(woke).toEqual(['resume', 'online']);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    powerMonitor.emit('resume');
    expect(woke).toHaveLength(2);
  });
});
