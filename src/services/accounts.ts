/**
 * Accounts on top of anonymous sessions. Every client has a session token (src/http/session.ts);
 * a logged-in one also has an auth_sessions row, which makes its owner key `u:<userId>` instead
 * of the token's hash. Signing up or logging in replaces the token (a token an attacker planted
 * before log-in never becomes a logged-in one) and hands what the anonymous session made to the
 * account.
 */
import type { Account, Credentials, LoginInput } from '../shared/accounts.js';
import { usernameKey } from '../shared/accounts.js';
import type { Role } from '../store/schema.js';
import type { Repos, Store } from '../store/store.js';
import { conflict, unauthorized } from './errors.js';
import { accountOwner, newId, sessionOwner, sessionTokenHash } from './ids.js';
import { hashPassword, prepareDummyHash, verifyAgainstNothing, verifyPassword } from './passwords.js';
import { LEGACY_TOKEN_LENGTH, SessionTokens } from './session-tokens.js';
import { SizedLru } from './sized-lru.js';
import { TtlCache } from './ttl-cache.js';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** How long this instance trusts what it looked up about a session or a role (see README "Accounts"). */
export const ACCOUNT_CACHE_MS = 30_000;

/** Who sent a request: their session's token hash, their owner key, and their account if logged in. */
export interface SessionContext {
  tokenHash: string;
  viewer: string;
  account: Account | null;
}

/** What never changes about a session token (see AccountService.tokenFacts). */
export interface TokenFacts {
  /** sha256 of the token: its auth_sessions key. */
  hash: string;
  /** The owner key of what it makes while anonymous. */
  owner: string;
  /** Whether this site issued it (its MAC checks out). */
  isIssued: boolean;
}

/** A new logged-in session: the cookie to set and the account it belongs to. */
export interface IssuedSession {
  user: Account;
  token: string;
  expiresAt: number;
}

export interface AccountOptions {
  /** A user with this username (signing up or existing) is an admin; see config.ts. */
  adminUsername?: string | undefined;
}

const INVALID_CREDENTIALS = 'invalid username or password';

export class AccountService {
  /** token hash → the session's account (null: anonymous), per instance. */
  private readonly sessions = new TtlCache<Account | null>(50_000);
  /** user id → role, for visibility checks that only know an owner key. */
  private readonly roles = new TtlCache<Role | null>(10_000);
  /** owner key of a pre-0005 token → whether it owns anything (see `identify`). */
  private readonly legacyOwners = new TtlCache<boolean>(10_000);
  private readonly adminKey: string | undefined;
  private tokens: SessionTokens | undefined;
  private readonly facts = new SizedLru<TokenFacts>(50_000, () => 1);

  constructor(
    private readonly store: Store,
    opts: AccountOptions = {},
  ) {
    this.adminKey = opts.adminUsername ? usernameKey(opts.adminUsername) : undefined;
  }

  /** At start: loads the tokens' key, promotes the ADMIN_USERNAME user if it already exists, and prepares the dummy hash. */
  async start(): Promise<void> {
    this.tokens = new SessionTokens(await this.store.accounts.siteSecret('session_key'));
    await prepareDummyHash();
    if (!this.adminKey) return;
    const user = await this.store.accounts.userByKey(this.adminKey);
    if (user && user.role !== 'admin') await this.store.accounts.setRole(user.id, 'admin');
  }

  /** A new session token (anonymous until a log-in stores it in auth_sessions). */
  newToken(): string {
    if (!this.tokens) throw new Error('AccountService.start() has not run');
    return this.tokens.issue();
  }

  /**
   * What a token's hashes are (its auth_sessions key and its anonymous owner key) and whether its
   * MAC is this site's: three SHA-256s and an HMAC that would otherwise run on every request. They
   * never change for a token, so they are kept for the most recent 50,000 tokens.
   */
  tokenFacts(token: string): TokenFacts {
    if (!this.tokens) throw new Error('AccountService.start() has not run');
    let facts = this.facts.get(token);
    if (!facts) {
      facts = { hash: sessionTokenHash(token), owner: sessionOwner(token), isIssued: this.tokens.isIssued(token) };
      this.facts.set(token, facts);
    }
    return facts;
  }

  /**
   * Who a cookie's token belongs to: its facts and `account` (null when anonymous) for a token this
   * site issued, undefined for one it did not (the caller replaces it with a fresh one). Tokens from
   * before tokens were signed are still honoured when they are logged in, or when their session
   * owns something — evidence that the server issued them; an invented one owns nothing.
   */
  async identify(token: string): Promise<(TokenFacts & { account: Account | null }) | undefined> {
    const facts = this.tokenFacts(token);
    if (facts.isIssued) return { ...facts, account: await this.sessionAccount(facts.hash) };
    if (token.length !== LEGACY_TOKEN_LENGTH) return undefined;
    const account = await this.sessionAccount(facts.hash);
    if (account) return { ...facts, account };
    // Either answer can be kept: a token that is refused never comes to own anything.
    const isKnown = await this.legacyOwners.get(facts.owner, () => this.store.accounts.ownsAnything(facts.owner), () => 10 * ACCOUNT_CACHE_MS);
    return isKnown ? { ...facts, account: null } : undefined;
  }

  /** The account of a session, at most ACCOUNT_CACHE_MS old; no query while cached. */
  sessionAccount(tokenHash: string): Promise<Account | null> {
    let expiresAt = 0;
    return this.sessions.get(
      tokenHash,
      async () => {
        const row = await this.store.accounts.sessionUser(tokenHash, Date.now());
        if (!row) return null;
        expiresAt = row.expires_at;
        const account: Account = { id: row.id, username: row.username, role: row.role };
        this.roles.put(row.id, account.role, ACCOUNT_CACHE_MS);
        return account;
      },
      // Anonymous answers can be kept the full time: a token only becomes logged in by being
      // created that way (log-in always issues a new one), never by a later change.
      (account) => (account ? Math.min(ACCOUNT_CACHE_MS, expiresAt - Date.now()) : ACCOUNT_CACHE_MS),
    );
  }

  /** Whether an owner key is an admin's (anonymous keys never are). */
  async isAdmin(viewer: string): Promise<boolean> {
    if (!viewer.startsWith('u:')) return false;
    const id = viewer.slice(2);
    const role = await this.roles.get(
      id,
      async () => (await this.store.accounts.usersByIds([id]))[0]?.role ?? null,
      () => ACCOUNT_CACHE_MS,
    );
    return role === 'admin';
  }

  async signUp(input: Credentials, previous: SessionContext): Promise<IssuedSession> {
    const key = usernameKey(input.username);
    const now = Date.now();
    const user = {
      id: newId(),
      username: input.username.normalize('NFKC'),
      username_key: key,
      password_hash: await hashPassword(input.password),
      role: key === this.adminKey ? ('admin' as const) : ('user' as const),
      created_at: now,
    };
    const token = this.newToken();
    const created = await this.store.transaction(async (tx) => {
      if (!(await tx.accounts.insertUser(user))) return false;
      await this.startSession(tx, user.id, token, previous, now);
      return true;
    });
    if (!created) throw conflict('username_taken', `the username "${input.username}" is taken`);
    return this.issued({ id: user.id, username: user.username, role: user.role }, token, previous, now);
  }

  /** 401 invalid_credentials for an unknown user and a wrong password alike, in the same time. */
  async logIn(input: LoginInput, previous: SessionContext): Promise<IssuedSession> {
    const user = await this.store.accounts.userByKey(usernameKey(input.username));
    const isValid = user ? await verifyPassword(input.password, user.password_hash) : await verifyAgainstNothing(input.password);
    if (!user || !isValid) throw unauthorized('invalid_credentials', INVALID_CREDENTIALS);
    let role = user.role;
    if (user.username_key === this.adminKey && role !== 'admin') role = 'admin';
    const token = this.newToken();
    const now = Date.now();
    await this.store.transaction(async (tx) => {
      if (role !== user.role) await tx.accounts.setRole(user.id, role);
      await tx.accounts.deleteExpiredSessions(now);
      await this.startSession(tx, user.id, token, previous, now);
    });
    return this.issued({ id: user.id, username: user.username, role }, token, previous, now);
  }

  /**
   * Ends the logged-in session (on this instance at once; others within ACCOUNT_CACHE_MS) and
   * returns a fresh anonymous token for the browser. An anonymous session has nothing to end:
   * null, and it keeps its token (a new one would orphan what it made).
   */
  async logOut(previous: SessionContext): Promise<string | null> {
    if (!previous.account) return null;
    await this.store.accounts.deleteSession(previous.tokenHash);
    this.sessions.delete(previous.tokenHash);
    return this.newToken();
  }

  /**
   * `versus admin create`: creates the user as an admin, or makes an existing one admin and sets
   * its password (ending its sessions). Returns whether the user was created.
   */
  async createAdmin(input: Credentials): Promise<{ user: Account; created: boolean }> {
    const key = usernameKey(input.username);
    const passwordHash = await hashPassword(input.password);
    const existing = await this.store.accounts.userByKey(key);
    if (existing) {
      await this.store.transaction(async (tx) => {
        await tx.accounts.setRole(existing.id, 'admin');
        await tx.accounts.setPassword(existing.id, passwordHash);
        await tx.accounts.deleteSessionsOf(existing.id);
      });
      this.roles.delete(existing.id);
      return { user: { id: existing.id, username: existing.username, role: 'admin' }, created: false };
    }
    const user = {
      id: newId(),
      username: input.username.normalize('NFKC'),
      username_key: key,
      password_hash: passwordHash,
      role: 'admin' as Role,
      created_at: Date.now(),
    };
    if (!(await this.store.accounts.insertUser(user))) throw conflict('username_taken', `the username "${input.username}" was just taken; try again`);
    return { user: { id: user.id, username: user.username, role: user.role }, created: true };
  }

  /**
   * In the log-in transaction: the browser's previous logged-in session ends (its token is being
   * replaced), or, when it was anonymous, what it owns moves to the account.
   */
  private async startSession(
    tx: Repos,
    userId: string,
    token: string,
    previous: SessionContext,
    now: number,
  ): Promise<void> {
    if (previous.account) await tx.accounts.deleteSession(previous.tokenHash);
    else await tx.accounts.transferOwnership(previous.viewer, accountOwner(userId));
    await tx.accounts.insertSession({ token_hash: sessionTokenHash(token), user_id: userId, created_at: now, expires_at: now + SESSION_TTL_MS });
  }

  private issued(user: Account, token: string, previous: SessionContext, now: number): IssuedSession {
    this.sessions.delete(previous.tokenHash);
    this.sessions.put(sessionTokenHash(token), user, ACCOUNT_CACHE_MS);
    this.roles.put(user.id, user.role, ACCOUNT_CACHE_MS);
    return { user, token, expiresAt: now + SESSION_TTL_MS };
  }
}
