import { documentText } from '../content/document-text.js';
import type { Doc } from '../content/document.js';
import { sealOf } from '../content/sealed-documents.js';
import { indexTerms, prefixLanguage } from '../content/search-terms.js';

/** Characters of a body indexed: the rest of a book-length text adds cost and little to find it by. */
export const BODY_CHARS = 200_000;

/** A body's text as the index reads it. */
export const bodyDocText = (doc: Doc): string => documentText(doc).slice(0, BODY_CHARS);

/**
 * A body's index terms worked out ahead of its save, in the HTML converter's worker, which has a core to spare while
 * an import's thread is the one that limits it (some 3% of that thread). Only languages that stem their words (every
 * one but a prefix language: search-terms.ts) index a text this way; the terms hold for any of them, as the stemmer
 * follows each word's script, not the article's language.
 */
export function analyseBody(doc: Doc): string {
  return indexTerms(bodyDocText(doc), STEMMING);
}

const STEMMING = 'en';

/** Kept by document: nothing holds a document's entry longer than it. */
const analysed = new WeakMap<Doc, string>();

/** The index terms the converter's worker worked out for a document it made (`analyseBody(doc)`). */
export const rememberAnalysis = (doc: Doc, terms: string) => void analysed.set(doc, terms);

/**
 * The body's index terms in `locale`: those worked out ahead for this very document when it is sealed (it cannot
 * have changed since: content/sealed-documents.ts), else worked out now.
 */
export function bodyTerms(doc: Doc, locale: string): string {
  const ahead = sealOf(doc) ? analysed.get(doc) : undefined;
  return ahead !== undefined && !prefixLanguage(locale) ? ahead : indexTerms(bodyDocText(doc), locale);
}
