/**
 * Drag and drop for the front-page screen's top stories: a progressive enhancement over its Move up / Move down
 * buttons, which stay (and stay the keyboard's way). Dropping a story moves its row, with its hidden id and its
 * "until" field, to where it was dropped and sends the form as "Save the times" does: the server saves the new order
 * with the form's `baseVersion`, as any button would, and answers the page again. Served as a module from
 * /admin/front-pages/front-page.js and loaded with the page's CSP nonce; plain JavaScript, no bundle (it needs none).
 */
export const FRONT_PAGE_JS = `
const list = document.querySelector('#top ol.pins');
const save = document.querySelector('#top button[name="op"][value="save-top"]');
if (list && save && list.children.length > 1) {
  const form = save.form;
  let dragged = null;
  const note = document.createElement('p');
  note.className = 'note';
  note.id = 'drag-note';
  // The page gives the sentence in the interface language.
  note.textContent = list.dataset.dragNote || 'Drag a story to a new place to reorder, or use its Move buttons.';
  list.before(note);
  for (const li of list.children) {
    li.draggable = true;
    li.classList.add('draggable');
    li.addEventListener('dragstart', (e) => {
      dragged = li;
      li.classList.add('dragging');
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', li.querySelector('input[name="top"]').value);
    });
    li.addEventListener('dragend', () => {
      li.classList.remove('dragging');
      dragged = null;
    });
  }
  // Where a drop lands: before the first row whose middle is below the pointer, else at the end.
  const rowAfter = (y) => [...list.children].find((li) => li !== dragged && y < li.getBoundingClientRect().top + li.offsetHeight / 2) ?? null;
  list.addEventListener('dragover', (e) => {
    if (!dragged) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  });
  list.addEventListener('drop', (e) => {
    if (!dragged) return;
    e.preventDefault();
    const before = rowAfter(e.clientY);
    if (before === dragged.nextElementSibling || before === dragged) return;
    list.insertBefore(dragged, before);
    list.setAttribute('aria-busy', 'true');
    form.requestSubmit(save);
  });
}
`;
