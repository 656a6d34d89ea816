import type { LiveBackend } from '../live/backend.js';
import { countersOf } from '../live/counters.js';
import { waitForLock } from '../live/lock.js';
import { memoryBackend } from '../live/memory.js';
import type { Store } from '../store/store.js';
import { Access } from './access.js';
import { AccountService } from './accounts.js';
import { type BattleOptions, BattleService, DEFAULT_BATTLE_OPTIONS } from './battles.js';
import { CampService } from './camps.js';
import { CandidateCache } from './candidate-cache.js';
import { CommentService } from './comments.js';
import { FAIR_PLAY_OFF, FairPlay, type FairPlayOptions } from './fair-play.js';
import { DomainEventBus } from './domain-events.js';
import { ExportService } from './exports.js';
import { EmbedService } from './embeds.js';
import { GameService } from './games.js';
import { LiveService } from './live.js';
import { PromptService } from './prompts.js';
import { RankingService } from './ranking.js';
import { type EngineOptions, RankingEngine } from './rating/ranking-engine.js';
import { ReportService } from './reports.js';
import { ResultService } from './results.js';
import { type RoomOptions, RoomService } from './rooms.js';
import { PreviewService } from './cards/previews.js';
import { type UploadOptions, UploadService } from './uploads.js';
import { WorldCupService } from './worldcups.js';

export interface Services {
  worldcups: WorldCupService;
  games: GameService;
  /** Arena battles (issue 13). */
  battles: BattleService;
  prompts: PromptService;
  /** Live rooms (issue 14). */
  rooms: RoomService;
  uploads: UploadService;
  ranking: RankingService;
  camps: CampService;
  live: LiveService;
  accounts: AccountService;
  reports: ReportService;
  comments: CommentService;
  /** ranking.csv, votes.jsonl and the world cup as JSON (HTTP and `versus export`). */
  exports: ExportService;
  embeds: EmbedService;
  results: ResultService;
  previews: PreviewService;
  /** What happened, after commit (domain-events.ts): subscribe to react. */
  events: DomainEventBus;
  /** Stops background work (the ranking worker threads, the orphan sweep, the live backend's connections). */
  close(): Promise<void>;
}

export interface ServiceOptions {
  engine?: EngineOptions;
  /** Shared live state; in-process when absent. */
  live?: LiveBackend;
  /** Failures of background work (live updates, event subscribers), which never fail a request. */
  onError?: (error: unknown) => void;
  /** Fair-play rules (config FLAG_*); off when absent. */
  fairPlay?: FairPlayOptions;
  /** The username that is always an admin (config ADMIN_USERNAME). */
  adminUsername?: string | undefined;
  /** Upload concurrency, quota and clean-up (config UPLOAD_*). */
  uploads?: UploadOptions;
  /** Memory for the caches of games and candidates (config CACHE_MB). */
  cacheBytes?: number;
  /** Battle lifetime and the daily vote cap (config ARENA_*). */
  battles?: BattleOptions;
  /** Live rooms' clock and join URLs. */
  rooms?: RoomOptions;
}

/** The bus channel on which instances tell each other about rankings computed and world cups deleted. */
const ENGINE_CHANNEL = 'engine';

/**
 * Wires the use cases over one store (src/core.ts calls it). Services publish domain events after
 * commit; the engine, the live feeds and the cross-instance notices subscribe here — in this
 * order, so other instances hear that their ranking is stale before any viewer hears the new one.
 */
export async function createServices(store: Store, opts: ServiceOptions = {}): Promise<Services> {
  const backend = opts.live ?? memoryBackend();
  const onError = opts.onError ?? (() => undefined);
  const events = new DomainEventBus(onError);
  // CACHE_MB: half for the candidates of world cups being played, half for the games themselves.
  const cacheBytes = opts.cacheBytes ?? 256 * 1024 * 1024;
  const cache = new CandidateCache(store, cacheBytes / 2);
  const engine = new RankingEngine(store, events, {
    ...opts.engine,
    lock: (worldcupId, ttlMs) => waitForLock(backend.locks, `ranking:${worldcupId}`, ttlMs, onError),
  });
  const unsubscribe = await crossInstanceNotices(events, backend, engine, cache, onError);
  const accounts = new AccountService(store, { adminUsername: opts.adminUsername });
  await accounts.start();
  const access = new Access((viewer) => accounts.isAdmin(viewer));
  const worldcups = new WorldCupService(store, cache, access, events);
  const ranking = new RankingService(store, cache, worldcups, engine);
  const live = new LiveService(backend, store, cache, ranking, events, onError);
  const uploads = new UploadService(store, opts.uploads);
  uploads.startSweeping(onError);
  const comments = new CommentService(store, worldcups, access, cache, events);
  const results = new ResultService(store, cache, worldcups);
  const counters = countersOf(backend);
  const battles = new BattleService(store, cache, worldcups, engine, events, new FairPlay(store, opts.fairPlay ?? FAIR_PLAY_OFF, counters), opts.battles ?? DEFAULT_BATTLE_OPTIONS);
  const rooms = new RoomService(store, cache, worldcups, events, backend, { onError, ...opts.rooms });
  return {
    worldcups,
    rooms,
    games: new GameService(store, cache, worldcups, events, { fairPlay: opts.fairPlay, cacheBytes: cacheBytes / 2, counters }),
    battles,
    prompts: new PromptService(store, worldcups, access, battles.draws),
    uploads,
    ranking,
    camps: new CampService(store, worldcups, ranking),
    live,
    accounts,
    reports: new ReportService(store, worldcups, comments),
    comments,
    exports: new ExportService(store, access, worldcups, ranking),
    embeds: new EmbedService(worldcups),
    results,
    previews: new PreviewService(worldcups, ranking, results, uploads, rooms),
    events,
    async close() {
      unsubscribe();
      rooms.ticker.close();
      await rooms.chat.close();
      await uploads.close();
      await engine.close();
      if (!opts.live) await backend.close(); // a backend passed in belongs to the caller
    },
  };
}

/**
 * What instances tell each other through the live backend: a ranking computed here makes theirs
 * stale (they recompute when next read), and a deleted world cup is forgotten by every engine and
 * candidate cache. Returns the unsubscribe.
 */
async function crossInstanceNotices(
  events: DomainEventBus,
  backend: LiveBackend,
  engine: RankingEngine,
  cache: CandidateCache,
  onError: (error: unknown) => void,
): Promise<() => void> {
  const instance = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const notify = (event: 'computed' | 'deleted', worldcupId: string) =>
    backend.bus.publish(ENGINE_CHANNEL, event, JSON.stringify({ worldcupId, instance })).then(() => undefined, onError);
  /** A deleted world cup's ranking state and candidates are dropped from memory. */
  const forget = (worldcupId: string) => {
    engine.forget(worldcupId);
    cache.invalidate(worldcupId);
  };
  events.on('ranking.computed', (e) => notify('computed', e.result.worldcupId));
  events.on('worldcup.hidden', (e) => {
    if (e.reason !== 'deleted') return;
    forget(e.worldcupId);
    void notify('deleted', e.worldcupId);
  });
  return backend.bus.subscribe(ENGINE_CHANNEL, (m) => {
    const { worldcupId, instance: from } = JSON.parse(m.data) as { worldcupId: string; instance: string };
    if (from === instance) return;
    if (m.event === 'deleted') forget(worldcupId);
    else engine.invalidate(worldcupId);
  });
}
