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
  // Capitals alone are read letter by letter ("Type R" → 타입 알, "BMW" → 비엠더블유): of the
  // letters' names only 엘, 엠, 엔 and 알 end in a consonant.
  const initials = /(?:^|[^A-Za-z])([A-Z]{1,5})$/.exec(s);
  if (initials) return /[LMNR]$/.test(initials[1] ?? '');
  // Words, by how their ending is borrowed into Korean: final l, m, n, ng ("Mustang" → 머스탱을),
  // -le ("Apple" → 애플을), k and ck ("Cybertruck" → 사이버트럭을), b and p after a short vowel
  // ("Cup" → 컵을; but "Jeep" → 지프를) keep a consonant; "Korea" → 코리아가, "Porsche" → 포르쉐를.
  const lower = s.toLowerCase();
  if (/[a-z]$/.test(lower)) return /(?:[lmnkb]|ng|ck|le|[^e]p)$/.test(lower);
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
