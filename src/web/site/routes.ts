import { wordpressQueryOf } from '../../content/wordpress-query.js';
import { Hono, type Context } from 'hono';
import { LOCALE_PATTERN } from '../../content/locales.js';
import { formatSurrogateKeys, surrogateKey } from '../../content/surrogate-keys.js';
import { AppError } from '../../errors.js';
import { renderArticlePage, renderErrorPage, renderHomePage, renderListPage, renderPagePage, renderSearchPage } from '../../render/pages/render-pages.js';
import type { ErrorKind } from '../../render/pages/error-page.js';
import type { SiteContext } from '../../content/site-context.js';
import type { Deps } from '../../services/deps.js';
import { PAGE_CACHE } from './page-cache-control.js';
import { oldAddress } from '../../services/old-addresses.js';
import {
  articlePage,
  errorPageData,
  homePage,
  listPage,
  movedList,
  pagePage,
  searchPage,
  searchSuggestions,
  shortLink,
  type Found,
} from '../../services/site-pages.js';

// Pages change when an editor publishes, not per request; CDNs may keep them briefly and serve stale while refreshing.
const LOCALE = `:locale{${LOCALE_PATTERN}}`;
const ERROR_STATUS: Record<ErrorKind, 400 | 404 | 410 | 500> = { badRequest: 400, notFound: 404, gone: 410, error: 500 };

/** The public reader site: home, articles, section/tag/author lists, search, short links. */
export function siteRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const known = new Set(site.locales);

  /** `shows` names what the page depends on: it becomes the Surrogate-Key header the page cache and CDNs purge by. */
  const html = (c: Context, body: string, status: 200 | 400 | 404 | 410 | 500 = 200, shows?: Shows) => {
    const locale = c.req.param('locale') ?? site.defaultLocale;
    c.header('Cache-Control', status === 200 ? PAGE_CACHE : 'public, max-age=60');
    c.header('Content-Language', locale);
    if (shows) c.header('Surrogate-Key', surrogateKeys(locale, shows));
    return c.html(body, status);
  };

  const localeOf = (c: Context): string | null => {
    const locale = c.req.param('locale');
    return locale && known.has(locale) ? locale : null;
  };

  const errorPage = async (c: Context, locale: string, kind: ErrorKind) =>
    html(c, renderErrorPage(site, locale, kind, await errorPageData(deps, locale)), ERROR_STATUS[kind]);

  const respond = async <T>(c: Context, locale: string, found: Found<T>, render: (view: T) => string, shows: (view: T) => Shows) => {
    switch (found.kind) {
      case 'ok':
        return html(c, render(found.view), 200, shows(found.view));
      case 'redirect':
        return c.redirect(found.location, 301);
      case 'gone':
        return errorPage(c, locale, 'gone');
      case 'notFound':
        return errorPage(c, locale, 'notFound');
    }
  };

  const home = async (c: Context, locale: string) => {
    const data = await homePage(deps, locale);
    return html(c, renderHomePage(site, { locale, ...data }), 200, {
      articles: [...(data.lead ? [data.lead] : []), ...data.top, ...data.latest, ...data.blocks.flatMap((b) => b.items)],
      keys: [surrogateKey.front(locale)],
    });
  };

  // `/?p=41`, `/?page_id=7`: an address of the WordPress site this one replaced (services/old-addresses.ts).
  // A WordPress query is the one query the fast path does not answer from the cached home page (fast-path.ts): one
  // with no stored redirect is sent to the home page's own address (a hit there), never rendered, or anyone could make
  // the server render its home page once per request with `/?p=<any number>`.
  app.get('/', async (c) => {
    const search = new URL(c.req.url).search;
    if (!wordpressQueryOf('/', search)) return home(c, site.defaultLocale);
    const moved = await oldAddress(deps, '/', search);
    return moved ? c.redirect(moved, 301) : c.redirect('/', 302);
  });

  app.get('/a/:id{[0-9]{1,12}}', async (c) =>
    respond(
      c,
      site.defaultLocale,
      await shortLink(deps, Number(c.req.param('id'))),
      () => '',
      () => ({ articles: [] }),
    ),
  );

  app.get(`/${LOCALE}`, (c) => (localeOf(c) ? c.redirect(`/${c.req.param('locale')}/`, 301) : c.notFound()));

  app.get(`/${LOCALE}/`, (c) => {
    const locale = localeOf(c);
    return locale ? home(c, locale) : c.notFound();
  });

  for (const kind of ['section', 'tag', 'author'] as const) {
    const list = async (c: Context) => {
      const locale = localeOf(c);
      if (!locale) return c.notFound();
      const slug = c.req.param('slug')!;
      const data = await listPage(deps, locale, kind, slug, c.req.param('cursor'));
      if (!data) {
        // A cursor names a story's place in the list, which a merge changes: the old address leads to the new list's start.
        const moved = await movedList(deps, locale, kind, slug);
        return moved ? c.redirect(moved, 301) : errorPage(c, locale, 'notFound');
      }
      return html(c, renderListPage(site, kind, slug, { locale, ...data }), 200, {
        articles: [...data.items, ...data.latest],
        // The fronts of the sections it lists (its sub-sections at every level: a story published in one changes this
        // page, which is then re-rendered at once as their own fronts are), and of those whose names it shows.
        ...(data.sectionIds === undefined
          ? {}
          : { sections: [...data.sectionIds, ...[...(data.tree?.parents ?? []), ...(data.tree?.subsections ?? [])].map((x) => x.id)] }),
        ...(kind === 'author' ? { keys: [surrogateKey.author(slug)] } : {}),
      });
    };
    app.get(`/${LOCALE}/${kind}/:slug{[a-z0-9-]{1,80}}`, list);
    app.get(`/${LOCALE}/${kind}/:slug{[a-z0-9-]{1,80}}/before/:cursor{[^/]{1,40}}`, list);
  }

  // JSON for a search box's script or an app; never stored by the page cache (no surrogate keys: it reads the query).
  app.get(`/${LOCALE}/search/suggest`, async (c) => {
    const locale = localeOf(c);
    if (!locale) return c.notFound();
    const body = await searchSuggestions(deps, locale, c.req.query('q'), c.req.query('limit') || undefined);
    c.header('Cache-Control', 'public, max-age=60');
    c.header('X-Robots-Tag', 'noindex');
    return c.json(body);
  });

  app.get(`/${LOCALE}/search`, async (c) => {
    const locale = localeOf(c);
    if (!locale) return c.notFound();
    const q = (name: string) => c.req.query(name) || undefined;
    const data = await searchPage(deps, locale, c.req.query('q'), {
      page: q('page'),
      section: q('section'),
      tag: q('tag'),
      author: q('author'),
      from: q('from'),
      to: q('to'),
    });
    c.header('X-Robots-Tag', 'noindex');
    return html(c, renderSearchPage(site, { locale, ...data }));
  });

  // Pages (About, Contact, policies): one segment after the language. After the fixed ones above, whose names a page
  // may not take (content/urls.ts RESERVED_PAGE_SLUGS).
  app.get(`/${LOCALE}/:slug{[a-z0-9-]{1,80}}`, async (c) => {
    const locale = localeOf(c);
    if (!locale) return c.notFound();
    const found = await pagePage(deps, { locale, slug: c.req.param('slug') });
    return respond(
      c,
      locale,
      found,
      (view) => renderPagePage(site, view),
      (view) => ({ articles: [view.article], stories: [view.article.storyId], page: view.article.id }),
    );
  });

  app.get(`/${LOCALE}/:section{[a-z0-9-]{1,80}}/:yyyy{[0-9]{4}}/:mm{[0-9]{2}}/:slug{[a-z0-9-]{1,100}}`, async (c) => {
    const locale = localeOf(c);
    if (!locale) return c.notFound();
    const p = c.req.param();
    const found = await articlePage(deps, { locale, section: p.section!, yyyy: p.yyyy!, mm: p.mm!, slug: p.slug! });
    return respond(
      c,
      locale,
      found,
      (view) => renderArticlePage(site, view),
      (view) => ({ articles: [view.article, ...view.latest, ...view.related], stories: [view.article.storyId], page: view.article.id }),
    );
  });

  return app;
}

/** `page`: the article whose own page this is; `sections`: the section fronts it is; `keys`: any other surrogate keys the page depends on. */
type Shows = { articles: { id: number }[]; stories?: number[]; page?: number; sections?: number[]; keys?: string[] };

function surrogateKeys(locale: string, shows: Shows): string {
  return formatSurrogateKeys([
    surrogateKey.site,
    surrogateKey.locale(locale),
    ...(shows.stories ?? []).map(surrogateKey.story),
    ...(shows.page === undefined ? [] : [surrogateKey.page(shows.page)]),
    ...(shows.sections ?? []).map((id) => surrogateKey.section(id, locale)),
    ...shows.articles.map((a) => surrogateKey.article(a.id)),
    ...(shows.keys ?? []),
  ]);
}

/** The locale an error page should speak: the path's first segment when it is one of ours. */
export function localeFromPath(path: string, site: SiteContext): string {
  const first = path.split('/')[1] ?? '';
  return site.locales.includes(first) ? first : site.defaultLocale;
}

export const kindOfError = (e: AppError): ErrorKind => (e.status === 404 ? 'notFound' : e.status >= 400 && e.status < 500 ? 'badRequest' : 'error');
