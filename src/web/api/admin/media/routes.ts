import { Hono, type Context } from 'hono';
import type { Deps } from '../../../../services/deps.js';
import { deleteMedia, editMedia, listMediaItems, readMedia, uploadMedia, type MediaOptions } from '../../../../services/media.js';
import { readJson } from '../../../body.js';
import { readUploadForm } from '../../../media-upload.js';
import { parse } from '../articles/schema.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentMedia } from './present.js';
import { ListMediaQuery, mediaIdParam, PatchMediaBody, UploadFields } from './schema.js';

const BASE = `${ADMIN_API_PATH}/media`;

/** The upload route, which takes MEDIA_MAX_MB instead of the API's JSON body limit (both applied in ../routes.ts). */
export const isMediaUpload = (c: Context) => c.req.method === 'POST' && /\/v1\/media\/?$/.test(c.req.path);

/** /api/admin/v1/media: upload (multipart), list (newest first, keyset), read, edit the text and focal point, delete. */
export function mediaRoutes(deps: Deps, media: MediaOptions) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.get('/', async (c) => {
    const query = parse(ListMediaQuery, c.req.query(), 'query');
    const { items, nextBefore } = await listMediaItems(deps, query);
    const rest = Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => k !== 'before'));
    const next = nextBefore === null ? null : `${BASE}?${new URLSearchParams({ ...rest, before: String(nextBefore) })}`;
    return c.json({ items: items.map(presentMedia), next });
  });

  // A new item is 201 with its address; the same bytes again are 200 with the item that exists.
  app.post('/', async (c) => {
    const form = await readUploadForm(c);
    const fields = parse(UploadFields, Object.fromEntries(form.names.filter((n) => n !== 'file').map((n) => [n, form.text(n) ?? ''])), 'upload');
    const { item, created } = await uploadMedia(deps, media, who(c), {
      bytes: new Uint8Array(await form.file.arrayBuffer()),
      fileName: form.file.name,
      ...fields,
    });
    c.header('Location', `${BASE}/${item.id}`);
    return c.json(presentMedia(item), created ? 201 : 200);
  });

  app.get('/:id', async (c) => c.json(presentMedia(await readMedia(deps, mediaIdParam(c.req.param('id'))))));

  app.patch('/:id', async (c) => {
    const id = mediaIdParam(c.req.param('id'));
    const body = parse(PatchMediaBody, await readJson(c), 'media item');
    return c.json(presentMedia(await editMedia(deps, who(c), id, body)));
  });

  app.delete('/:id', async (c) => {
    await deleteMedia(deps, media, who(c), mediaIdParam(c.req.param('id')));
    return c.body(null, 204);
  });

  return app;
}
