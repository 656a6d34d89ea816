/**
 * Live rooms (issue 14, README "Live rooms"): a host plays a world cup's bracket on stream and the
 * audience votes each match from their phones (or chat) within a window the server's clock
 * decides. The room lives in the database (it survives a restart, and every instance sees the same
 * room); its events go out on two bus channels — the audience's and the host's, which alone
 * carries the split while voting when reveal is 'after'.
 */
import { drawBracket, isPowerOfTwo } from '../domain/bracket.js';
import { type RoomState, RoomError, advanceRoom, closeVoting, currentRoomMatch, endRoom, isPastDeadline, isVotingOpen, newRoom, reachesEarlyClose, startRoom } from '../domain/room.js';
import type { LiveBackend } from '../live/backend.js';
import { ROOM_CODE_ALPHABET, ROOM_LIMITS, type CreateRoom, type Room, type RoomResults, type RoomTally } from '../shared/rooms.js';
import type { RoomVoteSource } from '../store/schema.js';
import type { RoomRow } from '../store/rooms-repo.js';
import type { Store } from '../store/store.js';
import { requireActor } from './access.js';
import type { CandidateCache, CandidateSet } from './candidate-cache.js';
import type { DomainEventBus } from './domain-events.js';
import { AppError, badRequest, conflict, forbidden, notFound } from './errors.js';
import { secureRandom } from './ids.js';
import type { ContentLang } from './localize.js';
import { RoomChat } from './room-chat.js';
import { TtlCache } from './ttl-cache.js';
import { RoomTicker } from './room-ticker.js';
import type { IrcServer } from '../live/chat/irc-chat.js';
import { EMPTY_TALLY, RoomPresenter, type RoomSettings, type RoomViewer, parseSettings, parseState, seesTally, tallyOf } from './room-present.js';
import { type Viewer, type WorldCupService, arenaSettingsOf } from './worldcups.js';

export interface RoomOptions {
  /** The IRC server chat voting reads (Twitch's in production); undefined: chat voting is off. */
  chatServer?: IrcServer | undefined;
  /** How often a voting room's tally goes out (the issue: at most twice a second). */
  tallyEveryMs?: number;
  onError?: (error: unknown) => void;
  /** The server's clock (tests inject one). */
  now?: () => number;
  /** The page the audience joins on, from a code (`/r/:code` on the site's origin). */
  joinUrlOf?: (code: string) => string;
}

export const roomChannel = (code: string): string => `room:${code}`;
export const roomHostChannel = (code: string): string => `room:${code}:host`;
const presenceKey = (code: string): string => `room:${code}`;
/** How long a vote may go by this instance's read of its room (the transaction checks the window anyway). */
const VOTE_ROOM_TTL_MS = 250;
/** Presence lasts a minute; a viewer is marked present again at most this often. */
const PRESENCE_TOUCH_MS = 10_000;

function newCode(): string {
  return Array.from({ length: 6 }, () => ROOM_CODE_ALPHABET[Math.floor(secureRandom() * ROOM_CODE_ALPHABET.length)]).join('');
}

const roomError = (e: unknown): unknown => (e instanceof RoomError ? conflict(e.code, e.message) : e);

export class RoomService {
  readonly now: () => number;
  private readonly joinUrlOf: (code: string) => string;
  readonly ticker: RoomTicker;
  readonly chat: RoomChat;
  private readonly voteRooms = new TtlCache<{ row: RoomRow; state: RoomState; settings: RoomSettings }>(10_000);
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly worldcups: WorldCupService,
    private readonly events: DomainEventBus,
    private readonly backend: LiveBackend,
    opts: RoomOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.joinUrlOf = opts.joinUrlOf ?? ((code) => `/r/${code}`);
    this.chat = new RoomChat(backend, { vote: (code, voter, side) => this.vote(code, voter, side, 'chat'), isOpen: (code) => this.isOpen(code) }, { server: opts.chatServer, onError: opts.onError ?? (() => undefined) });
    this.ticker = new RoomTicker(this, backend, { everyMs: opts.tallyEveryMs ?? 500, channels: { audience: roomChannel, host: roomHostChannel }, onError: opts.onError ?? (() => undefined) });
  }

  async create(input: CreateRoom, viewer: Viewer, lang?: ContentLang): Promise<Room> {
    requireActor(viewer);
    const wc = await this.worldcups.visibleRow(input.worldcupId, viewer);
    if (arenaSettingsOf(wc).mode === 'arena') throw conflict('bracket_closed', 'this world cup is played in the arena only; its owner closed it to brackets');
    const set = await this.setOf(wc.id);
    if (!isPowerOfTwo(input.size) || input.size > set.active.length) {
      throw badRequest('invalid_size', `size must be a power of two no larger than the ${set.active.length} candidates`);
    }
    if ((await this.store.rooms.openOf(viewer)) >= ROOM_LIMITS.openPerHost) {
      throw conflict('too_many_rooms', `at most ${ROOM_LIMITS.openPerHost} rooms open at once: end one first`);
    }
    if (input.chat && !this.chat.isEnabled) throw badRequest('chat_off', 'chat voting is turned off on this server (CHAT_IRC_HOST)');
    const chat = input.chat ? { twitch: input.chat.twitch.replace(/^#/, '').toLowerCase() } : undefined;
    const settings: RoomSettings = { size: input.size, voteSeconds: input.voteSeconds, delaySeconds: input.delaySeconds, reveal: input.reveal, closeEarly: input.closeEarly ?? {}, chat };
    const state = newRoom(drawBracket(set.active.map((c) => c.id), input.size, secureRandom));
    const now = this.now();
    for (;;) {
      const row: RoomRow = {
        code: newCode(),
        worldcup_id: wc.id,
        host: viewer,
        settings: JSON.stringify(settings),
        state: JSON.stringify(state),
        status: 'lobby',
        match_no: -1,
        opens_at: null,
        closes_at: null,
        version: 0,
        created_at: now,
        updated_at: now,
      };
      // 25⁶ ≈ 244 million codes: a collision is rare, and the next code is drawn.
      if (await this.store.rooms.insert(row)) return this.present(row, set, viewer, lang);
    }
  }

  /** The room as `viewer` sees it; a match past its deadline is closed first. */
  async get(code: string, viewer: Viewer, lang?: ContentLang): Promise<Room> {
    const row = await this.settled(code);
    if (viewer.length > 0) await this.touch(code, viewer, false);
    return this.present(row, await this.setOf(row.worldcup_id), viewer, lang);
  }

  async results(code: string, lang?: ContentLang): Promise<RoomResults> {
    const row = await this.settled(code);
    return new RoomPresenter(this.joinUrlOf, lang).results(row, await this.setOf(row.worldcup_id));
  }

  /**
   * One audience vote on the current match (202): the server's clock decides whether it is in the
   * window; voting again replaces the earlier vote. Closes the match early when the tally reaches
   * the room's margin or total.
   */
  async vote(code: string, viewer: Viewer, side: 'left' | 'right', source: RoomVoteSource = 'web'): Promise<{ side: 'left' | 'right'; round: number; matchIndex: number }> {
    requireActor(viewer);
    // The room as this instance last read it (a quarter second at most): the transaction checks
    // the window itself, and a refusal is checked once more on a fresh read before it is final.
    const stored = (await this.storeVote(code, viewer, side, source, false)) ?? (await this.storeVote(code, viewer, side, source, true));
    if (!stored) throw notFound('room'); // not reached: the fresh read stores the vote or throws
    const { row, settings, match } = stored;
    if (source === 'web') await this.touch(code, viewer, true);
    const rules = settings.closeEarly;
    if ((rules.margin ?? 0) > 0 || (rules.total ?? 0) > 0) {
      const tally = tallyOf(await this.store.rooms.tally(code, row.match_no));
      const now = reachesEarlyClose(rules, tally) ? await this.store.rooms.get(code) : undefined;
      if (now?.match_no === row.match_no && now.status === 'voting') await this.closeIfCurrent(code, now.version);
    }
    return { side, round: match.round, matchIndex: match.index };
  }

  /** Stores the vote on the room's current match; null when refused on a cached read, 409 when refused on a fresh one. */
  private async storeVote(code: string, viewer: Viewer, side: 'left' | 'right', source: RoomVoteSource, isFresh: boolean) {
    const { row, state, settings } = await this.votingRoom(code, isFresh);
    const match = currentRoomMatch(state);
    const at = this.now();
    if (match && isVotingOpen(state, at) && (await this.store.groupCommit((tx) => tx.rooms.vote({ code, matchNo: row.match_no, voter: viewer, side, source, at })))) {
      return { row, settings, match };
    }
    if (isFresh) throw votingClosed(state, match?.opensAt, at);
    return null;
  }

  /** The room for a vote: this instance's read of it from the last quarter second, or a fresh one. */
  private votingRoom(code: string, isFresh: boolean): Promise<{ row: RoomRow; state: RoomState; settings: RoomSettings }> {
    if (isFresh) this.voteRooms.delete(code);
    return this.voteRooms.get(
      code,
      async () => {
        const row = await this.settled(code);
        return { row, state: parseState(row), settings: parseSettings(row) };
      },
      ({ row }) => (row.status === 'voting' ? VOTE_ROOM_TTL_MS : 0),
    );
  }

  /** Marks `viewer` present in the room, at most every PRESENCE_TOUCH_MS (presence counts a minute). */
  private async touch(code: string, viewer: Viewer, isVote: boolean): Promise<void> {
    const key = `${code}\n${viewer}`;
    const now = Date.now();
    if ((this.touched.get(key) ?? 0) > now - PRESENCE_TOUCH_MS) return;
    if (this.touched.size >= 100_000) this.touched.clear();
    this.touched.set(key, now);
    await this.backend.presence.touch(presenceKey(code), viewer, isVote);
  }

  start(code: string, viewer: Viewer, lang?: ContentLang): Promise<Room> {
    return this.hostAction(code, viewer, lang, (_row, state, settings) => startRoom(state, rulesOf(settings), this.now()));
  }

  /** Closes voting now (the host). */
  async close(code: string, viewer: Viewer, lang?: ContentLang): Promise<Room> {
    const row = await this.hostRow(code, viewer);
    if (row.status !== 'voting') throw conflict('not_voting', 'no match is open for voting');
    await this.closeIfCurrent(code, row.version);
    return this.get(code, viewer, lang);
  }

  /** Advances with the audience's winner or the host's override; closes voting first if it is still open. */
  async advance(code: string, viewer: Viewer, winner: string | undefined, lang?: ContentLang): Promise<Room> {
    const row = await this.hostRow(code, viewer);
    if (row.status === 'voting') await this.closeIfCurrent(code, row.version);
    return this.hostAction(code, viewer, lang, (_row, state, settings) => advanceRoom(state, rulesOf(settings), winner, this.now()));
  }

  async end(code: string, viewer: Viewer, lang?: ContentLang): Promise<Room> {
    const row = await this.hostRow(code, viewer);
    if (row.status === 'voting') await this.closeIfCurrent(code, row.version);
    return this.hostAction(code, viewer, lang, (_row, state) => endRoom(state));
  }

  /** The tally of the room's current match, for the live ticker (null when none is voting). */
  async liveTally(code: string): Promise<{ row: RoomRow; tally: RoomTally } | null> {
    const row = await this.store.rooms.get(code);
    if (!row || row.status !== 'voting') return null;
    return { row, tally: tallyOf(await this.store.rooms.tally(code, row.match_no)) };
  }

  /** The room's row, 404 when there is none; a match past its deadline is closed first (by whoever reads it first). */
  async settled(code: string): Promise<RoomRow> {
    const row = await this.store.rooms.get(code);
    if (!row) throw notFound('room');
    // A world cup an admin hid takes its rooms with it (a private one's room stays open to whoever has the code: its host shared it).
    if ((await this.store.worldcups.get(row.worldcup_id))?.hidden_at !== null) throw notFound('room');
    if (row.status === 'voting') this.ticker.watch(code);
    const { chat } = parseSettings(row);
    if (chat && row.status !== 'finished') this.chat.ensure(code, chat);
    if (!isPastDeadline(parseState(row), this.now())) return row;
    await this.closeIfCurrent(code, row.version);
    return (await this.store.rooms.get(code)) ?? row;
  }

  /** The room as a stream shows it to the audience or the host (no one's vote; the split per reveal). */
  private async streamed(row: RoomRow, asHost: boolean): Promise<Room> {
    return this.viewOf(await this.loadView(row, true), { isHost: asHost, myVote: null }, undefined);
  }

  /** Whether the room is still there to be played (not finished, its world cup neither deleted nor hidden). */
  async isOpen(code: string): Promise<boolean> {
    return this.settled(code).then(
      (row) => row.status !== 'finished',
      () => false,
    );
  }

  /** What a (re)connecting stream starts from: the room now, as the audience or the host sees it. */
  async snapshot(code: string, asHost: boolean): Promise<string> {
    return JSON.stringify(await this.streamed(await this.settled(code), asHost));
  }

  isHost(row: RoomRow, viewer: Viewer): boolean {
    return viewer.length > 0 && row.host === viewer;
  }

  /** The room as `viewer` sees it: their own vote, and the split only where they may see it. */
  private async present(row: RoomRow, set: CandidateSet, viewer: Viewer, lang: ContentLang | undefined): Promise<Room> {
    const isHost = this.isHost(row, viewer);
    const [view, myVote] = await Promise.all([
      this.loadView(row, seesTally(parseSettings(row), parseState(row), isHost), set),
      row.match_no >= 0 && viewer.length > 0 ? this.store.rooms.myVote(row.code, row.match_no, viewer) : Promise.resolve(null),
    ]);
    return this.viewOf(view, { isHost, myVote }, lang);
  }

  /** What every view of a room reads besides its row: the candidates, the live tally (when wanted), presence and chat. */
  private async loadView(row: RoomRow, withTally: boolean, known?: CandidateSet): Promise<RoomView> {
    const [set, tally, presence, chat] = await Promise.all([
      known ?? this.setOf(row.worldcup_id),
      withTally ? this.currentTally(row) : Promise.resolve(null),
      this.backend.presence.counts(presenceKey(row.code)),
      this.chatOf(row),
    ]);
    return { row, set, tally, viewers: presence.playing, chat };
  }

  private viewOf(view: RoomView, who: Pick<RoomViewer, 'isHost' | 'myVote'>, lang: ContentLang | undefined): Room {
    return new RoomPresenter(this.joinUrlOf, lang).room(view.row, view.set, view.tally, { ...who, viewers: view.viewers, chat: view.chat }, this.now());
  }

  private async chatOf(row: RoomRow): Promise<Room['chat']> {
    const { chat } = parseSettings(row);
    return chat ? { twitch: chat.twitch, status: row.status === 'finished' ? 'closed' : await this.chat.status(row.code) } : null;
  }

  private async currentTally(row: RoomRow): Promise<RoomTally | null> {
    if (row.match_no < 0) return null;
    return row.status === 'voting' ? tallyOf(await this.store.rooms.tally(row.code, row.match_no)) : EMPTY_TALLY;
  }

  private async setOf(worldcupId: string): Promise<CandidateSet> {
    const set = await this.cache.load(worldcupId);
    if (!set) throw notFound('world cup');
    return set;
  }

  /** The room's row if `viewer` hosts it; 403 to anyone else (the room itself is public). */
  private async hostRow(code: string, viewer: Viewer): Promise<RoomRow> {
    const row = await this.settled(code);
    if (!this.isHost(row, viewer)) throw forbidden('only the host of this room can do this');
    return row;
  }

  /** A host's change of the room's state, written over the version it read (409 `room_changed` if it moved meanwhile). */
  private async hostAction(code: string, viewer: Viewer, lang: ContentLang | undefined, change: (row: RoomRow, state: RoomState, settings: RoomSettings) => RoomState): Promise<Room> {
    const row = await this.hostRow(code, viewer);
    const before = parseState(row);
    let next: RoomState;
    try {
      next = change(row, before, parseSettings(row));
    } catch (error) {
      throw roomError(error);
    }
    if (!(await this.write(row, next))) throw conflict('room_changed', 'the room changed meanwhile; reload it');
    await this.announce(row, before, next);
    return this.get(code, viewer, lang);
  }

  private write(row: RoomRow, next: RoomState): Promise<boolean> {
    return this.store.rooms.update(row.code, row.version, updateOf(next, this.now()));
  }

  /**
   * Closes the current match if the room is still at `version` and voting: marks it decided (no
   * vote gets in after that), then reads the final tally and stores the audience's result, in one
   * transaction. With reveal 'after' the votes count in the world cup's ranking (source 'room').
   */
  private async closeIfCurrent(code: string, version: number): Promise<void> {
    const now = this.now();
    const done = await this.store.transaction(async (tx) => {
      if (!(await tx.rooms.markClosing(code, version))) return undefined;
      const row = await tx.rooms.get(code);
      if (!row) return undefined;
      const before = parseState(row);
      const tally = tallyOf(await tx.rooms.tally(code, row.match_no));
      const next = closeVoting(before, tally, now);
      if (!(await tx.rooms.update(code, version, updateOf(next, now)))) return undefined;
      const match = currentRoomMatch(next);
      const counts = parseSettings(row).reveal === 'after' && match !== null;
      if (counts) {
        if (tally.left > 0) await tx.votes.count(row.worldcup_id, 'room', match.left, match.right, 'win', tally.left);
        if (tally.right > 0) await tx.votes.count(row.worldcup_id, 'room', match.right, match.left, 'win', tally.right);
      }
      return { row, before, next, counts: counts && tally.left + tally.right > 0 };
    });
    if (!done) return;
    if (done.counts) void this.events.emit('votes.changed', { worldcupId: done.row.worldcup_id, source: 'room', voter: done.row.host, change: 'cast', counted: true });
    await this.announce(done.row, done.before, done.next);
  }

  /** Publishes the new state on both channels, and `decided`/`finished` when a match was advanced or the room ended. */
  private async announce(row: RoomRow, before: RoomState, next: RoomState): Promise<void> {
    const stored = { ...row, ...updateOf(next, this.now()), version: row.version + 1 };
    this.voteRooms.delete(row.code);
    if (next.status === 'voting') this.ticker.watch(row.code);
    // One read for both channels: they differ only in whether the split is shown.
    const view = await this.loadView(stored, true);
    const [audience, host] = [this.viewOf(view, { isHost: false, myVote: null }, undefined), this.viewOf(view, { isHost: true, myVote: null }, undefined)];
    const publish = (event: string, data: unknown) => {
      const json = JSON.stringify(data);
      return Promise.all([this.backend.bus.publish(roomHostChannel(row.code), event, json), this.backend.bus.publish(roomChannel(row.code), event, json)]);
    };
    await Promise.all([this.backend.bus.publish(roomChannel(row.code), 'state', JSON.stringify(audience)), this.backend.bus.publish(roomHostChannel(row.code), 'state', JSON.stringify(host))]);
    const played = next.matches.filter((m) => m.winner !== null);
    if (played.length > before.matches.filter((m) => m.winner !== null).length) {
      const m = played[played.length - 1];
      if (m) await publish('decided', { round: m.round, matchIndex: m.index, tally: m.tally, result: m.audience, winner: m.winner, overridden: m.overridden });
    }
    if (next.status === 'finished' && before.status !== 'finished') {
      await this.chat.stop(row.code);
      await publish('finished', await this.results(row.code));
    }
  }
}

/** A room's row with what its views read besides it (see `loadView`). */
interface RoomView {
  row: RoomRow;
  set: CandidateSet;
  tally: RoomTally | null;
  viewers: number;
  chat: Room['chat'];
}

function rulesOf(settings: RoomSettings) {
  return { voteMs: settings.voteSeconds * 1000, delayMs: settings.delaySeconds * 1000, closeEarly: settings.closeEarly };
}

function updateOf(state: RoomState, now: number) {
  const match = currentRoomMatch(state);
  return {
    state: JSON.stringify(state),
    status: state.status,
    match_no: state.matches.length - 1,
    opens_at: match?.opensAt ?? null,
    closes_at: match?.closesAt ?? null,
    updated_at: now,
  };
}

function votingClosed(state: RoomState, opensAt: number | undefined, now: number): AppError {
  if (state.status === 'voting' && opensAt !== undefined && now < opensAt) {
    return conflict('voting_closed', `voting on this match opens in ${Math.ceil((opensAt - now) / 1000)} s (the stream's delay)`);
  }
  return conflict('voting_closed', state.status === 'finished' ? 'the room is finished' : 'voting on this match is closed');
}
