/** Reports of world cups and of their comments by their viewers, and the admins' moderation queue. */
import type { Account, AdminReport, AdminReportPage, AdminReportsQuery, CreateReportInput, Report, ResolveAction } from '../shared/accounts.js';
import type { ReportListRow, ReportRow } from '../store/reports-repo.js';
import type { Store } from '../store/store.js';
import { requireAdmin, requireActor } from './access.js';
import type { CommentService } from './comments.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { badRequest, conflict, notFound } from './errors.js';
import { accountOwner, newId } from './ids.js';
import type { Viewer, WorldCupService } from './worldcups.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function presentReport(r: ReportRow): Report {
  return {
    id: r.id,
    worldcupId: r.worldcup_id,
    reason: r.reason,
    text: r.text,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    commentId: r.comment_id,
  };
}

/** The user id behind an owner key, when it is an account's. */
const userIdOf = (owner: string): string | undefined => (owner.startsWith('u:') ? owner.slice(2) : undefined);

export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly worldcups: WorldCupService,
    private readonly comments: CommentService,
  ) {}

  /** Anyone who can see a world cup can report it, once while their report is open. */
  async create(worldcupId: string, input: CreateReportInput, viewer: Viewer): Promise<Report> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    return this.file({ worldcupId, commentId: null }, input, viewer, 'world cup');
  }

  /** Anyone who can see a comment can report it, once while their report is open. */
  async createForComment(commentId: string, input: CreateReportInput, viewer: Viewer): Promise<Report> {
    requireActor(viewer);
    const { comment } = await this.comments.visibleComment(commentId, viewer);
    return this.file({ worldcupId: comment.worldcup_id, commentId: comment.id }, input, viewer, 'comment');
  }

  /** Files an open report of a world cup or one of its comments; one open report per reporter and target. */
  private async file(
    target: { worldcupId: string; commentId: string | null },
    input: CreateReportInput,
    viewer: Viewer,
    what: 'world cup' | 'comment',
  ): Promise<Report> {
    const row: ReportRow = {
      id: newId(),
      worldcup_id: target.worldcupId,
      reporter: viewer,
      reason: input.reason,
      text: input.text ? input.text : null,
      status: 'open',
      created_at: Date.now(),
      resolved_at: null,
      resolved_by: null,
      comment_id: target.commentId,
    };
    if (!(await this.store.reports.insert(row))) {
      throw conflict('already_reported', `you already reported this ${what}; an admin will look at it`);
    }
    return presentReport(row);
  }

  async list(query: AdminReportsQuery, account: Account | null): Promise<AdminReportPage> {
    requireAdmin(account);
    const after = query.cursor ? decodeCursor(query.cursor, 'time') : undefined;
    const rows = await this.store.reports.list({
      status: query.status,
      after: after && { createdAt: after.value, id: after.id },
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null;
    return { items: await this.presentForAdmin(page), nextCursor };
  }

  /**
   * Closes an open report. `hide` and `delete` act on the world cup and so answer every open
   * report of it; `dismiss` closes only this one.
   */
  async resolve(id: string, action: ResolveAction, account: Account | null): Promise<AdminReport> {
    const admin = requireAdmin(account);
    const report = await this.store.reports.get(id);
    if (!report) throw notFound('report');
    if (report.status !== 'open') throw conflict('report_closed', `this report was already ${report.status}`);
    if (report.comment_id !== null && action === 'hide') {
      throw badRequest('invalid_action', 'a report of a comment is dismissed, or resolved by deleting the comment');
    }
    const listed = await this.withWorldcup(report);
    const now = Date.now();
    const closed: ReportListRow = { ...listed, status: action === 'dismiss' ? 'dismissed' : 'resolved', resolved_at: now, resolved_by: admin.id };
    if (action === 'dismiss') {
      if (!(await this.store.reports.close(id, 'dismissed', now, admin.id))) throw conflict('report_closed', 'this report was closed meanwhile');
    } else if (report.comment_id !== null) {
      // Deleting the comment answers its open reports, this one included.
      await this.comments.removeForAdmin(report.comment_id, admin.id);
      await this.store.reports.close(id, 'resolved', now, admin.id);
      closed.comment_body = '';
      closed.comment_deleted_at ??= now;
    } else if (action === 'hide') {
      await this.worldcups.setHidden(report.worldcup_id, true, admin);
      await this.store.reports.resolveAllOpen(report.worldcup_id, now, admin.id);
      closed.worldcup_hidden_at ??= now;
    } else {
      // The world cup's reports are deleted with it: the answer is the last word on this one.
      await this.worldcups.delete(report.worldcup_id, accountOwner(admin.id));
    }
    const [presented] = await this.presentForAdmin([closed]);
    if (!presented) throw notFound('report');
    return presented;
  }

  /** The report with its world cup's details, as list() shows it. */
  private async withWorldcup(report: ReportRow): Promise<ReportListRow> {
    // Reports cascade with their world cup, so a missing one means it was deleted a moment ago.
    const row = await this.store.worldcups.get(report.worldcup_id);
    if (!row) throw notFound('report');
    const comment = report.comment_id === null ? undefined : await this.store.comments.get(report.comment_id);
    return {
      ...report,
      worldcup_title: row.title,
      worldcup_visibility: row.visibility,
      worldcup_hidden_at: row.hidden_at,
      comment_body: comment?.body ?? null,
      comment_author: comment?.author ?? null,
      comment_deleted_at: comment?.deleted_at ?? null,
    };
  }

  private async presentForAdmin(rows: readonly ReportListRow[]): Promise<AdminReport[]> {
    const ids = rows.flatMap((r) => [userIdOf(r.reporter), r.resolved_by ?? undefined, r.comment_author === null ? undefined : userIdOf(r.comment_author)]);
    const users = await this.store.accounts.usersByIds(ids.filter((i): i is string => i !== undefined));
    const names = new Map(users.map((u) => [u.id, u.username]));
    const nameOf = (userId: string | undefined) => (userId === undefined ? null : (names.get(userId) ?? null));
    return rows.map((r) => ({
      ...presentReport(r),
      worldcup: { id: r.worldcup_id, title: r.worldcup_title, visibility: r.worldcup_visibility, hidden: r.worldcup_hidden_at !== null },
      reporter: nameOf(userIdOf(r.reporter)),
      resolvedAt: iso(r.resolved_at),
      resolvedBy: nameOf(r.resolved_by ?? undefined),
      comment:
        r.comment_id === null
          ? null
          : {
              id: r.comment_id,
              body: r.comment_body ?? '',
              author: r.comment_author === null ? null : nameOf(userIdOf(r.comment_author)),
              deleted: r.comment_deleted_at !== null || r.comment_body === null,
            },
    }));
  }
}
