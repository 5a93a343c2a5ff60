import { languageName } from '../../content/locales.js';
import type { Article, ArticleSummary, Byline, ContributorRole, Translation } from '../../content/types.js';
import { articlePath, authorPath, homePath, sectionPath, tagPath } from '../../content/urls.js';
import { Cards, LatestNews } from '../components.js';
import { renderDocument } from '../document-html.js';
import { libraryPicture, SIZES } from '../picture.js';
import { formatDate, formatDateTime, messages } from '../messages.js';
import type { SiteContext } from '../site-context.js';

export type ArticleView = {
  site: SiteContext;
  article: Article;
  translations: Translation[];
  latest: ArticleSummary[];
  related: ArticleSummary[];
};

const names = (locale: string, people: Byline[]) =>
  people.map((b, i) => (
    <>
      {i > 0 ? ', ' : ''}
      <a href={authorPath(locale, b.slug)}>{b.name}</a>
    </>
  ));

export function ArticleBody(p: ArticleView) {
  const { article: a, site } = p;
  const m = messages(a.locale);
  const role = (r: ContributorRole) => a.bylines.filter((b) => b.role === r);
  const authors = role('author').length ? role('author') : role('original_author');
  const updated = a.updatedAt > (a.publishedAt ?? '') && a.corrections.length ? a.corrections[a.corrections.length - 1]!.createdAt : null;
  const otherLanguages = p.translations.filter((t) => t.locale !== a.locale);
  const credits: [string, unknown][] = [];
  if (role('translator').length) credits.push([m.roles.translator, names(a.locale, role('translator'))]);
  if (role('original_author').length) credits.push([m.roles.original_author, names(a.locale, role('original_author'))]);
  if (a.source) {
    credits.push([
      m.firstPublishedBy,
      <>
        <a href={a.source.partnerUrl}>{a.source.partnerName}</a>
        {a.source.url ? (
          <>
            {' · '}
            <a href={a.source.url} hreflang={a.source.locale ?? undefined}>
              {a.source.headline ? <cite lang={a.source.locale ?? undefined}>{a.source.headline}</cite> : m.readOriginal}
            </a>
          </>
        ) : null}
      </>,
    ]);
  }
  if (role('editor').length) credits.push([m.roles.editor, names(a.locale, role('editor'))]);
  if (role('photographer').length) credits.push([m.roles.photographer, names(a.locale, role('photographer'))]);

  return (
    <div class="layout">
      <article class="story">
        <nav class="crumbs" aria-label={m.breadcrumb}>
          <ol>
            <li>
              <a href={homePath(a.locale)}>{m.home}</a>
            </li>
            <li>
              <a href={sectionPath(a.locale, a.section.slug)}>{a.section.name}</a>
            </li>
          </ol>
        </nav>
        <h1>{a.headline}</h1>
        {a.deck ? <p class="deck">{a.deck}</p> : null}
        <p class="meta">
          {authors.length ? (
            <>
              {m.roles.author} {names(a.locale, authors)}
              {' · '}
            </>
          ) : null}
          {a.dateline ? <>{a.dateline} · </> : null}
          {a.publishedAt ? (
            <>
              {m.published} <time datetime={a.publishedAt}>{formatDateTime(a.locale, a.publishedAt, site.timeZone)}</time>
            </>
          ) : null}
          {updated ? (
            <>
              {' · '}
              {m.updated} <time datetime={updated}>{formatDateTime(a.locale, updated, site.timeZone)}</time>
            </>
          ) : null}
        </p>
        {otherLanguages.length ? (
          <p class="meta">
            {m.otherLanguages}:{' '}
            {otherLanguages.map((t, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={articlePath(t)} hreflang={t.locale} lang={t.locale}>
                  {languageName(t.locale)}
                </a>
              </>
            ))}
          </p>
        ) : null}
        {a.hero ? (
          <figure class="hero">
            {libraryPicture(a.hero, SIZES.article, true) ?? (
              <img src={a.hero.src} alt={a.hero.alt} width={String(a.hero.width)} height={String(a.hero.height)} fetchpriority="high" />
            )}
            {a.hero.caption || a.hero.credit ? (
              <figcaption>
                {a.hero.caption}
                {a.hero.credit ? <small>{a.hero.credit}</small> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <div class="body" dangerouslySetInnerHTML={{ __html: renderDocument(a.body, a.media) }} />
        {credits.length ? (
          <section class="box credits" aria-labelledby="credits">
            <h2 id="credits">{m.credits}</h2>
            <dl>
              {credits.map(([label, value]) => (
                <>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </>
              ))}
            </dl>
          </section>
        ) : null}
        {a.corrections.length ? (
          <section class="box corrections" aria-labelledby="corrections">
            <h2 id="corrections">{m.corrections}</h2>
            {a.corrections.map((c) => (
              <p>
                <strong>
                  {m.correctionOn}, <time datetime={c.createdAt}>{formatDate(a.locale, c.createdAt, site.timeZone)}</time>:
                </strong>{' '}
                {c.text}
              </p>
            ))}
          </section>
        ) : null}
        {a.tags.length ? (
          <nav class="tags" aria-label={m.tags}>
            <ul>
              {a.tags.map((t) => (
                <li>
                  <a href={tagPath(a.locale, t.slug)} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {p.related.length ? (
          <section class="block" aria-labelledby="related">
            <h2 id="related">{m.related}</h2>
            <Cards locale={a.locale} items={p.related} timeZone={site.timeZone} />
          </section>
        ) : null}
      </article>
      <aside>
        <LatestNews locale={a.locale} items={p.latest} timeZone={site.timeZone} />
      </aside>
    </div>
  );
}
