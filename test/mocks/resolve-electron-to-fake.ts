/**
 * Makes `require('electron')` in plain Node return the recording fake, so a BUILT main bundle (a
 * CommonJS file with only `electron` external) can be loaded outside Electron. Used by the smoke
 * run and the start-up benchmark.
 */
import Module from 'node:module';
import * as fakeElectron from './electron';

const FAKE_ID = 'fake-electron';

export function resolveElectronToFake(): void {
  const loader = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, unknown>;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function resolveElectron(this: unknown, request: string, ...rest: unknown[]) {
    return request === 'electron' ? FAKE_ID : resolve.call(this, request, ...rest);
  };
  const fake = new Module(FAKE_ID);
  fake.exports = fakeElectron;
  fake.loaded = true;
  loader._cache[FAKE_ID] = fake;
}
