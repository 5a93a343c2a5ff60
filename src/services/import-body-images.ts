import type { Block, Doc, Image } from '../content/document.js';
import type { Deps } from './deps.js';
import { importMediaFile, type ImportMedia } from './import-common.js';

/**
 * Images inside an imported body (issue 14). With a copy of the old site's uploads folder, each image whose address is
 * under it goes into the media library like an upload (renditions, the library's limits; the library keys files by
 * their bytes, so the attachment already imported, or the same image in another post, is the same item) and the body
 * points at the library (`mediaId`, and the library's address as `src`). An image that is not there, or every image
 * without the folder, keeps its original address and is listed, for the report's `mediaKept`.
 *
 * WordPress and Ghost write a resized copy into the text (`photo-1024x683.jpg`, `size/w600/photo.jpg`): the original
 * is taken when the folder has it, so the library gets one item per photo, at full size, whatever size a post showed.
 */
export type BodyImages = { doc: Doc; kept: string[]; warnings: string[] };

/** WordPress's resized copy (`photo-1024x683.jpg`) → its original (`photo.jpg`). */
export const wordpressOriginal = (rel: string) => rel.replace(/-\d{1,5}x\d{1,5}(\.[A-Za-z0-9]{1,5})$/, '$1');
/** Ghost's resized copy (`size/w600/2020/01/x.jpg`) → its original (`2020/01/x.jpg`). */
export const ghostOriginal = (rel: string) => rel.replace(/^size\/w\d{1,5}(?:h\d{1,5})?\//, '');

/** `folderPath`: the file's path inside the copied folder, from its address (null: not under it). */
export function bodyImageImporter(
  deps: Deps,
  media: ImportMedia | undefined,
  folderPath: (url: string) => string | null,
  originalOf: (rel: string) => string = wordpressOriginal,
  // The media library writes in transactions of its own: an import that writes in batches runs it outside its batch
  // (import-common.ts `outside`), or the library's transaction waits for the batch's on the one connection.
  outside: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
) {
  // One look at the folder per address for the whole run.
  const seen = new Map<string, Promise<{ ok: true; id: number; path: string } | { ok: false; why: string | null }>>();

  const lookUp = (src: string) => {
    let p = seen.get(src);
    if (!p) {
      p = (async () => {
        const rel = folderPath(src);
        if (!media || !rel) return { ok: false as const, why: null };
        const original = originalOf(rel);
        let got = await outside(() => importMediaFile(deps, media, original, { alt: null, caption: null }));
        if (!got.ok && original !== rel) got = await outside(() => importMediaFile(deps, media, rel, { alt: null, caption: null }));
        return got.ok ? { ok: true as const, id: got.id, path: got.path } : { ok: false as const, why: got.reason };
      })();
      seen.set(src, p);
    }
    return p;
  };

  // The body comes back as the same object when no image in it changes (most posts have none): the article's save
  // then takes the converter's document as it is, and a post's blocks are not copied and awaited one by one.
  return async function localize(doc: Doc): Promise<BodyImages> {
    const kept = new Set<string>();
    const warnings = new Set<string>();
    const walk = async (blocks: Block[] | undefined): Promise<Block[] | undefined> => {
      if (!blocks || !blocks.some(holdsImage)) return blocks;
      const out: Block[] = [];
      for (const b of blocks) {
        if (b.type === 'image') {
          out.push(await image(b));
        } else if ('content' in b && Array.isArray(b.content)) {
          const content = await walk(b.content as Block[]);
          out.push(content === b.content ? b : ({ ...b, content: content as never } as Block));
        } else out.push(b);
      }
      return out.every((b, i) => b === blocks[i]) ? blocks : out;
    };
    const image = async (n: Image): Promise<Image> => {
      const src = n.attrs.src;
      if (n.attrs.mediaId || !src || src.startsWith('/media/')) return n;
      const got = await lookUp(src);
      if (got.ok) return { ...n, attrs: { ...n.attrs, src: got.path, mediaId: got.id } };
      kept.add(src);
      if (got.why) warnings.add(`image kept at its original address: ${got.why}`);
      return n;
    };
    const content = (await walk(doc.content)) ?? [];
    return { doc: content === doc.content ? doc : { ...doc, content }, kept: [...kept], warnings: [...warnings] };
  };
}

/** Whether a block is an image or has one somewhere inside. */
function holdsImage(b: Block): boolean {
  if (b.type === 'image') return true;
  return 'content' in b && Array.isArray(b.content) && (b.content as Block[]).some(holdsImage);
}

/** A URL with a scheme or starting `//`: on some host, not a path of the export's own site. */
export const isAbsoluteUrl = (url: string) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url.trim());

/** A host as sites are told apart: lower case, without `www.`. */
export const bareHost = (hostname: string) => hostname.toLowerCase().replace(/^www\./, '');
