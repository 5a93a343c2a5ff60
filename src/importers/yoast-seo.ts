/*
 * Yoast SEO's fields of a WordPress post (its postmeta) as an article's SEO fields. Yoast stores titles and
 * descriptions as templates (`%%title%% %%sep%% %%sitename%%`): the variables a post's own data can fill are expanded,
 * the others (page numbers, dates of the request, custom fields) dropped. A title that is only the post's title and
 * the site's name is Yoast's default, which Masthead's own `<title>` already builds: it is not kept. Pure.
 */

export type YoastContext = { title: string; siteName: string; siteDescription: string; excerpt: string; category: string; siteHost: string };
export type YoastFields = {
  seoTitle: string | null;
  seoDescription: string | null;
  canonicalUrl: string | null;
  /** `_yoast_wpseo_primary_category`: the term id of the category Yoast marked primary. */
  primaryCategoryId: string | null;
  warnings: string[];
};

export const MAX_SEO_TITLE = 200;
export const MAX_SEO_DESCRIPTION = 500;
/** A template longer than this is not one a person wrote: it is not read. */
const MAX_TEMPLATE = 4000;
const SEP = '–';
/** Variables that say only "this post, on this site": a title made of them alone is the default. */
const DEFAULT_ONLY = new Set(['title', 'sitename', 'sep', 'page', 'pagenumber', 'pagetotal']);

// Built once, not per post (an import expands a template or two for each).
const DOUBLED_SEP = new RegExp(`(?:\\s*${SEP}\\s*){2,}`, 'g');
const END_SEP = new RegExp(`^(?:\\s*${SEP}\\s*)+|(?:\\s*${SEP}\\s*)+$`, 'g');

/** Expands `%%var%%`; unknown variables are dropped and named in `dropped`. */
export function expandYoast(template: string, ctx: YoastContext, dropped: Set<string>): { text: string; onlyDefault: boolean } {
  let onlyDefault = true;
  const values: Record<string, string> = {
    title: ctx.title,
    sitename: ctx.siteName,
    sitedesc: ctx.siteDescription,
    excerpt: ctx.excerpt,
    excerpt_only: ctx.excerpt,
    category: ctx.category,
    primary_category: ctx.category,
    sep: SEP,
    page: '',
    pagenumber: '',
    pagetotal: '',
  };
  const text = template
    .slice(0, MAX_TEMPLATE)
    .replace(/%%([a-z0-9_]{1,40})%%/gi, (_, raw: string) => {
      const name = raw.toLowerCase();
      if (!DEFAULT_ONLY.has(name)) onlyDefault = false;
      const v = Object.hasOwn(values, name) ? values[name] : undefined;
      if (v === undefined) {
        dropped.add(`%%${name}%%`);
        return '';
      }
      return v;
    })
    .replace(/\s+/g, ' ')
    .trim();
  if (template.replace(/%%[a-z0-9_]{1,40}%%/gi, '').trim()) onlyDefault = false;
  // A separator left at an end or doubled by a dropped variable: `Title – – ` → `Title`.
  const tidy = text.replace(DOUBLED_SEP, ` ${SEP} `).replace(END_SEP, '').trim();
  return { text: tidy, onlyDefault };
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function yoastFields(meta: Readonly<Record<string, string>>, ctx: YoastContext): YoastFields {
  const warnings: string[] = [];
  const dropped = new Set<string>();
  let seoTitle: string | null = null;
  const rawTitle = (meta['_yoast_wpseo_title'] ?? '').trim();
  if (rawTitle) {
    const { text, onlyDefault } = expandYoast(rawTitle, ctx, dropped);
    seoTitle = onlyDefault || !text ? null : cut(text, MAX_SEO_TITLE);
  }
  const rawDesc = (meta['_yoast_wpseo_metadesc'] ?? '').trim();
  const seoDescription = rawDesc ? cut(expandYoast(rawDesc, ctx, dropped).text, MAX_SEO_DESCRIPTION) || null : null;
  if (dropped.size) warnings.push(`Yoast variables dropped: ${[...dropped].join(', ')}`);
  let canonicalUrl: string | null = null;
  const rawCanonical = (meta['_yoast_wpseo_canonical'] ?? '').trim();
  if (rawCanonical) {
    let u: URL | null = null;
    try {
      u = new URL(rawCanonical);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || rawCanonical.length > 2000)
      warnings.push(`Yoast canonical URL is not an http(s) address: not kept`);
    // One of the old site's own addresses: after the move the article's own address is its canonical.
    else if (ctx.siteHost && u.host === ctx.siteHost) warnings.push(`Yoast canonical URL ${rawCanonical} is on the old site itself: not kept`);
    else canonicalUrl = u.href;
  }
  const primary = (meta['_yoast_wpseo_primary_category'] ?? '').trim();
  return { seoTitle, seoDescription, canonicalUrl, primaryCategoryId: /^[1-9][0-9]{0,11}$/.test(primary) ? primary : null, warnings };
}
