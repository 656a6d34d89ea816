/** Kysely table types. Times are epoch milliseconds; booleans are 0/1 integers on both dialects. */
import type { Generated } from 'kysely';

export interface WorldcupsTable {
  id: string;
  /** Owner key: `u:<userId>` for an account, else the hash of the anonymous session token; 'system' for starter world cups. */
  owner: string;
  /** Stable key for seeded world cups so seeding is idempotent; null for user-made ones. */
  slug: string | null;
  title: string;
  description: string;
  visibility: 'public' | 'unlisted' | 'private';
  /** JSON array of tags, for display; `worldcup_tags` is the queryable copy. */
  tags: string;
  /** Title, description, tags and candidate names, lower-cased: what search looks at. */
  search_text: string;
  candidate_count: number;
  cover_image_id: string | null;
  plays: number;
  finishes: number;
  created_at: number;
  updated_at: number;
  /** When an admin hid it (see services/worldcups.ts visibleRow); null when not hidden. */
  hidden_at: Generated<number | null>;
  /** Picks of flagged games: stored, never counted (README "Fair play"). */
  excluded_votes: Generated<number>;
  /** JSON of the arena settings that differ from the defaults (migration 0011, shared/arena-settings.ts). */
  arena: Generated<string>;
}

export interface WorldcupTagsTable {
  worldcup_id: string;
  tag: string;
}

export interface CandidatesTable {
  id: string;
  worldcup_id: string;
  position: number;
  name: string;
  group_name: string | null;
  caption: string | null;
  image_id: string | null;
  video_url: string | null;
  video_id: string | null;
  video_start: number | null;
  video_end: number | null;
  text: string | null;
  /** 0 once removed by an edit: kept so games in flight and past votes stay consistent. */
  active: number;
  // Maintained at each finished game (see games-repo.ts). Wins, losses and ties are not stored per
  // candidate: they are sums over pair_counts, which keeps a pick down to one counter write.
  appearances: Generated<number>;
  championships: Generated<number>;
}

export interface UploadsTable {
  id: string;
  owner: string;
  width: number;
  height: number;
  /** Stored size, every rendition together (what UPLOAD_QUOTA_MB counts). */
  bytes: number;
  /** Re-encoded WebP (≤ 1280 px) and its thumbnail (≤ 400 px), stored in the database so every instance can serve them. */
  image: Buffer;
  thumb: Buffer;
  /** ≤ 720 px wide (migration 0010); null for images no wider, and until first asked for on uploads made before. */
  medium: Buffer | null;
  created_at: number;
}

export interface GamesTable {
  id: string;
  worldcup_id: string;
  owner: string;
  size: number;
  /** Bumped by every pick and undo: optimistic concurrency across instances, and the pick row key. */
  version: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  champion_id: string | null;
  /** Why fair play stopped counting this game ('too_fast', 'too_many_games', 'voter_too_fast'); null while it counts. Sticky. */
  flagged: string | null;
  /** Salted hash of the player's address (never the address); null when unknown. */
  ip_key: string | null;
  /** The public, read-only id of the game's result (notices, share links): never the game's id, which lets its player act. */
  result_id: string;
}

/**
 * The drawn bracket, apart from `games` so that the per-pick update of a game rewrites a small
 * row, not 15 KB of ids (SQLite rewrites a whole record on update). The winners are not stored as
 * a list at all: they are the game's counted picks in version order.
 */
export interface GameEntrantsTable {
  game_id: string;
  /** JSON array of candidate ids in draw order. */
  entrants: string;
}

export interface PicksTable {
  game_id: string;
  /** The game's version this pick produced; unique per game. */
  version: number;
  worldcup_id: string;
  round: number;
  winner_id: string;
  loser_id: string;
  created_at: number;
  undone_at: number | null;
  /** 1 if the pick is in pair_counts (while not undone), 0 if fair play excluded it. */
  counted: Generated<number>;
}

/** Where counted votes came from: games' picks, arena battles (named, or blind), live rooms. */
export type VoteSource = 'bracket' | 'arena' | 'blind' | 'room';

/** Maintained head-to-head counts per unordered pair (lo_id < hi_id) and source; the ranking sums the sources. */
export interface PairCountsTable {
  worldcup_id: string;
  lo_id: string;
  hi_id: string;
  source: VoteSource;
  /** The prompt category of arena votes on prompts (migration 0011); '' for every other vote. */
  category: Generated<string>;
  lo_wins: number;
  hi_wins: number;
  ties: Generated<number>;
}

/** A prompt of a world cup (migration 0011): arena battles show one, and the two candidates' responses to it. */
export interface PromptsTable {
  id: string;
  worldcup_id: string;
  position: number;
  text: string;
  category: string | null;
  created_at: number;
}

export interface PromptResponsesTable {
  prompt_id: string;
  candidate_id: string;
  text: string | null;
  image_id: string | null;
}

export type BattleChoiceRow = 'left' | 'right' | 'tie' | 'both_bad' | 'skip';

/** An arena battle (migration 0011): a pair drawn for one voter, and that voter's one answer. */
export interface BattlesTable {
  id: string;
  worldcup_id: string;
  owner: string;
  ip_key: string | null;
  left_id: string;
  right_id: string;
  prompt_id: string | null;
  category: string | null;
  blind: number;
  /** The probability with which the sampler drew this pair. */
  probability: number;
  created_at: number;
  decided_at: number | null;
  choice: BattleChoiceRow | null;
  /** How the vote counted: 'blind' or 'arena'; null while open and for skips. */
  source: 'arena' | 'blind' | null;
  counted: Generated<number>;
  flagged: string | null;
}

/** A live room (migration 0012): its settings and bracket as JSON, and the current match's window as columns for the votes' compare-and-set. */
export interface RoomsTable {
  code: string;
  worldcup_id: string;
  /** Owner key of the host: only they run the room. */
  host: string;
  /** JSON: size, voteSeconds, delaySeconds, reveal, closeEarly. */
  settings: string;
  /** JSON of domain/room.ts's RoomState. */
  state: string;
  status: 'lobby' | 'voting' | 'decided' | 'finished';
  /** Number of the current match in play order (−1 in the lobby). */
  match_no: number;
  opens_at: number | null;
  closes_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export type RoomVoteSource = 'web' | 'chat';

/** One audience member's vote on one match of a room (the last one counts). */
export interface RoomVotesTable {
  code: string;
  match_no: number;
  voter: string;
  side: 'left' | 'right';
  source: RoomVoteSource;
  at: number;
}

/** A world cup's ranking as computed at one time; one row per hour bucket (the latest of that hour). */
export interface RankingSnapshotsTable {
  worldcup_id: string;
  /** floor(taken_at / 1 hour). */
  bucket: number;
  taken_at: number;
  /** JSON array of [candidateId, score, lower, upper, rank]. */
  items: string;
}

/** A camp gap measurement (migration 0007): after `votes` counted votes, each camp's mean gap to the rest. */
export interface CampGapsTable {
  worldcup_id: string;
  votes: number;
  taken_at: number;
  /** JSON object: camp name → [gap, lower, upper] in points. */
  gaps: string;
}

export interface SearchTable {
  rowid: Generated<number>;
  worldcup_id: string;
  body: string;
}

export type Role = 'user' | 'admin';

export interface UsersTable {
  id: string;
  /** As chosen (NFKC-normalised), for display. */
  username: string;
  /** NFKC, lower-cased: unique, what log-in looks up. */
  username_key: string;
  /** `scrypt$N$r$p$salt$hash` (base64url), see services/passwords.ts. */
  password_hash: string;
  role: Role;
  created_at: number;
}

/** A logged-in session; an anonymous one has no row. */
export interface AuthSessionsTable {
  /** sha256 of the cookie token (base64url): a leaked table does not leak live sessions. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export type ReportReason = 'spam' | 'sexual' | 'violence' | 'hate' | 'copyright' | 'other';
export type ReportStatus = 'open' | 'resolved' | 'dismissed';

export interface ReportsTable {
  id: string;
  worldcup_id: string;
  /** Owner key of whoever reported (an account or an anonymous session). */
  reporter: string;
  reason: ReportReason;
  text: string | null;
  status: ReportStatus;
  created_at: number;
  resolved_at: number | null;
  /** The admin's user id. */
  resolved_by: string | null;
  /** The reported comment (migration 0009); null when the world cup itself is reported. */
  comment_id: Generated<string | null>;
}

/** A comment on a world cup (migration 0009); a reply has the root it belongs to as parent. */
export interface CommentsTable {
  /** Time-ordered (services/comments.ts): ordering by id orders by age. */
  id: string;
  worldcup_id: string;
  parent_id: string | null;
  /** Owner key of the author (an account or an anonymous session); never shown. */
  author: string;
  /** Emptied when the comment is deleted. */
  body: string;
  like_count: Generated<number>;
  /** Roots: replies not deleted. */
  reply_count: Generated<number>;
  created_at: number;
  deleted_at: Generated<number | null>;
}

/** Who liked which comment; one row per pair, so liking twice is one like. */
export interface CommentLikesTable {
  comment_id: string;
  /** Owner key. */
  liker: string;
  created_at: number;
}

/** Per-site secrets made by migrations: `ip_salt` (the salt of games.ip_key), `session_key` (the MAC key of session tokens). */
export interface SiteSecretsTable {
  name: string;
  value: string;
}

export interface Database {
  worldcups: WorldcupsTable;
  worldcup_tags: WorldcupTagsTable;
  candidates: CandidatesTable;
  uploads: UploadsTable;
  games: GamesTable;
  game_entrants: GameEntrantsTable;
  picks: PicksTable;
  pair_counts: PairCountsTable;
  prompts: PromptsTable;
  prompt_responses: PromptResponsesTable;
  battles: BattlesTable;
  rooms: RoomsTable;
  room_votes: RoomVotesTable;
  ranking_snapshots: RankingSnapshotsTable;
  camp_gaps: CampGapsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  reports: ReportsTable;
  comments: CommentsTable;
  comment_likes: CommentLikesTable;
  site_secrets: SiteSecretsTable;
  /** SQLite only: FTS5 trigram index over search_text (PostgreSQL uses pg_trgm on worldcups.search_text). */
  worldcup_search: SearchTable;
}
