/**
 * Rate limits on the requests that cost the most or could stuff a ranking: starting games,
 * picks (and undos), uploads, creating, editing and deleting world cups, reports, comments (posting,
 * liking, reading), sign-ups and log-ins. Each rule counts per session (the `vs_session`
 * cookie, `req.viewer`) and per client address with a higher cap, since several people can share
 * an address and a client that drops its cookie gets a fresh session on every request. Counters
 * live in Redis when the site has one (every instance shares them), else in this process.
 *
 * The rules are keyed by route (method and URL pattern as the router matched it), not attached to
 * the routes, so a route is limited whoever registers it. The keys come from the route tables
 * (src/shared/api/): a route renamed there takes its limit along.
 */
import fastifyRateLimit, { type RateLimitOptions, normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../services/errors.js';
import { accountRoutes, arenaRoutes, commentRoutes, embedRoutes, exportRoutes, gameRoutes, moderationRoutes, resultRoutes, roomRoutes, routeKey, uploadRoutes, worldcupRoutes } from '../shared/api/index.js';
import { previewRouteKeys } from './previews.js';

/** The LIMIT_* configuration (README "Rate limits"); a limit of 0 turns its rule off. */
export interface RateLimitSettings {
  /** A "minute" of the limits; only tests shorten it. Hourly limits use 60 of them. */
  windowMs: number;
  /** Per-address cap of the per-session rules = this × the session's; 0: no per-address cap. */
  ipMultiplier: number;
  gamesPerMinute: number;
  picksPerMinute: number;
  uploadsPerMinute: number;
  signupsPerHour: number;
  loginsPerMinute: number;
  /** World cups created per session an hour. */
  createsPerHour: number;
  /** Edits and deletions of world cups per session a minute. */
  editsPerMinute: number;
  /** Reports filed per session an hour (of world cups and of comments). */
  reportsPerHour: number;
  /** Comments posted and deleted per session a minute. */
  commentsPerMinute: number;
  /** Likes given and taken back per session a minute. */
  commentLikesPerMinute: number;
  /** Pages of comments and replies read per session a minute. */
  commentReadsPerMinute: number;
  /** Downloads of ranking.csv and votes.jsonl per session a minute. */
  exportsPerMinute: number;
  /** oEmbed look-ups per session a minute; absent: off. */
  oembedPerMinute?: number;
  /** Results, preview pages and cards fetched per session a minute. */
  sharesPerMinute: number;
  /** Arena battles drawn, voted on or skipped per session a minute (and prompt listings); absent: off. */
  battlesPerMinute?: number;
  /** Live-room votes per session a minute; absent: off. */
  roomVotesPerMinute?: number;
  /** Live-room requests other than votes (opening, host actions, reads) per session a minute; absent: off. */
  roomsPerMinute?: number;
}

export interface RateRule {
  /** Names the counters: `<name>:session:<viewer>` and `<name>:ip:<address>`. */
  name: string;
  /** `METHOD /url/pattern` as Fastify routes it (`routeKey` of a route of the tables). */
  routes: string[];
  /** For the message: "too many new games". */
  what: string;
  perSession: number;
  perAddress: number;
  windowMs: number;
}

/** The rules the settings ask for (zero caps included: `installRateLimits` leaves those out). */
export function rateRules(s: RateLimitSettings): RateRule[] {
  const minute = s.windowMs;
  const bySession = (n: number) => ({ perSession: n, perAddress: n * s.ipMultiplier });
  return [
    { name: 'games', routes: [routeKey(gameRoutes.start)], what: 'new games', ...bySession(s.gamesPerMinute), windowMs: minute },
    {
      name: 'picks',
      // One budget for both: alternating pick and undo is still one vote after another.
      routes: [routeKey(gameRoutes.pick), routeKey(gameRoutes.undo)],
      what: 'picks',
      ...bySession(s.picksPerMinute),
      windowMs: minute,
    },
    // A vote answers with the next battle: one request per vote, like a pick. The prompt listing is read with them.
    {
      name: 'battles',
      routes: [routeKey(arenaRoutes.start), routeKey(arenaRoutes.vote), routeKey(arenaRoutes.skip), routeKey(arenaRoutes.prompts)],
      what: 'arena battles',
      ...bySession(s.battlesPerMinute ?? 0),
      windowMs: minute,
    },
    { name: 'room-votes', routes: [routeKey(roomRoutes.vote)], what: 'votes in live rooms', ...bySession(s.roomVotesPerMinute ?? 0), windowMs: minute },
    {
      name: 'rooms',
      routes: [roomRoutes.get, roomRoutes.results, roomRoutes.start, roomRoutes.close, roomRoutes.advance, roomRoutes.end].map(routeKey),
      what: 'live-room requests',
      ...bySession(s.roomsPerMinute ?? 0),
      windowMs: minute,
    },
    // Looked up on every visit of a world cup page: a read, budgeted like picks but on its own.
    { name: 'resume', routes: [routeKey(gameRoutes.mine)], what: 'look-ups of unfinished games', ...bySession(s.picksPerMinute), windowMs: minute },
    { name: 'uploads', routes: [routeKey(uploadRoutes.upload)], what: 'uploads', ...bySession(s.uploadsPerMinute), windowMs: minute },
    // Creating is the costliest write (up to 1,024 candidates): an hourly budget, not a minute's.
    { name: 'creates', routes: [routeKey(worldcupRoutes.create), routeKey(roomRoutes.create)], what: 'new world cups and live rooms', ...bySession(s.createsPerHour), windowMs: 60 * minute },
    {
      name: 'edits',
      routes: [routeKey(worldcupRoutes.patch), routeKey(worldcupRoutes.delete), routeKey(arenaRoutes.importPrompts)],
      what: 'edits of world cups',
      ...bySession(s.editsPerMinute),
      windowMs: minute,
    },
    {
      name: 'reports',
      routes: [routeKey(moderationRoutes.report), routeKey(commentRoutes.report)],
      what: 'reports',
      ...bySession(s.reportsPerHour),
      windowMs: 60 * minute,
    },
    {
      name: 'comments',
      routes: [routeKey(commentRoutes.post), routeKey(commentRoutes.delete)],
      what: 'comments',
      ...bySession(s.commentsPerMinute),
      windowMs: minute,
    },
    {
      name: 'likes',
      routes: [routeKey(commentRoutes.like), routeKey(commentRoutes.unlike)],
      what: 'likes',
      ...bySession(s.commentLikesPerMinute),
      windowMs: minute,
    },
    {
      name: 'comment-reads',
      routes: [routeKey(commentRoutes.list), routeKey(commentRoutes.replies)],
      what: 'pages of comments',
      ...bySession(s.commentReadsPerMinute),
      windowMs: minute,
    },
    // A download reads a whole ranking or every vote of a world cup: cheap once, not in a loop.
    {
      name: 'exports',
      routes: [routeKey(exportRoutes.rankingCsv), routeKey(exportRoutes.votesJsonl)],
      what: 'downloads',
      ...bySession(s.exportsPerMinute),
      windowMs: minute,
    },
    { name: 'oembed', routes: [routeKey(embedRoutes.oembed)], what: 'oEmbed look-ups', ...bySession(s.oembedPerMinute ?? 0), windowMs: minute },
    // Reads, but each may draw a card or replay a bracket: a crawler or a script gets a budget too.
    {
      name: 'shares',
      routes: [routeKey(resultRoutes.get), ...previewRouteKeys],
      what: 'results and link previews',
      ...bySession(s.sharesPerMinute),
      windowMs: minute,
    },
    // Per address only: whoever signs up or logs in has no session worth counting yet.
    { name: 'signups', routes: [routeKey(accountRoutes.signUp)], what: 'sign-ups', perSession: 0, perAddress: s.signupsPerHour, windowMs: 60 * minute },
    { name: 'logins', routes: [routeKey(accountRoutes.logIn)], what: 'log-in attempts', perSession: 0, perAddress: s.loginsPerMinute, windowMs: minute },
  ];
}

/**
 * The client's address as limits and fair play count it: IPv4-mapped IPv6 as IPv4, and IPv6 by its
 * /64 (one household or server gets a whole /64, so single addresses would be free to rotate).
 */
export function clientAddress(req: FastifyRequest): string {
  // Undefined once the socket is gone; with TRUST_PROXY it is whatever X-Forwarded-For says. Neither
  // may fail the request: an address that does not parse counts as itself.
  const ip = (req.ip as string | undefined) ?? '';
  try {
    return normalizeIP(ip);
  } catch {
    return ip;
  }
}

function per(windowMs: number): string {
  if (windowMs === 60_000) return 'a minute';
  if (windowMs === 3_600_000) return 'an hour';
  return `every ${windowMs / 1000} s`;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

interface Check {
  limiter: Limiter;
  message: (retryAfterS: number) => string;
}

export interface RedisTarget {
  client: Redis;
  /** REDIS_PREFIX; the counters go under `<prefix>rate:`. */
  prefix: string;
}

/**
 * Adds the limits to `app` (after the session hook, which sets `req.viewer`). Over a limit the
 * request is refused before its body is read: 429 `rate_limited` with Retry-After.
 */
export async function installRateLimits(app: FastifyInstance, settings: RateLimitSettings, redis?: RedisTarget): Promise<void> {
  const rules = rateRules(settings).filter((r) => r.perSession > 0 || r.perAddress > 0);
  if (rules.length === 0) return;
  await app.register(fastifyRateLimit, {
    global: false,
    // Redis unreachable: let requests through rather than fail them. A limit is a guard, and an
    // acknowledged pick must never depend on it.
    skipOnError: true,
    // Keys: `<prefix>rate:undefinedundefined-<rule>:<scope>:<id>`. The plugin names each counter
    // made by createRateLimit after a route it is not given; the rule in our key tells them apart.
    ...(redis ? { redis: redis.client, nameSpace: `${redis.prefix}rate:` } : {}),
  });
  const byRoute = new Map<string, Check[]>();
  for (const rule of rules) {
    const checks: Check[] = [];
    const add = (max: number, key: (req: FastifyRequest) => string, from: string) => {
      if (max <= 0) return;
      // Typed as the plugin's full options: `cache` (entries of the in-process counter, 5,000 by
      // default) reaches the counter this creates, though createRateLimit's own type omits it.
      const options: RateLimitOptions = { max, timeWindow: rule.windowMs, keyGenerator: key, cache: 50_000 };
      checks.push({
        limiter: app.createRateLimit(options),
        message: (s) => `too many ${rule.what} from ${from}: at most ${max} ${per(rule.windowMs)}; try again in ${s} s`,
      });
    };
    add(rule.perSession, (req) => `${rule.name}:session:${req.viewer}`, 'this browser');
    add(rule.perAddress, (req) => `${rule.name}:ip:${clientAddress(req)}`, 'this network address');
    for (const route of rule.routes) byRoute.set(route, checks);
  }
  app.addHook('onRequest', async (req, reply) => {
    // The routed pattern: a percent-encoded spelling of a path is routed, and limited, like the path.
    const route = req.routeOptions.url;
    if (route === undefined) return;
    const checks = byRoute.get(`${req.method} ${route}`);
    if (!checks) return;
    for (const check of checks) {
      const result = await check.limiter(req);
      if (result.isAllowed || !result.isExceeded) continue;
      const retryAfterS = Math.max(1, result.ttlInSeconds);
      void reply.header('retry-after', String(retryAfterS));
      throw new AppError(429, 'rate_limited', check.message(retryAfterS));
    }
  });
}
