import { Editor, type JSONContent } from '@tiptap/core';
import { bodyExtensions } from '../content/body-extensions.js';
import { bodyToolbar } from './body-toolbar.js';
import { byId } from './by-id.js';
import { el } from './dialog.js';

/**
 * TipTap in place of the page's static body (#body-editor holds the stored document as JSON), with its toolbar. The
 * page's fallbacks for no script (#body-static, #body-nojs) are hidden once the editor is up.
 */
export function bodyEditor(locale: string, csrf: string): Editor {
  const host = byId('body-editor')!;
  const doc = JSON.parse(host.dataset['doc'] || '{"type":"doc","content":[]}') as JSONContent;
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Text', 'aria-controls': 'body-content' });
  const mount = el('div');
  host.append(toolbar, mount);
  const editor = new Editor({
    element: mount,
    extensions: bodyExtensions(),
    content: doc,
    // TipTap's own <style> would need this page's CSP nonce; its rules are in /admin/assets/editor.css instead.
    injectCSS: false,
    editorProps: {
      attributes: { id: 'body-content', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': 'body-label', lang: locale, spellcheck: 'true' },
    },
  });
  byId('body-static')!.hidden = true;
  byId('body-nojs')!.hidden = true;
  host.hidden = false;
  bodyToolbar(editor, toolbar, csrf);
  return editor;
}
