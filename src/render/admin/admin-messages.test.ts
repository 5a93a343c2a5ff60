import { describe, expect, it } from 'vitest';
import { ADMIN_EN } from './admin-messages-en.js';
import { adminMessages, missingAdminKeys, pickAdminLocale } from './admin-messages.js';

// The main screens must be wholly in Russian: no key of these groups may fall back to English.
const MAIN_SCREENS = [
  'layout',
  'nav',
  'roles',
  'states',
  'moves',
  'login',
  'dashboard',
  'desk',
  'articles',
  'badges',
  'account',
  'editor',
  'share',
  'newArticle',
  'client',
];

describe('the admin catalogue', () => {
  it('lists the keys Russian leaves to English, and none of them is on a main screen', () => {
    const missing = missingAdminKeys('ru');
    // The list, for whoever translates next (vitest prints it when the expectation below fails).
    if (missing.length) console.info(`Admin keys not yet in Russian (${missing.length}):\n${missing.join('\n')}`);
    expect(missing.filter((k) => MAIN_SCREENS.includes(k.split('.')[0]!))).toEqual([]);
  });

  it('lists every key for a language with nothing translated (Kazakh), and reads those in English', () => {
    expect(missingAdminKeys('kk')).toContain('nav.dashboard');
    expect(missingAdminKeys('kk')).toContain('client.history.show');
    expect(missingAdminKeys('en')).toEqual([]);
    expect(adminMessages('kk').nav.dashboard).toBe('Dashboard');
  });

  it('merges a language over English, key by key, functions included', () => {
    const ru = adminMessages('ru');
    expect(ru.nav.articles).toBe('Материалы');
    expect(ru.editor.revision(3)).toBe('Версия 3');
    expect(ru.client.save.saving).toBe('Сохранение…');
    expect(adminMessages('en').editor.revision(3)).toBe('Revision 3');
    // Every English key exists in every merged catalogue; Russian adds its plural forms.
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(adminMessages('ru'))).toEqual(expect.arrayContaining(keys(ADMIN_EN)));
    expect(keys(adminMessages('kk')).sort()).toEqual(keys(ADMIN_EN).sort());
    expect(adminMessages('ru').client.counters.words).toEqual({ one: '{n} слово', few: '{n} слова', many: '{n} слов', other: '{n} слова' });
  });

  it('chooses the user’s language, else the browser’s first language the admin speaks, else English', () => {
    expect(pickAdminLocale('ru', 'en-US,en;q=0.9')).toBe('ru');
    expect(pickAdminLocale(null, 'ru-RU,ru;q=0.9,en-US;q=0.8')).toBe('ru');
    expect(pickAdminLocale(null, 'de-DE,kk;q=0.5,ru;q=0.7')).toBe('ru');
    expect(pickAdminLocale(null, 'fr, en;q=0.1')).toBe('en');
    expect(pickAdminLocale(null, 'ru;q=0, en')).toBe('en');
    expect(pickAdminLocale('xx', '')).toBe('en');
    expect(pickAdminLocale(undefined, undefined)).toBe('en');
    expect(pickAdminLocale(null, ';;,q=,ru;q=abc')).toBe('en');
  });
});
