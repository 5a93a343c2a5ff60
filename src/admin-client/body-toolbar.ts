/*
 * The body's toolbar: block and inline formats, and the dialogs for links, embeds, fact boxes and images. A button
 * shows whether its format is on (aria-pressed) and keeps the selection in the text.
 */
import type { Editor } from '@tiptap/core';
import { EMBED_LABEL, embedProvider, isAllowedHref, MAX_URL_LENGTH, urlScheme } from '../content/body-rules.js';
import { askForm, button, el } from './dialog.js';
import { chooseImage } from './image-dialog.js';

/** A toolbar button's action; the dialogs get the button to give the focus back to when cancelled. */
type Tool = { label: string; run: (b: HTMLButtonElement) => unknown; active?: () => boolean; available?: boolean; dialog?: boolean };

const PROVIDERS = Object.values(EMBED_LABEL);
const providerList = `${PROVIDERS.slice(0, -1).join(', ')} or ${PROVIDERS.at(-1)!}`;

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

  async function link(opener: HTMLButtonElement) {
    const current = editor.isActive('link') ? String(editor.getAttributes('link')['href'] ?? '') : '';
    const values = await askForm({
      id: 'link-dialog',
      title: current ? 'Edit the link' : 'Link',
      intro: current
        ? 'Change the address, or empty it to remove the link.'
        : 'The selected words link to this address; with nothing selected, the address itself is inserted as a link.',
      opener,
      submit: current ? 'Save the link' : 'Add the link',
      fields: [
        {
          name: 'href',
          label: 'Address',
          type: 'url',
          value: current,
          maxLength: MAX_URL_LENGTH,
          note: 'A web address (https://…), an e-mail address as mailto:…, or an address on this site (/…).',
          check: (v) =>
            !v
              ? current
                ? null
                : 'Type the address to link to.'
              : isAllowedHref(withScheme(v))
                ? null
                : 'Only web (http:// or https://), mailto: and this site’s (/…) addresses can be links.',
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
      title: 'Embed',
      intro: `A post or video from ${providerList}. Readers get a link to it with the provider’s name; nothing of theirs runs on our pages.`,
      opener,
      submit: 'Embed it',
      fields: [
        {
          name: 'url',
          label: 'Address of the post or video',
          type: 'url',
          maxLength: MAX_URL_LENGTH,
          note: `An https address on ${PROVIDERS.join(', ')} (for example https://www.youtube.com/watch?v=…, https://x.com/…/status/…, https://t.me/…/123).`,
          check: (v) =>
            !v
              ? 'Paste the address of the post or video.'
              : embedProvider(v)
                ? null
                : `This address cannot be embedded: only https addresses of ${providerList} are accepted. For another site, add a link instead.`,
        },
      ],
    });
    if (values) chain()['setEmbed']!({ url: values['url'] }).run();
  }

  async function factBox(opener: HTMLButtonElement) {
    const values = await askForm({
      id: 'factbox-dialog',
      title: 'Fact box',
      intro: 'The selected paragraphs and lists go into a box beside the story, under this title.',
      opener,
      submit: 'Make the fact box',
      fields: [
        {
          name: 'title',
          label: 'Title',
          value: 'What we know',
          maxLength: 200,
          check: (v) => (v ? null : 'Give the box a title, such as “What we know” or “Key dates”.'),
        },
      ],
    });
    if (values) chain()['setFactBox']!({ title: values['title'] }).run();
  }

  async function image(opener: HTMLButtonElement) {
    const attrs = await chooseImage({ csrf, opener });
    if (attrs) editor.chain().focus().insertContent({ type: 'image', attrs }).run();
  }

  const groups: Tool[][] = [
    [
      { label: 'Paragraph', run: go('setParagraph'), active: () => editor.isActive('paragraph') },
      { label: 'Subhead', run: go('toggleHeading', { level: 2 }), active: () => editor.isActive('heading', { level: 2 }) },
      { label: 'Minor subhead', run: go('toggleHeading', { level: 3 }), active: () => editor.isActive('heading', { level: 3 }) },
    ],
    [
      { label: 'Bold', run: go('toggleBold'), active: () => editor.isActive('bold') },
      { label: 'Italic', run: go('toggleItalic'), active: () => editor.isActive('italic') },
      { label: 'Link', active: () => editor.isActive('link'), run: link, available: has('setLink'), dialog: true },
    ],
    [
      { label: 'Quote', run: go('toggleBlockquote'), active: () => editor.isActive('blockquote') },
      {
        label: 'Pull quote',
        run: () => (editor.isActive('pullQuote') ? chain()['setParagraph']!().run() : chain()['setPullQuote']!().run()),
        active: () => editor.isActive('pullQuote'),
        available: has('setPullQuote'),
      },
      { label: 'Bulleted list', run: go('toggleBulletList'), active: () => editor.isActive('bulletList') },
      { label: 'Numbered list', run: go('toggleOrderedList'), active: () => editor.isActive('orderedList') },
      {
        label: 'Fact box',
        // Inside a box the button takes the box away again; only making one asks for a title.
        run: (b) => (editor.isActive('factBox') ? chain()['lift']!('factBox').run() : factBox(b)),
        active: () => editor.isActive('factBox'),
        available: has('setFactBox'),
        dialog: true,
      },
    ],
    [
      { label: 'Image', run: image, available: has('setImage'), dialog: true },
      { label: 'Embed', run: embed, available: has('setEmbed'), dialog: true },
      { label: 'Table', run: go('insertTable', { rows: 3, cols: 3, withHeaderRow: true }), available: has('insertTable') },
      { label: 'Rule', run: go('setHorizontalRule'), available: has('setHorizontalRule') },
    ],
    [
      { label: 'Undo', run: go('undo'), available: has('undo') },
      { label: 'Redo', run: go('redo'), available: has('redo') },
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
