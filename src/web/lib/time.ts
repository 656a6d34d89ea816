/** Dates for people (relative times are live-feed.ts's timeAgo). Pure. */
import type { Locale } from './i18n.js';

/** The BCP 47 tag of an app locale, for Intl. */
export const localeTag = (locale: Locale): string => (locale === 'ko' ? 'ko-KR' : 'en-US');

/** "2025. 3. 14. 오후 3:09" / "Mar 14, 2025, 3:09 PM"; the input itself when it is not a date. */
export function dateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
