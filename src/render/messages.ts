import { INTL_LOCALE } from '../content/locales.js';

const ruPlural = new Intl.PluralRules('ru');
const RU_FOUND: Record<string, string> = { one: 'Найден', few: 'Найдено', many: 'Найдено', other: 'Найдено' };
const RU_STORIES: Record<string, string> = { one: 'материал', few: 'материала', many: 'материалов', other: 'материала' };

/** UI text per locale. English is the reference: a key missing elsewhere is a type error, not a blank on the page. */
const en = {
  skipToContent: 'Skip to content',
  home: 'Home',
  sections: 'Sections',
  language: 'Language',
  latestNews: 'Latest news',
  topStories: 'Top stories',
  moreIn: 'More in',
  related: 'Related stories',
  tags: 'Tags',
  by: 'By',
  roles: {
    author: 'By',
    translator: 'Translated by',
    original_author: 'Original author',
    photographer: 'Photo',
    editor: 'Edited by',
  },
  credits: 'Credits',
  firstPublishedBy: 'First published by',
  originalHeadline: 'Original headline',
  readOriginal: 'Read the original',
  corrections: 'Corrections',
  correctionOn: 'Correction',
  published: 'Published',
  updated: 'Updated',
  olderStories: 'Older stories',
  newestStories: 'Newest stories',
  noStories: 'No stories here yet.',
  sectionTitle: 'Section',
  tagTitle: 'Tag',
  authorTitle: 'Stories by',
  search: 'Search',
  searchLabel: 'Search the site',
  searchPlaceholder: 'Search stories',
  searchResultsFor: 'Search results for',
  searchNothing: 'No stories match your search.',
  searchHint: 'Type a word from a headline or a summary.',
  searchQuoted: (q: string) => `“${q}”`,
  searchCount: (n: number) => (n === 1 ? '1 story found' : `${n} stories found`),
  searchCountMore: (n: number) => `More than ${n} stories found: the newest ${n} are shown, best first`,
  searchAllSections: 'All sections',
  searchInSection: 'Section',
  searchTips: 'Words in "quotes" are found together; a -word is left out.',
  searchPrevious: 'Previous results',
  searchNext: 'More results',
  notFoundTitle: 'Page not found',
  notFoundText: 'We could not find that page. It may have moved, or the address may be mistyped.',
  goneTitle: 'This story is no longer available',
  goneText: 'The newsroom has withdrawn this story.',
  badRequestTitle: 'That address is not valid',
  badRequestText: 'The address or its parameters could not be understood.',
  errorTitle: 'Something went wrong',
  errorText: 'The page could not be shown. Please try again in a moment.',
  tryLatest: 'Perhaps one of our latest stories?',
  breadcrumb: 'Breadcrumb',
  pagination: 'Pagination',
  footer: 'Independent journalism in several languages.',
  aboutUs: 'About us',
  pageUpdated: 'Last updated',
  translationAvailable: 'This story in',
  otherLanguages: 'Read in',
  preview: {
    label: 'Preview',
    notPublished: 'Preview — not published.',
    revisionLatest: (n: number) => `This is revision ${n}, the latest`,
    revisionOf: (n: number, of: number) => `This is revision ${n} of ${of}`,
    storyIs: (state: string) => `(the story is ${state}).`,
    linkUntil: (when: string, timeZone: string) => `This link works until ${when} (${timeZone} time).`,
    backToEditor: 'Back to the editor',
    states: { draft: 'a draft', in_review: 'in review', scheduled: 'scheduled', published: 'published', unpublished: 'unpublished', archived: 'archived' },
    goneTitle: 'Preview unavailable',
    expired: 'This preview link has expired.',
    revoked: 'This preview link has been withdrawn by the newsroom.',
    askAgain: 'Ask whoever sent it for a new link.',
    findIt: { before: 'If the story has been published since, you will find it on the ', link: 'front page', after: '.' },
  },
};

export type Messages = typeof en;

const ru: Messages = {
  skipToContent: 'Перейти к содержанию',
  home: 'Главная',
  sections: 'Разделы',
  language: 'Язык',
  latestNews: 'Последние новости',
  topStories: 'Главное',
  moreIn: 'Ещё в разделе',
  related: 'Читайте также',
  tags: 'Теги',
  by: 'Автор',
  roles: {
    author: 'Автор',
    translator: 'Перевод',
    original_author: 'Автор оригинала',
    photographer: 'Фото',
    editor: 'Редактор',
  },
  credits: 'Авторы',
  firstPublishedBy: 'Впервые опубликовано',
  originalHeadline: 'Оригинальный заголовок',
  readOriginal: 'Читать оригинал',
  corrections: 'Исправления',
  correctionOn: 'Исправление',
  published: 'Опубликовано',
  updated: 'Обновлено',
  olderStories: 'Более ранние материалы',
  newestStories: 'Самые новые материалы',
  noStories: 'Здесь пока нет материалов.',
  sectionTitle: 'Раздел',
  tagTitle: 'Тег',
  authorTitle: 'Материалы автора',
  search: 'Поиск',
  searchLabel: 'Поиск по сайту',
  searchPlaceholder: 'Искать материалы',
  searchResultsFor: 'Результаты поиска по запросу',
  searchNothing: 'По вашему запросу ничего не найдено.',
  searchHint: 'Введите слово из заголовка или подзаголовка.',
  searchQuoted: (q: string) => `«${q}»`,
  searchCount: (n: number) => `${RU_FOUND[ruPlural.select(n)] ?? 'Найдено'} ${n} ${RU_STORIES[ruPlural.select(n)] ?? 'материалов'}`,
  searchCountMore: (n: number) => `Найдено более ${n} материалов: показаны ${n} самых новых, лучшие первыми`,
  searchAllSections: 'Все рубрики',
  searchInSection: 'Рубрика',
  searchTips: 'Слова «в кавычках» ищутся вместе, -слово исключается.',
  searchPrevious: 'Предыдущие результаты',
  searchNext: 'Ещё результаты',
  notFoundTitle: 'Страница не найдена',
  notFoundText: 'Мы не нашли эту страницу. Возможно, она переехала или в адресе опечатка.',
  goneTitle: 'Материал больше недоступен',
  goneText: 'Редакция сняла этот материал с публикации.',
  badRequestTitle: 'Неверный адрес',
  badRequestText: 'Не удалось разобрать адрес или его параметры.',
  errorTitle: 'Что-то пошло не так',
  errorText: 'Не удалось показать страницу. Попробуйте ещё раз чуть позже.',
  tryLatest: 'Возможно, вас заинтересуют последние материалы?',
  breadcrumb: 'Навигационная цепочка',
  pagination: 'Страницы',
  footer: 'Независимая журналистика на нескольких языках.',
  aboutUs: 'О нас',
  pageUpdated: 'Последнее обновление',
  translationAvailable: 'Этот материал на языке',
  otherLanguages: 'Читать на',
  preview: {
    label: 'Предпросмотр',
    notPublished: 'Предпросмотр — не опубликовано.',
    revisionLatest: (n: number) => `Это версия ${n}, последняя`,
    revisionOf: (n: number, of: number) => `Это версия ${n} из ${of}`,
    storyIs: (state: string) => `(статус материала: ${state}).`,
    linkUntil: (when: string, timeZone: string) => `Ссылка действует до ${when} (время: ${timeZone}).`,
    backToEditor: 'Вернуться в редактор',
    states: {
      draft: 'черновик',
      in_review: 'на проверке',
      scheduled: 'запланирован',
      published: 'опубликован',
      unpublished: 'снят с публикации',
      archived: 'в архиве',
    },
    goneTitle: 'Предпросмотр недоступен',
    expired: 'Срок действия этой ссылки на предпросмотр истёк.',
    revoked: 'Редакция отозвала эту ссылку на предпросмотр.',
    askAgain: 'Попросите отправителя прислать новую ссылку.',
    findIt: { before: 'Если материал уже опубликован, вы найдёте его на ', link: 'главной странице', after: '.' },
  },
};

const kk: Messages = {
  skipToContent: 'Мазмұнға өту',
  home: 'Басты бет',
  sections: 'Бөлімдер',
  language: 'Тіл',
  latestNews: 'Соңғы жаңалықтар',
  topStories: 'Басты жаңалықтар',
  moreIn: 'Бөлімдегі басқа материалдар',
  related: 'Тақырыпқа қатысты',
  tags: 'Тегтер',
  by: 'Авторы',
  roles: {
    author: 'Авторы',
    translator: 'Аударған',
    original_author: 'Түпнұсқа авторы',
    photographer: 'Фото',
    editor: 'Редактор',
  },
  credits: 'Авторлар',
  firstPublishedBy: 'Алғаш жариялаған',
  originalHeadline: 'Түпнұсқа тақырыбы',
  readOriginal: 'Түпнұсқаны оқу',
  corrections: 'Түзетулер',
  correctionOn: 'Түзету',
  published: 'Жарияланды',
  updated: 'Жаңартылды',
  olderStories: 'Бұрынғы материалдар',
  newestStories: 'Ең жаңа материалдар',
  noStories: 'Мұнда әзірге материал жоқ.',
  sectionTitle: 'Бөлім',
  tagTitle: 'Тег',
  authorTitle: 'Автордың материалдары',
  search: 'Іздеу',
  searchLabel: 'Сайт бойынша іздеу',
  searchPlaceholder: 'Материал іздеу',
  searchResultsFor: 'Іздеу нәтижелері',
  searchNothing: 'Сұрауыңыз бойынша ештеңе табылмады.',
  searchHint: 'Тақырыптағы немесе анонстағы сөзді енгізіңіз.',
  searchQuoted: (q: string) => `«${q}»`,
  searchCount: (n: number) => `${n} материал табылды`,
  searchCountMore: (n: number) => `${n}-нан астам материал табылды: ең жаңа ${n} материал көрсетілді`,
  searchAllSections: 'Барлық айдарлар',
  searchInSection: 'Айдар',
  searchTips: '«Тырнақшадағы» сөздер бірге ізделеді, -сөз алынып тасталады.',
  searchPrevious: 'Алдыңғы нәтижелер',
  searchNext: 'Тағы нәтижелер',
  notFoundTitle: 'Бет табылмады',
  notFoundText: 'Бұл бетті таба алмадық. Ол көшірілген болуы мүмкін немесе мекенжайда қате бар.',
  goneTitle: 'Бұл материал енді қолжетімсіз',
  goneText: 'Редакция бұл материалды жариялаудан алып тастады.',
  badRequestTitle: 'Мекенжай жарамсыз',
  badRequestText: 'Мекенжайды немесе оның параметрлерін түсіну мүмкін болмады.',
  errorTitle: 'Бірдеңе дұрыс болмады',
  errorText: 'Бетті көрсету мүмкін болмады. Сәлден соң қайталап көріңіз.',
  tryLatest: 'Мүмкін, соңғы материалдарымыз қызықтырар?',
  breadcrumb: 'Навигация тізбегі',
  pagination: 'Беттер',
  footer: 'Бірнеше тілдегі тәуелсіз журналистика.',
  aboutUs: 'Біз туралы',
  pageUpdated: 'Соңғы жаңарту',
  translationAvailable: 'Бұл материал мына тілде',
  otherLanguages: 'Мына тілде оқу',
  preview: {
    label: 'Алдын ала қарау',
    notPublished: 'Алдын ала қарау — жарияланбаған.',
    revisionLatest: (n: number) => `Бұл — ${n}-нұсқа, ең соңғысы`,
    revisionOf: (n: number, of: number) => `Бұл — ${of} нұсқаның ${n}-нұсқасы`,
    storyIs: (state: string) => `(материал күйі: ${state}).`,
    linkUntil: (when: string, timeZone: string) => `Сілтеме ${when} дейін жарамды (${timeZone} уақыты).`,
    backToEditor: 'Редакторға оралу',
    states: {
      draft: 'жоба',
      in_review: 'тексерісте',
      scheduled: 'жоспарланған',
      published: 'жарияланған',
      unpublished: 'жариялаудан алынған',
      archived: 'мұрағатта',
    },
    goneTitle: 'Алдын ала қарау қолжетімсіз',
    expired: 'Бұл алдын ала қарау сілтемесінің мерзімі өтті.',
    revoked: 'Редакция бұл алдын ала қарау сілтемесін қайтарып алды.',
    askAgain: 'Сілтемені жіберген адамнан жаңасын сұраңыз.',
    findIt: { before: 'Егер материал содан бері жарияланған болса, оны ', link: 'басты беттен', after: ' табасыз.' },
  },
};

const catalogs: Record<string, Messages> = { en, ru, kk };

/** The catalog for a locale; a locale the newsroom enabled but we ship no text for reads English. */
export const messages = (locale: string): Messages => catalogs[locale] ?? en;

// Formatting a date with Intl costs microseconds, and a page shows the same few dozen dates as every other page
// (the latest news, related stories), so each formatter remembers what it wrote. The memory is bounded: it starts
// over past MAX_REMEMBERED dates.
type DateFormat = { format: Intl.DateTimeFormat; seen: Map<string, string> };
const dateFormats = new Map<string, DateFormat>();
const MAX_REMEMBERED = 20_000;

function formatWith(key: string, make: () => Intl.DateTimeFormat, iso: string): string {
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = { format: make(), seen: new Map() }));
  let text = f.seen.get(iso);
  if (text === undefined) {
    text = f.format.format(new Date(iso));
    if (f.seen.size >= MAX_REMEMBERED) f.seen.clear();
    f.seen.set(iso, text);
  }
  return text;
}

/** "20 November 2026, 14:05" in the reader's language and the newsroom's time zone. */
export function formatDateTime(locale: string, iso: string, timeZone: string): string {
  return formatWith(
    `${locale}|${timeZone}|dt`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, { dateStyle: 'long', timeStyle: 'short', timeZone }),
    iso,
  );
}

export function formatDate(locale: string, iso: string, timeZone: string): string {
  return formatWith(`${locale}|${timeZone}|d`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, { dateStyle: 'medium', timeZone }), iso);
}
