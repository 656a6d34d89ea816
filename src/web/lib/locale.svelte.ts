/** The current language (reactive) and the `t()` lookup every component uses. */
import { ApiError } from './api';
import { ordinal } from './format';
import { interpolate, isMessageKey, messages, type Locale, type MessageKey, type Params } from './i18n';

const STORAGE_KEY = 'versus.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ko' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable (privacy mode); fall through to the browser language
  }
  return (navigator.language || '').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });
document.documentElement.lang = i18n.locale;

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not persisted; the switch still works for this page
  }
}

export function t(key: MessageKey, params?: Params): string {
  return interpolate(messages[i18n.locale][key], params);
}

/**
 * A message cut around one placeholder, `{slot}`, so a component can put its value in markup of its
 * own (say, kept on one line): [text before, text after], other placeholders filled.
 */
export function messageAround(key: MessageKey, slot: string, params?: Params): [string, string] {
  const [before = '', after = ''] = messages[i18n.locale][key].split(`{${slot}}`);
  return [interpolate(before, params), interpolate(after, params)];
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(i18n.locale === 'ko' ? 'ko-KR' : 'en-US').format(n);
}

/** A place as the language counts it, to go into '{n}위' / '{n} place': "3" in Korean, "3rd" in English. */
export function placeNumber(n: number): string {
  return i18n.locale === 'en' ? ordinal(n) : String(n);
}

/** A user-facing message for anything thrown: known server codes are translated, others keep the server's words. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}`;
    if (isMessageKey(key)) return t(key);
    return err.message || t('error.generic');
  }
  return t('error.generic');
}

/** A win–loss record: "12승 5패" / "12W 5L", with ties only when there are some. */
export function recordText(r: { wins: number; losses: number; ties: number }): string {
  return r.ties > 0
    ? t('ranking.recordTies', { w: formatNumber(r.wins), l: formatNumber(r.losses), t: formatNumber(r.ties) })
    : t('ranking.record', { w: formatNumber(r.wins), l: formatNumber(r.losses) });
}

/** "16강" / "Round of 16", "준결승" / "Semi-final", "결승" / "Final". */
export function roundName(round: number): string {
  if (round === 2) return t('round.final');
  if (round === 4) return t('round.semi');
  if (round === 8) return t('round.quarter');
  return t('round.of', { n: round });
}

/** Bracket-size choice on the world cup page: "16강" / "Round of 16". */
export function sizeName(size: number): string {
  return t('size.label', { n: size });
}
