/**
 * Strings of the embed pages (/embed/w/…, shown inside other sites), in Korean and English. Merged
 * into the main table by i18n.ts; `embedEn` is typed by the keys of `embedKo`, so both stay in step.
 */
export const embedKo = {
  'embed.open': 'Versus에서 보기',
  'embed.openHint': '새 탭에서 Versus로 열기',
  'embed.size': '대진 크기',
  'embed.ranking': '랭킹',
  'embed.noRanking': '아직 집계된 표가 없어요. 먼저 플레이해 보세요!',
} as const;

export const embedEn: Record<keyof typeof embedKo, string> = {
  'embed.open': 'Open in Versus',
  'embed.openHint': 'Open in Versus in a new tab',
  'embed.size': 'Bracket size',
  'embed.ranking': 'Ranking',
  'embed.noRanking': 'No votes counted yet. Play first!',
};
