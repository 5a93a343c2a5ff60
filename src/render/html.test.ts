import { describe, expect, it } from 'vitest';
import { escapeHtml, html, optionalAttr, raw, type Interpolation } from './html.js';

describe('html``', () => {
  it('escapes every interpolated string, in text and in attributes, as hono/jsx did', () => {
    const v = `Tom's "<b>bold</b>" & more`;
    expect(html`<p title="${v}">${v}</p>`.text).toBe(
      '<p title="Tom&#39;s &quot;&lt;b&gt;bold&lt;/b&gt;&quot; &amp; more">Tom&#39;s &quot;&lt;b&gt;bold&lt;/b&gt;&quot; &amp; more</p>',
    );
    expect(escapeHtml('plain text, no change')).toBe('plain text, no change');
    expect(escapeHtml('&&')).toBe('&amp;&amp;');
  });

  it('keeps nested templates and raw() as markup, and escapes strings inside arrays', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.text).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
    expect(html`${raw('<br>')}${['<', [raw('<i>'), '>']]}`.text).toBe('<br>&lt;<i>&gt;');
  });

  it('prints nothing for null, undefined and false, and refuses anything that is not text or markup', () => {
    expect(html`[${null}${undefined}${false}${''}]`.text).toBe('[]');
    expect(() => html`${{ toString: () => '<script>' } as unknown as Interpolation}`).toThrow(TypeError);
    expect(() => html`${7 as unknown as Interpolation}`).toThrow(TypeError);
  });

  it('leaves out an optional attribute without a value, and escapes it with one', () => {
    expect(html`<a${optionalAttr('hreflang', null)}>`.text).toBe('<a>');
    expect(html`<a${optionalAttr('hreflang', '"x')}>`.text).toBe('<a hreflang="&quot;x">');
    expect(html`<a${optionalAttr('lang', '')}>`.text).toBe('<a lang="">');
  });
});
