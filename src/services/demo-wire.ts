import { findPartnerIdByName, partnerFeedUrl, setPartnerFeedUrl } from '../db/wire-repo.js';
import type { Deps } from './deps.js';

/**
 * The demo's partner feed (issue 14): the demo partner "Vecherny Trakt" gets a feed served by the demo itself, at
 * DEMO_WIRE_PATH, so that after `npm start` the wire inbox fills with its first poll. The demo allows its own
 * loopback host for that one fetch (main.ts); nothing else about outbound fetches changes.
 */
export const DEMO_WIRE_PATH = '/demo/partner-feed.xml';
const DEMO_PARTNER = 'Vecherny Trakt';

const STORIES = [
  {
    guid: 'vt-demo-1',
    title: 'В Алматы открыли новый участок велодорожки вдоль Есентая',
    author: 'Оксана Матвиенко',
    hoursAgo: 3,
    paragraphs: [
      'Городской акимат открыл четырёхкилометровый участок велодорожки вдоль реки Есентай. Дорожка соединяет проспект Аль-Фараби с улицей Тимирязева.',
      'По словам представителей управления мобильности, до конца года сеть велодорожек вырастет ещё на двадцать километров.',
      'Жители прилегающих микрорайонов просили о дорожке несколько лет: петиция собрала более трёх тысяч подписей.',
    ],
  },
  {
    guid: 'vt-demo-2',
    title: 'Фермеры Жетысу ждут рекордного урожая яблок',
    author: 'Данияр Ахметов',
    hoursAgo: 9,
    paragraphs: [
      'Садоводы области Жетысу рассчитывают собрать в этом году на треть больше яблок, чем в прошлом.',
      'Хозяйства связывают рост с тёплой весной и новыми системами капельного орошения, которые поставили при поддержке областного бюджета.',
    ],
  },
  {
    guid: 'vt-demo-3',
    title: 'Библиотека имени Пушкина продлит часы работы на время сессии',
    author: 'Оксана Матвиенко',
    hoursAgo: 26,
    paragraphs: ['С понедельника читальные залы будут открыты до полуночи. Студентам понадобится только читательский билет.'],
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The RSS 2.0 feed, dated relative to `now` so that the demo always looks current. */
export function demoWireFeed(baseUrl: string, now: Date): string {
  const items = STORIES.map((s) => {
    const date = new Date(now.getTime() - s.hoursAgo * 3_600_000).toUTCString();
    const html = s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
    return `<item><title>${esc(s.title)}</title><link>https://vecherny-trakt.example/news/${s.guid}</link><guid isPermaLink="false">${s.guid}</guid><dc:creator>${esc(s.author)}</dc:creator><pubDate>${date}</pubDate><description>${esc(s.paragraphs[0]!)}</description><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Вечерний тракт</title><link>${esc(baseUrl)}</link><description>Demo partner feed</description><language>ru</language>${items}</channel></rss>`;
}

/**
 * Points the demo partner at the demo's own feed, when it has no feed yet or the demo's feed of an earlier start (on
 * another port); returns the partner's id and feed URL when it polls it, else null (an editor gave it another feed: then the
 * demo's origin must not be allowed either).
 */
export async function connectDemoPartnerFeed(deps: Deps, origin: string): Promise<{ partnerId: number; url: string } | null> {
  const k = deps.db.kysely;
  const id = await findPartnerIdByName(k, DEMO_PARTNER);
  if (id === null) return null;
  const url = `${origin}${DEMO_WIRE_PATH}`;
  await setPartnerFeedUrl(k, id, url, { onlyIfUnset: true, orEndingWith: DEMO_WIRE_PATH });
  return (await partnerFeedUrl(k, id)) === url ? { partnerId: id, url } : null;
}
