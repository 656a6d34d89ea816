import { starterWorldCups, type StarterWorldCup } from '../seed/starters.js';
import type { ImportPromptsResult } from '../shared/arena.js';
import type { CandidateInput } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { Viewer } from './access.js';
import { encodeImage, type UploadService } from './uploads.js';
import type { WorldCupService } from './worldcups.js';

export const SYSTEM_OWNER = 'system';

/** What seeding needs of the prompt service (prompts.ts): the owner's JSONL import, the same as POST …/prompts and `versus import`. */
export interface PromptImporter {
  importJsonl(worldcupId: string, viewer: Viewer, jsonl: string, replace: boolean): Promise<ImportPromptsResult>;
}

/** The starter's candidates as inputs: drawn ones rendered and uploaded (a few at a time), text ones as they are. */
async function candidatesOf(starter: StarterWorldCup, uploads: UploadService): Promise<CandidateInput[]> {
  const candidates: CandidateInput[] = [];
  // sharp renders on libuv's thread pool: a few at a time use every core without a memory spike.
  for (let i = 0; i < starter.candidates.length; i += 4) {
    const chunk = starter.candidates.slice(i, i + 4);
    const made = await Promise.all(
      chunk.map(async (c): Promise<CandidateInput> => {
        if (c.svg === undefined) return { name: c.name, group: c.group, caption: c.caption, text: c.text };
        const image = await uploads.save(await encodeImage(Buffer.from(c.svg)), SYSTEM_OWNER);
        return { name: c.name, group: c.group, caption: c.caption, imageId: image.id };
      }),
    );
    candidates.push(...made);
  }
  return candidates;
}

/**
 * Imports a prompted starter's prompts when its world cup has none: right after creating it, and
 * for a world cup whose earlier seeding stopped between the two steps. A line refused here is a
 * mistake in src/seed, so it fails the start loudly rather than shipping a demo with gaps.
 */
async function seedPrompts(store: Store, prompts: PromptImporter, worldcupId: string, jsonl: string): Promise<void> {
  if ((await store.arena.countPrompts(worldcupId)) > 0) return;
  const result = await prompts.importJsonl(worldcupId, SYSTEM_OWNER, jsonl, true);
  if (result.errors.length > 0) {
    throw new Error(`starter prompts refused: ${result.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  }
}

/**
 * Creates the starter world cups that are missing (by slug), rendering their artwork locally, and
 * imports the prompts of the prompted one through the prompt service (without it, that world cup is
 * made without prompts and gets them on a later start that has it). Idempotent, and safe when two
 * instances start at once: the slug is unique, so the loser's insert fails and it finds the winner's copy.
 */
export async function seedStarters(store: Store, worldcups: WorldCupService, uploads: UploadService, prompts?: PromptImporter): Promise<string[]> {
  const created: string[] = [];
  for (const starter of starterWorldCups) {
    const existing = await store.worldcups.getBySlug(starter.slug);
    if (existing) {
      if (starter.promptsJsonl !== undefined && prompts) await seedPrompts(store, prompts, existing.id, starter.promptsJsonl);
      continue;
    }
    const candidates = await candidatesOf(starter, uploads);
    let id: string;
    try {
      const wc = await worldcups.create(
        { title: starter.title, description: starter.description, tags: starter.tags, visibility: 'public', candidates },
        SYSTEM_OWNER,
        starter.slug,
      );
      id = wc.id;
      created.push(starter.slug);
    } catch (error) {
      const winner = await store.worldcups.getBySlug(starter.slug);
      if (!winner) throw error;
      id = winner.id;
    }
    if (starter.promptsJsonl !== undefined && prompts) await seedPrompts(store, prompts, id, starter.promptsJsonl);
  }
  return created;
}
