/**
 * Plays the alarm patterns with Web Audio (no sound files): a short look-ahead scheduler queues
 * the next tones on the audio clock, so the rhythm stays exact even when timers are late.
 */
import type { AlarmKind } from '../../../common/contract';
import { ALARM_PATTERNS, tonesInWindow, type ScheduledTone } from './alarm-patterns';

/** How far ahead tones are queued, and how often the queue is topped up (seconds / ms). */
const LOOKAHEAD_S = 0.6;
const REFILL_MS = 200;
const START_DELAY_S = 0.05;

export interface AlarmPlayer {
  /** Starts (or restarts) the loop of that kind. */
  play(kind: AlarmKind, volume: number): void;
  /** Plays one cycle of the pattern, for "Test sound". */
  playOnce(kind: AlarmKind, volume: number): void;
  setVolume(volume: number): void;
  stop(): void;
  readonly playing: AlarmKind | null;
}

export type AudioContextFactory = () => AudioContext | null;

const defaultFactory: AudioContextFactory = () =>
  typeof AudioContext === 'function' ? new AudioContext({ latencyHint: 'interactive' }) : null;

const clampVolume = (volume: number) => Math.min(1, Math.max(0, Number.isFinite(volume) ? volume : 0));

export function createAlarmPlayer(createContext: AudioContextFactory = defaultFactory): AlarmPlayer {
  let context: AudioContext | null = null;
  let master: GainNode | null = null;
  let volume = 1;
  let loop: { kind: AlarmKind; timer: ReturnType<typeof setInterval> } | null = null;
  const sounding = new Set<OscillatorNode>();

  const ensureContext = (): { context: AudioContext; master: GainNode } | null => {
    if (!context) {
      context = createContext();
      if (!context) return null;
      master = context.createGain();
      master.connect(context.destination);
    }
    if (context.state === 'suspended') void context.resume();
    return master ? { context, master } : null;
  };

  const schedule = (audio: { context: AudioContext; master: GainNode }, tones: ScheduledTone[]) => {
    for (const tone of tones) {
      const oscillator = audio.context.createOscillator();
      const envelope = audio.context.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.setValueAtTime(tone.frequency, tone.at);
      if (tone.endFrequency !== undefined) {
        oscillator.frequency.linearRampToValueAtTime(tone.endFrequency, tone.at + tone.duration);
      }
      // A short attack and an exponential release avoid clicks at the tone edges.
      envelope.gain.setValueAtTime(0.0001, tone.at);
      envelope.gain.linearRampToValueAtTime(tone.level, tone.at + 0.01);
      envelope.gain.exponentialRampToValueAtTime(0.0001, tone.at + tone.duration);
      oscillator.connect(envelope);
      envelope.connect(audio.master);
      oscillator.start(tone.at);
      oscillator.stop(tone.at + tone.duration + 0.02);
      sounding.add(oscillator);
      oscillator.onended = () => {
        sounding.delete(oscillator);
        envelope.disconnect();
      };
    }
  };

  const silence = () => {
    if (loop) clearInterval(loop.timer);
    loop = null;
    for (const oscillator of sounding) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped: nothing left to silence.
      }
    }
    sounding.clear();
  };

  const applyVolume = (audio: { context: AudioContext; master: GainNode }) => {
    audio.master.gain.setValueAtTime(volume, audio.context.currentTime);
  };

  return {
    play(kind, nextVolume) {
      silence();
      volume = clampVolume(nextVolume);
      const audio = ensureContext();
      if (!audio) return;
      applyVolume(audio);
      const pattern = ALARM_PATTERNS[kind];
      const loopStart = audio.context.currentTime + START_DELAY_S;
      let queuedUntil = loopStart;
      const refill = () => {
        const until = audio.context.currentTime + LOOKAHEAD_S;
        schedule(audio, tonesInWindow(pattern, loopStart, queuedUntil, until));
        queuedUntil = Math.max(queuedUntil, until);
      };
      refill();
      loop = { kind, timer: setInterval(refill, REFILL_MS) };
    },
    playOnce(kind, nextVolume) {
      volume = clampVolume(nextVolume);
      const audio = ensureContext();
      if (!audio) return;
      applyVolume(audio);
      const pattern = ALARM_PATTERNS[kind];
      const start = audio.context.currentTime + START_DELAY_S;
      schedule(audio, tonesInWindow(pattern, start, start, start + pattern.period));
    },
    setVolume(nextVolume) {
      volume = clampVolume(nextVolume);
      if (context && master) applyVolume({ context, master });
    },
    stop: silence,
    get playing() {
      return loop?.kind ?? null;
    },
  };
}
