/**
 * Arena mode's shapes (issue 13): battles (a pair the server draws, voted left, right, tie or both
 * bad) and prompts with one response per candidate. The owner's settings are in
 * arena-settings.ts (the world cup's payload carries them).
 */
import { z } from 'zod';
import { ARENA_LIMITS, rankingSourceSchema } from './arena-settings.js';
import { candidateSchema, idSchema, mediaSchema } from './schemas.js';

export * from './arena-settings.js';

const categorySchema = z.string().trim().min(1).max(ARENA_LIMITS.categoryMax);

export const createBattleSchema = z
  .strictObject({
    blind: z.boolean().optional().describe("default: the world cup's setting"),
    category: categorySchema.optional().describe("only prompts of this category (prompted world cups)"),
  })
  .nullish();

export const battleChoiceSchema = z.enum(['left', 'right', 'tie', 'both_bad']);
export type BattleChoice = z.infer<typeof battleChoiceSchema>;

export const voteSchema = z.strictObject({ choice: battleChoiceSchema });

/** A candidate's response to a battle's prompt: text, or an image. */
export const promptResponseSchema = z.object({
  text: z.string().nullable(),
  image: z.object({ url: z.string(), thumbUrl: z.string(), width: z.number(), height: z.number() }).nullable(),
});
export type PromptResponse = z.infer<typeof promptResponseSchema>;

/**
 * One side of a blind battle: only what is voted on — the candidate's medium, or its response to
 * the prompt (then no medium). No name, id, group or caption.
 */
export const blindSideSchema = z.strictObject({
  media: mediaSchema.nullable(),
  response: promptResponseSchema.nullable(),
});

/** One side with the candidate named: a battle that is not blind, and every battle once voted. */
export const namedSideSchema = candidateSchema.extend({ response: promptResponseSchema.nullable() });
export type NamedSide = z.infer<typeof namedSideSchema>;

export const battleSideSchema = z.union([namedSideSchema, blindSideSchema]);
export type BattleSide = z.infer<typeof battleSideSchema>;

export const battleSchema = z.object({
  id: z.string().describe("the battle's private id: only the session that was given it can vote"),
  worldcupId: z.string(),
  blind: z.boolean(),
  prompt: z.object({ text: z.string(), category: z.string().nullable() }).nullable(),
  left: battleSideSchema,
  right: battleSideSchema,
  expiresAt: z.string().describe('after this a vote is refused (410 battle_expired)'),
});
export type Battle = z.infer<typeof battleSchema>;

export const voteResultSchema = z.object({
  choice: battleChoiceSchema,
  left: namedSideSchema,
  right: namedSideSchema,
  next: battleSchema.nullable().describe('the next battle, drawn as POST …/battles would (null when the arena closed meanwhile)'),
});
export type VoteResult = z.infer<typeof voteResultSchema>;

// ---- prompts ----------------------------------------------------------------------------------

export const importPromptsSchema = z.strictObject({
  jsonl: z.string().max(ARENA_LIMITS.importMax, `at most ${ARENA_LIMITS.importMax} characters`),
  replace: z.boolean().optional().describe('remove the existing prompts first'),
});

export const importPromptsResultSchema = z.object({
  imported: z.number(),
  prompts: z.number().describe('prompts the world cup now has'),
  errors: z.array(z.object({ line: z.number(), message: z.string() })).describe('lines left out, and why (at most 50 listed)'),
});
export type ImportPromptsResult = z.infer<typeof importPromptsResultSchema>;

export const promptListSchema = z.object({
  prompts: z.number(),
  categories: z.array(z.object({ name: z.string(), prompts: z.number() })),
});
export type PromptList = z.infer<typeof promptListSchema>;

export const rankingQuerySchema = z.object({
  source: rankingSourceSchema.default('all').describe('all votes; bracket picks; arena votes (blind or not); blind arena votes only; live-room votes'),
  category: categorySchema.optional().describe('only votes of battles on prompts of this category'),
});
export type RankingQuery = z.infer<typeof rankingQuerySchema>;


export const battleParamsSchema = z.strictObject({ id: idSchema });
