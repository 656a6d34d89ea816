import type { Dialect } from '../db.js';

/**
 * Column types that mean the same on both dialects: epoch milliseconds need 64 bits (PostgreSQL's
 * `integer` is 32-bit; SQLite integers are 64-bit anyway), and bytes are `bytea` or `blob`.
 */
export function columnTypes(dialect: Dialect): { time: 'bigint' | 'integer'; blob: 'bytea' | 'blob' } {
  return dialect === 'postgres' ? { time: 'bigint', blob: 'bytea' } : { time: 'integer', blob: 'blob' };
}
