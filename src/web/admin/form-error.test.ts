import { describe, expect, it } from 'vitest';
import { AppError, INTERNAL_ERROR, validationFailed } from '../../errors.js';
import { adminMessages } from '../../render/admin/admin-messages.js';
import { formErrorOf } from './form-error.js';

const en = { locale: 'en' as const, t: adminMessages('en') };
const ru = { locale: 'ru' as const, t: adminMessages('ru') };
const taken = new AppError('SLUG_TAKEN', 'Another section already has the address "world".', {
  hint: 'Choose another slug.',
  details: { fields: { slug: 'taken' } },
});

describe('formErrorOf', () => {
  it('shows the service’s own English message and hint in English, as before, with no details', () => {
    expect(formErrorOf(en, taken)).toEqual({ text: taken.message, hint: 'Choose another slug.', fields: { slug: 'taken' } });
    expect(formErrorOf(en, taken, { fieldsInText: true }).text).toBe('Another section already has the address "world". (slug: taken)');
    expect(formErrorOf(en, taken).details).toBeUndefined();
  });

  it('shows the catalogue’s text and hint by code in Russian, the English message, fields and hint under details', () => {
    expect(formErrorOf(ru, taken)).toEqual({
      text: 'Этот адрес (slug) уже занят.',
      hint: 'Выберите другой slug.',
      details: { summary: 'Подробности', text: 'Another section already has the address "world". (slug: taken) Choose another slug.' },
      fields: { slug: 'taken' },
    });
    const invalid = formErrorOf(ru, validationFailed('section', { 'name-ru': 'required' }));
    expect(invalid.text).toBe('Некоторые поля заполнены неверно.');
    expect(invalid.details?.text).toContain('name-ru: required');
    expect(formErrorOf(ru, INTERNAL_ERROR).text).toBe('Что-то пошло не так на нашей стороне.');
  });

  it('falls back to the English message for a code the catalogue lacks', () => {
    const odd = new AppError('BUILD_INCOMPLETE', 'The client bundle is missing.', { hint: 'Run npm run build.' });
    expect(formErrorOf(ru, odd)).toEqual({ text: 'The client bundle is missing.', hint: 'Run npm run build.' });
    // Kazakh has no translation yet: the specific English message, not the catalogue's generic English one.
    expect(formErrorOf({ locale: 'kk', t: adminMessages('kk') }, taken)).toMatchObject({ text: taken.message, hint: 'Choose another slug.' });
    expect(formErrorOf({ locale: 'kk', t: adminMessages('kk') }, taken).details).toBeUndefined();
  });

  it('has a Russian text and hint for every code the English catalogue has', () => {
    const ruCodes = adminMessages('ru').errors.codes;
    for (const [code, m] of Object.entries(adminMessages('en').errors.codes)) {
      expect(ruCodes[code], code).toBeDefined();
      expect(ruCodes[code]!.text, code).not.toBe(m.text);
    }
  });
});
