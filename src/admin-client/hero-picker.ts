import { byId, inputById } from './by-id.js';
import { button, el } from './dialog.js';
import { chooseImage } from './image-dialog.js';

/**
 * The hero image chosen from the media library (the body's image dialog: search, thumbnails, upload in place) instead
 * of typing its media id. The id field stays, hidden, as what the form sends; alt, caption and credit are the
 * sidebar's own fields, filled from the choice and edited right there.
 */
export function heroPicker(csrf: string) {
  const box = byId('hero-picker');
  if (!box) return;
  const id = inputById('heroMediaId');
  byId('hero-nojs')!.hidden = true;
  const choose = button(id.value ? 'Change the image' : 'Choose an image', { class: 'secondary', id: 'hero-choose' });
  const remove = button('Remove the image', { class: 'secondary', id: 'hero-remove', ...(id.value ? {} : { hidden: '' }) });
  const none = el('p', { class: 'note', id: 'hero-none', ...(id.value ? { hidden: '' } : {}) }, 'No hero image: lists and link previews show none.');
  box.append(none, el('div', { class: 'hero-choose' }, choose, remove));

  // The id field is the one the autosave reads; an input event on it is the change it listens for.
  const set = (v: { mediaId: number; src: string; alt: string; caption: string | null; credit: string | null } | null) => {
    id.value = v ? String(v.mediaId) : '';
    inputById('heroAlt').value = v?.alt ?? '';
    inputById('heroCaption').value = v?.caption ?? '';
    inputById('heroCredit').value = v?.credit ?? '';
    let img = byId<HTMLImageElement>('hero-preview');
    if (v && !img) {
      img = el('img', { id: 'hero-preview', class: 'hero-preview', alt: '' }) as HTMLImageElement;
      box.prepend(img);
    }
    if (img && v) {
      img.src = v.src;
      img.alt = v.alt;
    }
    if (img && !v) img.remove();
    choose.textContent = v ? 'Change the image' : 'Choose an image';
    remove.hidden = !v;
    none.hidden = !!v;
    id.dispatchEvent(new Event('input', { bubbles: true }));
  };
  choose.addEventListener('click', () => {
    void chooseImage({ csrf, opener: choose, words: { title: 'Hero image', use: 'Use as the hero image', upload: 'Upload and use' } }).then((a) => {
      if (!a) return;
      set(a);
      inputById('heroAlt').focus();
    });
  });
  remove.addEventListener('click', () => {
    set(null);
    choose.focus();
  });
  // The alt text shown on the preview follows the field.
  inputById('heroAlt').addEventListener('input', () => {
    const img = byId<HTMLImageElement>('hero-preview');
    if (img) img.alt = inputById('heroAlt').value;
  });
}
