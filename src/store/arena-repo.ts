import { type Kysely, type Selectable, sql } from 'kysely';
import type { BattleChoiceRow, BattlesTable, Database, PromptResponsesTable, PromptsTable } from './schema.js';

export type BattleRow = Selectable<BattlesTable>;
export type PromptRow = Selectable<PromptsTable>;
export type PromptResponseRow = Selectable<PromptResponsesTable>;

/** A prompt to store, with its responses by candidate id. */
export interface NewPrompt {
  row: PromptRow;
  responses: PromptResponseRow[];
}

/**
 * Arena mode's rows (migration 0011): the world cups' prompts and their responses, and battles —
 * one row per pair drawn for a voter, answered at most once (`decide` is a compare-and-set on the
 * open row, so two votes racing on one battle make one answer).
 */
export class ArenaRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async setSettings(worldcupId: string, json: string): Promise<void> {
    await this.db.updateTable('worldcups').set({ arena: json }).where('id', '=', worldcupId).execute();
  }

  /** Prompts per category (null: no category), for the world cup's payload and the category picker. */
  categories(worldcupId: string): Promise<{ category: string | null; prompts: number }[]> {
    return this.db
      .selectFrom('prompts')
      .select(['category', sql<number>`cast(count(*) as integer)`.as('prompts')])
      .where('worldcup_id', '=', worldcupId)
      .groupBy('category')
      .orderBy('category')
      .execute();
  }

  /** The world cup's prompts (of one category, when given), in order. */
  prompts(worldcupId: string, category?: string): Promise<PromptRow[]> {
    let q = this.db.selectFrom('prompts').selectAll().where('worldcup_id', '=', worldcupId);
    if (category !== undefined) q = q.where('category', '=', category);
    return q.orderBy('position').execute();
  }

  /** Which candidates answered which prompts of the world cup: prompt id → candidate ids. */
  async answered(worldcupId: string): Promise<Map<string, string[]>> {
    const rows = await this.db
      .selectFrom('prompt_responses')
      .innerJoin('prompts', 'prompts.id', 'prompt_responses.prompt_id')
      .select(['prompt_responses.prompt_id', 'prompt_responses.candidate_id'])
      .where('prompts.worldcup_id', '=', worldcupId)
      .execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.prompt_id, [...(out.get(r.prompt_id) ?? []), r.candidate_id]);
    return out;
  }

  /** The two responses a battle shows. */
  responses(promptId: string, candidateIds: readonly string[]): Promise<PromptResponseRow[]> {
    return this.db.selectFrom('prompt_responses').selectAll().where('prompt_id', '=', promptId).where('candidate_id', 'in', [...candidateIds]).execute();
  }

  getPrompt(id: string): Promise<PromptRow | undefined> {
    return this.db.selectFrom('prompts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async countPrompts(worldcupId: string): Promise<number> {
    const row = await this.db.selectFrom('prompts').select(sql<number>`cast(count(*) as integer)`.as('n')).where('worldcup_id', '=', worldcupId).executeTakeFirst();
    return row?.n ?? 0;
  }

  async deletePrompts(worldcupId: string): Promise<void> {
    await this.db.deleteFrom('prompts').where('worldcup_id', '=', worldcupId).execute();
  }

  /** Stores prompts and their responses, in chunks that stay under both dialects' parameter limits. */
  async insertPrompts(prompts: readonly NewPrompt[]): Promise<void> {
    for (let i = 0; i < prompts.length; i += 100) {
      const chunk = prompts.slice(i, i + 100);
      await this.db.insertInto('prompts').values(chunk.map((p) => p.row)).execute();
      const responses = chunk.flatMap((p) => p.responses);
      for (let j = 0; j < responses.length; j += 200) await this.db.insertInto('prompt_responses').values(responses.slice(j, j + 200)).execute();
    }
  }

  async insertBattle(row: BattleRow): Promise<void> {
    await this.db.insertInto('battles').values(row).execute();
  }

  getBattle(id: string): Promise<BattleRow | undefined> {
    return this.db.selectFrom('battles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Answers an open battle; false when it was answered meanwhile (the first answer stands). */
  async decide(id: string, fields: { choice: BattleChoiceRow; decided_at: number; source: 'arena' | 'blind' | null; counted: number; flagged: string | null }): Promise<boolean> {
    const result = await this.db.updateTable('battles').set(fields).where('id', '=', id).where('choice', 'is', null).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** A page of the world cup's counted battle votes, in battle id order, after `afterId` (votes.jsonl). */
  countedPage(worldcupId: string, afterId: string | undefined, limit: number): Promise<(BattleRow & { prompt_category: string | null })[]> {
    let q = this.db
      .selectFrom('battles')
      .leftJoin('prompts', 'prompts.id', 'battles.prompt_id')
      .selectAll('battles')
      .select('prompts.category as prompt_category')
      .where('battles.worldcup_id', '=', worldcupId)
      .where('battles.counted', '=', 1);
    if (afterId !== undefined) q = q.where('battles.id', '>', afterId);
    return q.orderBy('battles.id').limit(limit).execute();
  }

  /** Counted votes `owner` cast since `since` (the daily cap). */
  async countedSince(owner: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('battles')
      .select(sql<number>`cast(count(*) as integer)`.as('n'))
      .where('owner', '=', owner)
      .where('decided_at', '>=', since)
      .where('counted', '=', 1)
      .executeTakeFirst();
    return row?.n ?? 0;
  }

  /**
   * Whether `owner` has seen this pair named on this prompt before `before`: an answered battle of
   * theirs on the same two candidates (either side) and the same prompt (or none). A blind battle
   * they then vote on is not blind to them.
   */
  async sawNames(worldcupId: string, owner: string, a: string, b: string, promptId: string | null, before: number): Promise<boolean> {
    let q = this.db
      .selectFrom('battles')
      .select('id')
      .where('worldcup_id', '=', worldcupId)
      .where('owner', '=', owner)
      .where((eb) => eb.or([eb.and([eb('left_id', '=', a), eb('right_id', '=', b)]), eb.and([eb('left_id', '=', b), eb('right_id', '=', a)])]))
      .where('choice', 'is not', null)
      .where('choice', '!=', 'skip')
      .where('decided_at', '<', before);
    q = promptId === null ? q.where('prompt_id', 'is', null) : q.where('prompt_id', '=', promptId);
    return (await q.limit(1).executeTakeFirst()) !== undefined;
  }
}
