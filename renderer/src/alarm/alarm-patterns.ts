/**
 * The alarm sounds, as data. Each kind loops its pattern every `period` seconds; the player
 * turns the tones into Web Audio oscillators. Kept pure so the timing is unit-tested.
 */
import type { AlarmKind } from '../../../common/contract';

export interface Tone {
  /** Seconds from the start of the cycle. */
  offset: number;
  duration: number;
  frequency: number;
  /** Frequency at the end of the tone, for sweeps; omitted for a steady pitch. */
  endFrequency?: number;
  wave: 'sine' | 'square' | 'triangle' | 'sawtooth';
  /** Loudness relative to the volume setting, 0..1 (square and sawtooth waves sound louder). */
  level: number;
}

export interface AlarmPattern {
  period: number;
  tones: readonly Tone[];
}

const beep = (offset: number, frequency: number): Tone => ({
  offset,
  duration: 0.09,
  frequency,
  wave: 'square',
  level: 0.35,
});

export const ALARM_PATTERNS: Record<AlarmKind, AlarmPattern> = {
  /** A bright two-note chime: noticeable, not frightening. */
  order: {
    period: 1.6,
    tones: [
      { offset: 0, duration: 0.22, frequency: 988, wave: 'sine', level: 1 },
      { offset: 0.28, duration: 0.4, frequency: 784, wave: 'sine', level: 1 },
    ],
  },
  /** Fast, high, harsh beeps: an order has waited too long. */
  escalation: {
    period: 1,
    tones: [beep(0, 1319), beep(0.14, 1319), beep(0.28, 1319), beep(0.42, 1319), { ...beep(0.56, 1568), duration: 0.14 }],
  },
  /** Slow low falling sweeps: the connection is down, nothing like an order chime. */
  health: {
    period: 3.2,
    tones: [
      { offset: 0, duration: 0.7, frequency: 523, endFrequency: 392, wave: 'sawtooth', level: 0.4 },
      { offset: 0.9, duration: 0.7, frequency: 392, endFrequency: 262, wave: 'sawtooth', level: 0.4 },
    ],
  },
};

export interface ScheduledTone extends Tone {
  /** Absolute start time on the audio clock, in seconds. */
  at: number;
}

/**
 * The tones of a loop started at `loopStart` whose start falls in [from, until). Called over
 * consecutive windows, it yields every tone exactly once, however the windows are cut.
 */
export function tonesInWindow(pattern: AlarmPattern, loopStart: number, from: number, until: number): ScheduledTone[] {
  if (until <= from || pattern.period <= 0) return [];
  const result: ScheduledTone[] = [];
  const firstCycle = Math.max(0, Math.floor((from - loopStart) / pattern.period));
  const lastCycle = Math.floor((until - loopStart) / pattern.period);
  for (let cycle = firstCycle; cycle <= lastCycle; cycle++) {
    const cycleStart = loopStart + cycle * pattern.period;
    for (const tone of pattern.tones) {
      const at = cycleStart + tone.offset;
      if (at >= from && at < until) result.push({ ...tone, at });
    }
  }
  return result;
}
