import { starterWorldCups } from '../seed/starters.js';
import type { CandidateInput } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import { encodeImage, type UploadService } from './uploads.js';
import type { WorldCupService } from './worldcups.js';

export const SYSTEM_OWNER = 'system';

/**
 * Creates the starter world cups that are missing (by slug), rendering their artwork locally.
 * Idempotent, and safe when two instances start at once: the slug is unique, so the loser's
 * insert fails and it finds the winner's copy.
 */
export async function seedStarters(store: Store, worldcups: WorldCupService, uploads: UploadService): Promise<string[]> {
  const created: string[] = [];
  for (const starter of starterWorldCups) {
    if (await store.worldcups.getBySlug(starter.slug)) continue;
    // sharp renders on libuv's thread pool: a few at a time use every core without a memory spike.
    const candidates: CandidateInput[] = [];
    for (let i = 0; i < starter.candidates.length; i += 4) {
      const chunk = starter.candidates.slice(i, i + 4);
      const rendered = await Promise.all(
        chunk.map(async (c) => {
          const image = await uploads.save(await encodeImage(Buffer.from(c.svg)), SYSTEM_OWNER);
          return { name: c.name, group: c.group, caption: c.caption, imageId: image.id };
        }),
      );
      candidates.push(...rendered);
    }
    try {
      await worldcups.create(
        { title: starter.title, description: starter.description, tags: starter.tags, visibility: 'public', candidates },
        SYSTEM_OWNER,
        starter.slug,
      );
      created.push(starter.slug);
    } catch (error) {
      if (!(await store.worldcups.getBySlug(starter.slug))) throw error;
    }
  }
  return created;
}
