import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import type { Agent } from '#test/admin.js';
import { listContributorRecords } from '../../db/contributors-repo.js';
import { createArticle } from '../../services/article-store.js';

describeApi('admin contributors screen: %s', ({ site: s, newsroom: n }) => {
  let editor: Agent;
  let csrf: string;
  let story = 0;
  const record = async (id: number) => (await listContributorRecords(s.db.kysely, { id }))[0];

  beforeAll(async () => {
    story = await createArticle(s.deps, {
      locale: 'ru',
      headline: 'Новость',
      body: doc('Текст.'),
      sectionId: n.economy,
      status: 'published',
      bylines: [{ contributorId: n.alice, role: 'author' }],
    });
    editor = s.agent();
    await editor.login('editor@example.org');
    csrf = await editor.csrfFrom('/admin/contributors');
  });

  /** The profile form as the page sends it: every language's fields, then what the test changes. */
  const form = (over: Record<string, string>) => ({
    _csrf: csrf,
    name: 'Alice Reporter',
    slug: 'alice-reporter',
    bio: '',
    email: '',
    userId: '',
    photoMediaId: '',
    links: '',
    ...Object.fromEntries(['en', 'ru', 'kk'].flatMap((l) => [`name-${l}`, `title-${l}`, `bio-${l}`].map((f) => [f, '']))),
    ...over,
  });

  it('lists contributors with story counts, linked from the nav; writers read it without forms; visitors go to the login form', async () => {
    const html = await (await editor.get('/admin/contributors')).text();
    expect(html).toContain('<a href="/admin/contributors" aria-current="page">Contributors</a>');
    expect(html).toMatch(/Alice Reporter<\/a><\/td><td>alice-reporter<\/td><td>1<\/td>/);
    expect(html).toContain('Add the contributor');
    expect(await (await editor.get('/admin/contributors?q=%D0%BE%D0%BB%D1%8C%D0%B3')).text()).toContain('Ольга Оригинал');
    const author = s.agent();
    await author.login('author@example.org');
    const theirs = await (await author.get(`/admin/contributors/${n.alice}`)).text();
    expect(theirs).toContain('Alice Reporter');
    expect(theirs).not.toContain('<form method="post" action="/admin/contributors/');
    const token = await author.csrfFrom('/admin/contributors');
    expect((await author.post(`/admin/contributors/${n.alice}`, { ...form({ 'name-ru': 'Алиса' }), _csrf: token })).status).toBe(403);
    expect((await s.agent().get('/admin/contributors')).status).toBe(303);
    expect((await editor.post(`/admin/contributors/${n.alice}`, { ...form({}), _csrf: 'wrong' })).status).toBe(403);
  });

  it('adds a contributor and edits their names per language; the Russian page shows the Russian name; a new slug redirects', async () => {
    const res = await editor.post('/admin/contributors', { _csrf: csrf, name: 'Natalya Grishina', slug: '' });
    expect(res.status).toBe(303);
    const id = Number(/^\/admin\/contributors\/(\d+)\?done=created$/.exec(res.headers.get('location')!)![1]);
    const saved = await editor.post(
      `/admin/contributors/${id}`,
      form({
        name: 'Natalya Grishina',
        slug: 'natalya-grishina',
        'name-ru': 'Наталья Гришина',
        'title-ru': 'Обозреватель',
        'bio-en': 'Covers politics.',
        links: 'https://social.example/@grishina\nhttps://grishina.example',
        photoMediaId: String(n.photo),
      }),
    );
    expect(saved.headers.get('location')).toBe(`/admin/contributors/${id}?done=saved`);
    expect(await record(id)).toMatchObject({
      names: { ru: 'Наталья Гришина' },
      titles: { ru: 'Обозреватель' },
      bios: { en: 'Covers politics.' },
      links: ['https://social.example/@grishina', 'https://grishina.example'],
      photoMediaId: n.photo,
    });
    const page = await (await editor.get(`/admin/contributors/${id}?done=saved`)).text();
    expect(page).toContain('Saved.');
    expect(page).toContain('value="Наталья Гришина"');
    await editor.post(`/admin/contributors/${n.alice}`, form({ 'name-ru': 'Алиса Репортёр', slug: 'alice' }));
    const url = (await s.app.request(`/a/${story}`)).headers.get('location')!;
    expect(await (await s.app.request(url)).text()).toContain('>Алиса Репортёр</a>');
    expect((await s.app.request('/ru/author/alice-reporter')).headers.get('location')).toBe('/ru/author/alice');
  });

  it('shows a refusal with what was sent', async () => {
    const res = await editor.post(`/admin/contributors/${n.alice}`, form({ slug: 'Bad slug', 'name-ru': 'Алиса', links: 'not-a-link' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('invalid field(s)');
    expect(html).toContain('value="Алиса"');
    expect((await editor.post('/admin/contributors', { _csrf: csrf, name: 'X', slug: 'olga-original' })).status).toBe(422);
  });

  it('refuses to delete a contributor with stories, merges them and deletes an unused one', async () => {
    const inUse = await editor.post(`/admin/contributors/${n.alice}/delete`, { _csrf: csrf });
    expect(inUse.status).toBe(422);
    expect(await inUse.text()).toContain('Merge them into another contributor instead');
    const merged = await editor.post(`/admin/contributors/${n.alice}/merge`, { _csrf: csrf, into: String(n.olga) });
    expect(merged.headers.get('location')).toBe(`/admin/contributors/${n.olga}?done=merged`);
    expect(await record(n.alice)).toBeUndefined();
    expect((await s.app.request('/ru/author/alice')).headers.get('location')).toBe('/ru/author/olga-original');
    const gone = await editor.post(`/admin/contributors/${n.boris}/delete`, { _csrf: csrf });
    expect(gone.headers.get('location')).toBe('/admin/contributors?done=deleted');
    expect(await record(n.boris)).toBeUndefined();
  });

  it('a writer linked to a profile edits its bio and titles there, not the name on the bylines', async () => {
    await editor.post(`/admin/contributors/${n.olga}`, form({ name: 'Ольга Оригинал', slug: 'olga-original', userId: String(s.users.translator.id) }));
    expect((await record(n.olga))?.userId).toBe(s.users.translator.id);
    const me = s.agent();
    await me.login('translator@example.org');
    const page = await (await me.get(`/admin/contributors/${n.olga}`)).text();
    expect(page).toContain('Bio in Русский');
    expect(page).not.toContain('Name in Русский');
    // Their photo is one they uploaded: the library's other images are not offered (an editor is offered them all).
    expect(page).not.toContain(`<option value="${n.photo}"`);
    expect(await (await editor.get(`/admin/contributors/${n.olga}`)).text()).toContain(`<option value="${n.photo}"`);
    const token = await me.csrfFrom(`/admin/contributors/${n.olga}`);
    const res = await me.post(`/admin/contributors/${n.olga}`, {
      _csrf: token,
      'bio-ru': 'Переводит с казахского.',
      'title-ru': 'Переводчица',
      links: '',
      photoMediaId: '',
    });
    expect(res.headers.get('location')).toBe(`/admin/contributors/${n.olga}?done=saved`);
    expect(await record(n.olga)).toMatchObject({ name: 'Ольга Оригинал', bios: { ru: 'Переводит с казахского.' }, titles: { ru: 'Переводчица' } });
  });
  it('speaks the reader’s interface language: Russian headings, labels and notices', async () => {
    const ru = { 'accept-language': 'ru-RU,ru;q=0.9' };
    const list = await (await editor.get('/admin/contributors?done=deleted', ru)).text();
    expect(list).toContain('<h1>Авторы</h1>');
    expect(list).toContain('Автор удалён.');
    expect(list).toContain('Добавить автора');
    expect(list).not.toContain('Add the contributor');
    const one = await (await editor.get(`/admin/contributors/${n.olga}?done=saved`, ru)).text();
    expect(one).toContain('<h1>Автор: ');
    expect(one).toContain('Сохранено. Подписи под материалами');
    expect(one).toContain('подписывает материалы (1)');
    expect(one).toContain('Имя (Русский)');
    expect(one).toContain('Объединить с другим автором');
    expect(one).not.toMatch(/Their own name|Merge into|Delete “/);
  });
});
