/**
 * Turns chat messages into votes: the message callback for an IrcChatReader that calls `onVote`
 * for each message parseChatVote accepts (vote-parser.ts says which) and ignores the rest.
 *
 * Every vote is passed on, repeats included. One vote per chat user per match, the last counting,
 * is for the room to apply: it knows when a match starts and ends.
 */
import type { ChatMessage } from './irc-chat.js';
import { type ChatVoteSide, parseChatVote } from './vote-parser.js';

export interface ChatVote {
  /** ChatMessage.user: Twitch's user id, or the lower-cased nick. */
  user: string;
  side: ChatVoteSide;
  at: number;
}

export function chatVotes(onVote: (vote: ChatVote) => void): (message: ChatMessage) => void {
  return ({ user, text, at }) => {
    const side = parseChatVote(text);
    if (side) onVote({ user, side, at });
  };
}
