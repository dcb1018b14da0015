/**
 * Shared setup for component tests: a recording alarm player, jsdom layout sizes for the virtual
 * list (jsdom lays nothing out, so every element would be 0 px tall), and rendering the app.
 */
import { render } from '@testing-library/react';
import type { AlarmKind } from '../../common/contract';
import type { AlarmPlayer } from '../../renderer/src/alarm/alarm-player';
import { App } from '../../renderer/src/app';
import { FakeBridge } from './fake-bridge';

export class RecordingAlarmPlayer implements AlarmPlayer {
  readonly events: string[] = [];
  playing: AlarmKind | null = null;
  play(kind: AlarmKind, volume: number) {
    this.playing = kind;
    this.events.push(`play ${kind} ${volume}`);
  }
  playOnce(kind: AlarmKind, volume: number) {
    this.events.push(`once ${kind} ${volume}`);
  }
  setVolume(volume: number) {
    this.events.push(`volume ${volume}`);
  }
  stop() {
    this.playing = null;
    this.events.push('stop');
  }
}

/** Gives every element a 1280×800 client box so the virtualiser renders rows in jsdom. */
export function giveElementsASize(width = 1280, height = 800): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
}

/** Elements the app scrolled into view, in order (jsdom has no scrollIntoView of its own). */
export const scrolledIntoView: Element[] = [];

function recordScrolls(): void {
  scrolledIntoView.length = 0;
  Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
    scrolledIntoView.push(this);
  };
}

export function renderApp(fake = new FakeBridge(), player = new RecordingAlarmPlayer()) {
  giveElementsASize();
  recordScrolls();
  const result = render(<App bridge={fake} alarmPlayer={player} />);
  return { ...result, fake, player };
}
