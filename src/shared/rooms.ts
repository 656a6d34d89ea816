/**
 * Live rooms' shapes (issue 14, README "Live rooms"): a host plays a world cup on stream and the
 * audience votes each match. The join code is public (it is what the audience types or scans);
 * being the host is the creating session's (or account's) and never travels in a payload.
 */
import { z } from 'zod';
import { candidateSchema, idSchema } from './schemas.js';

export const ROOM_LIMITS = {
  voteSecondsMin: 5,
  voteSecondsMax: 120,
  voteSecondsDefault: 20,
  delaySecondsMax: 60,
  /** Rooms a host may have open (not finished) at once. */
  openPerHost: 5,
  /** Early-close totals and margins at most. */
  closeEarlyMax: 1_000_000,
} as const;

/** Join codes: 6 characters without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const ROOM_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const roomCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${ROOM_CODE_ALPHABET}]{6}$`), 'not a room code'));

export const roomCodeParamsSchema = z.strictObject({ code: roomCodeSchema });

export const revealSchema = z.enum(['live', 'after']).describe("'live': the split is shown while voting; 'after': only once voting closes (the host always sees it)");
export type Reveal = z.infer<typeof revealSchema>;

const positive = z.number().int().min(1).max(ROOM_LIMITS.closeEarlyMax);

export const createRoomSchema = z.strictObject({
  worldcupId: idSchema,
  size: z.number().int().min(2).max(1024).describe('bracket size: a power of two no larger than the candidates'),
  voteSeconds: z.number().int().min(ROOM_LIMITS.voteSecondsMin).max(ROOM_LIMITS.voteSecondsMax).default(ROOM_LIMITS.voteSecondsDefault),
  reveal: revealSchema.default('live'),
  closeEarly: z.strictObject({ margin: positive.optional(), total: positive.optional() }).optional(),
  delaySeconds: z.number().int().min(0).max(ROOM_LIMITS.delaySecondsMax).default(0).describe("the stream's delay: voting opens and closes this long after the host's screen shows the match"),
  chat: z
    .strictObject({ twitch: z.string().trim().regex(/^#?[A-Za-z0-9_]{1,25}$/, 'a Twitch channel: 1–25 letters, digits or _') })
    .optional()
    .describe('count votes from this Twitch channel\'s chat too (!1 / !2; see README "Chat voting")'),
});
export type CreateRoom = z.infer<typeof createRoomSchema>;

export const sideSchema = z.enum(['left', 'right']);
export const roomVoteSchema = z.strictObject({ side: sideSchema });
export const advanceSchema = z.strictObject({ winner: idSchema.optional().describe("a candidate of the match; default: the audience's choice (needed on a tie)") }).nullish();

const tallySchema = z.object({ left: z.number(), right: z.number() });
export const roomTallySchema = tallySchema.extend({
  bySource: z.object({ web: tallySchema, chat: tallySchema }).describe('web votes and chat votes, counted together above'),
});
export type RoomTally = z.infer<typeof roomTallySchema>;

export const roomStatusSchema = z.enum(['lobby', 'voting', 'decided', 'finished']);

export const roomSchema = z.object({
  code: z.string(),
  joinUrl: z.string().describe('the page the audience votes on'),
  worldcupId: z.string(),
  worldcupTitle: z.string(),
  size: z.number(),
  voteSeconds: z.number(),
  delaySeconds: z.number(),
  reveal: revealSchema,
  closeEarly: z.object({ margin: z.number().optional(), total: z.number().optional() }),
  status: roomStatusSchema,
  /** The current match: its round (16 = 16강), its number in the round and the round's matches; 0 in the lobby. */
  round: z.number(),
  matchIndex: z.number(),
  matchTotal: z.number(),
  left: candidateSchema.nullable(),
  right: candidateSchema.nullable(),
  shownAt: z.string().nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  serverTime: z.string().describe("the server's clock when this was answered (countdowns correct for the viewer's clock)"),
  tally: roomTallySchema.nullable().describe("null while hidden: reveal 'after' shows the audience the split only once voting closed"),
  /** Once the current match is decided: the audience's result and the host's winner. */
  result: z.enum(['left', 'right', 'tie']).nullable().describe("the audience's result once voting closed (a tie goes to the host)"),
  winner: z.string().nullable(),
  overridden: z.boolean(),
  audience: z.number().describe('people who opened or voted in the room within the last minute (the host and an overlay count too)'),
  myVote: sideSchema.nullable(),
  isHost: z.boolean(),
  champion: candidateSchema.nullable(),
  endedEarly: z.boolean(),
  chat: z.object({ twitch: z.string(), status: z.enum(['connecting', 'joined', 'closed', 'off']) }).nullable().describe("the room's chat voting: the channel, and whether its chat is being read"),
});
export type Room = z.infer<typeof roomSchema>;

export const roomVoteResultSchema = z.object({ side: sideSchema, round: z.number(), matchIndex: z.number() });

export const roomResultMatchSchema = z.object({
  round: z.number(),
  matchIndex: z.number(),
  left: candidateSchema,
  right: candidateSchema,
  tally: roomTallySchema,
  result: z.enum(['left', 'right', 'tie']),
  winner: candidateSchema.nullable(),
  overridden: z.boolean(),
});

export const roomResultsSchema = z.object({
  code: z.string(),
  worldcupId: z.string(),
  worldcupTitle: z.string(),
  status: roomStatusSchema,
  reveal: revealSchema,
  countsInRanking: z.boolean().describe("whether the room's votes count in the world cup's ranking (only with reveal 'after')"),
  champion: candidateSchema.nullable(),
  endedEarly: z.boolean(),
  matches: z.array(roomResultMatchSchema).describe('the closed matches in play order'),
});
export type RoomResults = z.infer<typeof roomResultsSchema>;
