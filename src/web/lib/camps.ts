/** Display helpers of camps (candidate groups): names, stable colours and the verdict's sentences. */
import type { Estimate } from '../../shared/schemas';
import { type CampVerdict, REST } from './camp-verdict';
import { roughly, signedPoints } from './format';
import type { MessageKey } from './i18n';
import { formatNumber, t } from './locale.svelte';

/** The countries the starter car world cup groups by (its camp keys), with their labels in each language. */
const COUNTRY_KEYS: Record<string, MessageKey> = {
  korea: 'camp.country.korea',
  germany: 'camp.country.germany',
  japan: 'camp.country.japan',
  usa: 'camp.country.usa',
  uk: 'camp.country.uk',
  italy: 'camp.country.italy',
  sweden: 'camp.country.sweden',
};

/** Camp names are user data, shown as-is, except those the starter world cups use and "the rest". */
export function campLabel(name: string): string {
  const key = name.trim().toLowerCase();
  if (key === 'open') return t('camp.open');
  if (key === 'closed') return t('camp.closed');
  if (key === 'brief') return t('camp.brief');
  if (key === 'thorough') return t('camp.thorough');
  const country = COUNTRY_KEYS[key];
  return country ? t(country) : name;
}

/** A side of a comparison: a camp, or every other camp together. */
export function sideLabel(side: string): string {
  return side === REST ? t('camp.rest') : campLabel(side);
}

const PALETTE = ['#5b3df5', '#0e9f8e', '#e8710a', '#d92d4b', '#1a73e8', '#a23bbf', '#7c8a1e', '#6b7280'];

/** A colour per camp that does not change when the lead changes: by the camp's place in name order. */
export function campColours(names: readonly string[]): Map<string, string> {
  const order = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  return new Map(order.map((name, i) => [name, PALETTE[i % PALETTE.length] ?? '#6b7280']));
}

/** A gap with its interval, signed: { gap: '+52', lo: '+18', hi: '+86' }. */
export function gapParams(e: Estimate): { gap: string; lo: string; hi: string } {
  return { gap: signedPoints(e.value), lo: signedPoints(e.ci[0]), hi: signedPoints(e.ci[1]) };
}

/** The headline: "폐쇄형이 앞서요" only when the server names a leader, else "아직 우열을 가리기 어려워요". */
export function verdictSentence(v: CampVerdict): string {
  if (v.kind === 'none') return t('camp.noLead');
  if (v.kind === 'close') return t('camp.tooClose');
  return t(v.trailer === REST ? 'camp.leadsRest' : 'camp.leads', { leader: campLabel(v.leader) });
}

/**
 * The line under the headline: the leader's mean gap and, as `interval` (kept on one line), its 95%
 * interval; or what it would take to settle.
 */
export function verdictDetail(v: CampVerdict): { text: string; interval: string | null } | null {
  if (v.kind === 'none') return null;
  if (v.kind === 'leads') return { text: t('camp.gapLine', gapParams(v.gap)), interval: t('camp.gapCi', gapParams(v.gap)) };
  const text = v.votesToSettle === null ? t('camp.even') : t('camp.settle', { n: formatNumber(roughly(v.votesToSettle)) });
  return { text, interval: null };
}
