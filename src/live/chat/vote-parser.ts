/**
 * What counts as a vote in stream chat. A message is a vote when it STARTS with one of
 *
 *   `!1` `1` `!투표1` `!투표 1`   → left
 *   `!2` `2` `!투표2` `!투표 2`   → right
 *
 * followed by whitespace or the end of the message. So `!1 go left!` is a vote, while `12`, `!10`,
 * `1등이야`, `!1abc`, `1.` and `a !1` are not.
 *
 * Rules, in the order they are applied:
 * - Only the first 32 characters (UTF-16 units) are looked at, so a huge message costs nothing. A vote
 *   must end inside them: if the token touches the cut, what follows is unknown and it is not a vote.
 * - NFKC normalisation: full-width `！１` and `１` count, and so does anything else NFKC maps to a digit
 *   one or two (`①`, `¹`); Hangul typed as separate jamo (NFD, as macOS may send it) becomes `투표`.
 *   Keycap emoji (`1️⃣`) and other scripts' digits (`١`) do not map, so they are not votes.
 * - Leading whitespace (any Unicode space, tabs, newlines) and invisible characters are skipped:
 *   zero-width space/joiners (U+200B–U+200D), word joiner (U+2060), BOM (U+FEFF), combining grapheme
 *   joiner (U+034F) and U+E0000. Chat clients add the last ones to get around Twitch's "identical
 *   message" filter, so they also end a vote token like whitespace does (`!1\u{E0000}` is a vote).
 * - `!투표 1` allows exactly one space (a habit when typing Korean); `!투표  1` and `! 1` are not votes.
 * - Matching ignores case. No accepted form has a cased letter today; it keeps a Latin alias (say
 *   `!vote1`) a one-line change.
 *
 * One vote per chat user per match, the last one counting, is the room's rule, not this parser's:
 * it judges one message at a time.
 */

export type ChatVoteSide = 'left' | 'right';

/** How many characters of a message are looked at. */
export const VOTE_SCAN_CHARS = 32;

/**
 * Whitespace or an invisible character (see the module comment). An alternation, not one class:
 * U+034F is a combining mark, and inside a class it would read as combined with its neighbour.
 */
const BLANK = '(?:[\\s\\u200B-\\u200D\\u2060\\uFEFF]|\\u034F|\\u{E0000})';
const LEADING = new RegExp(`^${BLANK}+`, 'u');
const VOTE = new RegExp(`^(?:!투표 ?|!)?([12])(?=${BLANK}|$)`, 'iu');

/** The side a chat message votes for, or null when it is not a vote (see the rules above). */
export function parseChatVote(text: string): ChatVoteSide | null {
  const isCut = text.length > VOTE_SCAN_CHARS;
  const head = text.slice(0, VOTE_SCAN_CHARS).normalize('NFKC').replace(LEADING, '');
  const match = VOTE.exec(head);
  if (!match) return null;
  if (isCut && match[0].length === head.length) return null;
  return match[1] === '1' ? 'left' : 'right';
}
