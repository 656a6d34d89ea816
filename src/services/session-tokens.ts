/**
 * Session tokens the server can recognise as its own without storing anonymous sessions: 24
 * random bytes and a MAC of them under the site's `session_key` (made by migration 0005, shared by
 * every instance through the database). A token a client invents fails the MAC and is replaced by
 * a fresh one, so two clients can never plant the same made-up token and share what it owns.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const RANDOM_CHARS = 32; // 24 bytes, base64url
const MAC_CHARS = 22; // 16 bytes of HMAC-SHA256, base64url
export const SIGNED_TOKEN_LENGTH = RANDOM_CHARS + MAC_CHARS;
/** Tokens issued before tokens were signed: 24 random bytes, base64url. */
export const LEGACY_TOKEN_LENGTH = RANDOM_CHARS;

export class SessionTokens {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = Buffer.from(key, 'base64url');
  }

  /** A new token: 192 random bits and their MAC (54 characters, the cookie's alphabet). */
  issue(): string {
    const random = randomBytes(24).toString('base64url');
    return random + this.mac(random);
  }

  /** Whether this server (any instance of the site) issued `token`. Constant time in the MAC. */
  isIssued(token: string): boolean {
    if (token.length !== SIGNED_TOKEN_LENGTH) return false;
    const expected = Buffer.from(this.mac(token.slice(0, RANDOM_CHARS)));
    const given = Buffer.from(token.slice(RANDOM_CHARS));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(random: string): string {
    return createHmac('sha256', this.key).update(random).digest().subarray(0, 16).toString('base64url');
  }
}
