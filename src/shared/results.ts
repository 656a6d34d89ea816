/** A finished game's public, read-only view (issue 12): the champion and the path through the bracket. */
import { z } from 'zod';
import { agreementSchema, candidateSchema } from './schemas.js';

export const resultMatchSchema = z.object({
  round: z.number().describe('candidates in this round: 16 = 16강, 2 = 결승'),
  left: candidateSchema,
  right: candidateSchema,
  picked: z.enum(['left', 'right']),
  agreed: agreementSchema,
});
export type ResultMatch = z.infer<typeof resultMatchSchema>;

export const resultSchema = z.object({
  id: z.string().describe('the public result id (never the game id)'),
  worldcup: z.object({ id: z.string(), title: z.string() }),
  champion: candidateSchema,
  size: z.number(),
  finishedAt: z.string(),
  rounds: z.array(resultMatchSchema).describe('every match of the game in play order, round by round'),
});
export type Result = z.infer<typeof resultSchema>;
