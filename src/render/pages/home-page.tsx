import type { ArticleSummary } from '../../content/types.js';
import { sectionPath } from '../../content/urls.js';
import { articleHref, Cards, LatestNews } from '../components.js';
import { formatDateTime, messages } from '../messages.js';
import { libraryPicture, SIZES } from '../picture.js';
import type { NavSection, SiteContext } from '../site-context.js';

export type HomeView = {
  site: SiteContext;
  locale: string;
  lead: ArticleSummary | null;
  blocks: { section: NavSection; items: ArticleSummary[] }[];
  latest: ArticleSummary[];
};

export function HomeBody(p: HomeView) {
  const m = messages(p.locale);
  const tz = p.site.timeZone;
  return (
    <>
      <h1 class="visually-hidden">{p.site.siteName}</h1>
      {p.lead ? (
        <section class="lead" aria-label={p.lead.headline}>
          {libraryPicture(p.lead.hero, SIZES.lead, true) ??
            (p.lead.hero ? (
              <img src={p.lead.hero.src} alt={p.lead.hero.alt} width={String(p.lead.hero.width)} height={String(p.lead.hero.height)} fetchpriority="high" />
            ) : null)}
          <div>
            <a class="kicker" href={sectionPath(p.locale, p.lead.sectionSlug)}>
              {p.lead.sectionName}
            </a>
            <h2>
              <a href={articleHref(p.lead)}>{p.lead.headline}</a>
            </h2>
            {p.lead.deck ? <p class="deck">{p.lead.deck}</p> : null}
            <p class="meta">
              <time datetime={p.lead.publishedAt}>{formatDateTime(p.locale, p.lead.publishedAt, tz)}</time>
            </p>
          </div>
        </section>
      ) : (
        <p>{m.noStories}</p>
      )}
      <div class="layout">
        <div>
          {p.blocks.map((b) => (
            <section class="block" aria-labelledby={`s-${b.section.slug}`}>
              <h2 id={`s-${b.section.slug}`}>
                <a href={sectionPath(p.locale, b.section.slug)}>{b.section.name}</a>
              </h2>
              <Cards locale={p.locale} items={b.items} timeZone={tz} />
            </section>
          ))}
        </div>
        <aside>
          <LatestNews locale={p.locale} items={p.latest} timeZone={tz} />
        </aside>
      </div>
    </>
  );
}
