import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseRenditions, type MediaRendition, type RenditionFormat } from '../content/media.js';
import { slugFromHeadline } from '../content/slug.js';
import type { Processed } from './image-processing.js';

// The library's files: renditions under DATA_DIR/media/lib/ (served to readers), originals under DATA_DIR/originals/,
// which is never served: an original may carry EXIF data (a photographer's GPS position) that the renditions drop.

const EXTENSION: Record<RenditionFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** A file name as people typed it, without a path and control characters, and not absurdly long. */
export const cleanName = (name: string | null | undefined) => {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return base ? base.slice(0, 200) : null;
};

/**
 * Writes the renditions under DATA_DIR/media/lib/<first 20 hex of the SHA-256>/ and the original under
 * DATA_DIR/originals/. The folder is named by the content, so a name never points at other bytes and readers may cache
 * it for good. Each file is written beside its place and renamed, so a reader never gets half a file.
 */
export async function storeFiles(dataDir: string, sha256: string, fileName: string | null, original: Uint8Array, p: Processed): Promise<MediaRendition[]> {
  const key = sha256.slice(0, 20);
  const dir = path.join(dataDir, 'media', 'lib', key);
  const originals = path.join(dataDir, 'originals');
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.mkdir(originals, { recursive: true });
  const base = baseName(fileName);
  const write = async (file: string, data: Uint8Array) => {
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  };
  const out: MediaRendition[] = [];
  for (const r of p.renditions) {
    const name = `${base}-${r.width}.${EXTENSION[r.format]}`;
    await write(path.join(dir, name), r.data);
    out.push({ format: r.format, width: r.width, height: r.height, path: `/media/lib/${key}/${name}`, bytes: r.data.byteLength });
  }
  await write(path.join(originals, `${sha256}.${p.mime.split('/')[1]}`), original);
  return out;
}

/** Removes an item's files: its renditions, its folder and its original. A file already gone is no error. */
export async function removeFiles(dataDir: string, row: { renditions: string | null; sha256: string | null; original_mime: string | null }): Promise<void> {
  const renditions = parseRenditions(row.renditions);
  for (const r of renditions) await fs.promises.rm(path.join(dataDir, r.path), { force: true });
  // The folder is this item's alone: it is named by the content's hash (see storeFiles).
  const folder = renditions[0]?.path.match(/^\/media\/lib\/[0-9a-f]{20}\//)?.[0];
  if (folder) await fs.promises.rm(path.join(dataDir, folder), { recursive: true, force: true });
  if (row.sha256 && row.original_mime)
    await fs.promises.rm(path.join(dataDir, 'originals', `${row.sha256}.${row.original_mime.split('/')[1]}`), { force: true });
}

/** A readable, safe file name stem from the uploaded name ("Harbour at dawn.JPG" -> "harbour-at-dawn"). */
function baseName(fileName: string | null): string {
  const stem = (cleanName(fileName) ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const slug = stem ? slugFromHeadline(stem).slice(0, 60).replace(/-+$/, '') : '';
  return slug && slug !== 'story' ? slug : 'image';
}
