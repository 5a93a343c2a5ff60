import { expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';

const BASE = '/api/admin/v1/contributors';
type Page = { items: { id: number; slug: string; name: string }[]; next: string | null };

describeApi('Admin API contributors: %s', ({ newsroom: n, keys, call }) => {
  it('lists contributors by id in keyset pages, for every role', async () => {
    const all = (await expectJson(await call(keys.contributor, 'GET', BASE))) as unknown as Page;
    expect(all.items.map((c) => c.id)).toEqual(expect.arrayContaining([n.alice, n.boris, n.olga]));
    expect(all.next).toBeNull();
    const first = (await expectJson(await call(keys.author, 'GET', `${BASE}?limit=1`))) as unknown as Page;
    expect(first.items).toHaveLength(1);
    expect(first.next).toMatch(/^\/api\/admin\/v1\/contributors\?limit=1&after=\d+$/);
    const second = (await expectJson(await call(keys.author, 'GET', first.next!))) as unknown as Page;
    expect(second.items[0]!.id).toBeGreaterThan(first.items[0]!.id);
  });

  it('finds a name by any part of it, case-insensitively in Cyrillic too', async () => {
    const found = (await expectJson(await call(keys.editor, 'GET', `${BASE}?q=${encodeURIComponent('ПЕРЕВОД')}`))) as unknown as Page;
    expect(found.items).toEqual([{ id: n.boris, slug: 'boris-perevodchik', name: 'Борис Переводчик' }]);
    const latin = (await expectJson(await call(keys.editor, 'GET', `${BASE}?q=alice`))) as unknown as Page;
    expect(latin.items.map((c) => c.id)).toEqual([n.alice]);
  });

  it('an editor adds a contributor: 201 with a slug made from the name; the same name again gets -2', async () => {
    const made = await expectJson(await call(keys.editor, 'POST', BASE, { name: 'Айгерим Нурланова' }), 201);
    expect(made).toEqual({ id: expect.any(Number), slug: 'aygerim-nurlanova', name: 'Айгерим Нурланова' });
    const again = await expectJson(await call(keys.admin, 'POST', BASE, { name: 'Айгерим Нурланова' }), 201);
    expect(again['slug']).toBe('aygerim-nurlanova-2');
    const listed = (await expectJson(await call(keys.author, 'GET', `${BASE}?q=айгерим`))) as unknown as Page;
    expect(listed.items.map((c) => c.id)).toEqual([made['id'], again['id']]);
  });

  it('a slug that is taken is DUPLICATE with a hint; bad input is VALIDATION_FAILED; writers may not add', async () => {
    const p: ApiJson = await expectProblem(await call(keys.editor, 'POST', BASE, { name: 'Another Alice', slug: 'alice-reporter' }), 409, 'DUPLICATE');
    expect(p['hint']).toMatch(/another slug/);
    await expectProblem(await call(keys.editor, 'POST', BASE, { name: '  ' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', BASE, { name: 'X', slug: 'Not A Slug' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', BASE, { name: 'X', bio: 'extra' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.author, 'POST', BASE, { name: 'Writer’s friend' }), 403, 'FORBIDDEN');
    await expectProblem(await call(keys.contributor, 'GET', `${BASE}?after=abc`), 422, 'VALIDATION_FAILED');
  });
});
