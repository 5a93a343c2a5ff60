import MarkdownIt from 'markdown-it';
import { MAX_BODY_HTML } from './html-limits.js';

/*
 * Markdown as HTML, for bodies whose only source is Markdown: Ghost 1.x-3.x stored most posts as one Markdown card of
 * mobiledoc, and 0.x exports may have `markdown` without `html`. Rendered with the options Ghost's own Markdown card
 * used (raw HTML allowed, a line break kept as one, bare addresses made links), so a post reads as it did on Ghost.
 * What comes out is not trusted: it goes through the same sanitising converter as pasted HTML. Pure.
 */

const md = new MarkdownIt({ html: true, breaks: true, linkify: true });

/**
 * The HTML of `markdown`, or null when it is longer than the converter would take (MAX_BODY_HTML): markdown-it's time
 * grows with its input, and such a text would be refused after rendering anyway.
 */
export function markdownToHtml(markdown: string): string | null {
  if (markdown.length > MAX_BODY_HTML) return null;
  return md.render(markdown);
}
