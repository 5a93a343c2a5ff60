/**
 * Bundled demo content for Masthead: a fictional newsroom, "Masthead Demo", covering a Central-Asian region.
 * Every story, person, partner outlet and quotation here is invented for this project. Real cities appear only
 * as settings; the events, officials and figures are fiction. The Republic of Sarydala and the Valdian
 * Federation are fictional states.
 */
import type { DemoContent } from './demo-types.js';

export const demoContent: DemoContent = {
  sections: [
    { slug: 'politics', names: { en: 'Politics', ru: 'Политика', kk: 'Саясат' } },
    { slug: 'economy', names: { en: 'Economy', ru: 'Экономика', kk: 'Экономика' } },
    { slug: 'society', names: { en: 'Society', ru: 'Общество', kk: 'Қоғам' } },
    { slug: 'world', names: { en: 'World', ru: 'В мире', kk: 'Әлем' } },
    { slug: 'culture', names: { en: 'Culture', ru: 'Культура', kk: 'Мәдениет' } },
    { slug: 'science', names: { en: 'Science', ru: 'Наука', kk: 'Ғылым' } },
  ],

  contributors: [
    {
      slug: 'aigerim-sadykova',
      name: 'Aigerim Sadykova',
      names: { ru: 'Айгерим Садыкова', kk: 'Айгерім Садықова' },
      bio: 'Aigerim covers parliament, elections and regional government for Masthead Demo from Astana.',
    },
    {
      slug: 'daniyar-omarov',
      name: 'Daniyar Omarov',
      names: { ru: 'Данияр Омаров', kk: 'Данияр Омаров' },
      bio: 'Daniyar reports on energy, agriculture and business in both English and Russian.',
    },
    {
      slug: 'elena-voronina',
      name: 'Elena Voronina',
      names: { ru: 'Елена Воронина', kk: 'Елена Воронина' },
      bio: 'Elena writes about cities, schools and public services for the Russian-language edition.',
    },
    {
      slug: 'timur-kassymov',
      name: 'Timur Kassymov',
      names: { ru: 'Тимур Касымов', kk: 'Тимур Қасымов' },
      bio: 'Timur is the world desk editor and follows diplomacy, borders and transit across the region.',
    },
    {
      slug: 'saule-bekova',
      name: 'Saule Bekova',
      names: { ru: 'Сауле Бекова', kk: 'Сәуле Бекова' },
      bio: 'Saule is the culture correspondent, writing about film, books, music and museums.',
    },
    {
      slug: 'ruslan-akhmetov',
      name: 'Ruslan Akhmetov',
      names: { ru: 'Руслан Ахметов', kk: 'Руслан Ахметов' },
      bio: 'Ruslan covers science, climate and technology, with a soft spot for glaciers and satellites.',
    },
    {
      slug: 'zhanna-tulegenova',
      name: 'Zhanna Tulegenova',
      names: { ru: 'Жанна Тулегенова', kk: 'Жанна Төлегенова' },
      bio: 'Zhanna reports from Shymkent and southern regions and translates between Russian and English.',
    },
    {
      slug: 'madina-ospanova',
      name: 'Madina Ospanova',
      names: { ru: 'Мадина Оспанова', kk: 'Мадина Оспанова' },
      bio: 'Madina translates Russian-language reporting into English for the international edition.',
    },
    {
      slug: 'pavel-lebedev',
      name: 'Pavel Lebedev',
      names: { ru: 'Павел Лебедев', kk: 'Павел Лебедев' },
      bio: 'Pavel translates English-language stories into Russian and edits the Russian-language home page.',
    },
    {
      slug: 'natalya-grishina',
      name: 'Natalya Grishina',
      names: { ru: 'Наталья Гришина', kk: 'Наталья Гришина' },
      bio: 'Natalya is a political correspondent at the partner outlet Vecherny Trakt, writing in Russian.',
    },
    {
      slug: 'irina-shevchuk',
      name: 'Irina Shevchuk',
      names: { ru: 'Ирина Шевчук', kk: 'Ирина Шевчук' },
      bio: 'Irina is the managing editor of Masthead Demo and edits long reads and partner adaptations.',
    },
    {
      slug: 'alibek-nurlanov',
      name: 'Alibek Nurlanov',
      names: { ru: 'Алибек Нурланов', kk: 'Әлібек Нұрланов' },
      bio: 'Alibek is a staff photographer who has documented the region\u2019s cities and steppe for a decade.',
    },
    {
      slug: 'gulnar-yesenova',
      name: 'Gulnar Yesenova',
      names: { ru: 'Гульнар Есенова', kk: 'Гүлнар Есенова' },
      bio: 'Gulnar is a transport and trade reporter at the partner outlet Steppe Courier.',
    },
    {
      slug: 'nurbol-kaliev',
      name: 'Nurbol Kaliev',
      names: { ru: 'Нурбол Калиев', kk: 'Нұрбол Қалиев' },
      bio: 'Nurbol writes about local history and archives for the Kazakh-language partner Dala Habar.',
    },
  ],

  partners: [
    {
      key: 'vecherny-trakt',
      name: 'Vecherny Trakt',
      url: 'https://vecherny-trakt.example',
      locale: 'ru',
      licence:
        'Content-sharing agreement: Masthead Demo may translate and republish Vecherny Trakt articles in full, with the original author credited and a link to the original; no resale to third parties.',
    },
    {
      key: 'steppe-courier',
      name: 'Steppe Courier',
      url: 'https://steppe-courier.example',
      locale: 'en',
      licence:
        'Republication permitted with attribution ("First published by Steppe Courier") and a link back; headlines may be shortened, facts may not be changed.',
    },
    {
      key: 'dala-habar',
      name: 'Dala Habar',
      url: 'https://dala-habar.example',
      locale: 'kk',
      licence:
        'Kazakh-language articles may be translated into Russian and English for non-commercial republication with a credit to Dala Habar and the original author.',
    },
  ],

  images: [
    { key: 'kokterek-palace', width: 1200, height: 675, hue: 212, motif: 'city' },
    { key: 'steppe-road', width: 1200, height: 675, hue: 38, motif: 'hills' },
    { key: 'caspian-shore', width: 1200, height: 675, hue: 194, motif: 'sea' },
    { key: 'metro-platform', width: 1200, height: 675, hue: 276, motif: 'city' },
    { key: 'data-grid', width: 1200, height: 675, hue: 150, motif: 'grid' },
    { key: 'artist-portrait', width: 1200, height: 675, hue: 14, motif: 'portrait' },
    { key: 'glacier-ridge', width: 1200, height: 675, hue: 188, motif: 'hills' },
    { key: 'orchard-hills', width: 1200, height: 675, hue: 96, motif: 'hills' },
    { key: 'night-market', width: 1200, height: 675, hue: 332, motif: 'city' },
  ],

  stories: [
    // ---------------------------------------------------------------------------------------------------------
    // The one story shaped like the seed page: a partner's Russian original and our English adaptation.
    {
      key: 'summit-joint-statement',
      section: 'world',
      daysAgo: 1,
      hour: 10,
      versions: [
        {
          locale: 'ru',
          headline: 'Сарыдала и Валдия подписали совместное заявление о торговле, транспорте и воде',
          deck: 'Президенты двух стран провели переговоры в Коктереке и договорились о новой железной дороге, общей энергосистеме и квотах на воду Тобыргана.',
          dateline: 'КОКТЕРЕК',
          tags: ['саммит', 'Валдия', 'торговля', 'водные ресурсы'],
          contributors: [{ slug: 'natalya-grishina', role: 'original_author' }],
          source: {
            partner: 'vecherny-trakt',
            url: 'https://vecherny-trakt.example/politika/sarydala-i-valdiya-podpisali-sovmestnoe-zayavlenie',
            headline: 'Сарыдала и Валдия подписали совместное заявление о торговле, транспорте и воде',
            locale: 'ru',
          },
          hero: {
            image: 'kokterek-palace',
            alt: 'Два президента пожимают друг другу руки на фоне флагов в зале переговоров',
            caption: 'Серик Темирханов и Арсений Вельминов на церемонии подписания в Коктереке.',
            credit: 'Скриншот: видео пресс-службы президента Сарыдалы.',
          },
          body: `В Коктереке завершились переговоры на высшем уровне между Республикой Сарыдала и Валдийской Федерацией. Президент Сарыдалы Серик Темирханов и президент Валдии Арсений Вельминов подписали девять межправительственных соглашений, а на сайте администрации президента Сарыдалы опубликовано совместное заявление двух стран.

Документ объёмом 14 страниц касается торговли, транспорта, энергетики, водных ресурсов, безопасности на границе и гуманитарных связей.

## Товарооборот к 2030 году

Стороны намерены довести взаимный товарооборот до 12 млрд долларов к 2030 году — почти вдвое больше нынешнего уровня. Для этого они обязуются «увеличить долю продукции с высокой добавленной стоимостью и отказаться от избыточных нетарифных ограничений».

Среди приоритетных товаров названы зерно, удобрения, строительные материалы и лекарства.

## Новая железная дорога

Главный инфраструктурный проект — железнодорожная линия Коктерек — Валдоград протяжённостью 840 километров. По словам сторон, она «сократит путь грузов к каспийским портам почти на двое суток».

Технико-экономическое обоснование должно быть готово к концу следующего года, строительство начнётся не раньше 2027 года.

## Общая энергосистема

Правительствам поручено подготовить соглашение о параллельной работе энергосистем и создать «совместный диспетчерский центр, способный выравнивать нагрузку в часы пик».

Валдия также готова участвовать в переводе двух угольных ТЭЦ на севере Сарыдалы на газ.

## Вода Тобыргана

Самый подробный раздел заявления посвящён реке Тобырган, которая берёт начало в горах Валдии и питает водой юг Сарыдалы. Стороны обязуются «соблюдать согласованные квоты водозабора в вегетационный период и заблаговременно уведомлять друг друга о сбросах из водохранилищ».

Межгосударственная водная комиссия будет собираться не реже двух раз в год, а данные гидропостов на реке станут публиковаться в открытом доступе.

## Граница и безопасность

Пограничные службы двух стран начнут совместно патрулировать участки границы, где участились случаи контрабанды топлива и скота. В заявлении подчёркивается, что это сотрудничество «не направлено против третьих стран».

## Таможня и транзит

На пограничных переходах введут электронную очередь для грузовиков. По оценке сторон, на переходе Каражар время ожидания сократится с нынешних 30 часов до шести.

> «Водитель не должен ночевать в кабине ради одной печати», — заявил на пресс-конференции Серик Темирханов.

## Расчёты в национальных валютах

Центральные банки рассмотрят прямую конвертацию алтына и валдийской марки без посредничества третьих валют. Стороны рассчитывают, что «доля расчётов в национальных валютах превысит половину взаимной торговли к 2027 году».

## Культура и образование

Следующий год объявлен перекрёстным Годом культуры: театры и музеи двух стран обменяются гастролями и выставками. Вузы получат 500 взаимных стипендий в год, историки подготовят общее пособие по истории долины Тобыргана.

> «Наши народы знают друг друга по песням лучше, чем по статистике», — сказал Арсений Вельминов.

## Что дальше

Исполнение договорённостей будет контролировать межправительственная комиссия во главе с вице-премьерами. В течение трёх месяцев она должна утвердить «дорожную карту с конкретными сроками и ответственными». Следующий саммит пройдёт в Валдограде.`,
        },
        {
          locale: 'en',
          headline: 'Sarydala and Valdia Sign Joint Statement on Trade, Rail and Shared River Water',
          deck: 'The presidents of Sarydala and the Valdian Federation signed nine agreements and a joint statement on trade, transport, energy and water in Kokterek, reports Vecherny Trakt.',
          dateline: 'KOKTEREK',
          tags: ['summit', 'Valdia', 'trade', 'water'],
          contributors: [
            { slug: 'natalya-grishina', role: 'original_author' },
            { slug: 'madina-ospanova', role: 'translator' },
            { slug: 'irina-shevchuk', role: 'editor' },
          ],
          source: {
            partner: 'vecherny-trakt',
            url: 'https://vecherny-trakt.example/politika/sarydala-i-valdiya-podpisali-sovmestnoe-zayavlenie',
            headline: 'Сарыдала и Валдия подписали совместное заявление о торговле, транспорте и воде',
            locale: 'ru',
          },
          hero: {
            image: 'kokterek-palace',
            alt: 'Two presidents shake hands in front of national flags in a conference hall',
            caption: 'Serik Temirkhanov and Arseny Velminov at the signing ceremony in Kokterek.',
            credit: 'Screenshot: regional government video.',
          },
          body: `Talks between the Republic of Sarydala and the Valdian Federation ended in Kokterek with President Serik Temirkhanov of Sarydala and President Arseny Velminov of Valdia signing nine intergovernmental agreements, reports Vecherny Trakt.

The two governments also released a 14-page joint statement, now posted on the Sarydala presidential administration's website. It ranges over trade, transport, energy, shared water, border security and cultural ties.

## A Trade Target for 2030

The two sides aim to raise mutual trade to $12 billion by 2030, nearly double today's level. To get there, they pledge to “increase the share of higher value-added goods and drop excessive non-tariff restrictions.”

Grain, fertiliser, building materials and medicines are named as priority goods.

## A New Rail Line

The centrepiece is an 840-kilometre railway from Kokterek to Valdograd, which the statement says will “cut nearly two days from the journey of freight to the Caspian ports.”

A feasibility study is due by the end of next year, and construction will not begin before 2027.

## Linking the Power Grids

The governments were told to draft an agreement on running their power systems in parallel and to set up “a joint dispatch centre able to balance demand at peak hours.”

Valdia also offered to help convert two coal-fired heat and power plants in northern Sarydala to gas.

## Water From the Tobyrgan

The most detailed section concerns the Tobyrgan River, which rises in Valdia's mountains and supplies southern Sarydala. Both sides undertake to “respect agreed water-withdrawal quotas during the growing season and give each other advance notice of releases from reservoirs.”

An interstate water commission will meet at least twice a year, and readings from the river's gauging stations will be published openly.

## Border Security

Border guards from both countries will patrol together along stretches where smuggling of fuel and livestock has increased. The statement stresses that the cooperation is “not directed against third countries.”

## Customs and Transit

Truck crossings will move to an electronic queue. The two sides estimate that waiting times at the Karazhar crossing will fall from about 30 hours to six.

> “A driver should not have to sleep in his cab for the sake of one stamp,” Temirkhanov told a news conference.

## Settling in National Currencies

The central banks will study direct conversion between the altyn and the Valdian mark without going through third currencies. The sides expect “settlements in national currencies to exceed half of mutual trade by 2027.”

## Culture and Education

Next year has been declared a cross Year of Culture, with theatres and museums exchanging tours and exhibitions. Universities will offer 500 exchange scholarships a year, and historians will write a joint textbook on the history of the Tobyrgan valley.

> “Our peoples know each other better through songs than through statistics,” Velminov said.

## What Happens Next

An intergovernmental commission led by the deputy prime ministers will oversee the agreements. Within three months it is to approve “a road map with concrete deadlines and named officials responsible.” The next summit will be held in Valdograd.`,
          corrections: [
            {
              hoursAfter: 6,
              text: 'An earlier version of this article misstated the length of the planned Kokterek–Valdograd railway as 480 kilometres; it is 840 kilometres. It has been corrected.',
            },
          ],
          delayMinutes: 300,
        },
      ],
    },

    // ---------------------------------------------------------------------------------------------------------
    // Stories in both languages.
    {
      key: 'almaty-metro-weekend-hours',
      section: 'society',
      daysAgo: 0,
      hour: 7,
      versions: [
        {
          locale: 'ru',
          headline: 'Метро Алматы будет работать почти до часа ночи по выходным',
          deck: 'С начала следующего месяца в ночь на субботу и воскресенье поезда будут ходить почти на час дольше. Эксперимент продлится полгода.',
          dateline: 'АЛМАТЫ',
          tags: ['транспорт', 'Алматы', 'метро'],
          contributors: [
            { slug: 'elena-voronina', role: 'author' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'metro-platform',
            alt: 'Пассажиры ждут поезд на освещённой платформе метро',
            caption: 'Вечером на станции «Райымбек батыра».',
            credit: 'Фото: Алибек Нурланов',
          },
          body: `Алматинский метрополитен продлит работу в ночь с пятницы на субботу и с субботы на воскресенье: последний поезд будет отправляться с конечных станций в 00:45. Сейчас метро закрывается в полночь.

В компании объясняют решение ростом пассажиропотока в вечерние часы. По данным перевозчика, после 22:00 пассажиров стало на 38% больше, чем год назад.

## Интервал — 15 минут

После 23:00 поезда будут ходить раз в 15 минут. Дополнительные смены машинистов и дежурных по станциям оплатит городской бюджет; в акимате оценивают расходы в 410 млн тенге за полгода.

> «Если через шесть месяцев ночные поезда окажутся полупустыми, мы честно вернём прежний график», — сказал заместитель директора метрополитена Ерболат Жумагулов.

## Что говорят пассажиры

Студентка Айым Нурпеисова работает официанткой в кафе на проспекте Абая и после вечерней смены обычно вызывает такси. «Дорога домой стоит почти столько же, сколько я зарабатываю за час», — говорит она.`,
        },
        {
          locale: 'en',
          headline: 'Almaty Metro to Run Until Nearly 1 a.m. on Weekends',
          deck: 'From next month, trains will run almost an hour later on Friday and Saturday nights in a six-month trial.',
          dateline: 'ALMATY',
          tags: ['transport', 'Almaty', 'metro'],
          contributors: [
            { slug: 'elena-voronina', role: 'author' },
            { slug: 'madina-ospanova', role: 'translator' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'metro-platform',
            alt: 'Passengers wait for a train on a brightly lit metro platform',
            caption: 'Evening at Raiymbek Batyr station.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `Almaty's metro will stay open later on Friday and Saturday nights, with the last trains leaving the end stations at 12:45 a.m. The system currently closes at midnight.

The operator says evening ridership is behind the change: after 10 p.m., passenger numbers are up 38% on a year ago.

## Trains Every 15 Minutes

After 11 p.m., trains will run every 15 minutes. The city budget will pay for the extra shifts of drivers and station staff, which the mayor's office puts at 410 million tenge for the six months.

> “If the night trains turn out to be half-empty after six months, we will honestly go back to the old timetable,” said Yerbolat Zhumagulov, the metro's deputy director.

## What Riders Say

Aiym Nurpeisova, a student who waits tables at a café on Abai Avenue, usually takes a taxi home after her evening shift. “The ride home costs almost as much as I earn in an hour,” she said.`,
          delayMinutes: 85,
        },
      ],
    },
    {
      key: 'grain-rail-discount',
      section: 'economy',
      daysAgo: 2,
      hour: 10,
      versions: [
        {
          locale: 'en',
          headline: 'Grain Exporters Win Rail Freight Discount for the Autumn Season',
          deck: 'The national rail operator will cut tariffs on grain wagons heading to the Caspian ports by 15% until the end of December.',
          dateline: 'ASTANA',
          tags: ['grain', 'railways', 'exports'],
          contributors: [{ slug: 'daniyar-omarov', role: 'author' }],
          hero: {
            image: 'steppe-road',
            alt: 'A long freight train crosses flat golden steppe',
            caption: 'A grain train near Kostanay.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `Farmers and traders shipping grain west to the Caspian ports will pay 15% less for rail freight until the end of December, the national rail operator said on Monday.

@facts

The discount applies to hopper wagons loaded at elevators in the northern regions and bound for Aktau and Kuryk. It does not cover shipments to neighbouring countries by land.

@tariffs

## Why Now

A record harvest has left elevators short of space, and traders say the cost of moving grain to the coast has wiped out most of their margin on wheat sold abroad.

> “At last year's tariffs, a tonne of wheat lost money somewhere between Kostanay and the sea,” said Marat Iskakov, who chairs a grain exporters' association.

@pull

## The Cost

The operator estimates it will forgo about 9 billion tenge in revenue. It expects part of that to be made back by hauling an extra 1.2 million tonnes of grain that would otherwise stay in storage.

The operator announced the discount on its Telegram channel:

@announcement`,
          // Every body node the markup has no syntax for, so the page checks (HTML validity, accessibility) see them.
          blocks: {
            facts: {
              type: 'factBox',
              attrs: { title: 'What changes' },
              content: [
                {
                  type: 'bulletList',
                  content: [
                    {
                      type: 'listItem',
                      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rail freight for grain to Aktau and Kuryk: 15% cheaper' }] }],
                    },
                    { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'From Monday until 31 December' }] }] },
                    {
                      type: 'listItem',
                      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Not for land shipments to neighbouring countries' }] }],
                    },
                  ],
                },
              ],
            },
            tariffs: {
              type: 'table',
              content: [
                {
                  type: 'tableRow',
                  content: ['Route', 'Old tariff, tenge per tonne', 'New tariff, tenge per tonne'].map((text) => ({
                    type: 'tableHeader' as const,
                    content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
                  })),
                },
                {
                  type: 'tableRow',
                  content: ['Kostanay – Aktau', '18,400', '15,640'].map((text) => ({
                    type: 'tableCell' as const,
                    content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
                  })),
                },
                {
                  type: 'tableRow',
                  content: ['Petropavl – Kuryk', '21,100', '17,935'].map((text) => ({
                    type: 'tableCell' as const,
                    content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
                  })),
                },
              ],
            },
            pull: {
              type: 'pullQuote',
              attrs: { attribution: "Marat Iskakov, grain exporters' association" },
              content: [{ type: 'text', text: 'A tonne of wheat lost money somewhere between Kostanay and the sea.' }],
            },
            announcement: { type: 'embed', attrs: { url: 'https://t.me/steppe_rail_freight/1204', provider: 'telegram' } },
          },
        },
        {
          locale: 'ru',
          headline: 'Экспортёры зерна получат скидку на железнодорожные перевозки до конца года',
          deck: 'Национальный железнодорожный оператор до конца декабря снизит на 15% тариф на перевозку зерна к каспийским портам.',
          dateline: 'АСТАНА',
          tags: ['зерно', 'железная дорога', 'экспорт'],
          contributors: [
            { slug: 'daniyar-omarov', role: 'author' },
            { slug: 'pavel-lebedev', role: 'translator' },
          ],
          hero: {
            image: 'steppe-road',
            alt: 'Длинный грузовой поезд идёт через ровную золотистую степь',
            caption: 'Зерновой состав под Костанаем.',
            credit: 'Фото: Алибек Нурланов',
          },
          body: `Фермеры и трейдеры, которые везут зерно на запад, к каспийским портам, до конца декабря будут платить за перевозку по железной дороге на 15% меньше. Об этом в понедельник сообщил национальный железнодорожный оператор.

Скидка распространяется на вагоны-зерновозы, загруженные на элеваторах северных областей и следующие в Актау и Курык. На сухопутные поставки в соседние страны она не действует.

## Почему сейчас

После рекордного урожая на элеваторах не хватает места, а трейдеры жалуются, что расходы на доставку зерна к морю съедают почти всю прибыль от экспорта пшеницы.

> «При прошлогодних тарифах тонна пшеницы становилась убыточной где-то между Костанаем и морем», — говорит председатель ассоциации экспортёров зерна Марат Искаков.

## Во что это обойдётся

Оператор оценивает недополученную выручку примерно в 9 млрд тенге. Часть потерь рассчитывают компенсировать за счёт дополнительных 1,2 млн тонн зерна, которые иначе остались бы на хранении.`,
          delayMinutes: 95,
        },
      ],
    },
    {
      key: 'korzhyn-glacier-study',
      section: 'science',
      daysAgo: 3,
      hour: 9,
      versions: [
        {
          locale: 'en',
          headline: 'Korzhyn Glacier Has Lost a Fifth of Its Area Since 2000, Survey Finds',
          deck: 'Drone and satellite measurements show the glacier above Almaty retreating faster in the last five years than in the decade before.',
          dateline: 'ALMATY',
          tags: ['glaciers', 'climate', 'water'],
          contributors: [{ slug: 'ruslan-akhmetov', role: 'author' }],
          hero: {
            image: 'glacier-ridge',
            alt: 'A grey glacier tongue below jagged snowy peaks',
            caption: 'The lower edge of the Korzhyn glacier in late summer.',
            credit: 'Photo: Mountain Hydrology Lab',
          },
          body: `The Korzhyn glacier in the mountains south of Almaty has shrunk by 21% since 2000, according to a survey by the city's Mountain Hydrology Lab published this week.

The team combined archive satellite images with drone flights over the glacier this August, when the ice was least covered by snow.

## Faster Since 2019

Most of the loss is recent. Between 2000 and 2019 the glacier lost about 0.6% of its area a year; since then the rate has more than doubled, to 1.4%.

> “We used to talk about the glacier retreating. Now it is thinning from the top as well, and that is harder to reverse,” said Dina Kuanysheva, who led the survey.

## What It Means Downstream

Meltwater from Korzhyn and its neighbours feeds the small rivers that run through Almaty. The researchers say summer flows will rise for a while as the ice melts faster, then fall, and they urge the city to plan reservoirs and irrigation with that curve in mind.

The full dataset is available on the [lab's website](https://mountain-hydrology.example/korzhyn).`,
        },
        {
          locale: 'ru',
          headline: 'Ледник Коржын с 2000 года потерял пятую часть площади',
          deck: 'Съёмка с дронов и спутников показывает, что за последние пять лет ледник над Алматы отступает быстрее, чем в предыдущее десятилетие.',
          dateline: 'АЛМАТЫ',
          tags: ['ледники', 'климат', 'вода'],
          contributors: [
            { slug: 'ruslan-akhmetov', role: 'author' },
            { slug: 'pavel-lebedev', role: 'translator' },
          ],
          hero: {
            image: 'glacier-ridge',
            alt: 'Серый язык ледника под зубчатыми заснеженными вершинами',
            caption: 'Нижняя кромка ледника Коржын в конце лета.',
            credit: 'Фото: Лаборатория горной гидрологии',
          },
          body: `Ледник Коржын в горах к югу от Алматы с 2000 года уменьшился на 21%. Таковы результаты исследования городской Лаборатории горной гидрологии, опубликованного на этой неделе.

Учёные сопоставили архивные спутниковые снимки с данными полётов дронов над ледником в августе, когда лёд меньше всего покрыт снегом.

## Быстрее с 2019 года

Большая часть потерь пришлась на последние годы. С 2000 по 2019 год ледник терял около 0,6% площади в год, а с тех пор темпы выросли более чем вдвое — до 1,4%.

> «Раньше мы говорили, что ледник отступает. Теперь он ещё и истончается сверху, а это обратить гораздо труднее», — говорит руководитель исследования Дина Куанышева.

## Что это значит для города

Талая вода Коржына и соседних ледников питает небольшие реки, протекающие через Алматы. По словам исследователей, летом сток сначала будет расти, пока лёд тает быстрее, а затем начнёт падать. Они призывают городские власти учитывать это при планировании водохранилищ и орошения.

Все данные опубликованы на [сайте лаборатории](https://mountain-hydrology.example/korzhyn).`,
          delayMinutes: 180,
        },
      ],
    },
    {
      key: 'shymkent-water-tariff-freeze',
      section: 'society',
      daysAgo: 4,
      hour: 15,
      versions: [
        {
          locale: 'ru',
          headline: 'В Шымкенте заморозили тарифы на воду после жалоб жителей',
          deck: 'Городской водоканал отложил повышение тарифа на 24% до весны. Ещё до этого в приёмную акима поступило больше трёх тысяч обращений.',
          dateline: 'ШЫМКЕНТ',
          tags: ['тарифы', 'Шымкент', 'ЖКХ'],
          contributors: [{ slug: 'zhanna-tulegenova', role: 'author' }],
          hero: {
            image: 'night-market',
            alt: 'Вечерняя улица с многоэтажными домами и освещёнными окнами',
            caption: 'Жилой квартал в центре Шымкента.',
            credit: 'Фото: Алибек Нурланов',
          },
          body: `Водоканал Шымкента отказался от повышения тарифа на холодную воду, которое должно было вступить в силу с первого числа. Новые цены, выросшие бы на 24%, отложены как минимум до весны.

Решение приняли после того, как в приёмную акима города за две недели поступило более 3200 обращений. Многие жители жаловались, что напор в их домах не меняется годами, а платить предлагают больше.

## Трубам — сорок лет

Водоканал объясняет необходимость повышения износом сетей: по данным предприятия, почти половине водопроводов в городе больше сорока лет.

> «Мы не спорим с тем, что трубы нужно менять. Мы спорим с тем, что за это платят жители, а отчёта о потраченных деньгах никто не видел», — говорит активистка Гульмира Сейткалиева, собравшая подписи под обращением.

## Что дальше

До весны водоканал обещает опубликовать инвестиционную программу с перечнем улиц, где будут заменены трубы, и провести общественные слушания по новому тарифу.`,
        },
        {
          locale: 'en',
          headline: 'Shymkent Freezes Water Tariffs After Residents Complain',
          deck: 'The city water utility has put off a 24% price rise until spring after more than 3,000 complaints reached the mayor\u2019s office.',
          dateline: 'SHYMKENT',
          tags: ['utilities', 'Shymkent', 'tariffs'],
          contributors: [
            { slug: 'zhanna-tulegenova', role: 'author' },
            { slug: 'madina-ospanova', role: 'translator' },
          ],
          hero: {
            image: 'night-market',
            alt: 'An evening street of apartment blocks with lit windows',
            caption: 'A residential district in central Shymkent.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `Shymkent's water utility has dropped a rise in the cold-water tariff that was due to take effect at the start of the month. The new prices, 24% higher, have been postponed until spring at the earliest.

The decision followed more than 3,200 complaints to the mayor's office in two weeks. Many residents said the water pressure in their buildings had not improved in years, yet they were being asked to pay more.

## Forty-Year-Old Pipes

The utility says the increase is needed because its network is worn out: almost half of the city's water mains are more than forty years old.

> “We don't dispute that the pipes need replacing. We dispute that residents pay for it and nobody has seen a report on where the money went,” said Gulmira Seitkalieva, an activist who collected signatures for a petition.

## What Comes Next

Before spring, the utility has promised to publish an investment programme listing the streets where pipes will be replaced, and to hold public hearings on the new tariff.`,
          delayMinutes: 140,
        },
      ],
    },
    {
      key: 'steppe-light-festival',
      section: 'culture',
      daysAgo: 5,
      hour: 19,
      versions: [
        {
          locale: 'en',
          headline: 'Steppe Light Film Festival Opens With a Debut Shot on a Phone',
          deck: 'The festival\u2019s ninth edition opened in Almaty with a 70-minute feature filmed entirely on a smartphone by a 24-year-old director from Taraz.',
          dateline: 'ALMATY',
          tags: ['film', 'festivals', 'Almaty'],
          contributors: [{ slug: 'saule-bekova', role: 'author' }],
          hero: {
            image: 'artist-portrait',
            alt: 'A young director smiles on a stage in front of a red curtain',
            caption: 'Director Assel Mukanova at the opening night.',
            credit: 'Photo: Steppe Light festival',
          },
          body: `The ninth Steppe Light film festival opened in Almaty on Friday with *Water Carriers*, a debut feature by Assel Mukanova, 24, shot entirely on a smartphone over one summer in her home town of Taraz.

The 70-minute film follows two teenage brothers who deliver drinking water by cart to houses on the edge of the city. Most of the cast are non-professional actors from Mukanova's own street.

## A Festival for First Films

Steppe Light shows only first and second features. This year the selection committee watched 412 submissions from eleven countries and chose 18 for the competition.

> “We wanted an opening film that shows you don't need permission, or a big budget, to make cinema,” said the festival's programme director, Oleg Tsoi.

## Screenings

Screenings run until next Sunday at three cinemas and, for the first time, in an open-air courtyard in the old city centre. Tickets cost 1,500 tenge; students get in free on weekday afternoons.`,
        },
        {
          locale: 'ru',
          headline: 'Фестиваль «Свет степи» открылся дебютом, снятым на телефон',
          deck: 'Девятый фестиваль открылся в Алматы 70-минутным фильмом 24-летнего режиссёра из Тараза, целиком снятым на смартфон.',
          dateline: 'АЛМАТЫ',
          tags: ['кино', 'фестивали', 'Алматы'],
          contributors: [
            { slug: 'saule-bekova', role: 'author' },
            { slug: 'pavel-lebedev', role: 'translator' },
          ],
          hero: {
            image: 'artist-portrait',
            alt: 'Молодая женщина-режиссёр улыбается на сцене на фоне красного занавеса',
            caption: 'Режиссёр Асель Муканова на церемонии открытия.',
            credit: 'Фото: фестиваль «Свет степи»',
          },
          body: `В пятницу в Алматы открылся девятый кинофестиваль «Свет степи». Его открыл фильм «Водовозы» — дебют 24-летней Асель Мукановой, который она целиком сняла на смартфон за одно лето в родном Таразе.

В центре 70-минутной картины — двое братьев-подростков, которые развозят на тележке питьевую воду по домам на окраине города. Почти все роли сыграли непрофессиональные актёры, соседи режиссёра по улице.

## Фестиваль первых фильмов

В программу «Света степи» попадают только первые и вторые полнометражные работы. В этом году отборщики посмотрели 412 заявок из одиннадцати стран и отобрали в конкурс 18 фильмов.

> «Нам хотелось открыть фестиваль фильмом, который показывает: чтобы снимать кино, не нужно ни разрешения, ни большого бюджета», — говорит программный директор фестиваля Олег Цой.

## Показы

Показы пройдут до следующего воскресенья в трёх кинотеатрах и впервые — в открытом дворе в старом центре города. Билет стоит 1500 тенге, студенты в будние дни днём проходят бесплатно.`,
          delayMinutes: 60,
        },
      ],
    },
    {
      key: 'media-accreditation-bill',
      section: 'politics',
      daysAgo: 6,
      hour: 12,
      versions: [
        {
          locale: 'en',
          headline: 'Draft Law Would Let Ministries Revoke Journalists\u2019 Accreditation',
          deck: 'A bill before parliament allows any government body to withdraw a reporter\u2019s pass for \u201cinaccurate coverage\u201d; media groups say the wording is dangerously vague.',
          dateline: 'ASTANA',
          tags: ['media', 'parliament', 'press freedom'],
          contributors: [
            { slug: 'aigerim-sadykova', role: 'author' },
            { slug: 'irina-shevchuk', role: 'editor' },
          ],
          hero: {
            image: 'data-grid',
            alt: 'Rows of empty seats in a parliamentary press gallery',
            caption: 'The press gallery of the lower house.',
            credit: 'Photo: Masthead Demo',
          },
          body: `A draft law submitted to the lower house of parliament would allow ministries and other government bodies to strip journalists of their accreditation for what it calls “repeated inaccurate coverage of the body's activities.”

The bill, drafted by the information ministry, was published for public comment on Tuesday. It would replace the current rules, under which a pass can be withdrawn only by a court.

## What the Bill Says

- A government body could revoke accreditation after two written warnings.
- The journalist could appeal, but the pass would stay suspended during the appeal.
- Foreign media would need to re-accredit every year instead of every three years.

## Criticism

Media organisations say the bill does not define what counts as inaccurate.

> “Under this wording, a ministry decides which stories about itself are true. That is not regulation, it is editing,” said Zarina Abdrakhmanova of the regional Journalists' Union.

The information ministry says the bill is meant to “raise professional standards” and that it will consider all comments before the draft goes to a first reading. Comments can be submitted until the end of the month.`,
        },
        {
          locale: 'ru',
          headline: 'Законопроект позволит министерствам лишать журналистов аккредитации',
          deck: 'Документ, внесённый в парламент, разрешает любому госоргану отзывать аккредитацию за «недостоверное освещение». Медиаорганизации считают формулировку опасно расплывчатой.',
          dateline: 'АСТАНА',
          tags: ['СМИ', 'парламент', 'свобода прессы'],
          contributors: [
            { slug: 'aigerim-sadykova', role: 'author' },
            { slug: 'pavel-lebedev', role: 'translator' },
            { slug: 'irina-shevchuk', role: 'editor' },
          ],
          hero: {
            image: 'data-grid',
            alt: 'Ряды пустых кресел на балконе для прессы в парламенте',
            caption: 'Балкон для прессы в нижней палате.',
            credit: 'Фото: Masthead Demo',
          },
          body: `Законопроект, внесённый в нижнюю палату парламента, позволит министерствам и другим госорганам лишать журналистов аккредитации за «неоднократное недостоверное освещение деятельности органа».

Документ, подготовленный министерством информации, во вторник вынесен на публичное обсуждение. Он должен заменить действующие правила, по которым аккредитацию может отозвать только суд.

## Что предлагается

- Госорган сможет отозвать аккредитацию после двух письменных предупреждений.
- Журналист вправе обжаловать решение, но на время обжалования аккредитация будет приостановлена.
- Иностранным СМИ придётся проходить аккредитацию ежегодно, а не раз в три года.

## Критика

Медиаорганизации указывают, что в законопроекте не объясняется, что считать недостоверным.

> «При такой формулировке министерство само решает, какие материалы о нём правдивы. Это не регулирование, а редактура», — говорит Зарина Абдрахманова из регионального Союза журналистов.

В министерстве информации утверждают, что законопроект призван «повысить профессиональные стандарты», и обещают рассмотреть все замечания до первого чтения. Отзывы принимаются до конца месяца.`,
          delayMinutes: 210,
        },
      ],
    },
    {
      key: 'dzungar-gate-wind-farm',
      section: 'economy',
      daysAgo: 7,
      hour: 11,
      versions: [
        {
          locale: 'ru',
          headline: 'Ветропарк у Джунгарских ворот выдал первую энергию в сеть',
          deck: 'Станция мощностью 150 МВт начала работу в одном из самых ветреных мест региона. Инвесторы обещают выйти на полную мощность к весне.',
          dateline: 'ТАЛДЫКОРГАН',
          tags: ['энергетика', 'ветроэнергетика', 'инвестиции'],
          contributors: [
            { slug: 'daniyar-omarov', role: 'author' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'steppe-road',
            alt: 'Ряд ветрогенераторов на фоне гор и облачного неба',
            caption: 'Первые турбины у Джунгарских ворот.',
            credit: 'Фото: Алибек Нурланов',
          },
          body: `Ветровая электростанция у Джунгарских ворот на востоке региона начала поставлять электроэнергию в сеть. Из 40 турбин запущены первые 12, остальные обещают подключить до весны.

Проектная мощность станции — 150 МВт. Этого хватит примерно на 200 тысяч домохозяйств, подсчитали в компании-операторе.

## Ветер, который мешал всем

Джунгарские ворота — горный проход, где сильный ветер дует больше трёхсот дней в году. Местные жители привыкли к тому, что он срывает крыши и валит столбы.

> «Впервые этот ветер на нас работает, а не против нас», — сказал аким района Нуржан Сапаров на церемонии запуска.

## Кто платит

Проект стоимостью около 210 млн долларов финансирует консорциум из местной энергокомпании и двух международных банков развития. Государство гарантировало покупку электроэнергии по фиксированной цене в течение 15 лет.

## Узкое место — сети

Энергетики предупреждают, что существующая линия электропередачи на запад уже загружена. Без её расширения станция не сможет работать на полную мощность в ветреные дни.`,
        },
        {
          locale: 'en',
          headline: 'Wind Farm at the Dzungarian Gate Delivers Its First Power to the Grid',
          deck: 'The 150 MW plant has started generating in one of the windiest places in the region, and its investors expect it to reach full capacity by spring.',
          dateline: 'TALDYKORGAN',
          tags: ['energy', 'wind power', 'investment'],
          contributors: [
            { slug: 'daniyar-omarov', role: 'author' },
            { slug: 'zhanna-tulegenova', role: 'translator' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'steppe-road',
            alt: 'A row of wind turbines against mountains and a cloudy sky',
            caption: 'The first turbines at the Dzungarian Gate.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `A wind farm at the Dzungarian Gate in the east of the region has begun supplying electricity to the grid. Twelve of its 40 turbines are running, and the rest are due to be connected by spring.

The plant is designed for 150 MW, enough for about 200,000 households, according to its operator.

## A Wind That Used to Be a Nuisance

The Dzungarian Gate is a mountain pass where strong winds blow more than 300 days a year. Residents are used to them tearing off roofs and knocking down power poles.

> “For the first time this wind is working for us instead of against us,” district governor Nurzhan Saparov said at the launch.

## Who Pays

The project, worth about $210 million, is financed by a consortium of a local power company and two international development banks. The state has guaranteed to buy its electricity at a fixed price for 15 years.

## The Bottleneck Is the Grid

Engineers warn that the existing transmission line to the west is already near capacity. Unless it is expanded, the plant will not be able to run at full output on windy days.`,
          delayMinutes: 120,
        },
      ],
    },
    {
      key: 'caspian-ferry-relaunch',
      section: 'world',
      daysAgo: 8,
      hour: 14,
      versions: [
        {
          locale: 'en',
          headline: 'Passenger Ferry Across the Caspian Returns After Four Years',
          deck: 'A weekly sailing between Aktau and Baku resumes next month, with cabins for 120 passengers and deck space for 40 trucks.',
          dateline: 'AKTAU',
          tags: ['Caspian', 'transport', 'ferries'],
          contributors: [{ slug: 'timur-kassymov', role: 'author' }],
          hero: {
            image: 'caspian-shore',
            alt: 'A white ferry moored at a quay under a pale blue sky',
            caption: 'The ferry at the port of Aktau during sea trials.',
            credit: 'Photo: Aktau Sea Port',
          },
          body: `A passenger ferry between Aktau and Baku will resume weekly sailings next month after a four-year break, the port of Aktau said.

The ship, refitted over the past year, has cabins for 120 passengers and room for 40 trucks. The crossing takes about 20 hours.

## Tickets

A berth in a four-person cabin will cost about $90 one way; a two-person cabin, about $140. Tickets go on sale online two weeks before the first sailing. Passengers will need a valid passport and, for drivers, the usual transit documents for their cargo.

## Why It Matters

Until now, travellers without a truck or a rail ticket had no regular way to cross the Caspian by sea. Tour operators hope the route will attract cyclists and overland travellers who currently fly between the two shores.

> “We get letters every week from people who want to cross the sea by bicycle. Now we can finally sell them a ticket,” said Aidana Zhakupova, who runs a travel agency in Aktau.`,
        },
        {
          locale: 'ru',
          headline: 'Пассажирский паром через Каспий вернётся спустя четыре года',
          deck: 'Еженедельный рейс между Актау и Баку возобновится в следующем месяце. На борту — каюты на 120 пассажиров и места для 40 грузовиков.',
          dateline: 'АКТАУ',
          tags: ['Каспий', 'транспорт', 'паромы'],
          contributors: [
            { slug: 'timur-kassymov', role: 'author' },
            { slug: 'pavel-lebedev', role: 'translator' },
          ],
          hero: {
            image: 'caspian-shore',
            alt: 'Белый паром у причала под бледно-голубым небом',
            caption: 'Паром в порту Актау во время ходовых испытаний.',
            credit: 'Фото: морской порт Актау',
          },
          body: `Пассажирский паром между Актау и Баку после четырёхлетнего перерыва снова будет ходить раз в неделю. Первый рейс запланирован на следующий месяц, сообщили в порту Актау.

Судно, которое весь прошлый год было на ремонте, вмещает 120 пассажиров в каютах и 40 грузовиков. Переход занимает около 20 часов.

## Билеты

Место в четырёхместной каюте обойдётся примерно в 90 долларов в одну сторону, в двухместной — около 140. Продажа билетов на сайте откроется за две недели до первого рейса. Пассажирам понадобится действующий загранпаспорт, водителям — обычные транзитные документы на груз.

## Почему это важно

До сих пор у путешественников без грузовика или билета на поезд не было регулярной возможности пересечь Каспий по морю. Туроператоры надеются, что маршрут привлечёт велосипедистов и любителей путешествий по суше, которые сейчас перелетают с берега на берег.

> «Каждую неделю нам пишут люди, которые хотят пересечь море на велосипеде. Теперь мы наконец сможем продать им билет», — говорит Айдана Жакупова, владелица турагентства в Актау.`,
          delayMinutes: 45,
        },
      ],
    },
    {
      key: 'karaganda-school-meals',
      section: 'society',
      daysAgo: 10,
      hour: 8,
      versions: [
        {
          locale: 'ru',
          headline: 'В Караганде всем младшим школьникам дадут бесплатный горячий обед',
          deck: 'Пилотная программа охватит 46 школ. Родители, которые сейчас платят за питание, сэкономят около 12 тысяч тенге в месяц.',
          dateline: 'КАРАГАНДА',
          tags: ['образование', 'Караганда', 'дети'],
          contributors: [{ slug: 'elena-voronina', role: 'author' }],
          hero: {
            image: 'night-market',
            alt: 'Дети с подносами в светлой школьной столовой',
            caption: 'Обед в одной из школ, участвующих в программе.',
            credit: 'Фото: управление образования Карагандинской области',
          },
          body: `Со следующей четверти все ученики первых–четвёртых классов в 46 школах Караганды будут получать бесплатный горячий обед. Сейчас бесплатно кормят только детей из малообеспеченных семей.

Программа рассчитана на год и обойдётся областному бюджету примерно в 3,8 млрд тенге. Если она себя оправдает, её распространят на остальные школы области.

## Без списков и справок

Главное изменение, по словам организаторов, — отказ от справок о доходах. Раньше родителям приходилось ежегодно собирать документы, и многие семьи, имевшие право на бесплатное питание, его не получали.

> «Ребёнок не должен знать, кто из одноклассников ест бесплатно, а кто за деньги. Теперь едят все одинаково», — говорит директор школы № 38 Светлана Ким.

## Меню проверят родители

В каждой школе создадут родительскую комиссию, которая сможет без предупреждения приходить в столовую и пробовать блюда. Меню будут публиковать на сайтах школ каждую неделю.`,
        },
        {
          locale: 'en',
          headline: 'All Younger Pupils in Karaganda to Get Free Hot Lunches',
          deck: 'A pilot programme covers 46 schools; parents who now pay for meals will save about 12,000 tenge a month.',
          dateline: 'KARAGANDA',
          tags: ['education', 'Karaganda', 'children'],
          contributors: [
            { slug: 'elena-voronina', role: 'author' },
            { slug: 'madina-ospanova', role: 'translator' },
          ],
          hero: {
            image: 'night-market',
            alt: 'Children holding trays in a bright school canteen',
            caption: 'Lunch at one of the schools in the programme.',
            credit: 'Photo: Karaganda regional education department',
          },
          body: `From next term, every pupil in grades one to four at 46 schools in Karaganda will get a free hot lunch. At present only children from low-income families eat for free.

The programme will run for a year and cost the regional budget about 3.8 billion tenge. If it works, it will be extended to the rest of the region's schools.

## No Lists, No Certificates

The biggest change, the organisers say, is scrapping income certificates. Parents used to have to gather documents every year, and many families entitled to free meals never received them.

> “A child shouldn't know which classmates eat for free and which pay. Now everyone eats the same,” said Svetlana Kim, head of School No. 38.

## Parents Will Check the Menu

Each school will set up a parents' committee that can walk into the canteen unannounced and taste the food. Menus will be posted on school websites every week.`,
          delayMinutes: 240,
        },
      ],
    },
    {
      key: 'student-cubesat-launch',
      section: 'science',
      daysAgo: 12,
      hour: 13,
      versions: [
        {
          locale: 'en',
          headline: 'Students\u2019 Shoebox Satellite Sends Its First Signal From Orbit',
          deck: 'A 10-centimetre cubesat built by engineering students in Almaty was launched as a secondary payload and has begun transmitting temperature data.',
          dateline: 'ALMATY',
          tags: ['space', 'students', 'satellites'],
          contributors: [{ slug: 'ruslan-akhmetov', role: 'author' }],
          hero: {
            image: 'data-grid',
            alt: 'A small metal cube with solar panels on a laboratory bench',
            caption: 'The satellite before it was shipped for launch.',
            credit: 'Photo: university space club',
          },
          body: `A satellite the size of a shoebox, built by a university space club in Almaty, sent its first signal from orbit early on Thursday, the team said.

The cubesat, called *Qarlygash* (“swallow”), weighs 1.3 kg and was launched as a secondary payload alongside a commercial satellite. Its job is modest: to measure temperatures inside and outside its own casing and send them down to a ground station on the university's roof.

## Two Years, Forty Students

About forty students worked on the project over two years, most of them in their spare time. The parts cost about $30,000, raised from the university, two local companies and a crowdfunding campaign.

> “The first beep came through at 4:12 in the morning. Half of us were asleep on the lab floor,” said Arman Seitov, the project's student lead.

## Listen In

Radio amateurs can receive the satellite's beacon on the 435 MHz band. The team publishes the decoded data and the pass times on the [club's page](https://space-club.example/qarlygash).`,
        },
        {
          locale: 'ru',
          headline: 'Студенческий спутник размером с коробку для обуви вышел на связь с орбиты',
          deck: 'Десятисантиметровый кубсат, собранный студентами в Алматы, запущен попутной нагрузкой и уже передаёт данные о температуре.',
          dateline: 'АЛМАТЫ',
          tags: ['космос', 'студенты', 'спутники'],
          contributors: [
            { slug: 'ruslan-akhmetov', role: 'author' },
            { slug: 'zhanna-tulegenova', role: 'translator' },
          ],
          hero: {
            image: 'data-grid',
            alt: 'Небольшой металлический куб с солнечными панелями на лабораторном столе',
            caption: 'Спутник перед отправкой на космодром.',
            credit: 'Фото: университетский космический клуб',
          },
          body: `Спутник размером с обувную коробку, который собрали участники университетского космического клуба в Алматы, в четверг рано утром впервые вышел на связь с орбиты.

Кубсат «Карлыгаш» («ласточка») весит 1,3 кг и был выведен на орбиту попутной нагрузкой вместе с коммерческим спутником. Задача у него скромная: измерять температуру внутри и снаружи корпуса и передавать данные на наземную станцию на крыше университета.

## Два года и сорок студентов

Над проектом два года работали около сорока студентов, в основном в свободное время. Детали обошлись примерно в 30 тысяч долларов — их выделили университет, две местные компании и участники краудфандинговой кампании.

> «Первый сигнал пришёл в 4:12 утра. Половина из нас спала прямо на полу лаборатории», — рассказывает студент Арман Сеитов, руководитель проекта.

## Как услышать спутник

Радиолюбители могут принимать маяк спутника в диапазоне 435 МГц. Расшифрованные данные и время пролётов команда публикует на [странице клуба](https://space-club.example/qarlygash).`,
          delayMinutes: 150,
        },
      ],
    },
    {
      key: 'dombra-museum-reopens',
      section: 'culture',
      daysAgo: 14,
      hour: 17,
      versions: [
        {
          locale: 'ru',
          headline: 'Музей народных инструментов открылся после реставрации с домбрами XIX века',
          deck: 'После трёх лет ремонта в экспозиции появились 60 восстановленных инструментов, а в залах теперь можно послушать, как они звучат.',
          dateline: 'АЛМАТЫ',
          tags: ['музеи', 'музыка', 'реставрация'],
          contributors: [
            { slug: 'saule-bekova', role: 'author' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'artist-portrait',
            alt: 'Реставратор держит старинную домбру с резной декой',
            caption: 'Реставратор Канат Есимов с одной из восстановленных домбр.',
            credit: 'Фото: Алибек Нурланов',
          },
          body: `Музей народных музыкальных инструментов в Алматы снова открылся для посетителей после трёхлетней реставрации. В обновлённой экспозиции — 60 отреставрированных инструментов, в том числе домбры и кобызы XIX века, которые десятилетиями хранились в запасниках.

## Звук вместо таблички

Рядом с каждой витриной установлены наушники: можно услышать, как звучит инструмент. Записи сделали музыканты консерватории на самих экспонатах после реставрации.

> «Инструмент, который молчит за стеклом, — это полдела. Нам хотелось, чтобы люди услышали голос мастера, сделавшего его полтора века назад», — говорит реставратор Канат Есимов.

## Что ещё изменилось

- Залы стали доступны для посетителей на колясках: появились пандус и лифт.
- Подписи к экспонатам сделаны на казахском, русском и английском языках.
- По субботам проходят бесплатные мастер-классы для детей.

Вход для школьников бесплатный, для взрослых — 800 тенге.`,
        },
        {
          locale: 'en',
          headline: 'Folk Instrument Museum Reopens With Restored 19th-Century Dombras',
          deck: 'After three years of renovation, 60 restored instruments are on display, and visitors can now hear how they sound.',
          dateline: 'ALMATY',
          tags: ['museums', 'music', 'restoration'],
          contributors: [
            { slug: 'saule-bekova', role: 'author' },
            { slug: 'madina-ospanova', role: 'translator' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'artist-portrait',
            alt: 'A restorer holds an antique dombra with a carved soundboard',
            caption: 'Restorer Kanat Yesimov with one of the restored dombras.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `Almaty's Museum of Folk Musical Instruments has reopened after a three-year restoration. The new display includes 60 restored instruments, among them 19th-century dombras and kobyzes that spent decades in storage.

## Sound Instead of a Label

Every display case has headphones so visitors can hear the instrument inside it. Musicians from the conservatory recorded the sounds on the exhibits themselves once they had been restored.

> “An instrument that sits silent behind glass is only half the story. We wanted people to hear the voice of the craftsman who made it a century and a half ago,” said restorer Kanat Yesimov.

## What Else Has Changed

- The halls are now accessible to wheelchair users, with a ramp and a lift.
- Labels are in Kazakh, Russian and English.
- Free workshops for children are held on Saturdays.

Entry is free for schoolchildren and 800 tenge for adults.`,
          delayMinutes: 300,
        },
      ],
    },
    {
      key: 'regional-budget-transfers',
      section: 'politics',
      daysAgo: 16,
      hour: 10,
      versions: [
        {
          locale: 'en',
          headline: 'Finance Ministry Rewrites the Formula for Regional Budget Transfers',
          deck: 'Regions that raise more of their own taxes will keep a larger share of them, under a new formula the government says will reward growth rather than need.',
          dateline: 'ASTANA',
          tags: ['budget', 'regions', 'government'],
          contributors: [{ slug: 'aigerim-sadykova', role: 'author' }],
          hero: {
            image: 'kokterek-palace',
            alt: 'A government building with a glass dome under a clear sky',
            caption: 'The finance ministry building in Astana.',
            credit: 'Photo: Masthead Demo',
          },
          body: `The finance ministry has proposed a new formula for the transfers that move money from richer regions to poorer ones, the biggest change to the system in more than a decade.

Under the draft, a region that increases its own tax revenue will keep 40% of the increase instead of handing almost all of it back to the national budget.

## Winners and Losers

Oil-producing western regions and the two largest cities stand to gain the most. Several agricultural regions in the north and south, which depend on transfers for more than half their budgets, fear they will lose out.

> “A formula that rewards growth is fine, if everyone starts from the same line. We don't,” said Yerlan Baigaliyev, deputy governor of one of the northern regions.

## A Transition Period

The ministry says no region will receive less in cash terms than this year during a three-year transition. The draft will be discussed with regional governors before it goes to parliament in the spring session.`,
        },
        {
          locale: 'ru',
          headline: 'Минфин меняет формулу распределения трансфертов между регионами',
          deck: 'Регионы, которые собирают больше собственных налогов, смогут оставлять себе большую их часть. В правительстве говорят, что формула будет поощрять рост, а не бедность.',
          dateline: 'АСТАНА',
          tags: ['бюджет', 'регионы', 'правительство'],
          contributors: [
            { slug: 'aigerim-sadykova', role: 'author' },
            { slug: 'pavel-lebedev', role: 'translator' },
          ],
          hero: {
            image: 'kokterek-palace',
            alt: 'Здание правительства со стеклянным куполом под ясным небом',
            caption: 'Здание министерства финансов в Астане.',
            credit: 'Фото: Masthead Demo',
          },
          body: `Министерство финансов предложило новую формулу трансфертов, по которой деньги перераспределяются от более богатых регионов к бедным. Это самое серьёзное изменение системы более чем за десять лет.

Согласно проекту, регион, увеличивший собственные налоговые поступления, сможет оставить себе 40% прироста, а не отдавать почти всё в республиканский бюджет.

## Кто выиграет, а кто проиграет

Больше всего получат нефтедобывающие западные области и два крупнейших города. В ряде аграрных областей на севере и юге, где трансферты составляют больше половины бюджета, опасаются потерь.

> «Формула, которая поощряет рост, — это хорошо, если все стартуют с одной линии. А мы стартуем с разных», — говорит заместитель акима одной из северных областей Ерлан Байгалиев.

## Переходный период

В министерстве обещают, что в течение трёхлетнего переходного периода ни один регион не получит в денежном выражении меньше, чем в этом году. Проект обсудят с акимами областей, а затем внесут в парламент в весеннюю сессию.`,
          delayMinutes: 120,
        },
      ],
    },
    {
      key: 'aport-apple-harvest',
      section: 'economy',
      daysAgo: 21,
      hour: 9,
      versions: [
        {
          locale: 'en',
          headline: 'Growers Bring In the Biggest Aport Apple Harvest in Two Decades',
          deck: 'Orchards in the Almaty foothills expect about 18,000 tonnes of the famous red apple, but cold storage is already full.',
          dateline: 'ALMATY',
          tags: ['agriculture', 'apples', 'Almaty region'],
          contributors: [
            { slug: 'daniyar-omarov', role: 'author' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'orchard-hills',
            alt: 'Baskets of large red apples between rows of trees on a hillside',
            caption: 'Picking Aport apples in the foothills near Almaty.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `Orchards in the foothills around Almaty are bringing in their biggest crop of Aport apples in twenty years, the regional growers' association said. It expects about 18,000 tonnes of the large red variety, up from 11,000 last season.

## Young Orchards Come of Age

Most of the increase comes from orchards planted under a subsidy programme eight years ago, which are now bearing fully for the first time. A mild spring without late frosts did the rest.

## Nowhere to Put Them

The bumper crop has exposed a shortage of cold storage. Growers say refrigerated warehouses in the region are already full, and apples that cannot be stored will have to be sold quickly, at lower prices, or turned into juice.

> “A good harvest should be a celebration. This year it is a race against the calendar,” said Bolat Mukhametzhanov, who grows Aport on 12 hectares near Talgar.

The association has asked the regional government to speed up subsidies for three new storage facilities.`,
        },
        {
          locale: 'ru',
          headline: 'Садоводы собирают самый большой урожай апорта за двадцать лет',
          deck: 'Сады в предгорьях Алматы ждут около 18 тысяч тонн знаменитого красного яблока, но холодильники уже заполнены.',
          dateline: 'АЛМАТЫ',
          tags: ['сельское хозяйство', 'яблоки', 'Алматинская область'],
          contributors: [
            { slug: 'daniyar-omarov', role: 'author' },
            { slug: 'zhanna-tulegenova', role: 'translator' },
            { slug: 'alibek-nurlanov', role: 'photographer' },
          ],
          hero: {
            image: 'orchard-hills',
            alt: 'Корзины с крупными красными яблоками между рядами деревьев на склоне',
            caption: 'Сбор апорта в предгорьях под Алматы.',
            credit: 'Фото: Алибек Нурланов',
          },
          body: `Сады в предгорьях вокруг Алматы собирают самый большой за двадцать лет урожай апорта, сообщила областная ассоциация садоводов. Ожидается около 18 тысяч тонн крупных красных яблок против 11 тысяч в прошлом сезоне.

## Молодые сады вошли в силу

Основной прирост дали сады, заложенные восемь лет назад по программе субсидирования: в этом году они впервые плодоносят в полную силу. Остальное довершила мягкая весна без поздних заморозков.

## Хранить негде

Рекордный урожай обнажил нехватку холодильных складов. По словам садоводов, холодильники в области уже заполнены, и яблоки, которые негде хранить, придётся быстро продавать дешевле или пускать на сок.

> «Хороший урожай должен быть праздником. А в этом году это гонка с календарём», — говорит Болат Мухаметжанов, который выращивает апорт на 12 гектарах под Талгаром.

Ассоциация попросила областные власти ускорить выделение субсидий на строительство трёх новых хранилищ.`,
          delayMinutes: 200,
        },
      ],
    },

    // ---------------------------------------------------------------------------------------------------------
    // English-only stories.
    {
      key: 'ombudsman-utility-complaints',
      section: 'politics',
      daysAgo: 0,
      hour: 14,
      versions: [
        {
          locale: 'en',
          headline: 'Ombudsman Reports a Surge in Complaints About Heating Bills',
          deck: 'Complaints about utility charges have tripled since the start of the heating season, the human rights commissioner told parliament.',
          dateline: 'ASTANA',
          tags: ['utilities', 'ombudsman', 'heating'],
          contributors: [{ slug: 'aigerim-sadykova', role: 'author' }],
          hero: {
            image: 'kokterek-palace',
            alt: 'Steam rising from a heating plant chimney on a cold morning',
            caption: 'A municipal heating plant in Astana.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `The human rights commissioner received 2,870 complaints about utility bills in the first six weeks of the heating season, three times as many as a year earlier, she told the lower house of parliament on Wednesday.

Commissioner Raushan Dzhaksybekova said most of the complaints concerned heating charges calculated by “average consumption” in buildings without meters, and late fees charged while residents were disputing a bill.

## Recommendations

- Suspend late fees while a complaint is under review.
- Publish how “average consumption” is calculated for each building.
- Require utilities to answer written complaints within ten working days.

> “People are not refusing to pay. They are asking what they are paying for, and too often nobody can tell them,” Dzhaksybekova said.

Members of the energy committee said they would invite the heads of the three largest utilities to a hearing next month.`,
        },
      ],
    },
    {
      key: 'astana-startup-hub-applications',
      section: 'economy',
      daysAgo: 2,
      hour: 16,
      versions: [
        {
          locale: 'en',
          headline: 'Astana Startup Hub Draws a Record 1,100 Applications',
          deck: 'Agritech and logistics software dominate the autumn intake, and for the first time more than a third of applicants come from outside the two largest cities.',
          dateline: 'ASTANA',
          tags: ['startups', 'technology', 'Astana'],
          contributors: [{ slug: 'daniyar-omarov', role: 'author' }],
          body: `A state-backed startup hub in Astana received 1,100 applications for its autumn accelerator, a record, its managers said on Monday. Forty teams will be chosen for a three-month programme with office space, mentoring and a grant of up to $20,000.

## Where the Ideas Come From

Software for farms and freight is the largest category: about 30% of applicants are building tools for irrigation, grain storage, fleet tracking or customs paperwork.

More than a third of the teams are based outside Almaty and Astana, up from about one in ten three years ago. The hub credits remote interviews and a network of regional coworking spaces.

> “The best application this round came from a team of three in Kyzylorda who had never pitched to anyone before,” said programme director Aliya Serikbayeva.

Results will be announced at the end of the month.`,
        },
      ],
    },
    {
      key: 'weather-radar-data-sharing',
      section: 'world',
      daysAgo: 11,
      hour: 11,
      versions: [
        {
          locale: 'en',
          headline: 'Five Neighbouring Countries Agree to Share Weather Radar Data',
          deck: 'Meteorological services will exchange radar images every ten minutes, which forecasters say will give hours more warning of mudflows and hailstorms.',
          dateline: 'BISHKEK',
          tags: ['weather', 'cooperation', 'disasters'],
          contributors: [{ slug: 'timur-kassymov', role: 'author' }],
          hero: {
            image: 'glacier-ridge',
            alt: 'Dark storm clouds gather over a mountain valley',
            caption: 'A storm building over the Tian Shan foothills.',
            credit: 'Photo: Masthead Demo',
          },
          body: `The meteorological services of five neighbouring countries have agreed to exchange weather radar images in real time, officials said after a two-day meeting in Bishkek.

Under the agreement, each service will share a composite radar picture every ten minutes through a common server. Until now, data crossed borders mostly by email, often hours late.

## Why Mountains Need It

Storms that trigger mudflows in the foothills often form on the other side of a border ridge. Forecasters say seeing them earlier could add two or three hours of warning for valleys downstream.

> “A cloud does not show its passport at the border. Neither should the data about it,” said Kubanychbek Asanov, who chaired the meeting.

The system is due to go live before next spring's mudflow season. Its cost, about $4 million, is being covered by a regional climate adaptation fund.`,
        },
      ],
    },
    {
      key: 'aral-shore-novel-review',
      section: 'culture',
      daysAgo: 13,
      hour: 19,
      versions: [
        {
          locale: 'en',
          headline: 'Review: A Quiet Debut Novel Maps the Vanished Aral Shore',
          deck: 'In \u201cSalt Road\u201d, Dariga Utepova follows three generations of a fishing family as the sea retreats from their village, and finds tenderness in the dust.',
          dateline: 'ALMATY',
          tags: ['books', 'reviews', 'Aral Sea'],
          contributors: [{ slug: 'saule-bekova', role: 'author' }],
          body: `There is almost no water in *Salt Road*, and yet it is a novel about the sea. Dariga Utepova's debut follows a fishing family in a village that once stood on the shore of the Aral, from the grandfather who remembers the boats to the granddaughter who sees the old harbour only as a line of rusting hulls in the sand.

## A Book in Small Chapters

Utepova writes in short chapters, some no longer than a page, each titled with the name of an object: a net, a radio, a jar of pickled fish. The effect is of a family album leafed through slowly, and it suits a story about loss that refuses to become a lament.

> “The sea did not leave us. We learned to call the place where it had been by its name,” the grandmother says near the end, in one of the book's few lines of open grief.

## Worth Reading

The middle section drags a little, and a subplot about a visiting journalist feels borrowed from another book. But the last fifty pages are among the finest writing about this landscape in years. *Salt Road* is published in Russian and Kazakh; an English translation is planned for next year.`,
        },
      ],
    },
    {
      key: 'almaty-quake-early-warning',
      section: 'science',
      daysAgo: 15,
      hour: 10,
      versions: [
        {
          locale: 'en',
          headline: 'Seismologists Add 30 Sensors to Almaty\u2019s Earthquake Early-Warning Network',
          deck: 'The upgraded network can send alerts to phones up to 15 seconds before strong shaking reaches the city, enough to stop trains and lifts.',
          dateline: 'ALMATY',
          tags: ['earthquakes', 'Almaty', 'technology'],
          contributors: [{ slug: 'ruslan-akhmetov', role: 'author' }],
          hero: {
            image: 'metro-platform',
            alt: 'A seismograph screen showing waveforms in a control room',
            caption: 'The monitoring room of the seismology institute.',
            credit: 'Photo: Institute of Seismology',
          },
          body: `Almaty's earthquake early-warning network has grown from 12 to 42 sensors, the city's seismology institute said, improving its ability to detect tremors in the mountains south of the city before the shaking arrives.

## Seconds That Count

An early-warning system cannot predict earthquakes. It detects the first, faster waves of a quake that has already begun and sends an alert before the slower, destructive waves reach the city. For Almaty, that can mean between 5 and 15 seconds.

That is enough, engineers say, to stop metro trains, open lift doors at the nearest floor and shut gas valves automatically.

> “Fifteen seconds is not much for a person. For a machine, it is a lifetime,” said Yerzhan Tursynbekov, who heads the institute's monitoring department.

## Tests Next Month

The city plans a public test of phone alerts next month. Residents who do not want to receive test messages can opt out through the emergency services app.`,
        },
      ],
    },
    {
      key: 'shymkent-accessible-routes',
      section: 'society',
      daysAgo: 18,
      hour: 7,
      versions: [
        {
          locale: 'en',
          headline: 'Volunteers Map Every Kerb and Ramp in Shymkent\u2019s Old Town',
          deck: 'A group of wheelchair users and students has surveyed 140 streets, and the city has promised to fix the worst crossings first.',
          dateline: 'SHYMKENT',
          tags: ['accessibility', 'Shymkent', 'volunteers'],
          contributors: [{ slug: 'zhanna-tulegenova', role: 'author' }],
          hero: {
            image: 'night-market',
            alt: 'A person in a wheelchair waits at a street crossing with a high kerb',
            caption: 'One of the crossings marked red on the volunteers\u2019 map.',
            credit: 'Photo: Zhanna Tulegenova',
          },
          body: `Over the summer, a group of about thirty volunteers walked, and rolled, every street of Shymkent's old town with tape measures and phones. The result is an online map of 140 streets marking every kerb, ramp, broken tile and missing crossing.

## Green, Yellow, Red

Each crossing is coloured by how easy it is to use in a wheelchair or with a pram. Of 612 crossings surveyed, 214 are marked red: impossible without help.

> “I have lived here all my life and there are streets two blocks from my home that I have never been down,” said Erkin Abdullayev, who uses a wheelchair and started the project.

The city's roads department has agreed to fix the 50 worst crossings before the end of next year and to use the map when planning repairs. The volunteers plan to survey the new districts next.`,
        },
      ],
    },
    {
      key: 'procurement-open-data',
      section: 'politics',
      daysAgo: 23,
      hour: 13,
      versions: [
        {
          locale: 'en',
          headline: 'Committee Backs Publishing All Public Contracts as Open Data',
          deck: 'Every state contract above 1 million tenge would be published in a machine-readable format within five days of signing under amendments approved by a parliamentary committee.',
          dateline: 'ASTANA',
          tags: ['procurement', 'transparency', 'parliament'],
          contributors: [
            { slug: 'aigerim-sadykova', role: 'author' },
            { slug: 'irina-shevchuk', role: 'editor' },
          ],
          hero: {
            image: 'data-grid',
            alt: 'A spreadsheet of contract data on a laptop screen',
            caption: 'Procurement data as it is published today, in scanned documents.',
            credit: 'Photo: Masthead Demo',
          },
          body: `A parliamentary committee has approved amendments that would require every public contract worth more than 1 million tenge to be published as open data within five days of signing.

Today, contracts are posted as scanned documents, often weeks late, which makes them hard to search and almost impossible to analyse at scale.

## What Would Be Published

1. The buyer, the supplier and the supplier's ultimate owners.
2. The price, with any later changes to it.
3. The number of bids received and the reasons rival bids were rejected.

> “Journalists and auditors currently spend most of their time retyping PDFs. This lets them spend it asking questions,” said committee member Dauren Kenzhebayev, who proposed the amendments.

The amendments now go to the full chamber. If adopted, they would take effect six months after signing into law.`,
          corrections: [
            {
              hoursAfter: 20,
              text: 'An earlier version of this article gave the publication deadline as ten days. The amendments require publication within five days. It has been corrected.',
            },
          ],
        },
      ],
    },
    {
      key: 'southern-border-truck-queues',
      section: 'world',
      daysAgo: 25,
      hour: 15,
      versions: [
        {
          locale: 'en',
          headline: 'Truck Queues at Southern Border Crossings Stretch to Three Days',
          deck: 'Drivers report waits of up to 70 hours as harvest exports and new inspection rules meet at two southern crossings, Steppe Courier reports.',
          dateline: 'TURKESTAN',
          tags: ['borders', 'trade', 'trucking'],
          contributors: [
            { slug: 'gulnar-yesenova', role: 'original_author' },
            { slug: 'timur-kassymov', role: 'editor' },
          ],
          source: {
            partner: 'steppe-courier',
            url: 'https://steppe-courier.example/trade/truckers-wait-three-days-southern-crossings',
            headline: 'Truckers Wait Up to Three Days at Southern Border Crossings as Harvest Peaks',
            locale: 'en',
          },
          hero: {
            image: 'steppe-road',
            alt: 'A long line of trucks parked along a highway shoulder',
            caption: 'Trucks waiting on the approach to a southern border crossing.',
            credit: 'Photo: Steppe Courier',
          },
          body: `Queues of trucks at two crossings on the southern border have grown to as long as 70 hours, drivers and freight companies say, as the peak of the harvest export season coincides with new phytosanitary inspections.

At one crossing, the line of lorries stretched for about 11 kilometres on Tuesday morning, according to drivers interviewed by Steppe Courier.

## New Checks, Same Staff

Since the start of the month, every truck carrying fruit and vegetables must be inspected and sampled at the border rather than at its destination. Border officials say the number of inspectors has not changed.

> “We bring melons. After three days in the sun, we will be bringing melon juice,” said one driver from Saryagash, who asked not to be named.

## Officials Promise Relief

The agriculture ministry said it would send 20 additional inspectors to the two crossings this week and open a second inspection lane. Freight associations are asking for fast-track lanes for perishable goods.`,
        },
      ],
    },
    {
      key: 'pavlodar-recycled-aluminium',
      section: 'economy',
      daysAgo: 30,
      hour: 9,
      versions: [
        {
          locale: 'en',
          headline: 'Pavlodar Smelter Starts Mixing Recycled Scrap Into Its Aluminium',
          deck: 'The plant will use up to 15% scrap in some alloys, cutting energy use and easing a squeeze from European buyers asking about carbon emissions.',
          dateline: 'PAVLODAR',
          tags: ['industry', 'recycling', 'Pavlodar'],
          contributors: [{ slug: 'daniyar-omarov', role: 'author' }],
          hero: {
            image: 'data-grid',
            alt: 'Stacked silver aluminium ingots in a warehouse',
            caption: 'Aluminium ingots ready for shipment.',
            credit: 'Photo: Alibek Nurlanov',
          },
          body: `An aluminium smelter in Pavlodar has begun adding recycled scrap to some of its alloys, the first plant in the region to do so, the company said.

Scrap will make up as much as 15% of the metal in alloys sold for building profiles and car parts. Melting scrap takes about a twentieth of the energy needed to produce primary aluminium from alumina.

## The Carbon Question

The move is partly a response to buyers. European customers increasingly ask for the carbon footprint of each tonne, and the smelter relies on coal-fired power.

> “Our customers used to ask about price and delivery dates. Now the third question is always about carbon,” said sales director Irina Baranova.

## Where the Scrap Comes From

For now, the plant buys scrap from construction sites and car dismantlers in the north of the country. It wants to set up collection points for beverage cans in Pavlodar next year.`,
        },
      ],
    },

    // ---------------------------------------------------------------------------------------------------------
    // Russian-only stories.
    {
      key: 'karaganda-battery-collection',
      section: 'society',
      daysAgo: 0,
      hour: 11,
      versions: [
        {
          locale: 'ru',
          headline: 'В карагандинских дворах появились контейнеры для старых батареек',
          deck: 'Первые 80 контейнеров установили жители вместе с экологической инициативой. Собранные батарейки будут отправлять на переработку в Усть-Каменогорск.',
          dateline: 'КАРАГАНДА',
          tags: ['экология', 'Караганда', 'переработка'],
          contributors: [{ slug: 'elena-voronina', role: 'author' }],
          hero: {
            image: 'night-market',
            alt: 'Жёлтый контейнер для батареек у подъезда жилого дома',
            caption: 'Один из новых контейнеров в Юго-Востоке.',
            credit: 'Фото: Елена Воронина',
          },
          body: `Во дворах Караганды установили первые 80 контейнеров для использованных батареек. Проект придумала экологическая инициатива «Чистый двор», а сами контейнеры жители собирали на субботниках из списанных почтовых ящиков.

Раньше сдать батарейки в городе можно было только в двух торговых центрах. Большинство карагандинцев, по словам активистов, просто выбрасывали их вместе с бытовым мусором.

## Куда поедут батарейки

Раз в месяц волонтёры будут собирать содержимое контейнеров и отправлять его на завод в Усть-Каменогорске, где из батареек извлекают цинк и марганец. Перевозку согласилась оплатить местная логистическая компания.

> «Одна батарейка — это мелочь. Но в нашем районе их выбрасывают десятками тысяч в год, и всё это оказывается в земле», — говорит координатор «Чистого двора» Ольга Мартыненко.

Карта контейнеров опубликована на [сайте инициативы](https://chistyi-dvor.example/karta). Активисты просят сообщать, если какой-то контейнер переполнен или повреждён.`,
        },
      ],
    },
    {
      key: 'pavlodar-public-hearings-rules',
      section: 'politics',
      daysAgo: 3,
      hour: 18,
      versions: [
        {
          locale: 'ru',
          headline: 'Маслихат Павлодара утвердил новые правила общественных слушаний',
          deck: 'Слушания по застройке и тарифам теперь обязаны проводить вечером и транслировать онлайн, а протоколы — публиковать в течение недели.',
          dateline: 'ПАВЛОДАР',
          tags: ['местное самоуправление', 'Павлодар', 'маслихат'],
          contributors: [{ slug: 'timur-kassymov', role: 'author' }],
          body: `Городской маслихат Павлодара утвердил новые правила проведения общественных слушаний. Они касаются обсуждения застройки, изменения тарифов и крупных городских проектов.

## Что меняется

- Слушания нельзя назначать на рабочее время: они должны начинаться не раньше 18:30.
- Каждое заседание будет транслироваться в интернете, запись хранится не меньше года.
- Протокол со всеми высказанными замечаниями публикуется в течение семи дней.
- Жители смогут отправлять вопросы заранее через сайт акимата.

## Почему это понадобилось

Поводом стали прошлогодние слушания по застройке набережной, которые прошли в десять утра в будний день. Пришли на них в основном сотрудники подрядчика, а жители соседних домов узнали о решении из новостей.

> «Слушания, на которые невозможно попасть, — это не слушания, а формальность», — сказал депутат маслихата Андрей Колесников, один из авторов поправок.

Новые правила вступят в силу с начала следующего месяца.`,
        },
      ],
    },
    {
      key: 'kostanay-farmers-cooperative',
      section: 'economy',
      daysAgo: 5,
      hour: 12,
      versions: [
        {
          locale: 'ru',
          headline: 'Костанайские фермеры сложились, чтобы выкупить старый элеватор',
          deck: 'Двадцать три хозяйства создали кооператив и купили заброшенный элеватор. Теперь они смогут хранить зерно сами и не продавать его сразу после уборки.',
          dateline: 'КОСТАНАЙ',
          tags: ['зерно', 'фермеры', 'кооперативы'],
          contributors: [{ slug: 'daniyar-omarov', role: 'author' }],
          hero: {
            image: 'steppe-road',
            alt: 'Старый бетонный элеватор посреди убранного поля',
            caption: 'Элеватор под Костанаем, который выкупили фермеры.',
            credit: 'Фото: Данияр Омаров',
          },
          body: `Двадцать три фермерских хозяйства из Костанайской области объединились в кооператив и выкупили элеватор, простоявший без дела почти десять лет. Сделка обошлась участникам примерно в 640 млн тенге, часть суммы дал льготный кредит.

## Зачем фермерам свой элеватор

Небольшие хозяйства обычно продают зерно прямо с поля, осенью, когда цены самые низкие: хранить урожай им негде, а аренда места на чужом элеваторе дорогая.

> «Осенью мы отдавали пшеницу за бесценок, а весной видели, как её перепродают на треть дороже. Теперь эту разницу будем зарабатывать сами», — говорит председатель кооператива Виктор Шульц.

## Что предстоит сделать

Элеватор рассчитан на 40 тысяч тонн, но сейчас пригодна к использованию только половина силосов. На ремонт остальных и замену сушилки кооператив планирует потратить ещё около 200 млн тенге в течение двух лет.`,
        },
      ],
    },
    {
      key: 'semey-forgotten-opera',
      section: 'culture',
      daysAgo: 7,
      hour: 20,
      versions: [
        {
          locale: 'ru',
          headline: 'В Семее поставили оперу по либретто, пролежавшему в архиве сто лет',
          deck: 'Либретто нашли в фонде городского музея два года назад. Музыку к нему написал молодой композитор, а в хоре поют студенты музыкального колледжа.',
          dateline: 'СЕМЕЙ',
          tags: ['опера', 'театр', 'Семей'],
          contributors: [{ slug: 'saule-bekova', role: 'author' }],
          hero: {
            image: 'artist-portrait',
            alt: 'Певица в сценическом костюме поёт на тёмной сцене',
            caption: 'Сцена из спектакля «Дочь перевозчика».',
            credit: 'Фото: театр Семея',
          },
          body: `В Семее прошла премьера оперы «Дочь перевозчика». Её либретто почти сто лет пролежало в фонде городского краеведческого музея, пока его не нашла аспирантка-историк Дана Оспанова.

Рукопись на 48 страницах, написанная по-казахски арабской графикой, рассказывает о девушке, которая переправляет людей через Иртыш во время весеннего ледохода. Автор либретто неизвестен, музыка к нему не сохранилась — если она вообще была написана.

## Новая музыка к старому тексту

Партитуру написал 29-летний композитор Ильяс Жаксылыков. По его словам, он старался не стилизовать музыку под начало прошлого века.

> «Текст сто лет ждал своей музыки. Было бы нечестно сделать вид, что я живу тогда, а не сейчас», — говорит композитор.

## Студенческий хор

В хоре поют студенты местного музыкального колледжа, главную партию исполняет солистка областной филармонии Гаухар Муратова. Следующие показы назначены на конец месяца, билеты уже почти распроданы.`,
        },
      ],
    },
    {
      key: 'drought-tolerant-wheat',
      section: 'science',
      daysAgo: 9,
      hour: 15,
      versions: [
        {
          locale: 'ru',
          headline: 'Селекционеры вывели сорт пшеницы, который переносит засуху',
          deck: 'Новый сорт три года испытывали на полях в засушливых районах. В сухие годы он давал на четверть больше зерна, чем распространённые сорта.',
          dateline: 'АСТАНА',
          tags: ['селекция', 'пшеница', 'засуха'],
          contributors: [{ slug: 'ruslan-akhmetov', role: 'author' }],
          hero: {
            image: 'orchard-hills',
            alt: 'Колосья пшеницы на опытной делянке крупным планом',
            caption: 'Опытная делянка, где испытывали новый сорт.',
            credit: 'Фото: научно-производственный центр зернового хозяйства',
          },
          body: `Селекционеры научно-производственного центра зернового хозяйства зарегистрировали новый сорт яровой пшеницы «Сарыарка-7», устойчивый к засухе. Работа над ним заняла одиннадцать лет.

Три сезона сорт испытывали на полях в пяти районах с разным климатом. В засушливый год он дал в среднем на 26% больше зерна, чем самые распространённые в регионе сорта, а во влажные годы не уступал им.

## Корни глубже

Секрет, по словам авторов, в корневой системе: у нового сорта корни уходят в почву на полметра глубже и добираются до влаги, которая остаётся в нижних слоях даже в сухое лето.

> «Мы не можем сделать так, чтобы шёл дождь. Но можем научить растение лучше пользоваться той водой, что уже есть в земле», — говорит руководитель проекта Гульнара Бекмухамбетова.

## Когда появится у фермеров

Семена первой репродукции получат опытные хозяйства уже весной. В массовую продажу сорт поступит не раньше чем через два года, когда будет выращено достаточно семенного материала.`,
        },
      ],
    },
    {
      key: 'tashkent-almaty-night-bus',
      section: 'world',
      daysAgo: 12,
      hour: 8,
      versions: [
        {
          locale: 'ru',
          headline: 'Между Ташкентом и Алматы запустят ночной автобус с креслами-кроватями',
          deck: 'Рейс будет отправляться три раза в неделю и проходить границу ночью. Билет обойдётся примерно в 25 тысяч тенге.',
          dateline: 'ТАШКЕНТ',
          tags: ['транспорт', 'Ташкент', 'автобусы'],
          contributors: [{ slug: 'timur-kassymov', role: 'author' }],
          body: `Частный перевозчик со следующего месяца запускает ночной автобусный рейс между Ташкентом и Алматы. Автобусы будут отправляться три раза в неделю, дорога займёт около 13 часов.

В салоне — 30 раскладывающихся кресел, розетки и туалет. Пограничный переход автобус будет проходить глубокой ночью, когда на нём меньше всего очередей.

## Сколько стоит

Билет в одну сторону обойдётся примерно в 25 тысяч тенге — дешевле авиабилета, но дороже поездки на маршрутках с пересадкой в Шымкенте.

> «Наши пассажиры — студенты, бабушки, которые едут к внукам, и малый бизнес с образцами товара. Им нужен не самолёт, а возможность выспаться в дороге», — говорит директор компании-перевозчика Шерзод Каримов.

Продажа билетов откроется через две недели на сайте перевозчика и в кассах автовокзалов обоих городов.`,
        },
      ],
    },
    {
      key: 'aktobe-old-bridge-repair',
      section: 'society',
      daysAgo: 17,
      hour: 16,
      versions: [
        {
          locale: 'ru',
          headline: 'Старейший мост Актобе закроют на капитальный ремонт до лета',
          deck: 'Движение по мосту через Илек перекроют на восемь месяцев. Для пешеходов построят временный понтонный переход.',
          dateline: 'АКТОБЕ',
          tags: ['Актобе', 'дороги', 'ремонт'],
          contributors: [{ slug: 'elena-voronina', role: 'author' }],
          hero: {
            image: 'caspian-shore',
            alt: 'Старый бетонный мост над широкой рекой в пасмурный день',
            caption: 'Мост через Илек, построенный в 1950-х годах.',
            credit: 'Фото: Алибек Нурланов',
          },
          body: `С понедельника в Актобе закрывается для автомобилей старейший в городе мост через реку Илек. Капитальный ремонт продлится около восьми месяцев, сообщили в городском отделе строительства.

Мост построили в 1950-х годах. По итогам прошлогоднего обследования инженеры признали опоры изношенными на 70% и рекомендовали ограничить движение тяжёлых грузовиков.

## Как объехать

Автобусные маршруты № 12, 27 и 40 пустят в объезд по новому мосту, поездка станет дольше примерно на 15 минут. Для пешеходов в сотне метров ниже по течению поставят временный понтонный переход.

> «Мы понимаем, что людям будет неудобно. Но если не отремонтировать мост сейчас, через пару лет его придётся просто закрыть», — сказал заместитель акима города Максат Утегенов.

Горожане могут следить за ходом работ через веб-камеру, трансляция будет на сайте акимата.`,
        },
      ],
    },
    {
      key: 'taraz-newspaper-archive',
      section: 'culture',
      daysAgo: 22,
      hour: 17,
      versions: [
        {
          locale: 'ru',
          headline: 'Библиотека Тараза оцифровала газеты начала XX века',
          deck: 'В открытом доступе появились более 3 тысяч номеров местных газет 1910–1930-х годов, сообщает Dala Habar.',
          dateline: 'ТАРАЗ',
          tags: ['архивы', 'история', 'Тараз'],
          contributors: [
            { slug: 'nurbol-kaliev', role: 'original_author' },
            { slug: 'zhanna-tulegenova', role: 'translator' },
          ],
          source: {
            partner: 'dala-habar',
            url: 'https://dala-habar.example/madeniet/taraz-kitaphanasy-gazetterdi-tsifrlandyrdy',
            headline: 'Тараз кітапханасы ХХ ғасыр басындағы газеттерді цифрландырды',
            locale: 'kk',
          },
          hero: {
            image: 'data-grid',
            alt: 'Пожелтевшая газетная страница под сканером',
            caption: 'Сканирование газеты 1920-х годов в областной библиотеке.',
            credit: 'Фото: Dala Habar',
          },
          body: `Областная библиотека Тараза завершила оцифровку своей коллекции местных газет начала XX века. В электронном каталоге теперь доступны более 3100 номеров, вышедших с 1912 по 1936 год, сообщает Dala Habar.

Многие из этих газет хранились в единственном экземпляре, некоторые страницы рассыпались при прикосновении. Сканирование заняло почти четыре года.

## Три алфавита

Газеты того времени печатались на казахском языке арабской графикой, затем латиницей, а также на русском. Для поиска по текстам библиотека вместе с программистами из местного университета обучила систему распознавания на всех трёх алфавитах.

> «Раньше исследователь приезжал к нам на неделю и успевал пролистать два года подшивки. Теперь поиск по фамилии занимает секунды», — говорит заведующая отделом редких изданий Бахыт Сейдахметова.

## Кто уже пользуется

Первыми архивом заинтересовались историки и краеведы, но больше всего запросов, по словам библиотекарей, приходит от людей, которые ищут упоминания о своих прадедах.`,
        },
      ],
    },
    {
      key: 'assy-observatory-supernova',
      section: 'science',
      daysAgo: 27,
      hour: 10,
      versions: [
        {
          locale: 'ru',
          headline: 'Астрономы обсерватории на плато Ассы первыми заметили вспышку сверхновой',
          deck: 'Вспышку в соседней галактике зафиксировал автоматический телескоп. Сообщение об открытии разослано обсерваториям всего мира.',
          dateline: 'АЛМАТЫ',
          tags: ['астрономия', 'космос', 'открытия'],
          contributors: [{ slug: 'ruslan-akhmetov', role: 'author' }],
          hero: {
            image: 'glacier-ridge',
            alt: 'Купол обсерватории на горном плато под звёздным небом',
            caption: 'Обсерватория на плато Ассы ночью.',
            credit: 'Фото: астрофизический институт',
          },
          body: `Автоматический телескоп обсерватории на плато Ассы под Алматы зафиксировал вспышку сверхновой звезды в галактике, удалённой от нас примерно на 40 млн световых лет. По данным международной базы, это первое сообщение о ней.

Вспышку заметила программа, которая каждую ночь сравнивает новые снимки с архивными и ищет появившиеся точки. Утром её проверили дежурные астрономы и разослали телеграмму коллегам.

## Почему важны первые часы

Чем раньше сверхновую заметят, тем больше можно узнать о взорвавшейся звезде: в первые часы её свет меняется быстрее всего. После сообщения из Ассы за вспышкой начали следить телескопы на трёх континентах.

> «Наши горы стоят так, что мы видим небо на несколько часов раньше, чем обсерватории Европы. Сегодня эти часы сыграли в нашу пользу», — говорит старший научный сотрудник института Марат Жумабаев.

Это уже четвёртая сверхновая, которую телескоп на Ассы обнаружил первым с момента запуска автоматического поиска.`,
        },
      ],
    },
  ],
  pages: [
    {
      key: 'about',
      versions: [
        {
          locale: 'en',
          slug: 'about',
          title: 'About us',
          deck: 'Who we are, how we work and how to reach the newsroom.',
          body: `The Masthead Demo is an independent newsroom publishing in English and Russian. This site and everything on it is demo content, written to show what Masthead does.

## How we work

We report what we can check, name our sources where we can, and translate our own stories and our partners' with credit to the original.

## Corrections

When we get something wrong we correct it on the story, dated, and say what changed.

## Contact

Write to the newsroom at [newsroom@example.org](mailto:newsroom@example.org).`,
        },
        {
          locale: 'ru',
          slug: 'o-nas',
          title: 'О нас',
          deck: 'Кто мы, как работаем и как связаться с редакцией.',
          body: `Masthead Demo — независимая редакция, публикующая материалы на английском и русском языках. Всё на этом сайте — демонстрационные материалы, написанные, чтобы показать возможности Masthead.

## Как мы работаем

Мы сообщаем то, что можем проверить, называем источники, когда это возможно, и переводим свои материалы и материалы партнёров со ссылкой на оригинал.

## Исправления

Если мы ошиблись, мы исправляем материал, указываем дату и что изменилось.

## Контакты

Пишите в редакцию: [newsroom@example.org](mailto:newsroom@example.org).`,
        },
      ],
    },
  ],
};
