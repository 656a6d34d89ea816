/**
 * The arena settings a world cup carries (issue 13), and the ranking's vote sources: apart from
 * arena.ts so that schemas.ts can use them without an import cycle.
 */
import { z } from 'zod';

export const ARENA_LIMITS = {
  promptMax: 4000,
  responseMax: 8000,
  categoryMax: 40,
  promptsMax: 2000,
  /**
   * The JSONL text of one import over HTTP, in characters: at up to 3 bytes each (Korean), such a
   * text stays within the 1 MB body limit. Bigger files: several imports, or `versus import` (no cap).
   */
  importMax: 300_000,
  topKMax: 50,
} as const;

/** Which modes a world cup offers: both (default), arena only, or brackets only (closed to arena). */
export const arenaModeSchema = z.enum(['both', 'arena', 'bracket']);
export type ArenaMode = z.infer<typeof arenaModeSchema>;

/** How the server chooses a battle's pair (README "Arena"): every pair alike, or where the top k is still open. */
export const samplingSchema = z.enum(['active', 'uniform']);
export type Sampling = z.infer<typeof samplingSchema>;

export const arenaSettingsSchema = z.object({
  mode: arenaModeSchema,
  blind: z.boolean().describe('battles are blind unless the voter asks otherwise'),
  sampling: samplingSchema,
  topK: z.number().int().min(1).max(ARENA_LIMITS.topKMax).describe('active sampling spends votes on who is in the top k and in which order'),
  campShare: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('target share of battles between candidates of different camps (e.g. 0.5 = half are open vs closed); null: no target'),
});
export type ArenaSettings = z.infer<typeof arenaSettingsSchema>;

export const DEFAULT_ARENA: ArenaSettings = { mode: 'both', blind: false, sampling: 'active', topK: 5, campShare: null };

/** PATCH /worldcups/:id `arena`: any of the settings. */
export const patchArenaSchema = z.strictObject({
  mode: arenaModeSchema.optional(),
  blind: z.boolean().optional(),
  sampling: samplingSchema.optional(),
  topK: z.number().int().min(1).max(ARENA_LIMITS.topKMax).optional(),
  campShare: z.number().min(0).max(1).nullable().optional(),
});


/** `GET …/ranking?source=`: which votes the table is computed from. */
export const rankingSourceSchema = z.enum(['all', 'bracket', 'arena', 'blind', 'room']);
export type RankingSource = z.infer<typeof rankingSourceSchema>;

/** Counted votes a ranking used, by where they came from ('arena' here: arena votes that were not blind). */
export const voteSourcesSchema = z.object({ bracket: z.number(), arena: z.number(), blind: z.number(), room: z.number() });
export type VoteSources = z.infer<typeof voteSourcesSchema>;
