/**
 * Starter content in the viewer's language (issue 12). The starter world cups are stored with
 * bilingual text; a request that names its language (`Accept-Language: ko` or `en`, which the web
 * app sends from its language switch) gets their title, description and captions in that language
 * from src/seed/starter-text.ts, matched by the world cup's slug. User-made world cups (no slug) and
 * requests without a language are served as stored.
 */
import { type ContentLang, starterTexts } from '../seed/starter-text.js';
import type { Candidate, WorldCupSummary } from '../shared/schemas.js';

export type { ContentLang };

/** The language a request asks for, from its Accept-Language header (its first tag only); undefined for any other. */
export function contentLang(acceptLanguage: string | undefined): ContentLang | undefined {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first === 'ko' || first.startsWith('ko-')) return 'ko';
  if (first === 'en' || first.startsWith('en-')) return 'en';
  return undefined;
}

const textOf = (slug: string | null, lang: ContentLang | undefined) => (slug === null || lang === undefined ? undefined : starterTexts.get(slug));

/** The world cup's title in `lang`, or undefined when it has none (not a starter, or no language asked). */
export function localTitle(slug: string | null, lang: ContentLang | undefined): string | undefined {
  return lang === undefined ? undefined : textOf(slug, lang)?.title[lang];
}

export function localizeSummary<T extends WorldCupSummary>(summary: T, slug: string | null, lang: ContentLang | undefined): T {
  const text = textOf(slug, lang);
  if (!text || lang === undefined) return summary;
  return { ...summary, title: text.title[lang], description: text.description[lang] };
}

export function localizeCandidate(candidate: Candidate, slug: string | null, lang: ContentLang | undefined): Candidate {
  const caption = lang === undefined ? undefined : textOf(slug, lang)?.captions.get(candidate.name)?.[lang];
  return caption === undefined ? candidate : { ...candidate, caption };
}
