/**
 * The API's shapes, written once as zod schemas; the route tables (shared/api/) say which route
 * takes and returns which. The server validates requests and generates the OpenAPI document from
 * them, the web app validates forms with the same rules and gets its reply types from them.
 * Changing a shape here changes it everywhere.
 */
import { z } from 'zod';
import { arenaSettingsSchema, patchArenaSchema, rankingSourceSchema, voteSourcesSchema } from './arena-settings.js';
export { type ResumableGame, resumableGameSchema } from './resume.js';

export const LIMITS = {
  titleMax: 100,
  descriptionMax: 2000,
  nameMax: 100,
  textMax: 500,
  captionMax: 200,
  groupMax: 40,
  tagMax: 30,
  tagsMax: 10,
  candidatesMin: 4,
  candidatesMax: 1024,
  uploadBytesMax: 10 * 1024 * 1024,
  pageSizeMax: 60,
} as const;

export const visibilitySchema = z.enum(['public', 'unlisted', 'private']);
export type Visibility = z.infer<typeof visibilitySchema>;

const trimmed = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`);

/** Ids are opaque url-safe strings; the bound keeps garbage out of queries. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'not a valid id');

export const candidateInputSchema = z
  .strictObject({
    /** Present when editing an existing candidate (PATCH); absent for a new one. */
    id: idSchema.optional(),
    name: trimmed(LIMITS.nameMax, 'name'),
    imageId: idSchema.optional(),
    videoUrl: z.string().trim().max(300).optional(),
    videoStart: z.number().int().min(0).max(86_400).optional(),
    videoEnd: z.number().int().min(1).max(86_400).optional(),
    text: trimmed(LIMITS.textMax, 'text').optional(),
    /** A short line shown under the candidate (a fact, a year); not a medium of its own. */
    caption: trimmed(LIMITS.captionMax, 'caption').optional(),
    group: trimmed(LIMITS.groupMax, 'group').optional(),
  })
  .refine((c) => [c.imageId, c.videoUrl, c.text].filter((m) => m !== undefined).length <= 1, {
    message: 'a candidate has at most one of imageId, videoUrl, text',
  })
  .refine((c) => c.videoEnd === undefined || c.videoEnd > (c.videoStart ?? 0), {
    message: 'videoEnd must be after videoStart',
    path: ['videoEnd'],
  });
export type CandidateInput = z.infer<typeof candidateInputSchema>;

const tagsSchema = z
  .array(trimmed(LIMITS.tagMax, 'tag').transform((t) => t.toLowerCase().replace(/^#/, '')))
  .max(LIMITS.tagsMax, `at most ${LIMITS.tagsMax} tags`);

const candidatesSchema = z
  .array(candidateInputSchema)
  .min(LIMITS.candidatesMin, `a world cup needs at least ${LIMITS.candidatesMin} candidates`)
  .max(LIMITS.candidatesMax, `a world cup has at most ${LIMITS.candidatesMax} candidates`);

export const createWorldCupSchema = z.strictObject({
  title: trimmed(LIMITS.titleMax, 'title'),
  description: z.string().trim().max(LIMITS.descriptionMax).optional(),
  visibility: visibilitySchema.optional(),
  tags: tagsSchema.optional(),
  candidates: candidatesSchema,
});
export type CreateWorldCupInput = z.infer<typeof createWorldCupSchema>;

/** PATCH: every field optional; `candidates`, when given, is the complete new list (ids keep their stats). */
export const patchWorldCupSchema = z.strictObject({
  title: trimmed(LIMITS.titleMax, 'title').optional(),
  description: z.string().trim().max(LIMITS.descriptionMax).optional(),
  visibility: visibilitySchema.optional(),
  tags: tagsSchema.optional(),
  candidates: candidatesSchema.optional(),
  arena: patchArenaSchema.optional(),
});
export type PatchWorldCupInput = z.infer<typeof patchWorldCupSchema>;

// Not strict: links carry tracking parameters (utm_source…) that must not break the page.
export const listQuerySchema = z.object({
  sort: z.enum(['popular', 'new', 'random']).default('popular'),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional()
    .describe('the shuffle of sort=random (0 when left out): one seed, one order, so its pages neither overlap nor skip'),
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(LIMITS.tagMax).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(24),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const createGameSchema = z.strictObject({
  size: z
    .number()
    .int()
    .min(2, 'size must be at least 2')
    .max(LIMITS.candidatesMax)
    .refine((n) => (n & (n - 1)) === 0, 'size must be a power of two'),
});

/**
 * `picks`: the game's `picks` count the client saw when it asked. When sent, a request made against
 * an older state (a double click, a retried request) is refused with 409 instead of deciding the
 * next match too. The web app always sends it.
 */
const expectedPicks = z.number().int().min(0).max(LIMITS.candidatesMax);
export const pickSchema = z.strictObject({ winner: idSchema, picks: expectedPicks.optional() });
export const undoSchema = z.strictObject({ picks: expectedPicks.optional() }).nullish();

export const idParamsSchema = z.strictObject({ id: idSchema });

// ---- responses ---------------------------------------------------------------------------------

export const mediaSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('image'),
    imageId: z.string(),
    url: z.string(),
    thumbUrl: z.string(),
    /** The image's renditions for `<img srcset>` (`url` is the widest); '' when `url` is the only one. */
    srcset: z.string(),
    width: z.number(),
    height: z.number(),
  }),
  z.object({
    kind: z.literal('video'),
    videoUrl: z.string(),
    youtubeId: z.string(),
    start: z.number().nullable(),
    end: z.number().nullable(),
  }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
export type Media = z.infer<typeof mediaSchema>;

export const candidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  caption: z.string().nullable(),
  media: mediaSchema.nullable(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const worldCupSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  visibility: visibilitySchema,
  tags: z.array(z.string()),
  candidateCount: z.number(),
  plays: z.number().describe('games started'),
  finishes: z.number().describe('games played to a champion'),
  cover: z.object({ url: z.string(), thumbUrl: z.string() }).nullable(),
  isOwner: z.boolean(),
  hidden: z.boolean().describe('hidden by an admin: only its owner and admins see it'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorldCupSummary = z.infer<typeof worldCupSummarySchema>;

export const worldCupSchema = worldCupSummarySchema.extend({
  candidates: z.array(candidateSchema),
  sizes: z.array(z.number()).describe('bracket sizes this world cup can be played at'),
  arena: arenaSettingsSchema,
  categories: z.array(z.string()).describe("the categories of the world cup's prompts (arena battles on prompts; per-category leaderboards)"),
});
export type WorldCup = z.infer<typeof worldCupSchema>;

export const worldCupPageSchema = z.object({
  items: z.array(worldCupSummarySchema),
  nextCursor: z.string().nullable(),
});
export type WorldCupPage = z.infer<typeof worldCupPageSchema>;

export const tagCountSchema = z.object({ tag: z.string(), count: z.number() });
export type TagCount = z.infer<typeof tagCountSchema>;

export const matchSchema = z.object({
  round: z.number().describe('candidates in this round: 16 = 16강, 4 = 준결승, 2 = 결승'),
  index: z.number().describe('0-based match number within the round'),
  total: z.number().describe('matches in this round'),
  a: candidateSchema,
  b: candidateSchema,
});
export type Match = z.infer<typeof matchSchema>;

/** "같은 선택 62%": the share of a pair's counted votes won by the candidate picked (ties half); null under 5 votes. */
export const agreementSchema = z
  .object({
    share: z.number().describe('0–1: (votes won by the picked candidate + ties/2) / votes'),
    votes: z.number().describe("the pair's counted votes, all sources"),
  })
  .nullable();

export const gameSchema = z.object({
  id: z.string().describe("the game's private id: only the session that started it can use it"),
  resultId: z.string().describe('the public, read-only id of its result (safe to share)'),
  worldcupId: z.string(),
  worldcupTitle: z.string(),
  size: z.number(),
  done: z.boolean(),
  match: matchSchema.nullable(),
  champion: candidateSchema.nullable(),
  picks: z.number().describe('picks made so far'),
  totalPicks: z.number().describe('size - 1'),
  canUndo: z.boolean().describe('a pick was made and the game is not over (a champion is final)'),
  agreed: agreementSchema.describe('"others chose" for the last standing pick: how everyone voted in its pair, this pick included; null before the first pick and under 5 votes'),
});
export type Game = z.infer<typeof gameSchema>;

export const uploadSchema = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number(),
  height: z.number(),
});
export type Upload = z.infer<typeof uploadSchema>;

export const rankingItemSchema = z.object({
  candidateId: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  media: mediaSchema.nullable(),
  rank: z.number().nullable().describe('the rank statistic: 1 + candidates significantly better (their interval above this one); null when never compared'),
  position: z.number().nullable().describe('place by score among ranked candidates (1, 2, 3, … down the table); null when provisional'),
  rankRange: z
    .tuple([z.number(), z.number()])
    .nullable()
    .describe('the places the intervals allow, best to worst (1 + significantly better … ranked − significantly worse); null when provisional'),
  score: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  wins: z.number(),
  losses: z.number(),
  ties: z.number(),
  matches: z.number(),
  winRate: z.number().nullable(),
  appearances: z.number(),
  championships: z.number(),
  championshipRate: z.number().nullable(),
  provisional: z.boolean().describe('too little data for a place: fewer than 10 matches, or an interval wider than 400 points, or never compared'),
  /** Rank at each of the recent snapshots, oldest first (for the 순위 추이 sparkline). */
  trend: z.array(z.number()),
});
export type RankingItem = z.infer<typeof rankingItemSchema>;

export const rankingSchema = z.object({
  worldcupId: z.string(),
  votes: z.number(),
  games: z.number().describe('finished games'),
  excludedVotes: z.number().describe('picks of games flagged by fair play: stored, not counted'),
  updatedAt: z.string(),
  source: rankingSourceSchema.describe('which votes this table counts (`?source=`)'),
  category: z.string().nullable().describe('only votes on prompts of this category (`?category=`)'),
  sources: voteSourcesSchema.describe('the counted votes this table used, by source'),
  items: z.array(rankingItemSchema),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof errorSchema>;

// ---- ranking engine: matrix, history, camps ---------------------------------------------------

export const matrixCellSchema = z.object({
  a: z.string(),
  b: z.string(),
  wins: z.number().describe('wins of a over b'),
  losses: z.number().describe('wins of b over a'),
  ties: z.number(),
  predicted: z.number().nullable().describe('Bradley–Terry probability that a beats b'),
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const matrixSchema = z.object({
  worldcupId: z.string(),
  updatedAt: z.string(),
  /** Ordered by score (best first), then name. */
  candidates: z.array(
    z.object({ id: z.string(), name: z.string(), group: z.string().nullable(), score: z.number().nullable(), position: z.number().nullable().describe('as in the ranking table') }),
  ),
  /** Every pair that has met at least once, each pair once. */
  cells: z.array(matrixCellSchema),
});
export type Matrix = z.infer<typeof matrixSchema>;

export const historyPointSchema = z.object({
  at: z.string(),
  candidateId: z.string(),
  score: z.number(),
  ci: z.tuple([z.number(), z.number()]),
  rank: z.number(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export const historyQuerySchema = z.object({ candidate: idSchema.optional() });

export const historySchema = z.object({
  worldcupId: z.string(),
  candidateId: z.string().nullable(),
  /** Oldest first: one point per snapshot (hourly while there is activity). */
  points: z.array(historyPointSchema),
});
export type History = z.infer<typeof historySchema>;

export const estimateSchema = z.object({ value: z.number(), ci: z.tuple([z.number(), z.number()]).describe('95% bootstrap interval') });
export type Estimate = z.infer<typeof estimateSchema>;

export const campRecordSchema = z.object({
  wins: z.number(),
  losses: z.number(),
  ties: z.number(),
  matches: z.number(),
  winRate: z.number().nullable(),
  winRateCi: z.tuple([z.number(), z.number()]).nullable().describe('95% Wilson interval of the win rate'),
});

export const campSchema = z.object({
  name: z.string(),
  candidates: z.number(),
  best: z
    .object({ candidateId: z.string(), name: z.string(), score: z.number(), ci: z.tuple([z.number(), z.number()]), position: z.number().nullable() })
    .nullable(),
  meanScore: z.number().nullable().describe('mean score of the camp’s compared candidates (= mean.value)'),
  mean: estimateSchema.nullable().describe('mean score of the camp’s compared candidates, with its interval from the same bootstrap'),
  /** Matches against candidates of other camps only. */
  crossCamp: campRecordSchema,
});
export type Camp = z.infer<typeof campSchema>;

export const campComparisonSchema = z.object({
  group: z.string(),
  against: z.string().describe("the other camp, or 'rest' for every other camp together"),
  leader: z.string().nullable().describe('the camp that leads — only when the mean gap’s interval excludes 0; null: too close to call'),
  meanGap: estimateSchema.nullable().describe('mean score of `group` minus that of `against`, in points'),
  crossWinRate: z.object({
    value: z.number().nullable(),
    ci: z.tuple([z.number(), z.number()]).nullable(),
    wins: z.number(),
    losses: z.number(),
    ties: z.number(),
  }),
  trend: z.enum(['widening', 'narrowing', 'steady']).nullable().describe('the gap now against when there were half as many votes; a change beyond its noise only'),
  votesToSettle: z.number().nullable().describe('about how many more votes would make a gap of this size significant (when it is not yet)'),
});
export type CampComparison = z.infer<typeof campComparisonSchema>;

export const campsSchema = z.object({
  worldcupId: z.string(),
  updatedAt: z.string(),
  votes: z.number(),
  /** Highest mean score first. */
  camps: z.array(campSchema),
  /** Two camps: the whole camps compared (group = the one with the higher mean). Null otherwise. */
  comparison: campComparisonSchema.nullable(),
  /** Three or more camps: each against the rest. Empty otherwise. */
  versusRest: z.array(campComparisonSchema),
  /** The gap of `comparison` (or of the first camp against the rest) after every few votes, oldest first. */
  gapHistory: z.array(z.object({ votes: z.number(), at: z.string(), gap: z.number(), ci: z.tuple([z.number(), z.number()]) })),
  /** Secondary: the two camps' best candidates compared (null with fewer than two camps or no scores yet). */
  lead: z
    .object({
      leader: z.string(),
      trailer: z.string(),
      gap: z.number().describe('best score of leader minus best score of trailer, in points'),
      isSeparated: z.boolean().describe("true when the two best candidates' 95% intervals do not overlap"),
      trend: z.enum(['narrowing', 'widening', 'steady']).nullable().describe('gap now against about a day ago'),
    })
    .nullable(),
  /** Best score per camp over time (hourly snapshots), oldest first. */
  history: z.array(z.object({ at: z.string(), best: z.record(z.string(), z.number()) })),
});
export type Camps = z.infer<typeof campsSchema>;
