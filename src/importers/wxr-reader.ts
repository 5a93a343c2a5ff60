import { SaxesParser, type SaxesTagNS } from 'saxes';

/*
 * Reads a WordPress export (WXR 1.0, 1.1 and 1.2: RSS 2.0 with WordPress's namespaces) as a stream of records, one
 * site, author, category, tag or item at a time, so that memory stays flat whatever the file's size: the parser
 * (saxes, strict XML) sees the file chunk by chunk and an item is handed on as soon as its closing tag is read.
 * Pure: no database, no files; services/wordpress-import.ts does the rest.
 */

export type WxrSite = {
  title: string;
  link: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
};
export type WxrAuthor = { id: string; login: string; email: string; displayName: string; firstName: string; lastName: string };
export type WxrCategory = { id: string; slug: string; parent: string; name: string; description: string };
export type WxrTag = { id: string; slug: string; name: string; description: string };
/** A `wp:term` of another taxonomy (WXR 1.1+): Co-Authors Plus's `author`, Polylang's `language` and `post_translations`… */
export type WxrTerm = { id: string; taxonomy: string; slug: string; parent: string; name: string; description: string };
/** A `<category>` of an item: `domain` is `category`, `post_tag` or another taxonomy (Polylang's `language`, …). */
export type WxrTermRef = { domain: string; slug: string; name: string };
export type WxrItem = {
  postId: string;
  postType: string;
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  postDate: string;
  postDateGmt: string;
  modifiedGmt: string;
  status: string;
  postName: string;
  parentId: string;
  menuOrder: string;
  isSticky: boolean;
  attachmentUrl: string;
  terms: WxrTermRef[];
  meta: Record<string, string>;
  /** Line of the file where the item starts: reports name it. */
  line: number;
  /** Fields cut because they were longer than the reader's limit: the item must not be imported as it is. */
  oversized: string[];
};
export type WxrRecord =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'category'; category: WxrCategory }
  | { kind: 'tag'; tag: WxrTag }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

/** Why a file could not be read to its end, and where. What was read before it was handed on already. */
export class WxrError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'WxrError';
  }
}

export const WXR_VERSIONS = ['1.0', '1.1', '1.2'] as const;
/** A post's body larger than this is not an article; a field this long is cut and the item reported, not imported. */
export const WXR_MAX_FIELD_CHARS = 8 * 1024 * 1024;
/** An attribute (a category's `nicename`) is a slug: longer than this is not one. */
export const WXR_MAX_ATTR_CHARS = 1000;
/** Categories and tags, and postmeta entries, one item may carry: beyond, the item is reported, not imported. */
export const WXR_MAX_PER_ITEM = 500;

/** The channel's records besides items. */
const RECORDS = new Set(['wp:author', 'wp:category', 'wp:tag', 'wp:term']);
const WP = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/$/;
const EXCERPT = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/$/;
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const DC = 'http://purl.org/dc/elements/1.1/';

/** `wp:post_id` whatever prefix the file gave the namespace (and whichever of the three versions' URIs it is). */
function canonical(tag: SaxesTagNS): string {
  const uri = tag.uri;
  if (!uri) return tag.local;
  if (WP.test(uri)) return `wp:${tag.local}`;
  if (EXCERPT.test(uri)) return `excerpt:${tag.local}`;
  if (uri === CONTENT) return `content:${tag.local}`;
  if (uri === DC) return `dc:${tag.local}`;
  return `{${uri}}${tag.local}`;
}

const emptyItem = (line: number): WxrItem => ({
  postId: '',
  postType: '',
  title: '',
  link: '',
  guid: '',
  creator: '',
  content: '',
  excerpt: '',
  postDate: '',
  postDateGmt: '',
  modifiedGmt: '',
  status: '',
  postName: '',
  parentId: '',
  menuOrder: '',
  isSticky: false,
  attachmentUrl: '',
  terms: [],
  meta: {},
  line,
  oversized: [],
});

const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  guid: 'guid',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_type': 'postType',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_modified_gmt': 'modifiedGmt',
  'wp:status': 'status',
  'wp:post_name': 'postName',
  'wp:post_parent': 'parentId',
  'wp:menu_order': 'menuOrder',
  'wp:attachment_url': 'attachmentUrl',
};

/**
 * The records of a WXR file, in file order. `chunks` is the file as text (a stream read with an encoding, so that a
 * character split between two chunks is whole). Throws a WxrError, naming the line and column, for a file that is not
 * well-formed XML (truncated, a broken CDATA section), is not a WordPress export, or is of a version this reader does
 * not know; the records before the fault have been yielded by then.
 */
export async function* readWxr(chunks: AsyncIterable<string>, opts: { maxFieldChars?: number } = {}): AsyncGenerator<WxrRecord> {
  const maxField = opts.maxFieldChars ?? WXR_MAX_FIELD_CHARS;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: WxrRecord[] = [];
  const path: string[] = [];
  let fault: WxrError | null = null;
  let text = '';
  let textOversized = false;
  let sawWp = false;
  const site: WxrSite = { title: '', link: '', language: '', wxrVersion: '', baseSiteUrl: '', baseBlogUrl: '' };
  let siteSent = false;
  let record: Record<string, string> | null = null;
  let item: WxrItem | null = null;
  let term: WxrTermRef | null = null;
  let metaKey = '';
  let metaValue = '';

  const fail = (message: string) => {
    fault ??= new WxrError(message, parser.line, parser.column + 1);
  };
  const sendSite = () => {
    if (siteSent) return;
    siteSent = true;
    if (!sawWp && !site.wxrVersion) {
      fail('This is an RSS feed, not a WordPress export: it has no wp:wxr_version and no element of the WordPress namespace.');
      return;
    }
    if (site.wxrVersion && !(WXR_VERSIONS as readonly string[]).includes(site.wxrVersion)) {
      fail(`Unknown WordPress export version ${JSON.stringify(site.wxrVersion)}: this importer reads WXR ${WXR_VERSIONS.join(', ')}.`);
      return;
    }
    out.push({ kind: 'site', site: { ...site } });
  };

  parser.on('error', (err) => {
    fail(`The file is not well-formed XML: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag) => {
    // Past a fault saxes reads on, but what it makes of the rest is not the file's content.
    if (fault) return;
    const name = canonical(tag as SaxesTagNS);
    if (tag.uri && WP.test(tag.uri)) sawWp = true;
    const depth = path.length;
    if (depth === 0 && name !== 'rss') fail(`This is not a WordPress export: its root element is <${tag.name}>, not <rss>.`);
    path.push(name);
    text = '';
    textOversized = false;
    const parent = path[depth - 1];
    if (parent === 'channel') {
      if (name === 'item' || RECORDS.has(name)) sendSite();
      if (name === 'item') item = emptyItem(parser.line);
      else if (RECORDS.has(name)) record = {};
    } else if (parent === 'item' && item) {
      if (name === 'category') {
        const attr = (k: string) => {
          const a = (tag as SaxesTagNS).attributes[k];
          return typeof a === 'object' && a !== null ? a.value : '';
        };
        const slug = attr('nicename');
        if (slug.length > WXR_MAX_ATTR_CHARS) item.oversized.push('category nicename');
        term = { domain: attr('domain').slice(0, WXR_MAX_ATTR_CHARS), slug: slug.length > WXR_MAX_ATTR_CHARS ? '' : slug, name: '' };
      } else if (name === 'wp:postmeta') {
        metaKey = '';
        metaValue = '';
      }
    }
  });
  const addText = (t: string) => {
    if (textOversized) return;
    if (text.length + t.length > maxField) {
      textOversized = true;
      text = '';
      return;
    }
    text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (fault) return;
    const name = path.pop()!;
    const parent = path[path.length - 1];
    const value = text;
    const cut = textOversized;
    text = '';
    textOversized = false;
    if (parent === 'channel') {
      if (name === 'item' && item) {
        out.push({ kind: 'item', item });
        item = null;
      } else if (name === 'wp:author' && record) {
        out.push({
          kind: 'author',
          author: {
            id: record['wp:author_id'] ?? '',
            login: record['wp:author_login'] ?? '',
            email: record['wp:author_email'] ?? '',
            displayName: record['wp:author_display_name'] ?? '',
            firstName: record['wp:author_first_name'] ?? '',
            lastName: record['wp:author_last_name'] ?? '',
          },
        });
        record = null;
      } else if (name === 'wp:category' && record) {
        out.push({
          kind: 'category',
          category: {
            id: record['wp:term_id'] ?? '',
            slug: record['wp:category_nicename'] ?? '',
            parent: record['wp:category_parent'] ?? '',
            name: record['wp:cat_name'] ?? '',
            description: record['wp:category_description'] ?? '',
          },
        });
        record = null;
      } else if (name === 'wp:tag' && record) {
        out.push({
          kind: 'tag',
          tag: {
            id: record['wp:term_id'] ?? '',
            slug: record['wp:tag_slug'] ?? '',
            name: record['wp:tag_name'] ?? '',
            description: record['wp:tag_description'] ?? '',
          },
        });
        record = null;
      } else if (name === 'wp:term' && record) {
        out.push({
          kind: 'term',
          term: {
            id: record['wp:term_id'] ?? '',
            taxonomy: record['wp:term_taxonomy'] ?? '',
            slug: record['wp:term_slug'] ?? '',
            parent: record['wp:term_parent'] ?? '',
            name: record['wp:term_name'] ?? '',
            description: record['wp:term_description'] ?? '',
          },
        });
        record = null;
      } else if (name === 'title') site.title = value.trim();
      else if (name === 'link') site.link = value.trim();
      else if (name === 'language') site.language = value.trim();
      else if (name === 'wp:wxr_version') site.wxrVersion = value.trim();
      else if (name === 'wp:base_site_url') site.baseSiteUrl = value.trim();
      else if (name === 'wp:base_blog_url') site.baseBlogUrl = value.trim();
      else if (name === 'channel') sendSite();
    } else if (parent !== undefined && RECORDS.has(parent)) {
      if (record && path[path.length - 2] === 'channel') record[name] = value.trim();
    } else if (parent === 'item' && item) {
      const field = ITEM_FIELDS[name];
      if (cut) item.oversized.push(name);
      if (field === 'content' || field === 'excerpt') (item[field] as string) = value;
      else if (field) (item[field] as string) = value.trim();
      else if (name === 'wp:is_sticky') item.isSticky = value.trim() === '1';
      else if (name === 'category' && term) {
        if (item.terms.length < WXR_MAX_PER_ITEM) item.terms.push({ ...term, name: value.trim() });
        else if (!item.oversized.includes('category')) item.oversized.push('category');
        term = null;
      } else if (name === 'wp:postmeta' && metaKey) {
        if (Object.keys(item.meta).length < WXR_MAX_PER_ITEM || metaKey in item.meta) item.meta[metaKey] = metaValue;
        else if (!item.oversized.includes('wp:postmeta')) item.oversized.push('wp:postmeta');
      }
    } else if (parent === 'wp:postmeta' && item && path[path.length - 2] === 'item') {
      if (name === 'wp:meta_key') metaKey = value.trim();
      else if (name === 'wp:meta_value') metaValue = value;
      // A value cut to nothing is not a value: the item is reported, not imported without it.
      if (cut) item.oversized.push(`wp:postmeta ${metaKey || name}`);
    } else if (name === 'rss' && path.length === 0) {
      sendSite();
    }
  });

  for await (const chunk of chunks) {
    parser.write(chunk);
    if (fault) break;
    yield* out.splice(0);
  }
  if (!fault) {
    parser.close();
    if (!fault && path.length === 0 && !siteSent) fail('The file holds no WordPress export: no <rss> element.');
  }
  // What was read whole before the fault is still handed on: an item whose closing tag was read is complete.
  yield* out.splice(0);
  if (fault) throw fault;
}
