import { createHash, randomBytes, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A short random id for world cups, candidates and uploads (12 base62 chars ≈ 71 bits). */
export function newId(length = 12): string {
  const bytes = randomBytes(length * 2);
  let id = '';
  // Rejection sampling keeps every character uniform (256 is not a multiple of 62).
  for (let i = 0; i < bytes.length && id.length < length; i++) {
    const b = bytes[i] as number;
    if (b < 248) id += ALPHABET[b % 62];
  }
  return id.length === length ? id : newId(length);
}

/** Game ids are capabilities (whoever holds one can play it): 128 random bits, base64url. */
export function newSecretId(): string {
  return randomBytes(16).toString('base64url');
}

/** A uniform float in [0, 1) from the CSPRNG, so nobody can predict a bracket draw. */
export function secureRandom(): number {
  return randomInt(2 ** 47) / 2 ** 47;
}

/** What we store for a session token: its hash, so a leaked database does not leak live sessions. */
export function sessionOwner(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 32);
}

/** The key of a logged-in session's row (auth_sessions.token_hash): the full sha256 of its token. */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}


/** The owner key of what an account owns (anonymous sessions use `sessionOwner`, which never has a colon). */
export const accountOwner = (userId: string): string => `u:${userId}`;
