/** The resume offer's payload (이어하기, issue 12); re-exported by schemas.ts. */
import { z } from 'zod';

/**
 * The viewer's own unfinished game of a world cup, to offer "이어하기": its id is a capability, so
 * this is only ever answered to the session that started it (`Cache-Control: private, no-store`).
 */
export const resumableGameSchema = z.object({
  game: z
    .object({
      id: z.string().describe("the game's private id: only the session that started it gets it"),
      size: z.number(),
      round: z.number().describe('candidates in the current round: 16 = 16강, 2 = 결승'),
      index: z.number().describe('0-based number of the current match within the round'),
      total: z.number().describe('matches in this round'),
      picks: z.number(),
      totalPicks: z.number(),
      updatedAt: z.string().describe('ISO-8601 time of its last pick (or its start)'),
    })
    .nullable()
    .describe('the most recently played unfinished game this session started on the world cup; null when there is none'),
});
export type ResumableGame = z.infer<typeof resumableGameSchema>;
