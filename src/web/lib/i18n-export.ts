/** Strings of the ranking page's downloads (ranking.csv, votes.jsonl), in Korean and English; merged by i18n.ts. */
export const exportKo = {
  'export.label': '내려받기',
  'export.csv': '랭킹 CSV',
  'export.csvTitle': '이 랭킹 표를 CSV 파일로 내려받아요 (엑셀·구글 시트에서 열 수 있어요)',
  'export.votes': '투표 기록 (JSONL)',
  'export.votesTitle': '집계된 모든 표를 한 줄에 하나씩 내려받아요. 만든 사람만 볼 수 있고, 투표한 사람은 이 월드컵 안에서만 쓰는 익명 값으로 바뀌어요',
};

export const exportEn: Record<keyof typeof exportKo, string> = {
  'export.label': 'Download',
  'export.csv': 'Ranking CSV',
  'export.csvTitle': 'Download this ranking table as a CSV file (opens in Excel or Google Sheets)',
  'export.votes': 'Vote log (JSONL)',
  'export.votesTitle': 'Download every counted vote, one per line. Only the creator can; voters appear as pseudonyms used in this world cup only',
};
