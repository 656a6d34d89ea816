/**
 * The starter world cups follow the UI language (issue 12), on SQLite and PostgreSQL: the web app
 * sends `Accept-Language: ko` or `en`; titles, descriptions and captions come in that language,
 * in the list, the world cup and a game; without a language they are as stored (bilingual), and
 * user-made world cups are never changed. Replies say they vary by Accept-Language.
 */
import { describe, expect, it } from 'vitest';
import type { PromptList } from '../../src/shared/arena.js';
import type { Game, WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import { apiDialects, textCandidates, useTestServer } from '../helpers/api.js';

const HANGUL = /[가-힣]/;

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`starter content by language (${dialect})`, () => {
    const t = useTestServer(dialect, { seed: true });

    it('serves titles, descriptions and captions in the language asked for', async () => {
      const user = t.user();
      const mine = await user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: '내 월드컵 (mine)', candidates: textCandidates(4) } });
      const list = async (lang?: string) =>
        (await user.request<WorldCupPage>('GET', '/api/v1/worldcups?sort=new&limit=10', { headers: lang ? { 'accept-language': lang } : {} }));
      const ko = await list('ko');
      expect(ko.headers.get('vary')).toContain('Accept-Language');
      const titles = (page: WorldCupPage) => page.items.map((w) => w.title).sort();
      expect(titles(ko.body)).toEqual(['내 월드컵 (mine)', '드림카 월드컵 2024', '답변 스타일 월드컵', '오픈소스 vs 폐쇄형 AI 2024'].sort());
      expect(titles((await list('en-US')).body)).toEqual(['Answer Style World Cup', 'Dream Cars 2024', 'Open vs Closed AI 2024', '내 월드컵 (mine)'].sort());
      // Without a language: as stored, both languages in one.
      expect(titles((await list()).body)).toContain('드림카 월드컵 2024 (Dream Cars 2024)');

      const carsId = ko.body.items.find((w) => w.title === '드림카 월드컵 2024')?.id as string;
      const get = (lang: string) => user.ok<WorldCup>('GET', `/api/v1/worldcups/${carsId}`, 200, { headers: { 'accept-language': lang } });
      const [inKo, inEn] = [await get('ko'), await get('en')];
      expect(inKo.description).toMatch(HANGUL);
      expect(inEn.description).not.toMatch(HANGUL);
      const ev9 = (wc: WorldCup) => wc.candidates.find((c) => c.name === 'Kia EV9');
      expect(ev9(inKo)?.caption).toBe('3열 순수 전기 SUV. 2024 세계 올해의 차');
      expect(ev9(inEn)?.caption).toBe('Three-row all-electric SUV; 2024 World Car of the Year');
      // Ids, names and camp keys are the same in both.
      expect(inKo.candidates.map((c) => [c.id, c.name, c.group])).toEqual(inEn.candidates.map((c) => [c.id, c.name, c.group]));
      expect((await user.ok<WorldCup>('GET', `/api/v1/worldcups/${mine.id}`, 200, { headers: { 'accept-language': 'en' } })).title).toBe('내 월드컵 (mine)');

      const game = await user.ok<Game>('POST', `/api/v1/worldcups/${carsId}/games`, 201, { json: { size: 4 }, headers: { 'accept-language': 'en' } });
      expect(game.worldcupTitle).toBe('Dream Cars 2024');
      expect(game.match?.a.caption).not.toMatch(HANGUL);
      const again = await user.ok<Game>('GET', `/api/v1/games/${game.id}`, 200, { headers: { 'accept-language': 'ko' } });
      expect(again.worldcupTitle).toBe('드림카 월드컵 2024');
      expect(again.match?.a.caption).toMatch(HANGUL);
      const picked = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, {
        json: { winner: game.match?.a.id, picks: 0 },
        headers: { 'accept-language': 'ko' },
      });
      expect(picked.worldcupTitle).toBe('드림카 월드컵 2024');
    });

    it('seeds the answer-style starter with its prompts, by category, and says in both languages who wrote them', async () => {
      const user = t.user();
      const page = await user.ok<WorldCupPage>('GET', '/api/v1/worldcups?sort=new&limit=10', 200, { headers: { 'accept-language': 'en' } });
      const id = page.items.find((w) => w.title === 'Answer Style World Cup')?.id ?? '';
      const get = (lang: string) => user.ok<WorldCup>('GET', `/api/v1/worldcups/${id}`, 200, { headers: { 'accept-language': lang } });
      const [inKo, inEn] = [await get('ko'), await get('en')];
      expect(inKo.description).toContain('실제 AI 모델의 출력이 아닙니다');
      expect(inEn.description).toContain('none is the output of any real AI model');
      expect(inKo.candidates.map((c) => [c.name, c.group, c.media?.kind])).toEqual([
        ['간결한 답', 'brief', 'text'],
        ['자세한 답', 'thorough', 'text'],
        ['목록형 답', 'brief', 'text'],
        ['예시 중심 답', 'thorough', 'text'],
      ]);
      expect(inKo.candidates[0]?.caption).toMatch(HANGUL);
      expect(inEn.candidates[0]?.caption).not.toMatch(HANGUL);
      expect([...inKo.categories].sort()).toEqual(['글쓰기', '코딩', '한국어'].sort());
      const list = await user.ok<PromptList>('GET', `/api/v1/worldcups/${id}/prompts`, 200);
      expect(list.prompts).toBe(12);
      expect(new Map(list.categories.map((c) => [c.name, c.prompts]))).toEqual(new Map([['코딩', 4], ['글쓰기', 4], ['한국어', 4]]));
    });
  });
}
