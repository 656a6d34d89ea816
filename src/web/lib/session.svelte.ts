/**
 * Who is logged in, for the header and the pages that care (reactive). The session itself is an
 * HttpOnly cookie the app never sees; this only mirrors GET /auth/me and the answers of log-in,
 * sign-up and log-out.
 */
import type { Account, Credentials, LoginInput } from '../../shared/accounts';
import { api } from './api';

/** `ready` turns true once the first /auth/me answered (or failed: then nobody is logged in). */
export const session = $state<{ user: Account | null; ready: boolean }>({ user: null, ready: false });

let pending: Promise<void> | null = null;

/** Asks the server who this browser is; concurrent calls share one request. */
export function refreshSession(): Promise<void> {
  pending ??= api
    .me()
    .then((me) => {
      session.user = me.user;
    })
    .catch(() => {
      // Offline or failing: keep what we knew; the first time, that is "nobody".
    })
    .finally(() => {
      session.ready = true;
      pending = null;
    });
  return pending;
}

/**
 * Loads the session now, and again whenever the tab comes back into view: logging out in another
 * tab (or the session expiring) then shows here too. Returns the cleanup.
 */
export function trackSession(): () => void {
  void refreshSession();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void refreshSession();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => document.removeEventListener('visibilitychange', onVisible);
}

export async function signUp(input: Credentials): Promise<Account> {
  const { user } = await api.signUp(input);
  session.user = user;
  session.ready = true;
  return user;
}

export async function logIn(input: LoginInput): Promise<Account> {
  const { user } = await api.logIn(input);
  session.user = user;
  session.ready = true;
  return user;
}

export async function logOut(): Promise<void> {
  await api.logOut();
  session.user = null;
}

export const isAdmin = (user: Account | null): boolean => user?.role === 'admin';
