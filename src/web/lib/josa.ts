/**
 * Korean particles (조사) after words we do not know in advance: '폐쇄형' + 이(가) → '폐쇄형이',
 * '오픈소스' + 이(가) → '오픈소스가'. The choice depends on whether the word's last sound has a
 * final consonant (받침). Pure; used by `interpolate`.
 */

/** The particle pairs a template may write after a placeholder: with-받침 form, then without. */
export const PARTICLE_PAIR = '이\\(가\\)|을\\(를\\)|은\\(는\\)|과\\(와\\)';

/** Digits as read in Korean: 영 일 이 삼 사 오 육 칠 팔 구 — which end in a consonant. */
const DIGIT_BATCHIM = [true, true, false, true, false, false, true, true, true, false];

/** true/false when the last sound of `word` is known to end in a consonant or not; null when unknown. */
export function endsWithBatchim(word: string): boolean | null {
  const s = word.replace(/[\s)\]}"'’”.,!?]+$/u, '');
  const last = s.at(-1);
  if (!last) return null;
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  if (last >= '0' && last <= '9') return DIGIT_BATCHIM[code - 48] ?? null;
  const lower = s.toLowerCase();
  if (/[a-z]$/.test(lower)) return /(?:[lmn]|ng)$/.test(lower); // "Open" → 오픈이, "Korea" → 코리아가
  return null;
}

/** The particle of `pair` ("이(가)") that fits after `word`; the pair itself when that is unknown. */
export function particle(word: string, pair: string): string {
  const m = /^(.+)\((.+)\)$/.exec(pair);
  if (!m) return pair;
  const [, withBatchim = pair, without = pair] = m;
  const batchim = endsWithBatchim(word);
  if (batchim === null) return pair;
  return batchim ? withBatchim : without;
}
