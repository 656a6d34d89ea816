/**
 * Password hashing with scrypt (node:crypto, memory-hard, no native add-on). Stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url) so the cost can be raised later without
 * breaking existing hashes: verification reads the parameters from the stored string.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** 2^15 × 8 × 128 bytes = 32 MiB and about 50–100 ms per hash on one core of a small server. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Hashes run on libuv's thread pool (4 threads), which SQLite's fsyncs share: keep two free. */
const MAX_CONCURRENT = 2;

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost, keyBytes: number): Promise<Buffer> {
  // NFKC: the same password typed on macOS (decomposed Hangul) and Windows (composed) must match.
  const normalized = password.normalize('NFKC');
  const maxmem = 256 * cost.N * cost.r * cost.p;
  return withSlot(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(normalized, salt, keyBytes, { ...cost, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

/** A new hash of `password` with a fresh random salt, in the stored format. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST, KEY_BYTES);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Reads a stored hash; undefined when it is not one we wrote (or its cost is out of bounds). */
function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || salt === undefined || key === undefined) return undefined;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const isSane =
    Number.isInteger(cost.N) && cost.N >= 2 && cost.N <= 2 ** 20 && (cost.N & (cost.N - 1)) === 0 &&
    Number.isInteger(cost.r) && cost.r >= 1 && cost.r <= 32 &&
    Number.isInteger(cost.p) && cost.p >= 1 && cost.p <= 16;
  if (!isSane) return undefined;
  const keyBytes = Buffer.from(key, 'base64url');
  if (keyBytes.length < 16 || keyBytes.length > 64) return undefined;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: keyBytes };
}

/** Whether `password` matches the stored hash; compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | undefined;

/** Computes the hash `verifyAgainstNothing` compares with, so the first unknown-user log-in is not slower than the rest. */
export function prepareDummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummy;
}

/**
 * Spends the time of one verification without an account to verify against, so a log-in with an
 * unknown username takes as long as one with a wrong password.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(password, await prepareDummyHash());
  return false;
}
