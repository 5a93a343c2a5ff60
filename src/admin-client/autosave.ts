/*
 * The editor's saving, without the page: what is unsaved, when to send it, what to keep on the device, how to answer
 * each outcome. Browser code with no DOM in it (storage, sending and timers are given), so it is tested in Node.
 *
 * The rules: every change is written to the device before anything is sent, and the device's copy goes only when the
 * server has confirmed a save of exactly what is on the page. A save carries the revision it was based on; a stale one
 * comes back as a conflict and saving stops until the person chooses. A network failure (or a server that is down) is
 * retried with backoff; a refusal (422, 403, 401) waits for the next change.
 */

/** What a save sends: the Admin API's article fields (README "Admin API"), without baseRevision. */
export type Payload = Record<string, unknown> & { headline: string };

/** The Admin API's article as it answers (only what the editor reads). */
export type ApiArticle = Record<string, unknown> & { id: number; revision: number; headline: string };

export type SaveOutcome =
  | { kind: 'saved'; article: ApiArticle }
  | { kind: 'conflict'; current: ApiArticle; sent: Payload }
  | { kind: 'offline' }
  | { kind: 'refused'; status: number; code: string; message: string; hint?: string | undefined };

export type Status =
  | { kind: 'saved'; at: Date; revision: number }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'offline'; retryInMs: number }
  | { kind: 'refused'; message: string; hint?: string | undefined; code: string }
  | { kind: 'conflict' };

/** The device's copy of unsaved work. */
export type LocalCopy = { articleId: number; baseRevision: number; savedAt: string; payload: Payload };

export type KeyValueStore = { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };

export type AutosaveOptions = {
  articleId: number;
  baseRevision: number;
  store: KeyValueStore;
  /** What the page holds now. */
  read: () => Payload;
  send: (payload: Payload, baseRevision: number) => Promise<SaveOutcome>;
  onStatus: (s: Status) => void;
  /** After a save: the page may take what the server normalised (e.g. a slug made unique). */
  onSaved?: (article: ApiArticle) => void;
  onConflict: (current: ApiArticle, sent: Payload) => void;
  /** Quiet time after the last change before saving. */
  delayMs?: number;
  now?: () => Date;
};

export const localKey = (articleId: number) => `masthead:unsaved:${articleId}`;

const MAX_RETRY_MS = 30_000;
export const retryDelay = (failures: number) => Math.min(1000 * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);

/** The device's copy for this article, if one is there and readable. */
export function readLocalCopy(store: KeyValueStore, articleId: number): LocalCopy | null {
  let raw: string | null;
  try {
    raw = store.getItem(localKey(articleId));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as LocalCopy;
    if (c && c.articleId === articleId && typeof c.baseRevision === 'number' && c.payload && typeof c.payload === 'object') return c;
  } catch {
    // A copy that cannot be read cannot be restored either.
  }
  return null;
}

export class Autosave {
  private baseRevision: number;
  private savedJson: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private conflicted = false;
  private readonly delayMs: number;
  private readonly now: () => Date;

  constructor(private readonly o: AutosaveOptions) {
    this.baseRevision = o.baseRevision;
    this.savedJson = JSON.stringify(o.read());
    this.delayMs = o.delayMs ?? 3000;
    this.now = o.now ?? (() => new Date());
  }

  get revision() {
    return this.baseRevision;
  }

  /** Something on the page differs from what the server last confirmed (or a save is on its way). */
  get dirty(): boolean {
    return this.inFlight !== null || this.conflicted || JSON.stringify(this.o.read()) !== this.savedJson;
  }

  get inConflict() {
    return this.conflicted;
  }

  /** Every change: kept on the device at once, sent after a quiet moment. */
  changed(): void {
    const payload = this.o.read();
    if (JSON.stringify(payload) === this.savedJson && !this.conflicted) {
      this.clearLocal();
      this.o.onStatus({ kind: 'saved', at: this.now(), revision: this.baseRevision });
      return;
    }
    this.keepLocal(payload);
    if (this.conflicted) return;
    this.o.onStatus({ kind: 'unsaved' });
    this.schedule(this.delayMs);
  }

  /** Save now (leaving a field, hiding the tab, the Save button). Resolves when this attempt has an answer. */
  async flush(): Promise<void> {
    this.cancelTimer();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (this.conflicted) return;
    const payload = this.o.read();
    const json = JSON.stringify(payload);
    if (json === this.savedJson) {
      this.clearLocal();
      return;
    }
    this.inFlight = this.attempt(payload, json);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
    if (this.again) {
      this.again = false;
      await this.flush();
    }
  }

  /** Work restored from the device: it was based on `baseRevision`, which may be older than the page's. */
  restored(baseRevision: number): void {
    this.baseRevision = baseRevision;
    this.changed();
  }

  /** "Keep mine": what is on the page goes on top of the stored revision. */
  async keepMine(currentRevision: number): Promise<void> {
    this.conflicted = false;
    this.baseRevision = currentRevision;
    this.savedJson = '';
    await this.flush();
  }

  /** "Use theirs": the page now shows the stored version (the caller has put it there); nothing is unsaved. */
  useTheirs(current: ApiArticle): void {
    this.conflicted = false;
    this.baseRevision = current.revision;
    this.savedJson = JSON.stringify(this.o.read());
    this.clearLocal();
    this.o.onStatus({ kind: 'saved', at: this.now(), revision: this.baseRevision });
  }

  /** Another part of the page saved (a restore): the page shows that article now. */
  replaced(article: ApiArticle): void {
    this.baseRevision = article.revision;
    this.savedJson = JSON.stringify(this.o.read());
    this.clearLocal();
    this.o.onStatus({ kind: 'saved', at: this.now(), revision: this.baseRevision });
  }

  private async attempt(payload: Payload, json: string): Promise<void> {
    this.keepLocal(payload);
    this.o.onStatus({ kind: 'saving' });
    let outcome: SaveOutcome;
    try {
      outcome = await this.o.send(payload, this.baseRevision);
    } catch {
      outcome = { kind: 'offline' };
    }
    switch (outcome.kind) {
      case 'saved': {
        this.failures = 0;
        this.baseRevision = outcome.article.revision;
        const untouched = JSON.stringify(this.o.read()) === json;
        this.o.onSaved?.(outcome.article);
        if (untouched) {
          this.savedJson = JSON.stringify(this.o.read());
          this.clearLocal();
          this.o.onStatus({ kind: 'saved', at: this.now(), revision: this.baseRevision });
        } else {
          // Typed while it was on its way: that is the next save, kept on the device meanwhile.
          this.savedJson = json;
          this.keepLocal(this.o.read());
          this.o.onStatus({ kind: 'unsaved' });
          this.schedule(this.delayMs);
        }
        return;
      }
      case 'conflict':
        this.conflicted = true;
        this.o.onStatus({ kind: 'conflict' });
        this.o.onConflict(outcome.current, outcome.sent);
        return;
      case 'offline': {
        this.failures++;
        const wait = retryDelay(this.failures);
        this.o.onStatus({ kind: 'offline', retryInMs: wait });
        this.schedule(wait);
        return;
      }
      case 'refused':
        this.o.onStatus({ kind: 'refused', message: outcome.message, hint: outcome.hint, code: outcome.code });
        return;
    }
  }

  /** Try again now, e.g. when the browser says it is back online. */
  retryNow(): void {
    if (this.failures > 0 || this.timer) void this.flush();
  }

  private schedule(ms: number) {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private cancelTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private keepLocal(payload: Payload) {
    const copy: LocalCopy = { articleId: this.o.articleId, baseRevision: this.baseRevision, savedAt: this.now().toISOString(), payload };
    try {
      this.o.store.setItem(localKey(this.o.articleId), JSON.stringify(copy));
    } catch {
      // Storage full or disabled (private mode): the save to the server still goes ahead.
    }
  }

  private clearLocal() {
    try {
      this.o.store.removeItem(localKey(this.o.articleId));
    } catch {
      // Nothing to clear where storage is unavailable.
    }
  }
}
