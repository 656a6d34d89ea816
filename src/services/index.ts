import type { Store } from '../store/store.js';
import { CampService } from './camps.js';
import { CandidateCache } from './candidate-cache.js';
import { type GameEvent, GameService } from './games.js';
import { RankingService } from './ranking.js';
import { type EngineOptions, RankingEngine } from './rating/ranking-engine.js';
import { UploadService } from './uploads.js';
import { WorldCupService } from './worldcups.js';

export interface Services {
  worldcups: WorldCupService;
  games: GameService;
  uploads: UploadService;
  ranking: RankingService;
  camps: CampService;
  /** Stops background work (the ranking worker thread). */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Hears every committed pick, undo and finish (after the ranking engine has). */
  onGameEvent?: (e: GameEvent) => void;
  engine?: EngineOptions;
}

/** Wires the use cases over one store. */
export function createServices(store: Store, opts: ServiceOptions = {}): Services {
  const cache = new CandidateCache(store);
  const engine = new RankingEngine(store, opts.engine);
  const worldcups = new WorldCupService(store, cache, (id) => engine.noteChange(id));
  const ranking = new RankingService(store, cache, worldcups, engine);
  const onGameEvent = (e: GameEvent) => {
    engine.noteChange(e.worldcupId);
    opts.onGameEvent?.(e);
  };
  return {
    worldcups,
    games: new GameService(store, cache, worldcups, onGameEvent),
    uploads: new UploadService(store),
    ranking,
    camps: new CampService(store, worldcups, ranking),
    close: () => engine.close(),
  };
}
