import { playableSizes } from '../domain/bracket.js';
import { parseYouTubeUrl, youTubeWatchUrl } from '../domain/youtube.js';
import type { CandidateInput, CreateWorldCupInput, ListQuery, PatchWorldCupInput, TagCount, WorldCup, WorldCupPage, WorldCupSummary } from '../shared/schemas.js';
import type { Account } from '../shared/accounts.js';
import type { Store } from '../store/store.js';
import { type ContentLang, localizeCandidate, localizeSummary } from './localize.js';
import type { CandidateRow, ListedWorldcup, NewCandidateRow, NewWorldcupRow, WorldcupRow } from '../store/worldcups-repo.js';
import { type Access, type Viewer, requireActor, requireAdmin } from './access.js';
import type { CandidateCache } from './candidate-cache.js';
import type { DomainEventBus } from './domain-events.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { badRequest, notFound } from './errors.js';
import { accountOwner, newId } from './ids.js';
import { presentSummary } from './present.js';
import { type ArenaSettings, DEFAULT_ARENA, arenaSettingsSchema } from '../shared/arena-settings.js';

/** A world cup's arena settings: the stored ones over the defaults (a stored value that no longer parses is dropped). */
export function arenaSettingsOf(row: Pick<WorldcupRow, 'arena'>): ArenaSettings {
  let stored: unknown;
  try {
    stored = JSON.parse(row.arena);
  } catch {
    stored = {};
  }
  const merged = { ...DEFAULT_ARENA, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = arenaSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_ARENA;
}

export type { Viewer } from './access.js';

function searchText(title: string, description: string, tags: readonly string[], names: readonly string[]): string {
  return [title, description, tags.join(' '), names.join(' ')].join('\n').toLowerCase();
}

/** Whether an edited candidate row differs from the stored one in anything an edit can set. */
function isChanged(next: NewCandidateRow, stored: CandidateRow | undefined): boolean {
  if (!stored) return true;
  const fields = ['position', 'name', 'group_name', 'caption', 'image_id', 'video_url', 'video_id', 'video_start', 'video_end', 'text', 'active'] as const;
  return fields.some((f) => next[f] !== stored[f]);
}

/**
 * An unfinished game played within this long keeps the candidates an edit removes (it still shows
 * them); an older one is abandoned, and resuming it may meet 410 candidate_gone.
 */
const OPEN_GAME_MS = 24 * 3_600_000;


export class WorldCupService {
  constructor(
    private readonly store: Store,
    private readonly cache: CandidateCache,
    private readonly access: Access,
    private readonly events: DomainEventBus,
  ) {}

  /** Loads a world cup the viewer may see (see Access.visible): private and hidden ones are 404 to others. */
  async visibleRow(id: string, viewer: Viewer): Promise<WorldcupRow> {
    return this.access.visible(await this.store.worldcups.get(id), viewer);
  }

  private async ownedRow(id: string, viewer: Viewer): Promise<WorldcupRow> {
    const row = await this.visibleRow(id, viewer);
    this.access.requireOwner(row, viewer);
    return row;
  }

  async create(input: CreateWorldCupInput, viewer: Viewer, slug: string | null = null): Promise<WorldCup> {
    requireActor(viewer);
    const id = newId();
    const candidates = await this.candidateRows(id, input.candidates, [], viewer);
    const tags = input.tags ?? [];
    const now = Date.now();
    const row: NewWorldcupRow = {
      id,
      owner: viewer,
      slug,
      title: input.title,
      description: input.description ?? '',
      visibility: input.visibility ?? 'public',
      tags: JSON.stringify(tags),
      search_text: searchText(input.title, input.description ?? '', tags, candidates.map((c) => c.name)),
      candidate_count: candidates.length,
      cover_image_id: candidates.find((c) => c.image_id)?.image_id ?? null,
      plays: 0,
      finishes: 0,
      created_at: now,
      updated_at: now,
    };
    await this.store.transaction((tx) => tx.worldcups.insert(row, tags, candidates));
    // Read back: the stored row has the columns the database fills in (hidden_at and the like).
    const stored = await this.store.worldcups.get(id);
    if (!stored) throw notFound('world cup');
    void this.events.emit('worldcup.created', { row: stored });
    return this.present(stored, viewer);
  }

  /**
   * Validates candidate inputs and turns them into rows. `existing` are the world cup's current
   * candidates, which an edit may keep (by id, each at most once) and whose images it may reuse;
   * any other image must be one of `owner`'s own uploads (an upload id is not a permission).
   */
  private async candidateRows(
    worldcupId: string,
    inputs: readonly CandidateInput[],
    existing: readonly CandidateRow[],
    owner: Viewer,
  ): Promise<NewCandidateRow[]> {
    const names = new Set<string>();
    const keptIds = new Set<string>();
    const existingIds = new Set(existing.map((c) => c.id));
    const imageIds = [...new Set(inputs.flatMap((c) => (c.imageId ? [c.imageId] : [])))];
    const inUse = new Set(existing.flatMap((c) => (c.image_id ? [c.image_id] : [])));
    const usable = new Set((await this.store.uploads.meta(imageIds)).filter((u) => u.owner === owner || inUse.has(u.id)).map((u) => u.id));
    return inputs.map((c, i) => {
      const where = `candidates[${i}]`;
      const key = c.name.toLowerCase();
      if (names.has(key)) throw badRequest('duplicate_candidate', `${where}: the name "${c.name}" is used twice`);
      names.add(key);
      if (c.id !== undefined) {
        if (!existingIds.has(c.id)) throw badRequest('unknown_candidate', `${where}: no candidate ${c.id} in this world cup`);
        if (keptIds.has(c.id)) throw badRequest('duplicate_candidate', `${where}: candidate ${c.id} is listed twice`);
        keptIds.add(c.id);
      }
      if (c.imageId && !usable.has(c.imageId)) {
        throw badRequest('unknown_image', `${where}: image ${c.imageId} is not one of your uploads`);
      }
      let video: { id: string; start: number | null } | null = null;
      if (c.videoUrl !== undefined) {
        video = parseYouTubeUrl(c.videoUrl);
        if (!video) throw badRequest('invalid_video_url', `${where}: videoUrl is not a YouTube video link (without user name, password or port)`);
      }
      const videoStart = video ? (c.videoStart ?? video.start) : null;
      return {
        id: c.id ?? newId(),
        worldcup_id: worldcupId,
        position: i,
        name: c.name,
        group_name: c.group ?? null,
        caption: c.caption ?? null,
        image_id: c.imageId ?? null,
        video_url: video ? youTubeWatchUrl(video.id, videoStart) : null,
        video_id: video?.id ?? null,
        video_start: videoStart,
        video_end: video ? (c.videoEnd ?? null) : null,
        text: c.text ?? null,
        active: 1,
      };
    });
  }

  /** `lang`: the starter world cups' words in that language (localize.ts); stored text without it. */
  async get(id: string, viewer: Viewer, lang?: ContentLang): Promise<WorldCup> {
    return this.present(await this.visibleRow(id, viewer), viewer, lang);
  }

  private async present(row: WorldcupRow, viewer: Viewer, lang?: ContentLang): Promise<WorldCup> {
    const id = row.id;
    const set = await this.cache.load(id, { force: true });
    if (!set) throw notFound('world cup');
    const candidates = set.active.map((c) => localizeCandidate(c, row.slug, lang));
    const categories = (await this.store.arena.categories(id)).flatMap((c) => (c.category === null ? [] : [c.category]));
    return { ...localizeSummary(presentSummary(row, viewer), row.slug, lang), candidates, sizes: playableSizes(candidates.length), arena: arenaSettingsOf(row), categories };
  }

  async list(query: ListQuery, viewer: Viewer, opts: { mine?: boolean; lang?: ContentLang } = {}): Promise<WorldCupPage> {
    // What the cursor's value is: the random order's key (< 2^31, like plays), a time, or plays.
    const after = query.cursor ? decodeCursor(query.cursor, query.sort === 'new' ? 'time' : 'count') : undefined;
    const rows = await this.store.worldcups.list({
      sort: query.sort,
      seed: query.seed,
      q: query.q,
      tag: query.tag,
      after,
      limit: query.limit + 1,
      owner: opts.mine ? viewer : undefined,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const sortValue = (r: ListedWorldcup): number => (query.sort === 'random' ? (r.random_key ?? 0) : query.sort === 'new' ? r.created_at : r.plays);
    const nextCursor = rows.length > query.limit && last ? encodeCursor(sortValue(last), last.id) : null;
    return { items: page.map((r) => localizeSummary(presentSummary(r, viewer), r.slug, opts.lang)), nextCursor };
  }

  tags(limit = 20): Promise<TagCount[]> {
    return this.store.worldcups.popularTags(limit);
  }

  async patch(id: string, input: PatchWorldCupInput, viewer: Viewer): Promise<WorldCup> {
    const row = await this.ownedRow(id, viewer);
    const current = await this.store.worldcups.candidates(id);
    const title = input.title ?? row.title;
    const description = input.description ?? row.description;
    const tags = input.tags ?? (JSON.parse(row.tags) as string[]);
    const currentIds = new Set(current.map((c) => c.id));
    const next = input.candidates ? await this.candidateRows(id, input.candidates, current, viewer) : null;
    const names = (next ?? current).map((c) => c.name);
    await this.store.transaction(async (tx) => {
      if (next) {
        const keptIds = new Set(next.filter((c) => currentIds.has(c.id)).map((c) => c.id));
        const before = new Map(current.map((c) => [c.id, c]));
        await tx.worldcups.replaceCandidates(
          id,
          // Only rows that changed are written: renaming one of 1,024 candidates is one update.
          next.filter((c) => keptIds.has(c.id) && isChanged(c, before.get(c.id))),
          next.filter((c) => !keptIds.has(c.id)),
          current.filter((c) => !keptIds.has(c.id)).map((c) => c.id),
        );
        // Removed candidates stay only while something needs them (see purgeRemovedCandidates).
        await tx.worldcups.purgeRemovedCandidates(id, await tx.games.entrantsOfOpenGames(id, Date.now() - OPEN_GAME_MS));
      }
      await tx.worldcups.update(
        id,
        {
          title,
          description,
          visibility: input.visibility ?? row.visibility,
          tags: JSON.stringify(tags),
          search_text: searchText(title, description, tags, names),
          candidate_count: names.length,
          cover_image_id: next ? (next.find((c) => c.image_id)?.image_id ?? null) : row.cover_image_id,
          updated_at: Date.now(),
        },
        input.tags ? tags : undefined,
      );
      if (input.arena) await tx.arena.setSettings(id, JSON.stringify({ ...arenaSettingsOf(row), ...input.arena }));
    });
    this.cache.invalidate(id);
    void this.events.emit('worldcup.changed', { worldcupId: id, candidatesChanged: next !== null });
    if (input.visibility === 'private' && row.visibility !== 'private') void this.events.emit('worldcup.hidden', { worldcupId: id, reason: 'private' });
    return this.get(id, viewer);
  }

  /** Deletes a world cup: its owner or an admin. */
  async delete(id: string, viewer: Viewer): Promise<void> {
    const row = await this.visibleRow(id, viewer);
    await this.access.requireOwnerOrAdmin(row, viewer);
    await this.store.transaction((tx) => tx.worldcups.delete(id));
    this.cache.invalidate(id);
    void this.events.emit('worldcup.hidden', { worldcupId: id, reason: 'deleted' });
  }

  /**
   * Admins only: hides a world cup (it then behaves like a private one for everyone but its owner
   * and admins) or shows it again. Idempotent; answers the world cup as the admin sees it.
   */
  async setHidden(id: string, hidden: boolean, account: Account | null): Promise<WorldCupSummary> {
    const admin = requireAdmin(account);
    const row = await this.store.worldcups.get(id);
    if (!row) throw notFound('world cup');
    const wasHidden = row.hidden_at !== null;
    const hiddenAt = hidden ? (row.hidden_at ?? Date.now()) : null;
    if (hidden !== wasHidden && !(await this.store.worldcups.setHidden(id, hiddenAt))) throw notFound('world cup');
    if (hidden && !wasHidden) void this.events.emit('worldcup.hidden', { worldcupId: id, reason: 'private' });
    return presentSummary({ ...row, hidden_at: hiddenAt }, accountOwner(admin.id));
  }
}
