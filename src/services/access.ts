/**
 * Who may do what. Every service asks here before it acts, so the rules live in one place:
 *
 * - see a world cup: anyone, unless it is private or hidden by an admin — then its owner and admins;
 *   to everyone else it does not exist (404, never 403, which would confirm it does);
 * - edit it: its owner; delete it: its owner or an admin;
 * - play a game (see it, pick, undo): only the session or account that started it — to anyone else
 *   it does not exist, whatever id they hold;
 * - moderate (report queue, hide, unhide): admins;
 * - comment, reply, like and report a comment: whoever may see the world cup; delete a comment: its
 *   author, the world cup's owner, or an admin (authors may take back what they wrote);
 * - act at all: a request with a session. An empty owner key would match every row written with
 *   one, so it is refused outright even though the session hook always sets one.
 */
import type { Account } from '../shared/accounts.js';
import type { WorldcupRow } from '../store/worldcups-repo.js';
import { forbidden, notFound, unauthorized } from './errors.js';

/**
 * Whoever is asking, as an owner key: `u:<userId>` when logged in, else the hash of their
 * anonymous session token ('system' for the seeder).
 */
export type Viewer = string;

/** Whether an owner key is an admin's (AccountService.isAdmin; cached). */
export type IsAdmin = (viewer: Viewer) => Promise<boolean>;

/** The account, if it is an admin; otherwise 401 (not logged in) or 403. */
export function requireAdmin(account: Account | null): Account {
  if (!account) throw unauthorized('not_logged_in', 'log in as an admin to do this');
  if (account.role !== 'admin') throw forbidden('only admins can do this');
  return account;
}

/** The viewer, if it can own what it makes; refuses a request without a session. */
export function requireActor(viewer: Viewer): Viewer {
  if (viewer.length === 0) throw unauthorized('no_session', 'this request has no session; reload the page and try again');
  return viewer;
}

/** A game, as far as access is concerned: who started it. */
export interface Owned {
  owner: string;
}

/** Whether `viewer` plays this game: its owner, and nobody else (not even admins: a game is one person's votes). */
export function isPlayer(game: Owned, viewer: Viewer): boolean {
  return viewer.length > 0 && game.owner === viewer;
}

/** Whether `viewer` wrote this comment (`owner` is its author). */
export function isAuthor(comment: Owned, viewer: Viewer): boolean {
  return viewer.length > 0 && comment.owner === viewer;
}

export class Access {
  constructor(private readonly isAdmin: IsAdmin = () => Promise.resolve(false)) {}

  /** The world cup if `viewer` may see it; 404 when there is none or it is restricted from them. */
  async visible(row: WorldcupRow | undefined, viewer: Viewer): Promise<WorldcupRow> {
    if (!row) throw notFound('world cup');
    const isRestricted = row.visibility === 'private' || row.hidden_at !== null;
    // The role is only looked up for restricted ones, off the hot path.
    if (isRestricted && !this.owns(row, viewer) && !(await this.isAdmin(viewer))) throw notFound('world cup');
    return row;
  }

  /** 403 unless `viewer` created the (visible) world cup. */
  requireOwner(row: WorldcupRow, viewer: Viewer): void {
    if (!this.owns(row, viewer)) throw forbidden('only the creator of this world cup can change it');
  }

  /** 403 unless `viewer` created the (visible) world cup or is an admin. */
  async requireOwnerOrAdmin(row: WorldcupRow, viewer: Viewer): Promise<void> {
    if (!this.owns(row, viewer) && !(await this.isAdmin(viewer))) {
      throw forbidden('only the creator of this world cup (or an admin) can delete it');
    }
  }

  /** Whether `viewer` may delete any comment of this world cup: its owner or an admin. */
  async moderatesComments(row: WorldcupRow, viewer: Viewer): Promise<boolean> {
    return this.owns(row, viewer) || (viewer.length > 0 && (await this.isAdmin(viewer)));
  }

  /** 403 unless `viewer` wrote the comment, owns its world cup or is an admin. */
  async requireCommentDeleter(row: WorldcupRow, comment: Owned, viewer: Viewer): Promise<void> {
    if (isAuthor(comment, viewer) || (await this.moderatesComments(row, viewer))) return;
    throw forbidden("only the comment's author, the world cup's creator or an admin can delete this comment");
  }

  private owns(row: WorldcupRow, viewer: Viewer): boolean {
    return viewer.length > 0 && row.owner === viewer;
  }
}
