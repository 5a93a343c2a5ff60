import { parseRenditions } from '../../../../content/media.js';
import type { MediaRow } from '../../../../services/media.js';

/** What the Admin API shows of a library item: what an editor can set, what was uploaded, and every rendition. */
export function presentMedia(r: MediaRow) {
  return {
    id: r.id,
    src: r.path,
    mime: r.mime,
    width: r.width,
    height: r.height,
    alt: r.alt,
    missingAlt: r.alt.trim() === '',
    caption: r.caption,
    credit: r.credit,
    focalX: Number(r.focal_x),
    focalY: Number(r.focal_y),
    sha256: r.sha256,
    bytes: r.bytes,
    originalName: r.original_name,
    originalMime: r.original_mime,
    uploadedBy: r.uploaded_by,
    renditions: parseRenditions(r.renditions),
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
  };
}
