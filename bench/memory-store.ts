/** An announced-orders store kept in memory, standing in for the file across simulated restarts. */
import type { AnnouncedEntry, AnnouncedStore } from '../main/watch/types';

export class MemoryAnnouncedStore implements AnnouncedStore {
  private saved = new Map<string, AnnouncedEntry>();
  saves = 0;

  async load() {
    return { entries: new Map([...this.saved].map(([id, e]) => [id, { ...e }])), warning: null };
  }

  async save(entries: ReadonlyMap<string, AnnouncedEntry>) {
    this.saves += 1;
    this.saved = new Map([...entries].map(([id, e]) => [id, { ...e }]));
  }

  size(): number {
    return this.saved.size;
  }
}
