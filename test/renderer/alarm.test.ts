// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALARM_PATTERNS, tonesInWindow } from '../../renderer/src/alarm/alarm-patterns';
import { createAlarmPlayer } from '../../renderer/src/alarm/alarm-player';

describe('alarm patterns', () => {
  it('yields every tone exactly once however the scheduling windows are cut', () => {
    const pattern = ALARM_PATTERNS.order;
    const whole = tonesInWindow(pattern, 10, 10, 10 + 4 * pattern.period).map((t) => t.at);
    const cuts = [10, 10.13, 10.6, 11.7, 11.71, 13.05, 14.2, 10 + 4 * pattern.period];
    const pieces = cuts.slice(1).flatMap((until, i) => tonesInWindow(pattern, 10, cuts[i]!, until).map((t) => t.at));
    expect(pieces).toEqual(whole);
    expect(whole).toHaveLength(4 * pattern.tones.length);
    expect(whole[2]).toBeCloseTo(10 + pattern.period);
  });

  it('schedules nothing before the loop starts or for an empty window', () => {
    expect(tonesInWindow(ALARM_PATTERNS.health, 5, 0, 5)).toEqual([]);
    expect(tonesInWindow(ALARM_PATTERNS.health, 5, 7, 7)).toEqual([]);
  });

  it('makes escalation more urgent than an order, and health unlike either', () => {
    const perSecond = (kind: keyof typeof ALARM_PATTERNS) => ALARM_PATTERNS[kind].tones.length / ALARM_PATTERNS[kind].period;
    const meanPitch = (kind: keyof typeof ALARM_PATTERNS) =>
      ALARM_PATTERNS[kind].tones.reduce((sum, t) => sum + t.frequency, 0) / ALARM_PATTERNS[kind].tones.length;
    expect(perSecond('escalation')).toBeGreaterThan(2 * perSecond('order'));
    expect(meanPitch('escalation')).toBeGreaterThan(meanPitch('order'));
    expect(meanPitch('health')).toBeLessThan(meanPitch('order'));
    const waves = (kind: keyof typeof ALARM_PATTERNS) => new Set(ALARM_PATTERNS[kind].tones.map((t) => t.wave));
    expect([...waves('health')].some((w) => waves('order').has(w) || waves('escalation').has(w))).toBe(false);
    expect(ALARM_PATTERNS.health.tones.every((t) => t.endFrequency !== undefined && t.endFrequency < t.frequency)).toBe(true);
  });
});

/** Just enough of Web Audio to record what the player scheduled. */
class FakeAudioContext {
  currentTime = 0;
  state = 'running';
  destination = {};
  started: Array<{ type: string; at: number; frequency: number }> = [];
  stopped = 0;
  masterGain: number[] = [];
  private gains = 0;
  createGain() {
    const isMaster = this.gains++ === 0;
    const gain = {
      setValueAtTime: (value: number) => isMaster && this.masterGain.push(value),
      linearRampToValueAtTime: () => undefined,
      exponentialRampToValueAtTime: () => undefined,
    };
    return { gain, connect: () => undefined, disconnect: () => undefined };
  }
  createOscillator() {
    const oscillator = {
      type: 'sine',
      frequency: { value: 0, setValueAtTime: (v: number) => (oscillator.frequency.value = v), linearRampToValueAtTime: () => undefined },
      onended: null as null | (() => void),
      connect: () => undefined,
      start: (at: number) => this.started.push({ type: oscillator.type, at, frequency: oscillator.frequency.value }),
      stop: () => {
        this.stopped++;
      },
    };
    return oscillator;
  }
  resume() {
    return Promise.resolve();
  }
}

describe('alarm player', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loops the pattern until stopped, at the set volume', () => {
    vi.useFakeTimers();
    const context = new FakeAudioContext();
    const player = createAlarmPlayer(() => context as unknown as AudioContext);
    player.play('escalation', 0.5);
    expect(player.playing).toBe('escalation');
    expect(context.masterGain).toEqual([0.5]);
    for (let i = 0; i < 15; i++) {
      context.currentTime += 0.2;
      vi.advanceTimersByTime(200);
    }
    const firstCycles = context.started.length;
    expect(firstCycles).toBeGreaterThanOrEqual(3 * ALARM_PATTERNS.escalation.tones.length);
    expect(context.started.every((tone) => tone.type === 'square')).toBe(true);

    player.setVolume(2);
    expect(context.masterGain.at(-1)).toBe(1);
    player.stop();
    expect(player.playing).toBeNull();
    context.currentTime += 5;
    vi.advanceTimersByTime(5000);
    expect(context.started.length).toBe(firstCycles);
    expect(context.stopped).toBeGreaterThan(0);
  });

  it('plays a single cycle for the test sound', () => {
    const context = new FakeAudioContext();
    const player = createAlarmPlayer(() => context as unknown as AudioContext);
    player.playOnce('order', 0.3);
    expect(context.started.map((t) => t.frequency)).toEqual(ALARM_PATTERNS.order.tones.map((t) => t.frequency));
    expect(player.playing).toBeNull();
  });

  it('does nothing, and does not throw, where Web Audio is missing', () => {
    const player = createAlarmPlayer(() => null);
    expect(() => player.play('health', 1)).not.toThrow();
    expect(player.playing).toBeNull();
  });
});
