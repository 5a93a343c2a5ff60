import type { Doc } from './document.js';

/*
 * Documents sealed as they arrive from the HTML converter's worker (services/html-convert.ts): parsed from the JSON
 * text the worker sent, frozen all the way down, and kept with that text and with what the worker found of them.
 *
 * Frozen, a sealed document cannot change afterwards (a write to it throws), so what was true of it when it was sealed
 * stays true, and the thread that saves it need not work it out again: its save stores the text it came as instead of
 * stringifying it (article-store.ts), its check is the worker's (document-validate.ts), and its search terms are the
 * worker's (search/analysed-bodies.ts), without the walk of its text that proved it unchanged before. An import saves
 * thousands a minute on the thread that limits its speed; the walks and copies were a tenth of that thread's time.
 * A document built or changed anywhere else is an ordinary object, stringified and checked as before: a change makes a
 * copy, and the copy is not sealed.
 */

/** What the worker found of a document: `clean`, that the body check found nothing and it has no marks on its breaks. */
export type Seal = { json: string; clean: boolean };

const seals = new WeakMap<object, Seal>();

/**
 * `json` parsed into a document that can no longer change, sealed with it; throws if `json` is not a JSON object.
 * `json` must be what JSON.stringify wrote (as the worker does): `documentJson` gives it back as the document's text.
 */
export function sealDocument(json: string, clean: boolean): Doc {
  const doc = JSON.parse(json) as unknown;
  if (typeof doc !== 'object' || doc === null) throw new TypeError('a sealed document must be a JSON object');
  freeze(doc);
  seals.set(doc, { json, clean });
  return doc as Doc;
}

function freeze(x: unknown): void {
  if (typeof x !== 'object' || x === null) return;
  if (Array.isArray(x)) for (const v of x) freeze(v);
  else for (const k in x) freeze((x as Record<string, unknown>)[k]);
  Object.freeze(x);
}

/** The seal of a document sealed by `sealDocument`, else undefined. */
export const sealOf = (doc: unknown): Seal | undefined => (typeof doc === 'object' && doc !== null ? seals.get(doc) : undefined);

/** JSON.stringify(doc), the text a sealed document came as (the same text: JSON.stringify wrote it) without stringifying. */
export const documentJson = (doc: Doc): string => seals.get(doc)?.json ?? JSON.stringify(doc);
