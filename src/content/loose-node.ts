/*
 * Reading a stored article body. Stored bodies are only nominally `Doc` (old revisions, imports, API clients), so the
 * renderer (render/document-html.ts), the text walk (document-text.ts) and the image walk (media.ts) read every field
 * through these and never throw.
 */

export type Loose = { type?: unknown; text?: unknown; content?: unknown; attrs?: unknown; marks?: unknown };

// Hostile or corrupt nesting would otherwise end in a stack overflow; no real article comes near this.
export const MAX_DEPTH = 64;

// C0/C1 controls and noncharacters are never typed on purpose and are errors for the HTML validator.
export const CONTROL = '\\u0000-\\u0008\\u000B\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF';
export const CONTROL_RE = new RegExp(`[${CONTROL}]`, 'g');

export const isNode = (x: unknown): x is Loose => typeof x === 'object' && x !== null;
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const attr = (n: Loose, key: string): unknown => (isNode(n.attrs) ? (n.attrs as Record<string, unknown>)[key] : undefined);
export const children = (n: Loose): unknown[] => (Array.isArray(n.content) ? n.content : []);
