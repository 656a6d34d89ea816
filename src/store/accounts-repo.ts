import type { Kysely, Selectable } from 'kysely';
import type { AuthSessionsTable, Database, Role, UsersTable } from './schema.js';

export type UserRow = Selectable<UsersTable>;
export type AuthSessionRow = Selectable<AuthSessionsTable>;

/** The account behind a live session, and until when the session lasts. */
export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  expires_at: number;
}

export class AccountRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the user unless the username key is taken (then false; no error, on both dialects). */
  async insertUser(row: UserRow): Promise<boolean> {
    const inserted = await this.db
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  userByKey(usernameKey: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username_key', '=', usernameKey).executeTakeFirst();
  }

  /** Users by id (for showing who reported or resolved); unknown ids are left out. */
  usersByIds(ids: readonly string[]): Promise<Pick<UserRow, 'id' | 'username' | 'role'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('users').select(['id', 'username', 'role']).where('id', 'in', [...new Set(ids)]).execute();
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  /** A per-site secret made by a migration: `ip_salt` (0004), `session_key` (0005). */
  async siteSecret(name: 'ip_salt' | 'session_key'): Promise<string> {
    const row = await this.db.selectFrom('site_secrets').select('value').where('name', '=', name).executeTakeFirst();
    if (!row) throw new Error(`site_secrets has no ${name}: is the database migrated?`);
    return row.value;
  }

  /**
   * Whether an owner key owns anything (a world cup, an upload, a game, a report or a comment): how a session
   * token from before tokens were signed proves it was issued here. Each probe is one indexed lookup.
   */
  async ownsAnything(owner: string): Promise<boolean> {
    const probes = [
      this.db.selectFrom('worldcups').select('id').where('owner', '=', owner).limit(1),
      this.db.selectFrom('uploads').select('id').where('owner', '=', owner).limit(1),
      this.db.selectFrom('games').select('id').where('owner', '=', owner).limit(1),
      this.db.selectFrom('reports').select('id').where('reporter', '=', owner).limit(1),
      this.db.selectFrom('comments').select('id').where('author', '=', owner).limit(1),
    ];
    for (const probe of probes) if (await probe.executeTakeFirst()) return true;
    return false;
  }

  async insertSession(row: AuthSessionRow): Promise<void> {
    await this.db.insertInto('auth_sessions').values(row).execute();
  }

  /** The user of an unexpired session, or undefined. */
  sessionUser(tokenHash: string, now: number): Promise<SessionUser | undefined> {
    return this.db
      .selectFrom('auth_sessions')
      .innerJoin('users', 'users.id', 'auth_sessions.user_id')
      .select(['users.id as id', 'users.username as username', 'users.role as role', 'auth_sessions.expires_at as expires_at'])
      .where('auth_sessions.token_hash', '=', tokenHash)
      .where('auth_sessions.expires_at', '>', now)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of a user (a password reset by the CLI). */
  async deleteSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(now: number): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('expires_at', '<=', now).execute();
  }

  /**
   * Hands everything owner key `from` owns to `to`: what an anonymous session made becomes the
   * account's when it signs up or logs in. Every owner column of the schema is listed here; a new
   * one belongs here too. An open report that `to` already has on the same world cup is a
   * duplicate (one open report per reporter): it is dropped rather than moved.
   */
  async transferOwnership(from: string, to: string): Promise<void> {
    await this.db.updateTable('worldcups').set({ owner: to }).where('owner', '=', from).execute();
    await this.db.updateTable('uploads').set({ owner: to }).where('owner', '=', from).execute();
    await this.db.updateTable('games').set({ owner: to }).where('owner', '=', from).execute();
    // Comments are the author's; a like `to` already gave the same comment is the same like, so the
    // session's duplicate goes, and with it one of the comment's likes.
    await this.db.updateTable('comments').set({ author: to }).where('author', '=', from).execute();
    const likedByBoth = this.db
      .selectFrom('comment_likes as mine')
      .select('mine.comment_id')
      .where('mine.liker', '=', to)
      .where('mine.comment_id', 'in', this.db.selectFrom('comment_likes as theirs').select('theirs.comment_id').where('theirs.liker', '=', from));
    await this.db
      .updateTable('comments')
      .set((eb) => ({ like_count: eb('like_count', '-', 1) }))
      .where('id', 'in', likedByBoth)
      .execute();
    await this.db.deleteFrom('comment_likes').where('liker', '=', from).where('comment_id', 'in', likedByBoth).execute();
    await this.db.updateTable('comment_likes').set({ liker: to }).where('liker', '=', from).execute();
    // A report's target is its world cup (comment_id null) or one of its comments.
    await this.db
      .updateTable('reports')
      .set({ reporter: to })
      .where('reporter', '=', from)
      .where((eb) =>
        eb.not(
          eb.and([
            eb('status', '=', 'open'),
            eb.or([
              eb.and([
                eb('comment_id', 'is', null),
                eb(
                  'worldcup_id',
                  'in',
                  eb
                    .selectFrom('reports as mine')
                    .select('mine.worldcup_id')
                    .where('mine.reporter', '=', to)
                    .where('mine.status', '=', 'open')
                    .where('mine.comment_id', 'is', null),
                ),
              ]),
              eb(
                'comment_id',
                'in',
                // Not-null only: a NULL in an IN list makes the whole test unknown, and NOT unknown drops the row.
                eb
                  .selectFrom('reports as mine')
                  .select('mine.comment_id')
                  .where('mine.reporter', '=', to)
                  .where('mine.status', '=', 'open')
                  .where('mine.comment_id', 'is not', null),
              ),
            ]),
          ]),
        ),
      )
      .execute();
    await this.db.deleteFrom('reports').where('reporter', '=', from).execute();
  }
}
