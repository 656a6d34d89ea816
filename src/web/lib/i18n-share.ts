/**
 * Strings of results, sharing and "others chose" (issue 12), in Korean and English. Merged into
 * the main table by i18n.ts; `shareEn` is typed by the keys of `shareKo`.
 */
export const shareKo = {
  'result.title': '{title} 결과',
  'result.eyebrow': '{size}강 이상형 월드컵 결과',
  'result.champion': '우승',
  'result.path': '우승까지의 길',
  'result.agreed': '같은 선택 {pct}%',
  'result.agreedVotes': '{votes}표 중 {pct}%가 같은 선택을 했어요',
  'result.fewVotes': '아직 표가 적어요',
  'result.picked': '선택',
  'result.play': '이 월드컵 하기',
  'result.ranking': '랭킹 보기',
  'result.open': '결과 페이지',
  'share.title': '공유하기',
  'share.native': '공유…',
  'share.x': 'X에 공유',
  'share.kakao': '카카오톡',
  'share.resultText': '나의 {title} 우승은 {name}!',
  'share.worldcupText': '{title} — 이상형 월드컵',
  'agreed.toast': '{votes}표 중 {pct}%가 같은 선택',
};

export const shareEn: Record<keyof typeof shareKo, string> = {
  'result.title': '{title}: result',
  'result.eyebrow': 'Result of a round of {size}',
  'result.champion': 'Champion',
  'result.path': 'The road to the title',
  'result.agreed': '{pct}% chose the same',
  'result.agreedVotes': '{pct}% of {votes} votes chose the same',
  'result.fewVotes': 'Too few votes yet',
  'result.picked': 'Picked',
  'result.play': 'Play this world cup',
  'result.ranking': 'See ranking',
  'result.open': 'Result page',
  'share.title': 'Share',
  'share.native': 'Share…',
  'share.x': 'Share on X',
  'share.kakao': 'KakaoTalk',
  'share.resultText': 'My {title} champion: {name}!',
  'share.worldcupText': '{title}: a Versus world cup',
  'agreed.toast': '{pct}% of {votes} votes chose the same',
};
