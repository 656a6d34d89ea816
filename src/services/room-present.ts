/**
 * How a live room reads (issue 14): the room's row and bracket as the API's payload, for the host
 * or for the audience (the split hidden from the audience while voting when reveal is 'after'),
 * and the results of a room's closed matches.
 */
import { type RoomState, currentRoomMatch, roomChampion } from '../domain/room.js';
import type { Reveal, Room, RoomResults, RoomTally } from '../shared/rooms.js';
import type { Candidate } from '../shared/schemas.js';
import type { RoomRow, TallyRow } from '../store/rooms-repo.js';
import type { CandidateSet } from './candidate-cache.js';
import { type ContentLang, localizeCandidate } from './localize.js';

/** A room's settings as stored (rooms.settings). */
export interface RoomSettings {
  size: number;
  voteSeconds: number;
  delaySeconds: number;
  reveal: Reveal;
  closeEarly: { margin?: number | undefined; total?: number | undefined };
  chat?: { twitch: string } | undefined;
}

/** The parts of a room's payload that depend on who asks. */
export interface RoomViewer {
  isHost: boolean;
  myVote: 'left' | 'right' | null;
  viewers: number;
  /** How the room's chat is being read (null: no chat voting). */
  chat: Room['chat'];
}

export const EMPTY_TALLY: RoomTally = { left: 0, right: 0, bySource: { web: { left: 0, right: 0 }, chat: { left: 0, right: 0 } } };

export function tallyOf(rows: readonly TallyRow[]): RoomTally {
  const web = rows.find((r) => r.source === 'web');
  const chat = rows.find((r) => r.source === 'chat');
  const bySource = { web: { left: web?.left_votes ?? 0, right: web?.right_votes ?? 0 }, chat: { left: chat?.left_votes ?? 0, right: chat?.right_votes ?? 0 } };
  return { left: bySource.web.left + bySource.chat.left, right: bySource.web.right + bySource.chat.right, bySource };
}

export const parseSettings = (row: RoomRow): RoomSettings => JSON.parse(row.settings) as RoomSettings;
export const parseState = (row: RoomRow): RoomState => JSON.parse(row.state) as RoomState;

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Whether `viewer` sees the current match's split: the host always, the audience with reveal 'live' or once voting closed. */
export function seesTally(settings: RoomSettings, state: RoomState, isHost: boolean): boolean {
  return isHost || settings.reveal === 'live' || state.status !== 'voting';
}

export class RoomPresenter {
  constructor(
    private readonly joinUrlOf: (code: string) => string,
    private readonly lang: ContentLang | undefined,
  ) {}

  private candidate(set: CandidateSet, id: string): Candidate | null {
    const c = set.byId.get(id);
    return c ? localizeCandidate(c, set.slug, this.lang) : null;
  }

  room(row: RoomRow, set: CandidateSet, liveTally: RoomTally | null, who: RoomViewer, now: number): Room {
    const settings = parseSettings(row);
    const state = parseState(row);
    const match = currentRoomMatch(state);
    const champion = roomChampion(state);
    const tally = match === null ? null : (match.tally ? { ...EMPTY_TALLY, ...match.tally } : liveTally) ?? EMPTY_TALLY;
    return {
      code: row.code,
      joinUrl: this.joinUrlOf(row.code),
      worldcupId: row.worldcup_id,
      worldcupTitle: set.title,
      size: settings.size,
      voteSeconds: settings.voteSeconds,
      delaySeconds: settings.delaySeconds,
      reveal: settings.reveal,
      closeEarly: settings.closeEarly,
      status: state.status,
      round: match?.round ?? 0,
      matchIndex: match?.index ?? 0,
      matchTotal: match ? match.round / 2 : 0,
      left: match ? this.candidate(set, match.left) : null,
      right: match ? this.candidate(set, match.right) : null,
      shownAt: iso(match?.shownAt),
      opensAt: iso(match?.opensAt),
      closesAt: iso(match?.closedAt ?? match?.closesAt),
      serverTime: new Date(now).toISOString(),
      tally: match && seesTally(settings, state, who.isHost) ? tally : null,
      result: match?.audience ?? null,
      winner: match?.winner ?? null,
      overridden: match?.overridden ?? false,
      audience: who.viewers,
      myVote: who.myVote,
      isHost: who.isHost,
      champion: champion === null ? null : this.candidate(set, champion),
      endedEarly: state.endedEarly,
      chat: who.chat,
    };
  }

  results(row: RoomRow, set: CandidateSet): RoomResults {
    const settings = parseSettings(row);
    const state = parseState(row);
    const champion = roomChampion(state);
    const missing = (id: string): Candidate => ({ id, name: '—', group: null, caption: null, media: null });
    const named = (id: string): Candidate => this.candidate(set, id) ?? missing(id);
    return {
      code: row.code,
      worldcupId: row.worldcup_id,
      worldcupTitle: set.title,
      status: state.status,
      reveal: settings.reveal,
      countsInRanking: settings.reveal === 'after',
      champion: champion === null ? null : named(champion),
      endedEarly: state.endedEarly,
      matches: state.matches.flatMap((m) =>
        m.tally === null || m.audience === null
          ? []
          : [
              {
                round: m.round,
                matchIndex: m.index,
                left: named(m.left),
                right: named(m.right),
                tally: { ...EMPTY_TALLY, ...m.tally },
                result: m.audience,
                winner: m.winner === null ? null : named(m.winner),
                overridden: m.overridden,
              },
            ],
      ),
    };
  }
}
