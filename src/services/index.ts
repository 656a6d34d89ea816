import type { Store } from '../store/store.js';
import { CandidateCache } from './candidate-cache.js';
import { type GameEvent, GameService } from './games.js';
import { RankingService } from './ranking.js';
import { UploadService } from './uploads.js';
import { WorldCupService } from './worldcups.js';

export interface Services {
  worldcups: WorldCupService;
  games: GameService;
  uploads: UploadService;
  ranking: RankingService;
}

/** Wires the use cases over one store; `onGameEvent` hears every committed pick, undo and finish. */
export function createServices(store: Store, onGameEvent?: (e: GameEvent) => void): Services {
  const cache = new CandidateCache(store);
  const worldcups = new WorldCupService(store, cache);
  return {
    worldcups,
    games: new GameService(store, cache, worldcups, onGameEvent),
    uploads: new UploadService(store),
    ranking: new RankingService(store, cache, worldcups),
  };
}
