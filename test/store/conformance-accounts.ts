/**
 * The accounts part of the store conformance suite (runStoreConformance calls it inside its
 * describe, so it runs on every dialect): users, sessions, handing an anonymous session's things
 * to an account, reports, and admin-hidden world cups.
 */
import { expect, it } from 'vitest';
import type { UserRow } from '../../src/store/accounts-repo.js';
import type { ReportRow } from '../../src/store/reports-repo.js';
import type { Store } from '../../src/store/store.js';
import type { NewCandidateRow, WorldcupRow } from '../../src/store/worldcups-repo.js';

export interface AccountConformanceContext {
  store: () => Store;
  worldcup: (over?: Partial<WorldcupRow>) => WorldcupRow;
  candidates: (worldcupId: string, n: number) => NewCandidateRow[];
}

let seq = 0;
const user = (over: Partial<UserRow> = {}): UserRow => {
  seq++;
  return { id: `user${seq}`, username: `User${seq}`, username_key: `user${seq}`, password_hash: 'scrypt$x', role: 'user', created_at: 1, ...over };
};
const report = (worldcupId: string, reporter: string, over: Partial<ReportRow> = {}): ReportRow => {
  seq++;
  return {
    id: `report${String(seq).padStart(6, '0')}`,
    worldcup_id: worldcupId,
    reporter,
    reason: 'spam',
    text: null,
    status: 'open',
    created_at: 1_700_000_000_000 + seq,
    resolved_at: null,
    resolved_by: null,
    comment_id: null,
    ...over,
  };
};

export function runAccountConformance(ctx: AccountConformanceContext): void {
  const insertWorldcup = async (over: Partial<WorldcupRow> = {}) => {
    const w = ctx.worldcup(over);
    await ctx.store().worldcups.insert(w, [], ctx.candidates(w.id, 4));
    return w;
  };

  it('accounts: a username key is taken once; a session finds its user until it expires', async () => {
    const store = ctx.store();
    const alice = user({ username: 'Alice', username_key: `alice${seq}` });
    const token = `t${seq}`;
    expect(await store.accounts.insertUser(alice)).toBe(true);
    expect(await store.accounts.insertUser(user({ username_key: alice.username_key }))).toBe(false);
    expect(await store.accounts.userByKey(alice.username_key)).toEqual(alice);

    await store.accounts.insertSession({ token_hash: token, user_id: alice.id, created_at: 10, expires_at: 100 });
    expect(await store.accounts.sessionUser(token, 99)).toEqual({ id: alice.id, username: 'Alice', role: 'user', expires_at: 100 });
    expect(await store.accounts.sessionUser(token, 100)).toBeUndefined();
    await store.accounts.setRole(alice.id, 'admin');
    expect((await store.accounts.sessionUser(token, 50))?.role).toBe('admin');
    await store.accounts.deleteExpiredSessions(100);
    expect(await store.accounts.sessionUser(token, 50)).toBeUndefined();
    expect(await store.accounts.usersByIds([alice.id, alice.id, 'nobody'])).toEqual([{ id: alice.id, username: 'Alice', role: 'admin' }]);
  });

  it('accounts: hands everything an anonymous owner key owns to an account, without a second open report', async () => {
    const store = ctx.store();
    const n = ++seq;
    const [anon, account, bystander, uploadId, gameId] = [`anon${n}`, `u:acct${n}`, `other${n}`, `up${n}`, `game${n}`];
    const made = await insertWorldcup({ owner: anon });
    const theirs = await insertWorldcup({ owner: bystander });
    await store.uploads.insert({ id: uploadId, owner: anon, width: 1, height: 1, bytes: 1, image: Buffer.from('i'), thumb: Buffer.from('t'), medium: null, created_at: 1 });
    await store.kysely
      .insertInto('games')
      .values({ id: gameId, worldcup_id: theirs.id, owner: anon, size: 2, version: 0, created_at: 1, updated_at: 1, result_id: `r${gameId}` })
      .execute();
    // The account already has an open report on `theirs`; the anonymous one duplicates it.
    await store.reports.insert(report(theirs.id, account));
    const duplicate = report(theirs.id, anon);
    const closedBefore = report(theirs.id, anon, { status: 'dismissed', resolved_at: 5 });
    const onMade = report(made.id, anon);
    for (const r of [duplicate, closedBefore, onMade]) expect(await store.reports.insert(r)).toBe(true);

    await store.transaction((tx) => tx.accounts.transferOwnership(anon, account));
    expect((await store.worldcups.get(made.id))?.owner).toBe(account);
    expect((await store.worldcups.get(theirs.id))?.owner).toBe(bystander);
    expect((await store.uploads.meta([uploadId]))[0]?.owner).toBe(account);
    const game = await store.kysely.selectFrom('games').select('owner').where('id', '=', gameId).executeTakeFirst();
    expect(game?.owner).toBe(account);
    expect(await store.reports.get(duplicate.id)).toBeUndefined();
    expect((await store.reports.get(closedBefore.id))?.reporter).toBe(account);
    expect((await store.reports.get(onMade.id))?.reporter).toBe(account);
    const left = await store.kysely.selectFrom('reports').select('id').where('reporter', '=', anon).execute();
    expect(left).toEqual([]);
  });

  it('reports: one open report per reporter and world cup; closing frees the slot; the queue pages newest first', async () => {
    const store = ctx.store();
    const w = await insertWorldcup({ title: 'reported' });
    const admin = user({ role: 'admin' });
    await store.accounts.insertUser(admin);
    const first = report(w.id, 'someone');
    expect(await store.reports.insert(first)).toBe(true);
    expect(await store.reports.insert(report(w.id, 'someone'))).toBe(false);
    const other = report(w.id, 'someone else', { reason: 'hate', text: '왜냐하면' });
    expect(await store.reports.insert(other)).toBe(true);
    expect(await store.reports.close(first.id, 'dismissed', 7, admin.id)).toBe(true);
    expect(await store.reports.close(first.id, 'resolved', 8, admin.id)).toBe(false);
    expect(await store.reports.insert(report(w.id, 'someone'))).toBe(true);

    const open = await store.reports.list({ status: 'open', limit: 100 });
    const mine = open.filter((r) => r.worldcup_id === w.id);
    expect(mine.map((r) => r.reporter)).toEqual(['someone', 'someone else']);
    expect(mine[1]).toMatchObject({ ...other, worldcup_title: 'reported', worldcup_visibility: 'public', worldcup_hidden_at: null });
    const [newest] = open;
    const page2 = await store.reports.list({ status: 'open', limit: 100, after: newest ? { createdAt: newest.created_at, id: newest.id } : undefined });
    expect(page2.map((r) => r.id)).toEqual(open.slice(1).map((r) => r.id));

    await store.reports.resolveAllOpen(w.id, 9, admin.id);
    expect((await store.reports.list({ status: 'open', limit: 100 })).some((r) => r.worldcup_id === w.id)).toBe(false);
    expect((await store.reports.list({ status: 'resolved', limit: 100 })).filter((r) => r.worldcup_id === w.id)).toHaveLength(2);
    await store.transaction((tx) => tx.worldcups.delete(w.id));
    expect(await store.reports.get(other.id)).toBeUndefined();
  });

  it('hidden world cups leave public lists, search and tags, and stay in their owner\'s list', async () => {
    const store = ctx.store();
    const tag = `hideme${seq}`;
    const owner = `hider${seq}`;
    const w = ctx.worldcup({ owner, search_text: `숨김 테스트 ${tag}` });
    await store.worldcups.insert(w, [tag], ctx.candidates(w.id, 4));
    const seen = async () => ({
      listed: (await store.worldcups.list({ sort: 'new', tag, limit: 10 })).length,
      found: (await store.worldcups.list({ sort: 'new', q: tag, limit: 10 })).length + (await store.worldcups.list({ sort: 'new', q: '숨김', limit: 10 })).length,
      tagged: (await store.worldcups.popularTags(1000)).filter((t) => t.tag === tag).length,
      own: (await store.worldcups.list({ sort: 'new', owner, limit: 10 })).length,
    });
    expect(await seen()).toEqual({ listed: 1, found: 2, tagged: 1, own: 1 });
    expect(await store.worldcups.setHidden(w.id, 42)).toBe(true);
    expect((await store.worldcups.get(w.id))?.hidden_at).toBe(42);
    expect(await seen()).toEqual({ listed: 0, found: 0, tagged: 0, own: 1 });
    expect(await store.worldcups.setHidden(w.id, null)).toBe(true);
    expect(await seen()).toEqual({ listed: 1, found: 2, tagged: 1, own: 1 });
    expect(await store.worldcups.setHidden('nosuchworldcup', 1)).toBe(false);
  });
}
