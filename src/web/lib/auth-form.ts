/**
 * The log-in and sign-up forms' checks, with the server's rules (src/shared/schemas.ts) but a
 * message that says which rule failed. Pure: each returns an i18n key with its parameters, or null.
 */
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN, usernameKey } from '../../shared/accounts.js';
import type { MessageKey, Params } from './i18n.js';

export interface FieldError {
  key: MessageKey;
  params?: Params;
}

const USERNAME_MIN = 3;
const USERNAME_MAX = 30;
const ALLOWED = /^[a-z0-9가-힣_.-]*$/u;
const FIRST = /^[a-z0-9가-힣]/u;

/** Sign-up: the username rules one at a time, most useful first. */
export function usernameError(raw: string): FieldError | null {
  const key = usernameKey(raw.trim());
  if (key.length === 0) return { key: 'auth.v.usernameRequired' };
  if (!ALLOWED.test(key)) return { key: 'auth.v.usernameChars' };
  if (!FIRST.test(key)) return { key: 'auth.v.usernameStart' };
  // Hangul syllables and ASCII are one UTF-16 unit each, as the server's pattern counts them.
  if (key.length < USERNAME_MIN) return { key: 'auth.v.usernameShort' };
  if (key.length > USERNAME_MAX) return { key: 'auth.v.usernameLong' };
  return USERNAME_PATTERN.test(key) ? null : { key: 'auth.v.usernameChars' };
}

/** Sign-up: the length bounds. */
export function passwordError(password: string): FieldError | null {
  if (password.length === 0) return { key: 'auth.v.passwordRequired' };
  if (password.length < PASSWORD_MIN) return { key: 'auth.v.passwordShort', params: { min: PASSWORD_MIN } };
  if (password.length > PASSWORD_MAX) return { key: 'auth.v.passwordLong', params: { max: PASSWORD_MAX } };
  return null;
}

export function confirmError(password: string, confirm: string): FieldError | null {
  return password === confirm ? null : { key: 'auth.v.passwordMismatch' };
}

/** Log-in checks presence only: whatever else is wrong, the server says "invalid username or password". */
export function loginErrors(username: string, password: string): { username: FieldError | null; password: FieldError | null } {
  return {
    username: username.trim() ? null : { key: 'auth.v.usernameRequired' },
    password: password ? null : { key: 'auth.v.passwordRequired' },
  };
}
