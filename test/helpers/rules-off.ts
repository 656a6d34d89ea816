import type { Config } from '../../src/config.js';

/**
 * Rate limits and fair-play rules, all off: suites send hundreds of requests from 127.0.0.1 at
 * machine speed. Tests about them turn theirs back on through `config`.
 */
export const TRUST_AND_SAFETY_OFF = {
  limitGamesPerMinute: 0,
  limitPicksPerMinute: 0,
  limitUploadsPerMinute: 0,
  limitSignupsPerHour: 0,
  limitLoginsPerMinute: 0,
  limitCreatesPerHour: 0,
  limitEditsPerMinute: 0,
  limitReportsPerHour: 0,
  limitCommentsPerMinute: 0,
  limitCommentLikesPerMinute: 0,
  limitCommentReadsPerMinute: 0,
  limitExportsPerMinute: 0,
  limitOembedPerMinute: 0,
  limitSharesPerMinute: 0,
  limitBattlesPerMinute: 0,
  limitStreamsPerSession: 0,
  limitStreamsPerAddress: 0,
  uploadQuotaMb: 0,
  flagMinPickMs: 0,
  flagGamesPerHour: 0,
  flagVotesPerMinute: 0,
} satisfies Partial<Config>;

/** The same as environment variables, for servers started as processes. */
export const TRUST_AND_SAFETY_OFF_ENV: Record<string, string> = {
  LIMIT_GAMES_PER_MINUTE: '0',
  LIMIT_PICKS_PER_MINUTE: '0',
  LIMIT_UPLOADS_PER_MINUTE: '0',
  LIMIT_SIGNUPS_PER_HOUR: '0',
  LIMIT_LOGINS_PER_MINUTE: '0',
  LIMIT_CREATES_PER_HOUR: '0',
  LIMIT_EDITS_PER_MINUTE: '0',
  LIMIT_REPORTS_PER_HOUR: '0',
  LIMIT_COMMENTS_PER_MINUTE: '0',
  LIMIT_BATTLES_PER_MINUTE: '0',
  LIMIT_COMMENT_LIKES_PER_MINUTE: '0',
  LIMIT_COMMENT_READS_PER_MINUTE: '0',
  LIMIT_EXPORTS_PER_MINUTE: '0',
  LIMIT_OEMBED_PER_MINUTE: '0',
  LIMIT_SHARES_PER_MINUTE: '0',
  LIMIT_STREAMS_PER_SESSION: '0',
  LIMIT_STREAMS_PER_ADDRESS: '0',
  UPLOAD_QUOTA_MB: '0',
  FLAG_MIN_PICK_MS: '0',
  FLAG_GAMES_PER_HOUR: '0',
  FLAG_VOTES_PER_MINUTE: '0',
};
