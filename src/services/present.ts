/** Maps stored rows to the API's response shapes (src/shared/schemas.ts). */
import { youTubeWatchUrl } from '../domain/youtube.js';
import type { Candidate, Media, WorldCupSummary } from '../shared/schemas.js';
import type { UploadMeta } from '../store/uploads-repo.js';
import type { CandidateRow, WorldcupRow } from '../store/worldcups-repo.js';

export const imageUrl = (id: string): string => `/media/${id}.webp`;
export const thumbUrl = (id: string): string => `/media/${id}.thumb.webp`;
/** Width of the medium rendition (UploadService): a phone's match card at 2× pixel density. */
export const MEDIUM_WIDTH = 720;
export const mediumUrl = (id: string): string => `/media/${id}.${MEDIUM_WIDTH}.webp`;

/** The image's renditions as an `<img srcset>`: '' when it has one only (no wider than the medium one, or its width unknown). */
export function imageSrcset(id: string, width: number): string {
  return width > MEDIUM_WIDTH ? `${mediumUrl(id)} ${MEDIUM_WIDTH}w, ${imageUrl(id)} ${width}w` : '';
}

export type UploadIndex = ReadonlyMap<string, Pick<UploadMeta, 'width' | 'height'>>;

function mediaOf(c: CandidateRow, uploads: UploadIndex): Media | null {
  if (c.image_id) {
    const meta = uploads.get(c.image_id);
    return {
      kind: 'image',
      imageId: c.image_id,
      url: imageUrl(c.image_id),
      thumbUrl: thumbUrl(c.image_id),
      srcset: imageSrcset(c.image_id, meta?.width ?? 0),
      width: meta?.width ?? 0,
      height: meta?.height ?? 0,
    };
  }
  if (c.video_id && c.video_url) {
    // Rebuilt from the id, not the stored text: links stored before credentials were refused may carry them.
    return { kind: 'video', videoUrl: youTubeWatchUrl(c.video_id, c.video_start), youtubeId: c.video_id, start: c.video_start, end: c.video_end };
  }
  if (c.text) return { kind: 'text', text: c.text };
  return null;
}

export function presentCandidate(c: CandidateRow, uploads: UploadIndex): Candidate {
  return { id: c.id, name: c.name, group: c.group_name, caption: c.caption, media: mediaOf(c, uploads) };
}

export function presentSummary(w: WorldcupRow, viewer: string | null): WorldCupSummary {
  return {
    id: w.id,
    title: w.title,
    description: w.description,
    visibility: w.visibility,
    tags: JSON.parse(w.tags) as string[],
    candidateCount: w.candidate_count,
    plays: w.plays,
    finishes: w.finishes,
    cover: w.cover_image_id ? { url: imageUrl(w.cover_image_id), thumbUrl: thumbUrl(w.cover_image_id) } : null,
    isOwner: viewer !== null && viewer === w.owner,
    hidden: w.hidden_at !== null,
    createdAt: new Date(w.created_at).toISOString(),
    updatedAt: new Date(w.updated_at).toISOString(),
  };
}
