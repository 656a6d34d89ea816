/**
 * The HTTP API's contract, one table per area. The server registers exactly these routes
 * (src/http/route-table.ts, checked by test/api/route-table.test.ts) and the web client calls them
 * (src/web/lib/api.ts); neither writes a path or a reply type of its own.
 */
import { accountRoutes } from './accounts.js';
import { arenaRoutes } from './arena.js';
import { commentRoutes } from './comments.js';
import type { ApiRoute } from './define.js';
import { exportRoutes } from './exports.js';
import { embedRoutes } from './embeds.js';
import { gameRoutes } from './games.js';
import { liveRoutes } from './live.js';
import { moderationRoutes } from './moderation.js';
import { rankingRoutes } from './ranking.js';
import { resultRoutes } from './results.js';
import { roomRoutes } from './rooms.js';
import { systemRoutes } from './system.js';
import { uploadRoutes } from './uploads.js';
import { worldcupRoutes } from './worldcups.js';

export * from './define.js';
export { urlOf } from './url.js';
export { accountRoutes, arenaRoutes, commentRoutes, embedRoutes, exportRoutes, gameRoutes, liveRoutes, moderationRoutes, rankingRoutes, resultRoutes, roomRoutes, systemRoutes, uploadRoutes, worldcupRoutes };

export const routes = {
  worldcups: worldcupRoutes,
  games: gameRoutes,
  arena: arenaRoutes,
  rooms: roomRoutes,
  ranking: rankingRoutes,
  exports: exportRoutes,
  results: resultRoutes,
  uploads: uploadRoutes,
  live: liveRoutes,
  accounts: accountRoutes,
  moderation: moderationRoutes,
  comments: commentRoutes,
  embeds: embedRoutes,
  system: systemRoutes,
};

/** Every route of the API, for code that goes through all of them (tests, documentation). */
export const allRoutes: readonly ApiRoute[] = Object.values<Record<string, ApiRoute>>(routes).flatMap((area) => Object.values(area));
