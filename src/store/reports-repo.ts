import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, ReportStatus, ReportsTable } from './schema.js';

export type ReportRow = Selectable<ReportsTable>;
/** A report as filed: `comment_id` may be left out for a report of the world cup itself. */
export type NewReportRow = Insertable<ReportsTable>;

/** A report with what a moderator needs to know about its world cup. */
export interface ReportListRow extends ReportRow {
  worldcup_title: string;
  worldcup_visibility: 'public' | 'unlisted' | 'private';
  worldcup_hidden_at: number | null;
  /** The reported comment's text (empty once deleted), author and deletion; null for a world cup report. */
  comment_body: string | null;
  comment_author: string | null;
  comment_deleted_at: number | null;
}

export interface ReportFilter {
  status: ReportStatus;
  /** Keyset cursor: created_at and id of the last row of the previous page (newest first). */
  after?: { createdAt: number; id: string } | undefined;
  limit: number;
}

export class ReportRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts the report unless its reporter already has an open one on that target, the world cup or
   * the comment (then false). The partial unique indexes decide, so two concurrent reports cannot
   * both get in.
   */
  async insert(row: NewReportRow): Promise<boolean> {
    const inserted = await this.db
      .insertInto('reports')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  get(id: string): Promise<ReportRow | undefined> {
    return this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(filter: ReportFilter): Promise<ReportListRow[]> {
    let q = this.db
      .selectFrom('reports')
      .innerJoin('worldcups', 'worldcups.id', 'reports.worldcup_id')
      .leftJoin('comments', 'comments.id', 'reports.comment_id')
      .selectAll('reports')
      .select([
        'worldcups.title as worldcup_title',
        'worldcups.visibility as worldcup_visibility',
        'worldcups.hidden_at as worldcup_hidden_at',
        'comments.body as comment_body',
        'comments.author as comment_author',
        'comments.deleted_at as comment_deleted_at',
      ])
      .where('reports.status', '=', filter.status);
    if (filter.after) {
      const { createdAt, id } = filter.after;
      q = q.where((eb) =>
        eb.or([eb('reports.created_at', '<', createdAt), eb.and([eb('reports.created_at', '=', createdAt), eb('reports.id', '<', id)])]),
      );
    }
    return q.orderBy('reports.created_at', 'desc').orderBy('reports.id', 'desc').limit(filter.limit).execute();
  }

  /** Closes one open report; false when it was not open (any more). */
  async close(id: string, status: Exclude<ReportStatus, 'open'>, at: number, by: string): Promise<boolean> {
    const result = await this.db
      .updateTable('reports')
      .set({ status, resolved_at: at, resolved_by: by })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Resolves every open report of a world cup itself (an admin acted on it: they are all answered); its comments' reports stay. */
  async resolveAllOpen(worldcupId: string, at: number, by: string): Promise<void> {
    await this.db
      .updateTable('reports')
      .set({ status: 'resolved', resolved_at: at, resolved_by: by })
      .where('worldcup_id', '=', worldcupId)
      .where('comment_id', 'is', null)
      .where('status', '=', 'open')
      .execute();
  }

  /** Resolves every open report of a comment (it was deleted). */
  async resolveOpenOfComment(commentId: string, at: number, by: string | null): Promise<void> {
    await this.db
      .updateTable('reports')
      .set({ status: 'resolved', resolved_at: at, resolved_by: by })
      .where('comment_id', '=', commentId)
      .where('status', '=', 'open')
      .execute();
  }
}
