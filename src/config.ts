import path from 'node:path';
import { z } from 'zod';

/** Runtime configuration, read once from the environment and validated; see README's table. */
/** One entry of EMBED_ORIGINS: `*`, `'self'`, or an origin (`https://blog.example`, `https://*.example:8443`). */
const EMBED_SOURCE = /^(\*|'self'|https?:\/\/(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?)$/;

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  /** Prefix of every Redis key and channel: instances of one site share it. */
  redisPrefix: z.string().min(1).max(100).default('versus:'),
  /** Milliseconds between SSE keep-alive comments (proxies close idle streams). */
  liveHeartbeatMs: z.coerce.number().int().min(100).max(600_000).default(15_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the starter world cups on start (idempotent). Tests that need an empty site turn it off. */
  seed: z.boolean().default(true),
  /** Where the built web app lives; absent means API only. */
  webDir: z.string().optional(),
  /**
   * The site's public origin (https://versus.example): the absolute URLs of link previews and the
   * links the CLI prints. Absent: each request's Host (previews), http://HOST:PORT (the CLI).
   */
  publicUrl: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'PUBLIC_URL must be an origin such as https://versus.example')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Kakao JavaScript key: shows the KakaoTalk share button (README "Sharing"). */
  kakaoJsKey: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/, 'KAKAO_JS_KEY must be the app key (letters and digits)')
    .optional(),
  /** The user with this username (signing up or existing) is an admin; README "Accounts" has the caveat. */
  adminUsername: z.string().trim().min(1).max(100).optional(),
  /**
   * Whose address is the client's: `false` (the peer's), `true` (X-Forwarded-For, from anyone), or
   * the reverse proxies' addresses/CIDRs, comma-separated. Rate limits and fair play key on it.
   */
  trustProxy: z.union([z.boolean(), z.string().min(1)]).default(false),
  /**
   * Who may frame the embed pages (/embed/w/…): the CSP frame-ancestors sources, given separated by
   * spaces or commas. Every other page keeps frame-ancestors 'none'.
   */
  embedOrigins: z
    .union([z.string(), z.array(z.string())])
    .default('*')
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,]+/).filter(Boolean)))
    .pipe(z.array(z.string().regex(EMBED_SOURCE, "EMBED_ORIGINS: each entry is *, 'self' or an origin such as https://blog.example")).min(1)),
  // Rate limits (README "Rate limits"); 0 turns a rule off. Per session, with a per-IP cap of
  // `limitIpMultiplier` times as many (several people can share an address).
  /** Length of the "per minute" windows; only tests shorten it. */
  limitWindowMs: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  limitIpMultiplier: z.coerce.number().int().min(0).max(1000).default(4),
  limitGamesPerMinute: z.coerce.number().int().min(0).default(30),
  /** Picks and undos share it. */
  limitPicksPerMinute: z.coerce.number().int().min(0).default(240),
  limitUploadsPerMinute: z.coerce.number().int().min(0).default(120),
  /** Per IP only: a new visitor has no session worth counting. */
  limitSignupsPerHour: z.coerce.number().int().min(0).default(10),
  limitLoginsPerMinute: z.coerce.number().int().min(0).default(10),
  /** World cups a session may create an hour (per address: × limitIpMultiplier). */
  limitCreatesPerHour: z.coerce.number().int().min(0).default(30),
  /** Edits and deletions of world cups a session may make a minute. */
  limitEditsPerMinute: z.coerce.number().int().min(0).default(30),
  /** Reports a session may file an hour. */
  limitReportsPerHour: z.coerce.number().int().min(0).default(20),
  /** Comments a session may post or delete a minute. */
  limitCommentsPerMinute: z.coerce.number().int().min(0).default(10),
  /** Likes a session may give or take back a minute. */
  limitCommentLikesPerMinute: z.coerce.number().int().min(0).default(60),
  /** Pages of comments and replies a session may read a minute. */
  limitCommentReadsPerMinute: z.coerce.number().int().min(0).default(240),
  /** Downloads of ranking.csv and votes.jsonl a session may make a minute (each reads a whole table). */
  limitExportsPerMinute: z.coerce.number().int().min(0).default(30),
  /** oEmbed look-ups a session may make a minute (per address: × limitIpMultiplier); consumers are servers, so the address cap is the one that bites. */
  limitOembedPerMinute: z.coerce.number().int().min(0).default(60),
  /** Results, link-preview pages and cards a session may fetch a minute. */
  limitSharesPerMinute: z.coerce.number().int().min(0).default(120),
  /** Arena battles a session may draw, vote on or skip a minute (one request per vote: the vote answers the next battle). */
  limitBattlesPerMinute: z.coerce.number().int().min(0).default(240),
  /** Live-room votes a session may cast a minute (a vote per match, replaced at most a few times). */
  limitRoomVotesPerMinute: z.coerce.number().int().min(0).default(120),
  /** Live-room requests other than votes a session may make a minute: opening rooms, host actions, reads of a room and its results. */
  limitRoomsPerMinute: z.coerce.number().int().min(0).default(240),
  /** Live event streams one session may hold open at once (429 beyond). */
  limitStreamsPerSession: z.coerce.number().int().min(0).default(10),
  /** Live event streams one address may hold open at once (429 beyond). */
  limitStreamsPerAddress: z.coerce.number().int().min(0).default(100),
  /** A request (headers and body) must have arrived within this; slower ones get 408 and are closed. */
  requestTimeoutMs: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  // Uploads (README "Uploads").
  /** Images decoded at once per instance; more wait their turn (decoding must not starve picks' disk syncs). */
  uploadConcurrency: z.coerce.number().int().min(1).max(16).default(1),
  /** Stored upload bytes per session or account, in MB; 0: no quota. */
  uploadQuotaMb: z.coerce.number().int().min(0).default(200),
  /** An upload no world cup uses is deleted after this many hours. */
  uploadOrphanHours: z.coerce.number().min(0.001).default(24),
  /** Memory for the in-process caches of games being played and of world cups' candidates, in MB. */
  cacheMb: z.coerce.number().int().min(1).default(256),
  /** Worker threads computing rankings; 0: one per core but one (at least one). */
  ratingWorkers: z.coerce.number().int().min(0).max(64).default(0),
  // Arena (README "Arena").
  /** A battle not answered within this many minutes is gone (410 battle_expired). */
  arenaBattleMinutes: z.coerce.number().min(0.01).max(24 * 60).default(30),
  /** Counted arena votes one voter may cast in 24 hours; 0: no cap. */
  arenaDailyVotes: z.coerce.number().int().min(0).default(0),
  // Live rooms' chat voting (README "Chat voting"): the IRC server Twitch chat is read from; 'off' turns chat voting off.
  chatIrcHost: z.string().min(1).max(253).default('irc.chat.twitch.tv'),
  chatIrcPort: z.coerce.number().int().min(1).max(65535).default(6697),
  chatIrcTls: z.boolean().default(true),
  // Fair play (README "Fair play"); 0 turns a rule off.
  /** A game whose median time between picks is below this is flagged and stops counting. */
  flagMinPickMs: z.coerce.number().int().min(0).default(300),
  /** More games than this in an hour on one world cup by one session or IP: the next are flagged. */
  flagGamesPerHour: z.coerce.number().int().min(0).default(20),
  /** Counted votes one voter may cast a minute over all their games (per address: × limitIpMultiplier); beyond, their games are flagged. */
  flagVotesPerMinute: z.coerce.number().int().min(0).default(100),
});
export type Config = z.infer<typeof configSchema>;

const emptyToUndefined = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

/** TRUST_PROXY: `true`, `false`, or the proxies' addresses as Fastify's `trustProxy` takes them. */
function parseTrustProxy(v: string | undefined): boolean | string | undefined {
  return v === 'true' || v === 'false' ? v === 'true' : v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse({
    port: emptyToUndefined(env.PORT),
    host: emptyToUndefined(env.HOST),
    dataDir: emptyToUndefined(env.DATA_DIR),
    databaseUrl: emptyToUndefined(env.DATABASE_URL),
    redisUrl: emptyToUndefined(env.REDIS_URL),
    redisPrefix: emptyToUndefined(env.REDIS_PREFIX),
    liveHeartbeatMs: emptyToUndefined(env.LIVE_HEARTBEAT_MS),
    logLevel: emptyToUndefined(env.LOG_LEVEL),
    seed: env.SEED === undefined ? undefined : env.SEED !== '0' && env.SEED !== 'false',
    chatIrcHost: emptyToUndefined(env.CHAT_IRC_HOST),
    chatIrcPort: emptyToUndefined(env.CHAT_IRC_PORT),
    chatIrcTls: env.CHAT_IRC_TLS === undefined || env.CHAT_IRC_TLS === '' ? undefined : env.CHAT_IRC_TLS !== '0' && env.CHAT_IRC_TLS !== 'false',
    webDir: emptyToUndefined(env.WEB_DIR),
    adminUsername: emptyToUndefined(env.ADMIN_USERNAME),
    publicUrl: emptyToUndefined(env.PUBLIC_URL),
    kakaoJsKey: emptyToUndefined(env.KAKAO_JS_KEY),
    trustProxy: parseTrustProxy(emptyToUndefined(env.TRUST_PROXY)),
    embedOrigins: emptyToUndefined(env.EMBED_ORIGINS),
    limitWindowMs: emptyToUndefined(env.LIMIT_WINDOW_MS),
    limitIpMultiplier: emptyToUndefined(env.LIMIT_IP_MULTIPLIER),
    limitGamesPerMinute: emptyToUndefined(env.LIMIT_GAMES_PER_MINUTE),
    limitPicksPerMinute: emptyToUndefined(env.LIMIT_PICKS_PER_MINUTE),
    limitUploadsPerMinute: emptyToUndefined(env.LIMIT_UPLOADS_PER_MINUTE),
    limitSignupsPerHour: emptyToUndefined(env.LIMIT_SIGNUPS_PER_HOUR),
    limitLoginsPerMinute: emptyToUndefined(env.LIMIT_LOGINS_PER_MINUTE),
    flagMinPickMs: emptyToUndefined(env.FLAG_MIN_PICK_MS),
    flagGamesPerHour: emptyToUndefined(env.FLAG_GAMES_PER_HOUR),
    flagVotesPerMinute: emptyToUndefined(env.FLAG_VOTES_PER_MINUTE),
    limitCreatesPerHour: emptyToUndefined(env.LIMIT_CREATES_PER_HOUR),
    limitEditsPerMinute: emptyToUndefined(env.LIMIT_EDITS_PER_MINUTE),
    limitReportsPerHour: emptyToUndefined(env.LIMIT_REPORTS_PER_HOUR),
    limitCommentsPerMinute: emptyToUndefined(env.LIMIT_COMMENTS_PER_MINUTE),
    limitCommentLikesPerMinute: emptyToUndefined(env.LIMIT_COMMENT_LIKES_PER_MINUTE),
    limitCommentReadsPerMinute: emptyToUndefined(env.LIMIT_COMMENT_READS_PER_MINUTE),
    limitExportsPerMinute: emptyToUndefined(env.LIMIT_EXPORTS_PER_MINUTE),
    limitOembedPerMinute: emptyToUndefined(env.LIMIT_OEMBED_PER_MINUTE),
    limitSharesPerMinute: emptyToUndefined(env.LIMIT_SHARES_PER_MINUTE),
    limitBattlesPerMinute: emptyToUndefined(env.LIMIT_BATTLES_PER_MINUTE),
    limitRoomVotesPerMinute: emptyToUndefined(env.LIMIT_ROOM_VOTES_PER_MINUTE),
    limitRoomsPerMinute: emptyToUndefined(env.LIMIT_ROOMS_PER_MINUTE),
    arenaBattleMinutes: emptyToUndefined(env.ARENA_BATTLE_MINUTES),
    arenaDailyVotes: emptyToUndefined(env.ARENA_DAILY_VOTES),
    limitStreamsPerSession: emptyToUndefined(env.LIMIT_STREAMS_PER_SESSION),
    limitStreamsPerAddress: emptyToUndefined(env.LIMIT_STREAMS_PER_ADDRESS),
    requestTimeoutMs: emptyToUndefined(env.REQUEST_TIMEOUT_MS),
    uploadConcurrency: emptyToUndefined(env.UPLOAD_CONCURRENCY),
    uploadQuotaMb: emptyToUndefined(env.UPLOAD_QUOTA_MB),
    uploadOrphanHours: emptyToUndefined(env.UPLOAD_ORPHAN_HOURS),
    cacheMb: emptyToUndefined(env.CACHE_MB),
    ratingWorkers: emptyToUndefined(env.RATING_WORKERS),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  // Relative directories are taken from where Versus was started, once, so nothing later depends on the working directory.
  const { dataDir, webDir } = parsed.data;
  return { ...parsed.data, dataDir: path.resolve(dataDir), webDir: webDir === undefined ? undefined : path.resolve(webDir) };
}
