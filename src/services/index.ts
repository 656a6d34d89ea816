import type { LiveBackend } from '../live/backend.js';
import { countersOf } from '../live/counters.js';
import { memoryBackend } from '../live/memory.js';
import type { Store } from '../store/store.js';
import { Access } from './access.js';
import { AccountService } from './accounts.js';
import { CampService } from './camps.js';
import { CandidateCache } from './candidate-cache.js';
import type { FairPlayOptions } from './fair-play.js';
import { type GameEvent, GameService } from './games.js';
import { LiveService } from './live.js';
import { RankingService } from './ranking.js';
import { type EngineOptions, RankingEngine } from './rating/ranking-engine.js';
import { ReportService } from './reports.js';
import { type UploadOptions, UploadService } from './uploads.js';
import { WorldCupService } from './worldcups.js';

export interface Services {
  worldcups: WorldCupService;
  games: GameService;
  uploads: UploadService;
  ranking: RankingService;
  camps: CampService;
  live: LiveService;
  accounts: AccountService;
  reports: ReportService;
  /** Stops background work (the ranking worker thread, the orphan sweep, the live backend's connections). */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Hears every committed start, pick, undo and finish (after the ranking engine has). */
  onGameEvent?: (e: GameEvent) => void;
  engine?: EngineOptions;
  /** Shared live state; in-process when absent. */
  live?: LiveBackend;
  /** Failures of background work (live updates), which never fail a request. */
  onError?: (error: unknown) => void;
  /** Fair-play rules (config FLAG_*); off when absent. */
  fairPlay?: FairPlayOptions;
  /** The username that is always an admin (config ADMIN_USERNAME). */
  adminUsername?: string | undefined;
  /** Upload concurrency, quota and clean-up (config UPLOAD_*). */
  uploads?: UploadOptions;
  /** Memory for the caches of games and candidates (config CACHE_MB). */
  cacheBytes?: number;
}

const ENGINE_CHANNEL = 'engine';

/** Wires the use cases over one store. */
export async function createServices(store: Store, opts: ServiceOptions = {}): Promise<Services> {
  const backend = opts.live ?? memoryBackend();
  const onError = opts.onError ?? (() => undefined);
  // CACHE_MB: half for the candidates of world cups being played, half for the games themselves.
  const cacheBytes = opts.cacheBytes ?? 256 * 1024 * 1024;
  const cache = new CandidateCache(store, cacheBytes / 2);
  // The live service presents rankings through the ranking service, which is created after the
  // engine it reads (and the engine reports to the live service): hence the late lookup.
  const live: LiveService = new LiveService(backend, store, cache, (): RankingService => ranking, onError);
  // Tells other instances that their cached rankings of a world cup are older than this one.
  const instance = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const engine: RankingEngine = new RankingEngine(store, {
    ...opts.engine,
    lock: (worldcupId, ttlMs) => live.lock(`ranking:${worldcupId}`, ttlMs),
    onUpdate: async (result) => {
      // Other instances hear "stale" before their viewers hear the new ranking (one Redis
      // connection delivers in publish order), so a viewer who then asks any instance gets it.
      await backend.bus.publish(ENGINE_CHANNEL, 'computed', JSON.stringify({ worldcupId: result.worldcupId, instance })).catch(onError);
      await live.rankingComputed(result);
      await opts.engine?.onUpdate?.(result);
    },
  });
  /** A deleted world cup's ranking state and candidates are dropped from memory, here and (through the bus) on every instance. */
  const forgetWorldcup = (worldcupId: string) => {
    engine.forget(worldcupId);
    cache.invalidate(worldcupId);
  };
  const unsubscribe = await backend.bus.subscribe(ENGINE_CHANNEL, (m) => {
    const { worldcupId, instance: from } = JSON.parse(m.data) as { worldcupId: string; instance: string };
    if (from === instance) return;
    if (m.event === 'deleted') forgetWorldcup(worldcupId);
    else engine.invalidate(worldcupId);
  });
  const accounts = new AccountService(store, { adminUsername: opts.adminUsername });
  await accounts.start();
  const access = new Access((viewer) => accounts.isAdmin(viewer));
  const worldcups = new WorldCupService(
    store,
    cache,
    access,
    {
      candidatesChanged: (id) => engine.noteChange(id),
      created: (row) => live.worldcupCreated(row),
      hidden: (id, reason) => {
        live.worldcupHidden(id, reason);
        if (reason !== 'deleted') return;
        forgetWorldcup(id);
        backend.bus.publish(ENGINE_CHANNEL, 'deleted', JSON.stringify({ worldcupId: id, instance })).catch(onError);
      },
    },
  );
  const ranking: RankingService = new RankingService(store, cache, worldcups, engine);
  const onGameEvent = (e: GameEvent) => {
    // A flagged game's picks change no count: nothing to recompute (its `flag` event does change them).
    if (e.type !== 'start' && !e.uncounted) engine.noteChange(e.worldcupId);
    live.gameEvent(e);
    opts.onGameEvent?.(e);
  };
  const uploads = new UploadService(store, opts.uploads);
  uploads.startSweeping(onError);
  return {
    worldcups,
    games: new GameService(store, cache, worldcups, onGameEvent, { fairPlay: opts.fairPlay, cacheBytes: cacheBytes / 2, counters: countersOf(backend) }),
    uploads,
    ranking,
    camps: new CampService(store, worldcups, ranking),
    live,
    accounts,
    reports: new ReportService(store, worldcups),
    async close() {
      unsubscribe();
      await uploads.close();
      await engine.close();
      if (!opts.live) await backend.close(); // a backend passed in belongs to the caller
    },
  };
}
