export { createWatchEngine } from './engine';
export { createAnnouncedFileStore } from './announced-file-store';
export { systemClock } from './system-clock';
export { DEFAULT_ENGINE_OPTIONS } from './options';
export type * from './types';
