/*
 * Rules of the article body shared by the server (validation, rendering, HTML import) and the in-browser editor, so
 * the editor cannot create what the server would refuse. Pure and dependency-free: it is bundled for the browser.
 */

export const EMBED_PROVIDERS = ['youtube', 'x', 'telegram'] as const;
export type EmbedProvider = (typeof EMBED_PROVIDERS)[number];

/** The name readers see beside an embed's link. Brand names, the same in every language. */
export const EMBED_LABEL: Record<EmbedProvider, string> = { youtube: 'YouTube', x: 'X', telegram: 'Telegram' };

// Exact host names: a suffix match would let "evil-youtube.com" or "youtube.com.evil.example" through.
const EMBED_HOSTS: Record<string, EmbedProvider> = {
  'youtube.com': 'youtube',
  'www.youtube.com': 'youtube',
  'm.youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'x.com': 'x',
  'www.x.com': 'x',
  'twitter.com': 'x',
  'www.twitter.com': 'x',
  'mobile.twitter.com': 'x',
  't.me': 'telegram',
  'telegram.me': 'telegram',
};

export const MAX_URL_LENGTH = 2048;

/**
 * The provider of an embeddable URL, or null: https only, a known host, no credentials, no odd port. Embeds are
 * shown as links, so the check is about where a reader is sent, not about what a frame could run.
 */
export function embedProvider(url: unknown): EmbedProvider | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH || url !== url.trim()) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return null;
  return EMBED_HOSTS[u.hostname] ?? null;
}

/**
 * The embed URL for a pasted YouTube player frame (…/embed/ID), which readers can open: the frame itself is never
 * kept. Null for anything else.
 */
export function embedUrlFromFrame(src: unknown): string | null {
  if (typeof src !== 'string') return null;
  const m = /^https:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]{6,20})(?:[?#]|$)/.exec(src.trim());
  return m ? `https://www.youtube.com/watch?v=${m[1]}` : null;
}

// Browsers drop tabs, newlines and spaces while reading a scheme ("java\tscript:"), so the check must too.
const SCHEME_RE = /^([a-z][a-z\d+.-]*):/i;

/** The scheme of a URL as a browser reads it (lower case), or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  return SCHEME_RE.exec(url.replace(/[\u0000-\u0020\u007F]/g, ''))?.[1]?.toLowerCase();
}

/** Links may go to the web, to a mail address, or be relative; never javascript:, data:, vbscript:, file: … */
export function isAllowedHref(url: unknown): boolean {
  if (typeof url !== 'string' || !url.trim() || url.length > MAX_URL_LENGTH) return false;
  const scheme = urlScheme(url.trim());
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Image sources are web or relative URLs; data: images would bloat the stored body and bypass the media library. */
export function isAllowedImageSrc(url: unknown): boolean {
  if (typeof url !== 'string' || !url.trim() || url.length > MAX_URL_LENGTH) return false;
  const scheme = urlScheme(url.trim());
  return scheme === undefined || scheme === 'http' || scheme === 'https';
}
