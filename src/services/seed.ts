import sharp from 'sharp';
import { starterWorldCups } from '../seed/starters.js';
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
    const candidates = [];
    for (const c of starter.candidates) {
      const png = await sharp(Buffer.from(c.svg)).png().toBuffer();
      const image = await uploads.save(await encodeImage(png), SYSTEM_OWNER);
      candidates.push({ name: c.name, group: c.group, caption: c.caption, imageId: image.id });
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
