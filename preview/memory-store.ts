/** The announced record of the preview: kept in memory, so a new preview run starts afresh. */
import type { AnnouncedEntry, AnnouncedStore } from '../main/watch/types';

export function createAnnouncedMemoryStore(): AnnouncedStore {
  let saved = new Map<string, AnnouncedEntry>();
  return {
    load: async () => ({ entries: new Map(saved), warning: null }),
    save: async (entries) => {
      saved = new Map(entries);
    },
  };
}
