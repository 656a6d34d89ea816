/**
 * A write referred to a row that a concurrent transaction deleted (a game started, a candidate
 * added or a report filed while its world cup was being deleted): the foreign key refused it. To
 * the client the world cup is simply gone; the HTTP layer answers 404.
 */
export class ReferenceGone extends Error {
  constructor(cause: unknown) {
    super('what this request refers to was deleted meanwhile', { cause });
  }
}

/** Whether a database error is a foreign-key violation (PostgreSQL 23503, SQLite SQLITE_CONSTRAINT_FOREIGNKEY). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === '23503' || error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
