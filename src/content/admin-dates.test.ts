import { describe, expect, it } from 'vitest';
import { adminDates } from './admin-dates.js';
import { fill, plural } from './admin-client-text.js';

describe('adminDates: the admin’s one date format', () => {
  const iso = '2026-12-04T09:35:20.000Z';

  it('writes day and time in the user’s language and the newsroom’s time zone', () => {
    expect(adminDates('en', 'Asia/Almaty').dateTime(iso)).toBe('4 Dec 2026, 14:35');
    expect(adminDates('ru', 'Asia/Almaty').dateTime(iso)).toMatch(/^4 дек\. 2026 г\., 14:35$/);
    expect(adminDates('en', 'UTC').dateTime(new Date(iso))).toBe('4 Dec 2026, 09:35');
  });

  it('has the day alone, the time alone and numbers', () => {
    const ru = adminDates('ru', 'Asia/Almaty');
    expect(ru.date(iso)).toMatch(/^4 дек\. 2026 г\.$/);
    expect(ru.time(iso)).toBe('14:35');
    expect(adminDates('en', 'UTC').time(iso)).toBe('09:35');
    expect(adminDates('en', 'UTC').number(12345)).toBe('12,345');
    expect(ru.number(12345).replace(/\s/g, ' ')).toBe('12 345');
  });

  it('builds the formatters once per language and zone', () => {
    expect(adminDates('en', 'UTC')).toBe(adminDates('en', 'UTC'));
  });
});

describe('fill and plural', () => {
  it('fills named values and leaves unknown names visible', () => {
    expect(fill('Saved {time} (revision {revision})', { time: '13:45', revision: 4 })).toBe('Saved 13:45 (revision 4)');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('chooses the plural form of the language', () => {
    const words = { one: '{n} слово', few: '{n} слова', many: '{n} слов', other: '{n} слова' };
    expect([1, 2, 5, 21, 1.5].map((n) => plural('ru', words, n))).toEqual(['1 слово', '2 слова', '5 слов', '21 слово', '1.5 слова']);
    expect(plural('en', { one: '{n} word', other: '{n} words' }, 1)).toBe('1 word');
    expect(plural('en', { one: '{n} word', other: '{n} words' }, 0)).toBe('0 words');
  });
});
