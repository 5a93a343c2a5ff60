import { byId } from './by-id.js';
import { button } from './dialog.js';

export type Byline = { contributorId: number; role: string };

/** The contributor rows (#byline-rows: a contributor and a role each), with a button for one more row. */
export type BylineRows = { read(): Byline[]; set(bylines: Byline[]): void };

export function bylineRows(): BylineRows {
  const rows = byId('byline-rows')!;
  const addRow = button('Add another contributor', { class: 'secondary' });
  rows.insertAdjacentElement('afterend', addRow);
  /** A copy of the last row, numbered as the next one and with nothing chosen. */
  function bylineRow(): HTMLElement {
    const all = rows.querySelectorAll('li');
    const last = all[all.length - 1]!;
    const i = all.length;
    const copy = last.cloneNode(true) as HTMLElement;
    for (const l of Array.from(copy.querySelectorAll('label'))) {
      const f = l.htmlFor.replace(/\d+/, String(i));
      l.htmlFor = f;
      if (f.endsWith('contributor')) l.textContent = `Contributor ${i + 1}`;
    }
    for (const s of Array.from(copy.querySelectorAll('select'))) {
      s.id = s.id.replace(/\d+/, String(i));
      s.name = s.id;
      s.selectedIndex = 0;
    }
    rows.append(copy);
    return copy;
  }
  addRow.addEventListener('click', () => {
    (bylineRow().querySelector('select') as HTMLSelectElement).focus();
  });

  return {
    read: () =>
      Array.from(rows.querySelectorAll('li')).flatMap((li) => {
        const [who, role] = Array.from(li.querySelectorAll('select'));
        return who?.value ? [{ contributorId: Number(who.value), role: role?.value ?? 'author' }] : [];
      }),
    set(bylines) {
      while (rows.querySelectorAll('li').length < bylines.length + 1) bylineRow();
      Array.from(rows.querySelectorAll('li')).forEach((li, i) => {
        const [who, role] = Array.from(li.querySelectorAll('select'));
        const b = bylines[i];
        if (who) who.value = b ? String(b.contributorId) : '';
        if (role) role.value = b?.role ?? 'author';
      });
    },
  };
}
