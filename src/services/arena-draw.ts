/**
 * How a battle is drawn (README "Arena"): the prompt (for a world cup with prompts), the pair by
 * the world cup's sampler from its current ranking, and the sides at random. Kept apart from the
 * battle service: what is drawn is decided here, what is stored and answered there.
 */
import { type SamplerState, choosePair } from '../domain/arena/sampler.js';
import type { ArenaSettings } from '../shared/arena-settings.js';
import type { PromptRow } from '../store/arena-repo.js';
import type { Store } from '../store/store.js';
import type { CandidateSet } from './candidate-cache.js';
import { badRequest, conflict } from './errors.js';
import type { RankingResult } from './rating/ranking-engine.js';
import { TtlCache } from './ttl-cache.js';

/** A world cup's prompts, with who answered each (cached: a battle must not read 2,000 prompts). */
interface PromptCatalogue {
  prompts: PromptRow[];
  answered: Map<string, string[]>;
}

export interface Draw {
  leftId: string;
  rightId: string;
  prompt: PromptRow | null;
  /** The probability with which the sampler drew this pair (stored with the battle). */
  probability: number;
}

/** How long an instance keeps a world cup's prompts without looking again (an import on this instance drops them at once). */
const PROMPTS_TTL_MS = 30_000;

export class ArenaDraw {
  private readonly catalogues = new TtlCache<PromptCatalogue>(1_000);
  /** The sampler's view of each ranking result, built once per result. */
  private readonly states = new WeakMap<RankingResult, { state: SamplerState; ids: readonly string[] }>();

  constructor(private readonly store: Store) {}

  /** Forgets a world cup's prompts (after an import). */
  invalidate(worldcupId: string): void {
    this.catalogues.delete(worldcupId);
  }

  catalogue(worldcupId: string): Promise<PromptCatalogue> {
    return this.catalogues.get(
      worldcupId,
      async () => {
        const [prompts, answered] = await Promise.all([this.store.arena.prompts(worldcupId), this.store.arena.answered(worldcupId)]);
        return { prompts, answered };
      },
      () => PROMPTS_TTL_MS,
    );
  }

  /**
   * Draws a battle of `set`'s active candidates from `result` (the world cup's ranking as last
   * computed). With prompts, a prompt first (of `category` when asked), at random among those that
   * at least two active candidates answered; then the pair among the candidates that answered it.
   */
  async draw(set: CandidateSet, result: RankingResult, settings: ArenaSettings, category: string | undefined, random: () => number): Promise<Draw> {
    const { prompts, answered } = await this.catalogue(set.worldcupId);
    const active = new Set(set.active.map((c) => c.id));
    let prompt: PromptRow | null = null;
    let eligibleIds: readonly string[] | undefined;
    if (prompts.length > 0) {
      const usable = prompts.filter((p) => (category === undefined || p.category === category) && (answered.get(p.id) ?? []).filter((id) => active.has(id)).length >= 2);
      if (category !== undefined && !prompts.some((p) => p.category === category)) throw badRequest('unknown_category', `this world cup has no prompts of the category "${category}"`);
      prompt = usable[Math.floor(random() * usable.length)] ?? null;
      if (!prompt) throw conflict('no_prompts', 'no prompt of this world cup has responses from two of its candidates');
      eligibleIds = (answered.get(prompt.id) ?? []).filter((id) => active.has(id));
    } else if (category !== undefined) {
      throw badRequest('unknown_category', `this world cup has no prompts of the category "${category}"`);
    }
    if (set.active.length < 2) throw conflict('too_few_candidates', 'an arena needs at least two candidates');
    const { state, ids } = this.samplerState(set, result);
    const indexOf = new Map(ids.map((id, k) => [id, k]));
    const eligible = eligibleIds?.flatMap((id) => indexOf.get(id) ?? []);
    const pair = choosePair({ ...state, eligible }, { mode: settings.sampling, topK: settings.topK, campShare: settings.campShare }, random);
    const [a, b] = [ids[pair.i] as string, ids[pair.j] as string];
    const swap = random() < 0.5;
    return { leftId: swap ? b : a, rightId: swap ? a : b, prompt, probability: pair.probability };
  }

  /**
   * The sampler's view of the active candidates: their scores and intervals in `result` (1000
   * and a point interval when never compared, or added since) and their camps. Built once per result and candidate set.
   */
  private samplerState(set: CandidateSet, result: RankingResult): { state: SamplerState; ids: readonly string[] } {
    const cached = this.states.get(result);
    if (cached && cached.ids.length === set.active.length && cached.ids.every((id, k) => set.active[k]?.id === id)) return cached;
    const ids = set.active.map((c) => c.id);
    const n = ids.length;
    const scores = new Float64Array(n).fill(1000);
    const lower = new Float64Array(n).fill(1000);
    const upper = new Float64Array(n).fill(1000);
    ids.forEach((id, k) => {
      const at = result.indexOf.get(id);
      if (at === undefined) return;
      scores[k] = result.scores[at] as number;
      lower[k] = result.lower[at] as number;
      upper[k] = result.upper[at] as number;
    });
    const camps = [...new Set(set.active.flatMap((c) => (c.group === null ? [] : [c.group])))];
    const groups = camps.length > 1 ? Int32Array.from(set.active, (c) => (c.group === null ? -1 : camps.indexOf(c.group))) : undefined;
    const state: SamplerState = { n, scores, lower, upper, groups };
    const built = { state, ids };
    this.states.set(result, built);
    return built;
  }
}
