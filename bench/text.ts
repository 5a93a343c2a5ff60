import type { Block, Doc, Inline, TextNode } from '../src/content/document.js';
import type { Rng } from './prng.js';

/**
 * Invented news copy for the benchmark archive, in English and Russian. It only has to look like a newsroom's
 * output to the renderer and the database: the same mix of headline lengths, Cyrillic and Latin text, subheads,
 * quotes, lists and inline marks as the demo stories, at 3-5 KB of text per body.
 * Subjects are plural and verbs past-plural in Russian so any combination is grammatical.
 */
export type BenchLocale = 'en' | 'ru';

type Vocabulary = {
  subjects: string[];
  verbs: string[];
  objects: string[];
  when: string[];
  attributions: string[];
  places: string[];
  speakers: string[];
  subheads: string[];
  said: (speaker: string) => string;
};

const en: Vocabulary = {
  subjects: [
    'The city council',
    'Regional officials',
    'Farmers in the south',
    'Rail operators',
    'Teachers’ unions',
    'Hospital managers',
    'The energy ministry',
    'Water engineers',
    'Local entrepreneurs',
    'University researchers',
    'Border guards',
    'Museum curators',
    'Bus drivers',
    'Parliament’s budget committee',
    'Residents of the old quarter',
    'Grain exporters',
    'Climate scientists',
    'The central bank',
    'District prosecutors',
    'Volunteer firefighters',
  ],
  verbs: [
    'approved',
    'debated',
    'unveiled',
    'criticised',
    'backed',
    'postponed',
    'questioned',
    'welcomed',
    'rejected',
    'expanded',
    'announced',
    'reviewed',
    'defended',
    'funded',
    'paused',
  ],
  objects: [
    'a plan to rebuild the central market',
    'new rules for river water quotas',
    'a budget for school repairs',
    'the long-delayed tram extension',
    'higher tariffs for heating',
    'a pilot scheme for rural clinics',
    'a new freight corridor to the Caspian',
    'the sale of the state airline',
    'an audit of road contracts',
    'a fund for young farmers',
    'the restoration of the old theatre',
    'a shared power grid with Valdia',
    'longer opening hours for libraries',
    'a ban on coal heating downtown',
    'a programme of free evening classes',
    'stricter checks at the Karazhar crossing',
    'a new glacier monitoring station',
    'the merger of two regional universities',
  ],
  when: [
    'on Tuesday',
    'after months of delay',
    'before the spring sowing',
    'for the next three years',
    'by the end of the year',
    'in a late-night session',
    'despite objections from the opposition',
    'as prices kept rising',
    'ahead of the winter',
    'in its first reading',
    'after a public consultation',
    'within weeks of the last vote',
  ],
  attributions: [
    'according to the ministry',
    'officials said',
    'a spokesperson confirmed',
    'documents seen by Masthead Demo show',
    'the regional press office said',
    'people familiar with the talks said',
    'figures published on Monday show',
  ],
  places: ['KOKTEREK', 'ALMATY', 'ASTANA', 'SHYMKENT', 'VALDOGRAD', 'KARAGANDA', 'AKTAU', 'TARAZ', 'PAVLODAR', 'ORAL'],
  speakers: [
    'Aigerim Sadykova, a member of the council',
    'Daniyar Omarov, an agricultural economist',
    'Elena Voronina, a school principal',
    'Timur Kassymov, a transport analyst',
    'Saule Bekova, the museum’s director',
    'Ruslan Akhmetov, a hydrologist',
    'Zhanna Tulegenova, who runs a bakery on the square',
    'Pavel Lebedev, a retired railway engineer',
  ],
  subheads: [
    'What changes for residents',
    'The cost',
    'Who pays',
    'A long history',
    'What critics say',
    'The numbers',
    'What comes next',
    'A regional test',
    'Behind the decision',
    'Money and timing',
    'The view from the villages',
    'Lessons from abroad',
  ],
  said: (speaker) => `said ${speaker}.`,
};

const ru: Vocabulary = {
  subjects: [
    'Власти Коктерека',
    'Депутаты городского маслихата',
    'Фермеры юга',
    'Железнодорожники',
    'Профсоюзы учителей',
    'Руководители больниц',
    'В министерстве энергетики',
    'Гидрологи',
    'Местные предприниматели',
    'Учёные университета',
    'Пограничники',
    'Музейные кураторы',
    'Водители автобусов',
    'Члены бюджетного комитета',
    'Жители старого квартала',
    'Экспортёры зерна',
    'Климатологи',
    'В Национальном банке',
    'Районные прокуроры',
    'Добровольные пожарные',
  ],
  verbs: [
    'утвердили',
    'обсудили',
    'представили',
    'раскритиковали',
    'поддержали',
    'отложили',
    'поставили под сомнение',
    'приветствовали',
    'отклонили',
    'расширили',
    'объявили',
    'пересмотрели',
    'защитили',
    'профинансировали',
    'приостановили',
  ],
  objects: [
    'план реконструкции центрального рынка',
    'новые правила квот на воду',
    'бюджет на ремонт школ',
    'продление трамвайной линии',
    'повышение тарифов на отопление',
    'пилотный проект сельских амбулаторий',
    'новый грузовой коридор к Каспию',
    'продажу государственной авиакомпании',
    'проверку дорожных контрактов',
    'фонд поддержки молодых фермеров',
    'реставрацию старого театра',
    'общую энергосистему с Валдией',
    'продление часов работы библиотек',
    'запрет угольного отопления в центре',
    'программу бесплатных вечерних курсов',
    'усиленный контроль на переходе Каражар',
    'новую станцию наблюдения за ледниками',
    'слияние двух региональных университетов',
  ],
  when: [
    'во вторник',
    'после многомесячной задержки',
    'до начала весеннего сева',
    'на ближайшие три года',
    'до конца года',
    'на ночном заседании',
    'несмотря на возражения оппозиции',
    'на фоне роста цен',
    'в преддверии зимы',
    'в первом чтении',
    'после общественных слушаний',
    'через несколько недель после прошлого голосования',
  ],
  attributions: [
    'сообщили в министерстве',
    'заявили чиновники',
    'подтвердил представитель ведомства',
    'следует из документов, которые видела редакция',
    'сообщили в пресс-службе акимата',
    'рассказали источники, знакомые с ходом переговоров',
    'следует из опубликованных в понедельник данных',
  ],
  places: ['КОКТЕРЕК', 'АЛМАТЫ', 'АСТАНА', 'ШЫМКЕНТ', 'ВАЛДОГРАД', 'КАРАГАНДА', 'АКТАУ', 'ТАРАЗ', 'ПАВЛОДАР', 'УРАЛЬСК'],
  speakers: [
    'депутат маслихата Айгерим Садыкова',
    'экономист Данияр Омаров',
    'директор школы Елена Воронина',
    'транспортный аналитик Тимур Касымов',
    'директор музея Сауле Бекова',
    'гидролог Руслан Ахметов',
    'владелица пекарни на площади Жанна Тулегенова',
    'бывший инженер-путеец Павел Лебедев',
  ],
  subheads: [
    'Что изменится для жителей',
    'Сколько это стоит',
    'Кто заплатит',
    'Долгая история',
    'Что говорят критики',
    'Цифры',
    'Что дальше',
    'Региональный эксперимент',
    'Почему приняли решение',
    'Деньги и сроки',
    'Взгляд из сёл',
    'Опыт других стран',
  ],
  said: (speaker) => `— говорит ${speaker}.`,
};

const VOCAB: Record<BenchLocale, Vocabulary> = { en, ru };

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function headline(r: Rng, locale: BenchLocale): string {
  const v = VOCAB[locale];
  const h = `${r.pick(v.subjects)} ${r.pick(v.verbs)} ${r.pick(v.objects)}`;
  return r.chance(0.4) ? `${h} ${r.pick(v.when)}` : h;
}

function sentence(r: Rng, v: Vocabulary): string {
  const core = `${r.pick(v.subjects)} ${r.pick(v.verbs)} ${r.pick(v.objects)} ${r.pick(v.when)}`;
  return r.chance(0.5) ? `${core}, ${r.pick(v.attributions)}.` : `${core}.`;
}

export function deck(r: Rng, locale: BenchLocale): string {
  const v = VOCAB[locale];
  return `${sentence(r, v)} ${sentence(r, v)}`;
}

export const dateline = (r: Rng, locale: BenchLocale) => r.pick(VOCAB[locale].places);

/** A paragraph's inline content, with an occasional bold, italic or link so the renderer walks marks too. */
function inline(r: Rng, v: Vocabulary, sentences: number): Inline[] {
  const out: TextNode[] = [];
  for (let i = 0; i < sentences; i++) {
    const text = (i ? ' ' : '') + sentence(r, v);
    const roll = r.next();
    if (roll < 0.06) out.push({ type: 'text', text, marks: [{ type: 'bold' }] });
    else if (roll < 0.12) out.push({ type: 'text', text, marks: [{ type: 'italic' }] });
    else if (roll < 0.16) out.push({ type: 'text', text, marks: [{ type: 'link', attrs: { href: `https://example.org/report/${r.int(1, 9999)}` } }] });
    else out.push({ type: 'text', text });
  }
  return out;
}

const jsonLength = (blocks: Block[]) => JSON.stringify(blocks).length;

/**
 * A body document: an opening paragraph, then sections of a subhead and paragraphs, with a quote and sometimes a
 * bullet list, until the stored JSON reaches a length drawn between 3,000 and 5,000 characters (about 2,500-4,000
 * characters of text, a 400-600 word story).
 */
export function body(r: Rng, locale: BenchLocale): Doc {
  const v = VOCAB[locale];
  const target = r.int(3000, 5000);
  const content: Block[] = [{ type: 'paragraph', content: inline(r, v, 3) }];
  let chars = jsonLength(content);
  let quoted = false;
  while (chars < target) {
    const section: Block[] = [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: r.pick(v.subheads) }] }];
    for (let p = r.int(1, 3); p > 0; p--) section.push({ type: 'paragraph', content: inline(r, v, r.int(2, 4)) });
    if (!quoted || r.chance(0.3)) {
      quoted = true;
      const words = `${cap(sentence(r, v)).replace(/\.$/, '')}`;
      const quote = locale === 'en' ? `“${words},” ${v.said(r.pick(v.speakers))}` : `«${words}», ${v.said(r.pick(v.speakers))}`;
      section.push({ type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: quote }] }] });
    }
    if (r.chance(0.15)) {
      section.push({
        type: 'bulletList',
        content: [1, 2, 3].map(() => ({
          type: 'listItem' as const,
          content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: cap(r.pick(v.objects)) }] }],
        })),
      });
    }
    chars += jsonLength(section);
    content.push(...section);
  }
  return { type: 'doc', content };
}
