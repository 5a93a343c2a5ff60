import type { ApiCall } from './api-call.js';
import { byId, inputById } from './by-id.js';
import { button, el } from './dialog.js';
import { chooseImage, problemText } from './image-dialog.js';
import { say, text } from './i18n.js';

/**
 * The hero image chosen from the media library (the body's image dialog: search, thumbnails, upload in place) instead
 * of typing its media id. The id field stays, hidden, as what the form sends; alt, caption and credit are the
 * sidebar's own fields, filled from the choice and edited right there.
 */
export function heroPicker(csrf: string, call: ApiCall) {
  const box = byId('hero-picker');
  if (!box) return;
  const id = inputById('heroMediaId');
  byId('hero-nojs')!.hidden = true;
  const choose = button(id.value ? text().hero.change : text().hero.choose, { class: 'secondary', id: 'hero-choose' });
  const remove = button(text().hero.remove, { class: 'secondary', id: 'hero-remove', ...(id.value ? {} : { hidden: '' }) });
  const none = el('p', { class: 'note', id: 'hero-none', ...(id.value ? { hidden: '' } : {}) }, text().hero.none);
  box.append(none, el('div', { class: 'hero-choose' }, choose, remove));
  const focal = focalPoint(call, box);
  focal.show(id.value ? Number(id.value) : null);

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
    choose.textContent = v ? text().hero.change : text().hero.choose;
    remove.hidden = !v;
    none.hidden = !!v;
    id.dispatchEvent(new Event('input', { bubbles: true }));
    focal.show(v ? v.mediaId : null);
  };
  choose.addEventListener('click', () => {
    void chooseImage({ csrf, opener: choose, words: { title: text().hero.title, use: text().hero.use, upload: text().hero.upload } }).then((a) => {
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

/**
 * The focal point of the hero's library image: where it stays in view when a page crops it. It is the library item's
 * own (PATCH /admin/api/v1/media/{id}, `media.edit`), so it changes for every story that shows the image; set by a
 * click on the preview or by its two numbers.
 */
function focalPoint(call: ApiCall, box: HTMLElement) {
  const x = el('input', { id: 'hero-focal-x', type: 'number', min: '0', max: '1', step: '0.01' }) as HTMLInputElement;
  const y = el('input', { id: 'hero-focal-y', type: 'number', min: '0', max: '1', step: '0.01' }) as HTMLInputElement;
  const save = button(text().hero.saveFocal, { class: 'secondary' });
  const status = el('p', { class: 'note', role: 'status', id: 'hero-focal-status' });
  const part = el(
    'fieldset',
    { class: 'focal', id: 'hero-focal', hidden: '' },
    el('legend', {}, text().hero.focal),
    el('p', { class: 'note', id: 'hero-focal-note' }, text().hero.focalHelp),
    el(
      'div',
      { class: 'grid' },
      el('div', {}, el('label', { for: x.id }, 'Across (0 left, 1 right)'), x),
      el('div', {}, el('label', { for: y.id }, 'Down (0 top, 1 bottom)'), y),
    ),
    el('div', { class: 'actions' }, save),
    status,
  );
  box.after(part);
  let mediaId: number | null = null;
  const round = (v: number) => String(Math.round(Math.min(1, Math.max(0, v)) * 100) / 100);
  box.addEventListener('click', (e) => {
    const img = e.target as HTMLElement;
    if (img.id !== 'hero-preview' || mediaId === null) return;
    const r = img.getBoundingClientRect();
    x.value = round(((e as MouseEvent).clientX - r.left) / r.width);
    y.value = round(((e as MouseEvent).clientY - r.top) / r.height);
    status.textContent = say(text().hero.focalUnsaved, { x: x.value, y: y.value });
  });
  save.addEventListener('click', () => {
    if (mediaId === null) return;
    const fx = Number(x.value);
    const fy = Number(y.value);
    if (x.value === '' || y.value === '' || !(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) {
      status.textContent = text().hero.focalRange;
      return;
    }
    void call('PATCH', `/admin/api/v1/media/${mediaId}`, { focalX: fx, focalY: fy }).then(
      (a) => {
        if (a.status === 200) status.textContent = say(text().hero.focalSaved, { x: round(fx), y: round(fy) });
        else {
          const p = problemText(a.status, a.json as Parameters<typeof problemText>[1]);
          status.textContent = `${p.message} ${p.hint}`.trim();
        }
      },
      () => (status.textContent = text().hero.focalOffline),
    );
  });
  return {
    /** Shows the focal point of this library image (none: hidden). */
    show(id: number | null) {
      mediaId = id;
      part.hidden = id === null;
      status.textContent = '';
      if (id === null) return;
      void call('GET', `/admin/api/v1/media/${id}`).then(
        (a) => {
          if (mediaId !== id || a.status !== 200) return;
          x.value = round(Number(a.json['focalX'] ?? 0.5));
          y.value = round(Number(a.json['focalY'] ?? 0.5));
        },
        () => undefined,
      );
    },
  };
}
