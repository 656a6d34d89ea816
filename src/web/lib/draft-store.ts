/**
 * Keeps the create/edit form's draft in this browser (localStorage), so leaving the page — a link,
 * the back button, a reload, a closed tab — loses neither text nor uploads. One draft per form:
 * `create`, and `edit:<id>` per world cup. Uploaded images are already on the server, so a draft
 * keeps their ids and thumbnail URLs; an image still uploading (or whose upload failed) cannot be
 * kept, since the file itself is gone after a reload. The server deletes uploads no world cup uses
 * after UPLOAD_ORPHAN_HOURS (24 h by default): `expiredImages` finds those before a draft is
 * restored, so the form says which images have to be added again.
 */
import type { Draft, DraftCandidate } from './draft';

const PREFIX = 'versus.draft.';
/** Thumbnails checked at once when a draft is restored. */
const PARALLEL_CHECKS = 6;

export interface StoredDraft {
  /** Epoch ms of the last save. */
  savedAt: number;
  draft: Draft;
}

/** `create` for a new world cup, `edit:<id>` for an existing one. */
export const formKey = (worldcupId: string | null): string => (worldcupId ? `edit:${worldcupId}` : 'create');

/** What of a candidate survives a reload: no local blob URL, no upload in flight. */
function keepable(c: DraftCandidate): DraftCandidate | null {
  if (c.kind === 'image' && !c.imageId) return null;
  const { uploading: _u, progress: _p, uploadError: _e, ...rest } = c;
  const previewUrl = c.thumbUrl ?? (c.previewUrl?.startsWith('blob:') ? undefined : c.previewUrl);
  return { ...rest, previewUrl };
}

/** The draft as it is stored: plain data, without what cannot be restored. */
export function storable(d: Draft): Draft {
  return {
    title: d.title,
    description: d.description,
    visibility: d.visibility,
    tags: [...d.tags],
    candidates: d.candidates.map(keepable).filter((c): c is DraftCandidate => c !== null),
  };
}

/** Whether there is anything worth offering back. */
export function hasContent(d: Draft): boolean {
  return d.title.trim() !== '' || d.description.trim() !== '' || d.tags.length > 0 || d.candidates.length > 0;
}

/** The same content (what would be saved), ignoring list keys. */
export function sameContent(a: Draft, b: Draft): boolean {
  const plain = (d: Draft) => JSON.stringify({ ...storable(d), candidates: storable(d).candidates.map(({ key: _k, ...c }) => c) });
  return plain(a) === plain(b);
}

function isDraft(value: unknown): value is StoredDraft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { savedAt?: unknown; draft?: { title?: unknown; description?: unknown; tags?: unknown; candidates?: unknown; visibility?: unknown } };
  const d = v.draft;
  return (
    typeof v.savedAt === 'number' &&
    typeof d === 'object' &&
    d !== null &&
    typeof d.title === 'string' &&
    typeof d.description === 'string' &&
    Array.isArray(d.tags) &&
    Array.isArray(d.candidates) &&
    (d.visibility === 'public' || d.visibility === 'unlisted' || d.visibility === 'private')
  );
}

export function loadDraft(key: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as unknown;
    return isDraft(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    const stored: StoredDraft = { savedAt: Date.now(), draft: storable(draft) };
    localStorage.setItem(PREFIX + key, JSON.stringify(stored));
  } catch {
    // Storage full or unavailable (privacy mode): the form still works, only without a kept draft.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // nothing kept, nothing to clear
  }
}

/** The keys of image candidates whose upload the server no longer has (a 404 for its thumbnail). */
export async function expiredImages(d: Draft): Promise<Set<string>> {
  const images = d.candidates.filter((c) => c.kind === 'image' && c.previewUrl);
  const gone = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let c = images[next++]; c; c = images[next++]) {
      try {
        // no-store: the thumbnail is cached as immutable, and a cached copy says nothing of the server's.
        const res = await fetch(c.previewUrl as string, { method: 'HEAD', cache: 'no-store' });
        if (res.status === 404) gone.add(c.key);
      } catch {
        // offline: keep it; saving will say if it is really gone
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CHECKS, images.length) }, worker));
  return gone;
}
