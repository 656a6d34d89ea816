/**
 * Strings of the live parts (connection state, who is playing, champion notices, rank moves), in
 * Korean and English. Merged into the main table by i18n.ts; `liveEn` is typed by the keys of
 * `liveKo`. `{name}을(를)` picks 을 or 를 for the candidate's name (see josa.ts).
 */
export const liveKo = {
  'live.status.connecting': '연결 중…',
  'live.status.live': '실시간',
  'live.status.offline': '연결 끊김 — 다시 연결하는 중…',
  'live.status.gone': '더 이상 볼 수 없는 월드컵이에요 (비공개로 바뀌었거나 삭제됨)',
  'live.playing': '{n}명 플레이 중',
  'live.playingNow': '지금 {n}명 플레이 중',
  'live.picksPerMinute': '분당 {n}표',
  'live.champion': '방금 누군가 {name}을(를) 우승시켰습니다',
  'live.championEarlier': '누군가 {name}을(를) 우승시켰습니다',
  'live.newWorldcup': '새 월드컵이 올라왔어요: {title}',
  'live.justNow': '방금',
  'live.feedTitle': '실시간 소식',
  'live.feedLatest': '최근 소식',
  'live.feedEmpty': '아직 소식이 없어요. 한 판 끝까지 플레이하면 여기에 떠요.',
  'live.busiestTitle': '지금 플레이 중인 월드컵',
  'live.busiestPlaying': '{n}명',
  'live.recentChampions': '최근 우승',
  'live.rankUp': '{n}계단 상승',
  'live.rankDown': '{n}계단 하락',
};

export const liveEn: Record<keyof typeof liveKo, string> = {
  'live.status.connecting': 'Connecting…',
  'live.status.live': 'Live',
  'live.status.offline': 'Offline — reconnecting…',
  'live.status.gone': 'This world cup is no longer available (made private or deleted)',
  'live.playing': '{n} playing now',
  'live.playingNow': '{n} playing now',
  'live.picksPerMinute': '{n} {n|pick|picks}/min',
  'live.champion': 'Someone just crowned {name}',
  'live.championEarlier': 'Someone crowned {name}',
  'live.newWorldcup': 'New world cup: {title}',
  'live.justNow': 'just now',
  'live.feedTitle': 'Happening now',
  'live.feedLatest': 'Latest',
  'live.feedEmpty': 'Nothing yet. Finish a game and it shows up here.',
  'live.busiestTitle': 'Being played now',
  'live.busiestPlaying': '{n} playing',
  'live.recentChampions': 'Recent champions',
  'live.rankUp': 'up {n}',
  'live.rankDown': 'down {n}',
};
