// The Electron binary for `npm start` and `npm run dev`, or null with what to do instead: Electron's
// package downloads it on first use, which machines without internet cannot do.
import { createRequire } from 'node:module';

/** Electron 45's package fetches its binary the first time it is required, not at install. */
export function electronBinary() {
  try {
    return createRequire(import.meta.url)('electron');
  } catch (cause) {
    console.error(
      [
        `Cannot start the app: the Electron binary could not be installed (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).`,
        'Electron downloads its binary on first start, which needs internet access (and Node.js 22 or later).',
        'On a machine with internet: run `npx install-electron`, then run this command again.',
        'Without it, `npm run preview -- --demo` runs the whole app in a browser instead, and `npm run smoke` the built main process against a fake Electron.',
      ].join('\n'),
    );
    return null;
  }
}
