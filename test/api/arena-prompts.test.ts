/**
 * Prompted battles through the HTTP API, on SQLite and PostgreSQL (issue 13): the owner imports
 * prompts and responses from JSONL (bad lines reported by number), a battle shows one prompt and
 * the two candidates' responses — blind, nothing but the responses — and each category has its
 * own leaderboard (`?category=`).
 */
import { describe, expect, it } from 'vitest';
import type { Battle, ImportPromptsResult, PromptList, VoteResult } from '../../src/shared/arena.js';
import type { Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, useTestServer } from '../helpers/api.js';

const STYLES = ['Terse Tortoise', 'Verbose Vulture', 'Listing Lynx', 'Example Egret'];
let seq = 0;

/** One JSONL line: each style answers in words that are not its name. */
const line = (prompt: string, category: string | null, styles = STYLES) =>
  JSON.stringify({ prompt, ...(category ? { category } : {}), responses: Object.fromEntries(styles.map((s, i) => [s, `reply number ${i + 1} to ${prompt}`])) });

async function promptedWorldCup(owner: ApiClient): Promise<WorldCup> {
  const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
    json: { title: `styles ${++seq}`, visibility: 'public', candidates: STYLES.map((name, i) => ({ name, text: `style ${i + 1}`, group: i < 2 ? 'prose' : 'structured' })) },
  });
  const jsonl = [line('sort a list', '코딩'), line('fix the bug', '코딩'), '', line('write a poem', '글쓰기'), line('greet a friend', null)].join('\n');
  const imported = await owner.ok<ImportPromptsResult>('POST', `/api/v1/worldcups/${wc.id}/prompts`, 200, { json: { jsonl } });
  expect(imported).toEqual({ imported: 4, prompts: 4, errors: [] });
  return owner.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API prompted arena (${dialect})`, () => {
    const t = useTestServer(dialect);

    it('imports prompts from JSONL for the owner only, reporting each bad line by number', async () => {
      const owner = t.user();
      const wc = await promptedWorldCup(owner);
      expect(wc.categories.sort()).toEqual(['글쓰기', '코딩']);
      const jsonl = [
        line('one more', '코딩'),
        '{not json',
        JSON.stringify({ prompt: 'who?', responses: { Nobody: 'x', 'Terse Tortoise': 'y' } }),
        JSON.stringify({ prompt: 'alone', responses: { 'Terse Tortoise': 'only one' } }),
        JSON.stringify({ prompt: '', responses: {} }),
      ].join('\n');
      const res = await owner.ok<ImportPromptsResult>('POST', `/api/v1/worldcups/${wc.id}/prompts`, 200, { json: { jsonl } });
      expect(res.imported).toBe(1);
      expect(res.prompts).toBe(5);
      expect(res.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
      expect(res.errors[0]?.message).toBe('not valid JSON');
      expect(res.errors[1]?.message).toContain('no candidate is named "Nobody"');
      expectError(await t.user().post(`/api/v1/worldcups/${wc.id}/prompts`, { jsonl: line('x', null) }), 403, 'forbidden');
      // An image response must be one of the owner's uploads: an unknown id is refused by line.
      const foreign = JSON.stringify({ prompt: 'draw it', responses: { 'Terse Tortoise': { imageId: 'nosuchupload1' }, 'Verbose Vulture': 'words' } });
      const withImage = await owner.ok<ImportPromptsResult>('POST', `/api/v1/worldcups/${wc.id}/prompts`, 200, { json: { jsonl: `${line('fine', null)}\n${foreign}` } });
      expect(withImage.imported).toBe(1);
      expect(withImage.errors).toEqual([{ line: 2, message: 'imageId "nosuchupload1" is not one of your uploads' }]);
      expectError(await owner.post(`/api/v1/worldcups/${wc.id}/prompts`, { jsonl: '{bad' }), 400, 'invalid_prompts');
      const list = await t.user().ok<PromptList>('GET', `/api/v1/worldcups/${wc.id}/prompts`, 200);
      expect(list).toEqual({ prompts: 6, categories: [{ name: '글쓰기', prompts: 1 }, { name: '코딩', prompts: 3 }] });
      // Replacing starts over.
      const replaced = await owner.ok<ImportPromptsResult>('POST', `/api/v1/worldcups/${wc.id}/prompts`, 200, { json: { jsonl: line('only this', '한국어'), replace: true } });
      expect(replaced).toEqual({ imported: 1, prompts: 1, errors: [] });
      expect((await owner.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).categories).toEqual(['한국어']);
    });

    it('shows one prompt and two responses; blind, nothing else — not even the candidates’ own media', async () => {
      const wc = await promptedWorldCup(t.user());
      const voter = t.user();
      const res = await voter.post<Battle>(`/api/v1/worldcups/${wc.id}/battles`, { blind: true });
      expect(res.status, res.text).toBe(201);
      for (const c of wc.candidates) {
        for (const word of [c.id, c.name, c.group ?? '', c.media?.kind === 'text' ? c.media.text : '']) expect(res.text).not.toContain(word);
      }
      const b = res.body;
      expect(b.prompt?.text).toMatch(/^(sort a list|fix the bug|write a poem|greet a friend)$/);
      for (const side of [b.left, b.right]) {
        expect(side).toEqual({ media: null, response: { text: expect.stringMatching(/^reply number [1-4] to /) as string, image: null } });
      }
      const voted = await voter.post<VoteResult>(`/api/v1/battles/${b.id}/vote`, { choice: 'left' });
      const n = (text: string | null | undefined) => Number(/number (\d)/.exec(text ?? '')?.[1]);
      // The names revealed are those whose responses were shown.
      expect(STYLES[n(voted.body.left.response?.text) - 1]).toBe(voted.body.left.name);
      expect(STYLES[n(voted.body.right.response?.text) - 1]).toBe(voted.body.right.name);
    });

    it('keeps a leaderboard per category: battles of a category count there and in the whole, not in another', async () => {
      const wc = await promptedWorldCup(t.user());
      const voter = t.user();
      let b = (await voter.post<Battle>(`/api/v1/worldcups/${wc.id}/battles`, { category: '코딩' })).body;
      for (let i = 0; i < 6; i++) {
        expect(b.prompt?.category).toBe('코딩');
        const res = await voter.post<VoteResult>(`/api/v1/battles/${b.id}/vote`, { choice: 'left' });
        if (!res.body.next) throw new Error('next battle');
        b = res.body.next;
      }
      const poem = (await voter.post<Battle>(`/api/v1/worldcups/${wc.id}/battles`, { category: '글쓰기' })).body;
      expect(poem.prompt?.category).toBe('글쓰기');
      await voter.post(`/api/v1/battles/${poem.id}/vote`, { choice: 'tie' });
      const read = async (query: string, votes: number): Promise<Ranking> => {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const r = await voter.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking${query}`, 200);
          if (r.votes === votes || Date.now() > deadline) return r;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      expect((await read('', 7)).votes).toBe(7);
      const coding = await read('?category=%EC%BD%94%EB%94%A9', 6);
      expect([coding.votes, coding.category, coding.sources.arena]).toEqual([6, '코딩', 6]);
      expect((await read(`?category=${encodeURIComponent('글쓰기')}`, 1)).items.reduce((s, it) => s + it.ties, 0)).toBe(2);
      expectError(await voter.get(`/api/v1/worldcups/${wc.id}/ranking?category=nope`), 400, 'unknown_category');
      // The owner's votes.jsonl lists the arena votes: the answer, the category and the pair's draw probability.
      const owner = t.user();
      const own = await promptedWorldCup(owner);
      const x = (await voter.post<Battle>(`/api/v1/worldcups/${own.id}/battles`, { blind: true })).body;
      const answered = (await voter.post<VoteResult>(`/api/v1/battles/${x.id}/vote`, { choice: 'both_bad' })).body;
      const lines = (await (await owner.raw('GET', `/api/v1/worldcups/${own.id}/votes.jsonl`)).text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ source: 'blind', winner: 'tie', choice: 'both_bad' });
      expect(['코딩', '글쓰기', null]).toContain(lines[0]?.category); // 'greet a friend' has no category
      expect([lines[0]?.a, lines[0]?.b]).toEqual([answered.left.id, answered.right.id].sort());
      expect(lines[0]?.probability).toBeGreaterThan(0);
      expect(lines[0]?.probability).toBeLessThanOrEqual(1);
      expectError(await voter.post(`/api/v1/worldcups/${wc.id}/battles`, { category: 'nope' }), 400, 'unknown_category');
    });
  });
}
