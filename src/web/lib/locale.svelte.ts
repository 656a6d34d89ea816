/** The current language (reactive) and the `t()` lookup every component uses. */
import { ApiError } from './api';
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

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(i18n.locale === 'ko' ? 'ko-KR' : 'en-US').format(n);
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
