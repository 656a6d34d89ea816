import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.js';

/**
 * A query compiled once and then run with fresh parameters. Kysely builds and compiles an
 * operation tree on every call, which costs more than SQLite's own work for the few statements a
 * pick runs thousands of times a second. The builder below fixes the SQL text (for whichever
 * dialect `db` is); `run` binds parameters in the order the builder placed them, which the caller
 * documents next to its template.
 */
export class QueryTemplate<Params extends readonly unknown[]> {
  /** SQL text per dialect adapter (placeholders differ: `?` for SQLite, `$1` for PostgreSQL). */
  private readonly sqlByAdapter = new Map<unknown, string>();

  constructor(private readonly build: (db: Kysely<Database>) => Compilable) {}

  run(db: Kysely<Database>, params: Params): Promise<QueryResult<unknown>> {
    const adapter = db.getExecutor().adapter.constructor;
    let text = this.sqlByAdapter.get(adapter);
    if (text === undefined) {
      text = this.build(db).compile().sql;
      this.sqlByAdapter.set(adapter, text);
    }
    return db.executeQuery(CompiledQuery.raw(text, [...params]));
  }
}
