/**
 * Keyset-pagination cursors, for every list that pages (world cups, the report queue): the sort
 * value and id of the last row of a page, as base64url JSON `[value, id]`.
 *
 * A cursor comes back from the client, so decoding checks it as strictly as any other input: the
 * value goes into a comparison with an integer column and the id with a text one, and PostgreSQL
 * fails the whole query (a 5xx) on a value its column cannot hold (1.5, 1e20, Infinity) or a text
 * with a NUL character, where SQLite would just compare. Anything but what `encodeCursor` could
 * have produced is a 400 `invalid_cursor`.
 */
import { badRequest } from './errors.js';

export interface Cursor {
  value: number;
  id: string;
}

/**
 * What the sort column holds, which bounds the value: `count` an `integer` column (32-bit on
 * PostgreSQL: plays), `time` a `bigint` of epoch milliseconds (created_at), of which a JS number
 * carries exactly only the safe integers.
 */
export type CursorColumn = 'count' | 'time';

const MAX_VALUE: Record<CursorColumn, number> = { count: 2 ** 31 - 1, time: Number.MAX_SAFE_INTEGER };

/** Our ids (base62 from `newId`, base64url from `newSecretId`), with room to spare but bounded. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(value: number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** The cursor's value and id; 400 `invalid_cursor` unless it is one `encodeCursor` could have made for `column`. */
export function decodeCursor(cursor: string, column: CursorColumn): Cursor {
  const parsed = parseCursor(cursor);
  if (isPair(parsed)) {
    const [value, id] = parsed;
    const isValue = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_VALUE[column];
    if (isValue && typeof id === 'string' && ID_PATTERN.test(id)) return { value, id };
  }
  throw badRequest('invalid_cursor', 'cursor is not one this server returned; start again from the first page');
}

const isPair = (v: unknown): v is [unknown, unknown] => Array.isArray(v) && v.length === 2;

function parseCursor(cursor: string): unknown {
  // Buffer skips characters outside the alphabet instead of failing: check them first.
  if (!BASE64URL.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
