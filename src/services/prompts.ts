/**
 * A world cup's prompts (issue 13): imported by its owner from JSONL (domain/arena/prompts-jsonl.ts),
 * listed by category for everyone who can see it. Their responses are only ever shown inside a
 * battle (so a blind battle stays blind).
 */
import { parsePromptsJsonl } from '../domain/arena/prompts-jsonl.js';
import { ARENA_LIMITS } from '../shared/arena-settings.js';
import type { ImportPromptsResult, PromptList } from '../shared/arena.js';
import type { NewPrompt } from '../store/arena-repo.js';
import type { Store } from '../store/store.js';
import type { Access, Viewer } from './access.js';
import type { ArenaDraw } from './arena-draw.js';
import { badRequest } from './errors.js';
import { newId } from './ids.js';
import type { WorldCupService } from './worldcups.js';

/** Line errors listed in an import's answer; the rest are counted only. */
const ERRORS_LISTED = 50;

export class PromptService {
  constructor(
    private readonly store: Store,
    private readonly worldcups: WorldCupService,
    private readonly access: Access,
    private readonly draws: ArenaDraw,
  ) {}

  async list(worldcupId: string, viewer: Viewer): Promise<PromptList> {
    await this.worldcups.visibleRow(worldcupId, viewer);
    const rows = await this.store.arena.categories(worldcupId);
    return {
      prompts: rows.reduce((n, r) => n + r.prompts, 0),
      categories: rows.flatMap((r) => (r.category === null ? [] : [{ name: r.category, prompts: r.prompts }])),
    };
  }

  /**
   * Imports the prompts of `jsonl` (the owner only): each valid line becomes a prompt with its
   * responses, matched to the active candidates by name; invalid lines are reported by number and
   * left out. `replace` removes the existing prompts first (and the battles' links to them).
   */
  async importJsonl(worldcupId: string, viewer: Viewer, jsonl: string, replace = false): Promise<ImportPromptsResult> {
    const row = await this.worldcups.visibleRow(worldcupId, viewer);
    this.access.requireOwner(row, viewer);
    const candidates = (await this.store.worldcups.candidates(worldcupId)).filter((c) => c.active === 1);
    const idByName = new Map(candidates.map((c) => [c.name.trim(), c.id]));
    const parsed = parsePromptsJsonl(jsonl, [...idByName.keys()]);
    const { errors } = parsed;
    // An image response must be one of the owner's own uploads (as a candidate's image must).
    const imageIds = [...new Set(parsed.prompts.flatMap((p) => [...p.responses.values()].flatMap((r) => (r.imageId ? [r.imageId] : []))))];
    const owned = new Set((await this.store.uploads.meta(imageIds)).filter((u) => u.owner === row.owner).map((u) => u.id));
    const prompts = parsed.prompts.filter((p) => {
      const foreign = [...p.responses.values()].find((r) => r.imageId !== null && !owned.has(r.imageId));
      if (foreign) errors.push({ line: p.line, message: `imageId "${foreign.imageId ?? ''}" is not one of your uploads` });
      return !foreign;
    });
    if (prompts.length === 0 && errors.length > 0 && !replace) {
      throw badRequest('invalid_prompts', `no line could be imported; line ${errors[0]?.line}: ${errors[0]?.message}`);
    }
    const existing = replace ? 0 : await this.store.arena.countPrompts(worldcupId);
    const room = Math.max(0, ARENA_LIMITS.promptsMax - existing);
    const kept = prompts.slice(0, room);
    for (const p of prompts.slice(room)) errors.push({ line: p.line, message: `a world cup has at most ${ARENA_LIMITS.promptsMax} prompts` });
    const now = Date.now();
    const rows: NewPrompt[] = kept.map((p, k) => {
      const id = newId();
      return {
        row: { id, worldcup_id: worldcupId, position: existing + k, text: p.text, category: p.category, created_at: now },
        responses: [...p.responses].map(([name, r]) => ({ prompt_id: id, candidate_id: idByName.get(name) as string, text: r.text, image_id: r.imageId })),
      };
    });
    await this.store.transaction(async (tx) => {
      if (replace) await tx.arena.deletePrompts(worldcupId);
      await tx.arena.insertPrompts(rows);
    });
    this.draws.invalidate(worldcupId);
    errors.sort((a, b) => a.line - b.line);
    return { imported: rows.length, prompts: existing + rows.length, errors: errors.slice(0, ERRORS_LISTED) };
  }
}
