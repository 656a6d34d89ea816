/** Files for taking a world cup's numbers elsewhere (README "Import and export"). */
import { idParamsSchema } from '../schemas.js';
import { defineFile } from './define.js';

const tags = ['export'];

export const exportRoutes = {
  rankingCsv: defineFile({
    path: '/worldcups/:id/ranking.csv',
    params: idParamsSchema,
    contentType: 'text/csv; charset=utf-8',
    errors: [400, 404, 429],
    summary: 'The ranking table as CSV (RFC 4180, formula-safe): for anyone who may see the world cup',
    tags,
  }),
  votesJsonl: defineFile({
    path: '/worldcups/:id/votes.jsonl',
    params: idParamsSchema,
    contentType: 'application/x-ndjson; charset=utf-8',
    errors: [400, 403, 404, 429],
    summary: "The world cup's counted votes, one JSON object a line, voters pseudonymised per world cup: its owner only",
    tags,
  }),
};
