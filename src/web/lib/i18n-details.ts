/**
 * Strings of issue 12's first-impression details (resuming a game, drafts of the create form, the
 * not-found page, random order), in Korean and English. Merged into the main table by i18n.ts;
 * `detailsEn` is typed by the keys of `detailsKo`, so both stay in step.
 */
export const detailsKo = {
  'resume.title': '하던 게임이 있어요',
  'resume.continue': '이어하기 ({round} {n}/{total})',
  'resume.final': '이어하기 (결승)',
  'resume.progress': '{picks}/{totalPicks}번 골랐어요',
  'resume.new': '새로 시작',
  'resume.newHint': '새로 시작해도 하던 게임은 지워지지 않아요. 가장 최근에 한 게임을 이어할 수 있어요.',

  'draft.title': '작성 중이던 초안이 있어요',
  'draft.summary': '“{title}” · 후보 {n}명 · {time} 저장',
  'draft.untitled': '제목 없음',
  'draft.restore': '이어서 작성',
  'draft.discard': '새로 작성',
  'draft.expired': '오래되어 서버에서 지워진 이미지가 있어 빠졌어요. 다시 올려 주세요: {names}',

  'notFound.worldcup': '월드컵을 찾을 수 없어요',
  'notFound.worldcupHint': '주소가 잘못되었거나, 월드컵이 삭제되었거나 비공개로 바뀌었을 수 있어요. 검색해서 찾아보세요.',
  'notFound.pageHint': '주소를 다시 확인하거나, 월드컵을 검색해 보세요.',
  'notFound.search': '검색',
  'notFound.create': '월드컵 만들기',

  'home.sortRandom': '랜덤',
  'home.random': '랜덤 월드컵',
  'home.shuffleHint': '누를 때마다 새로 섞어요',

  'h2h.listPick': '이 후보의 상대 전적 보기',

  'camp.country.korea': '한국',
  'camp.country.germany': '독일',
  'camp.country.japan': '일본',
  'camp.country.usa': '미국',
  'camp.country.uk': '영국',
  'camp.country.italy': '이탈리아',
  'camp.country.sweden': '스웨덴',
};

export const detailsEn: Record<keyof typeof detailsKo, string> = {
  'resume.title': 'You have a game in progress',
  'resume.continue': 'Continue ({round}, {n} of {total})',
  'resume.final': 'Continue (final)',
  'resume.progress': '{picks} of {totalPicks} picks made',
  'resume.new': 'Start a new game',
  'resume.newHint': 'Starting anew does not delete the game in progress; you can always continue the one you played last.',

  'draft.title': 'You have an unfinished draft',
  'draft.summary': '“{title}” · {n} {n|candidate|candidates} · saved {time}',
  'draft.untitled': 'Untitled',
  'draft.restore': 'Continue the draft',
  'draft.discard': 'Start over',
  'draft.expired': 'Some images were left out: unused uploads are deleted from the server after a while. Please add them again: {names}',

  'notFound.worldcup': 'World cup not found',
  'notFound.worldcupHint': 'The address may be wrong, or the world cup was deleted or made private. Try searching for it.',
  'notFound.pageHint': 'Check the address, or search for a world cup.',
  'notFound.search': 'Search',
  'notFound.create': 'Create a world cup',

  'home.sortRandom': 'Random',
  'home.random': 'Random world cups',
  'home.shuffleHint': 'Shuffles anew on every press',

  'h2h.listPick': 'Head-to-heads of this candidate',

  'camp.country.korea': 'Korea',
  'camp.country.germany': 'Germany',
  'camp.country.japan': 'Japan',
  'camp.country.usa': 'USA',
  'camp.country.uk': 'UK',
  'camp.country.italy': 'Italy',
  'camp.country.sweden': 'Sweden',
};
