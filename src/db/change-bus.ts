/**
 * Tells whoever keeps copies of public pages (this instance's page cache, other instances, a CDN purger) which
 * surrogate keys a committed content change affects. Publishing happens after the transaction commits, so a
 * listener that re-renders reads the new state.
 */
export type ChangeListener = (keys: string[]) => void;

export interface ChangeBus {
  publish(keys: string[]): Promise<void>;
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}

/** One process: listeners are called synchronously, in order. */
export function localChangeBus(): ChangeBus {
  const listeners = new Set<ChangeListener>();
  return {
    async publish(keys) {
      if (keys.length === 0) return;
      for (const l of listeners) l(keys);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
