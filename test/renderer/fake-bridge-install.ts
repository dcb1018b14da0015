/**
 * Entry of the script the browser tests inject before the app loads: builds a FakeBridge from
 * `globalThis.__fakeBridgeInit` (JSON set by the test), exposes it as `window.notifier` like the
 * preload would, and as `window.__fake` so the test can push events and read recorded calls.
 */
import '../../renderer/src/zod-without-eval';
import { FakeBridge, type FakeBridgeInit } from './fake-bridge';

const init = Reflect.get(globalThis, '__fakeBridgeInit') as FakeBridgeInit | undefined;
const fake = new FakeBridge(init ?? {});
Object.assign(globalThis, { notifier: fake, __fake: fake });
