export { createWatchEngine, PERSON_POLL_REASONS, RESUME_REASON } from './engine';
export { announcedFileName, createAnnouncedFileStore } from './announced-file-store';
export { systemClock } from './system-clock';
export { DEFAULT_ENGINE_OPTIONS, withTuning } from './options';
export type * from './types';
