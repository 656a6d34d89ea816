import { describe, expect, it } from 'vitest';
import { parsePromptsJsonl } from '../domain/arena/prompts-jsonl.js';
import { starterTexts } from './starter-text.js';
import { starterWorldCups } from './starters.js';

const HANGUL = /[가-힣]/;
const NAMES = ['간결한 답', '자세한 답', '목록형 답', '예시 중심 답'];

const cup = starterWorldCups.find((w) => w.slug === 'answer-styles');
if (!cup?.promptsJsonl) throw new Error('the answer-styles starter carries prompts');
interface Line {
  prompt: string;
  category: string;
  responses: Record<string, string>;
}
const lines = cup.promptsJsonl.split('\n').map((l) => JSON.parse(l) as Line);

describe('the answer-styles starter (prompted world cup)', () => {
  it('is four text candidates, one line each, in two camps', () => {
    expect(cup.candidates.map((c) => c.name)).toEqual(NAMES);
    for (const c of cup.candidates) {
      expect(c.svg).toBeUndefined();
      expect(c.text).toMatch(HANGUL);
      expect(c.text).not.toContain('\n');
      expect(c.text?.length).toBeLessThanOrEqual(120);
    }
    expect(cup.candidates.map((c) => c.group)).toEqual(['brief', 'thorough', 'brief', 'thorough']);
  });

  it('says in both languages that the Versus team wrote the responses and that no real model did', () => {
    const text = starterTexts.get('answer-styles');
    expect(text?.description.ko).toContain('Versus 팀이');
    expect(text?.description.ko).toContain('실제 AI 모델의 출력이 아닙니다');
    expect(text?.description.en).toContain('written by the Versus team');
    expect(text?.description.en).toContain('none is the output of any real AI model');
    // The stored (bilingual) description says it too, for a request without a language.
    expect(cup.description).toContain('실제 AI 모델의 출력이 아닙니다');
    expect(cup.description).toContain('none is the output of any real AI model');
  });

  it('has 12 Korean prompts, four in each of 코딩, 글쓰기 and 한국어, each answered once by every style', () => {
    expect(lines).toHaveLength(12);
    const byCategory = new Map<string, number>();
    for (const l of lines) byCategory.set(l.category, (byCategory.get(l.category) ?? 0) + 1);
    expect(Object.fromEntries(byCategory)).toEqual({ 코딩: 4, 글쓰기: 4, 한국어: 4 });
    expect(new Set(lines.map((l) => l.prompt)).size).toBe(12);
    for (const l of lines) {
      expect(l.prompt).toMatch(HANGUL);
      expect(Object.keys(l.responses)).toEqual(NAMES);
      for (const r of Object.values(l.responses)) {
        expect(r, l.prompt).toMatch(HANGUL);
        expect(r.trim(), l.prompt).toBe(r);
        expect(r.length, l.prompt).toBeLessThanOrEqual(600);
      }
      expect(new Set(Object.values(l.responses)).size).toBe(4);
    }
  });

  it("is JSONL the owner's import takes whole: every line, every candidate", () => {
    const { prompts, errors } = parsePromptsJsonl(cup.promptsJsonl ?? '', cup.candidates.map((c) => c.name));
    expect(errors).toEqual([]);
    expect(prompts).toHaveLength(12);
    for (const p of prompts) expect([...p.responses.keys()]).toEqual(NAMES);
  });

  it('answers in the style each candidate names', () => {
    for (const l of lines) {
      const [concise, detailed, list, example] = NAMES.map((n) => l.responses[n] ?? '') as [string, string, string, string];
      // Concise: the shortest, a sentence or two on one line.
      expect(concise.length, l.prompt).toBeLessThanOrEqual(100);
      expect(concise.length, l.prompt).toBeLessThan(Math.min(detailed.length, list.length, example.length));
      expect(concise, l.prompt).not.toContain('\n');
      // Detailed: the longest, in paragraphs of prose (no items).
      expect(detailed.length, l.prompt).toBe(Math.max(concise.length, detailed.length, list.length, example.length));
      expect(detailed, l.prompt).toContain('\n\n');
      expect(detailed.split('\n').filter((s) => /^(\d+\.|-) /.test(s)), l.prompt).toHaveLength(0);
      // List: mostly items.
      const items = list.split('\n').filter((s) => /^(\d+\.|-) /.test(s));
      expect(items.length, l.prompt).toBeGreaterThanOrEqual(4);
      // Example-first: a shown example (indented lines) in the first half, the explanation after it.
      const exampleLines = example.split('\n');
      const firstShown = exampleLines.findIndex((s) => s.startsWith('  '));
      expect(firstShown, l.prompt).toBeGreaterThanOrEqual(0);
      expect(firstShown, l.prompt).toBeLessThan(exampleLines.length / 2);
      expect(exampleLines.slice(firstShown).some((s) => !s.startsWith(' ') && s.length >= 40), l.prompt).toBe(true);
    }
  });
});
