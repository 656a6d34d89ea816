import { describe, expect, it } from 'vitest';
import { contentLang, localizeCandidate, localizeSummary } from '../services/localize.js';
import { starterTexts } from './starter-text.js';
import { starterWorldCups } from './starters.js';

const HANGUL = /[가-힣]/;

describe('starter world cups in both languages', () => {
  it('has a title, a description and every caption in Korean and in English', () => {
    for (const starter of starterWorldCups) {
      const text = starterTexts.get(starter.slug);
      if (!text) throw new Error(`no text for ${starter.slug}`);
      expect(text.title.ko).toMatch(HANGUL);
      expect(text.description.ko).toMatch(HANGUL);
      expect(text.title.en).not.toMatch(HANGUL);
      expect(text.description.en).not.toMatch(HANGUL);
      expect(text.captions.size).toBe(starter.candidates.length);
      for (const c of starter.candidates) {
        const caption = text.captions.get(c.name);
        expect(caption?.en, c.name).toBe(c.caption);
        expect(caption?.ko, c.name).toMatch(HANGUL);
      }
    }
  });

  it('reads the language of Accept-Language, and leaves other content and other languages as stored', () => {
    expect(contentLang('ko')).toBe('ko');
    expect(contentLang('ko-KR,ko;q=0.9,en;q=0.8')).toBe('ko');
    expect(contentLang('en-US')).toBe('en');
    expect(contentLang('fr, en')).toBeUndefined();
    expect(contentLang(undefined)).toBeUndefined();
    const candidate = { id: 'x', name: 'Kia EV9', group: 'Korea', caption: 'stored', media: null };
    expect(localizeCandidate(candidate, 'dream-cars-2024', 'ko').caption).toBe('3열 순수 전기 SUV. 2024 세계 올해의 차');
    expect(localizeCandidate(candidate, 'dream-cars-2024', undefined)).toBe(candidate);
    expect(localizeCandidate(candidate, null, 'ko')).toBe(candidate);
    const summary = { title: 'mine', description: 'stored' } as Parameters<typeof localizeSummary>[0];
    expect(localizeSummary(summary, null, 'en')).toBe(summary);
    expect(localizeSummary(summary, 'open-vs-closed-ai-2024', 'en').title).toBe('Open vs Closed AI 2024');
  });
});
