/*
 * The body's toolbar: block and inline formats, and the dialogs for links, embeds, fact boxes and images. A button
 * shows whether its format is on (aria-pressed) and keeps the selection in the text.
 */
import type { Editor } from '@tiptap/core';
import { EMBED_LABEL, embedProvider, isAllowedHref, MAX_URL_LENGTH, urlScheme } from '../content/body-rules.js';
import { askForm, button, el } from './dialog.js';
import { chooseImage } from './image-dialog.js';
import { locale, say, text } from './i18n.js';
import { INTL_LOCALE } from '../content/locales.js';

/** A toolbar button's action; the dialogs get the button to give the focus back to when cancelled. */
type Tool = { label: string; run: (b: HTMLButtonElement) => unknown; active?: () => boolean; available?: boolean; dialog?: boolean };

const PROVIDERS = Object.values(EMBED_LABEL);

// A bare host ("example.com/x") or mail address would be a link relative to this page; whoever typed it meant the
// web or mail address.
const withScheme = (href: string) =>
  urlScheme(href) !== undefined
    ? href
    : /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(href)
      ? `mailto:${href}`
      : /^[\w-]+(\.[\w-]+)+(?:[/?#:]|$)/.test(href)
        ? `https://${href}`
        : href;

export function bodyToolbar(editor: Editor, bar: HTMLElement, csrf: string) {
  const cmd = editor.commands as unknown as Record<string, ((...a: unknown[]) => boolean) | undefined>;
  const has = (name: string) => typeof cmd[name] === 'function';
  const chain = () => editor.chain().focus() as unknown as Record<string, (...a: unknown[]) => { run(): boolean }>;
  const go =
    (name: string, ...args: unknown[]) =>
    () =>
      chain()[name]!(...args).run();

  const d = text().dialogs;
  // "YouTube, X or Telegram" in the interface language.
  const providers = new Intl.ListFormat(INTL_LOCALE[locale()] ?? locale(), { type: 'disjunction' }).format(PROVIDERS);

  async function link(opener: HTMLButtonElement) {
    const current = editor.isActive('link') ? String(editor.getAttributes('link')['href'] ?? '') : '';
    const values = await askForm({
      id: 'link-dialog',
      title: current ? d.editLink : d.link,
      intro: current ? d.editLinkIntro : d.linkIntro,
      opener,
      submit: current ? d.saveLink : d.addLink,
      fields: [
        {
          name: 'href',
          label: d.address,
          type: 'url',
          value: current,
          maxLength: MAX_URL_LENGTH,
          note: d.addressNote,
          check: (v) => (!v ? (current ? null : d.typeAddress) : isAllowedHref(withScheme(v)) ? null : d.onlyLinks),
        },
      ],
    });
    if (!values) return;
    const href = values['href'] ? withScheme(values['href']) : '';
    const c = editor.chain().focus().extendMarkRange('link');
    if (!href) c.unsetLink().run();
    else if (editor.state.selection.empty && !current) c.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    else c.setLink({ href }).run();
  }

  async function embed(opener: HTMLButtonElement) {
    const values = await askForm({
      id: 'embed-dialog',
      title: d.embed,
      intro: say(d.embedIntro, { providers }),
      opener,
      submit: d.embedIt,
      fields: [
        {
          name: 'url',
          label: d.embedAddress,
          type: 'url',
          maxLength: MAX_URL_LENGTH,
          note: say(d.embedNote, { list: PROVIDERS.join(', ') }),
          check: (v) => (!v ? d.pasteAddress : embedProvider(v) ? null : say(d.cannotEmbed, { providers })),
        },
      ],
    });
    if (values) chain()['setEmbed']!({ url: values['url'] }).run();
  }

  async function factBox(opener: HTMLButtonElement) {
    const values = await askForm({
      id: 'factbox-dialog',
      title: d.factBox,
      intro: d.factBoxIntro,
      opener,
      submit: d.makeFactBox,
      fields: [
        {
          name: 'title',
          label: d.title,
          value: d.whatWeKnow,
          maxLength: 200,
          check: (v) => (v ? null : d.giveTitle),
        },
      ],
    });
    if (values) chain()['setFactBox']!({ title: values['title'] }).run();
  }

  async function image(opener: HTMLButtonElement) {
    const attrs = await chooseImage({ csrf, opener });
    if (attrs) editor.chain().focus().insertContent({ type: 'image', attrs }).run();
  }

  const tb = text().toolbar;
  const groups: Tool[][] = [
    [
      { label: tb.paragraph, run: go('setParagraph'), active: () => editor.isActive('paragraph') },
      { label: tb.subhead, run: go('toggleHeading', { level: 2 }), active: () => editor.isActive('heading', { level: 2 }) },
      { label: tb.minorSubhead, run: go('toggleHeading', { level: 3 }), active: () => editor.isActive('heading', { level: 3 }) },
    ],
    [
      { label: tb.bold, run: go('toggleBold'), active: () => editor.isActive('bold') },
      { label: tb.italic, run: go('toggleItalic'), active: () => editor.isActive('italic') },
      { label: tb.link, active: () => editor.isActive('link'), run: link, available: has('setLink'), dialog: true },
    ],
    [
      { label: tb.quote, run: go('toggleBlockquote'), active: () => editor.isActive('blockquote') },
      {
        label: tb.pullQuote,
        run: () => (editor.isActive('pullQuote') ? chain()['setParagraph']!().run() : chain()['setPullQuote']!().run()),
        active: () => editor.isActive('pullQuote'),
        available: has('setPullQuote'),
      },
      { label: tb.bulleted, run: go('toggleBulletList'), active: () => editor.isActive('bulletList') },
      { label: tb.numbered, run: go('toggleOrderedList'), active: () => editor.isActive('orderedList') },
      {
        label: tb.factBox,
        // Inside a box the button takes the box away again; only making one asks for a title.
        run: (b) => (editor.isActive('factBox') ? chain()['lift']!('factBox').run() : factBox(b)),
        active: () => editor.isActive('factBox'),
        available: has('setFactBox'),
        dialog: true,
      },
    ],
    [
      { label: tb.image, run: image, available: has('setImage'), dialog: true },
      { label: tb.embed, run: embed, available: has('setEmbed'), dialog: true },
      { label: tb.table, run: go('insertTable', { rows: 3, cols: 3, withHeaderRow: true }), available: has('insertTable') },
      { label: tb.rule, run: go('setHorizontalRule'), available: has('setHorizontalRule') },
    ],
    [
      { label: tb.undo, run: go('undo'), available: has('undo') },
      { label: tb.redo, run: go('redo'), available: has('redo') },
    ],
  ];

  const toggles: { b: HTMLButtonElement; t: Tool }[] = [];
  groups.forEach((group, gi) => {
    if (gi > 0) bar.append(el('span', { class: 'sep', 'aria-hidden': 'true' }));
    for (const t of group) {
      if (t.available === false) continue;
      const b = button(t.label, { ...(t.active ? { 'aria-pressed': 'false' } : {}), ...(t.dialog ? { 'aria-haspopup': 'dialog' } : {}) });
      // Keep the selection in the text: a mouse press on the button would otherwise take the focus first.
      b.addEventListener('mousedown', (e) => e.preventDefault());
      b.addEventListener('click', () => {
        void Promise.resolve(t.run(b)).then(refresh);
        refresh();
      });
      bar.append(b);
      if (t.active) toggles.push({ b, t });
    }
  });
  function refresh() {
    for (const { b, t } of toggles) b.setAttribute('aria-pressed', String(t.active!()));
  }
  editor.on('transaction', refresh);
  editor.on('selectionUpdate', refresh);
  refresh();
}
