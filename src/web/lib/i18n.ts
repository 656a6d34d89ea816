/**
 * Every user-visible string, in Korean and English. `en` is typed by the keys of `ko`, so a key missing
 * from either table (or misspelt in a component) is a compile error. `{name}` placeholders are filled
 * by `interpolate`.
 */
import { aboutEn, aboutKo } from './i18n-about.js';
import { accountsEn, accountsKo } from './i18n-accounts.js';
import { arenaEn, arenaKo } from './i18n-arena.js';
import { commentsEn, commentsKo } from './i18n-comments.js';
import { exportEn, exportKo } from './i18n-export.js';
import { detailsEn, detailsKo } from './i18n-details.js';
import { embedEn, embedKo } from './i18n-embed.js';
import { liveEn, liveKo } from './i18n-live.js';
import { promptsEn, promptsKo } from './i18n-prompts.js';
import { rankingEn, rankingKo } from './i18n-ranking.js';
import { shareEn, shareKo } from './i18n-share.js';
import { PARTICLE_PAIR, particle } from './josa.js';

/** `{name}`, optionally followed by a particle pair; or `{name|one|other}`, the noun for that count. */
const PLACEHOLDER = new RegExp(`\\{(\\w+)(?:\\|([^|{}]*)\\|([^|{}]*))?\\}(${PARTICLE_PAIR})?`, 'g');

export type Locale = 'ko' | 'en';
export type Params = Record<string, string | number>;

const ko = {
  'nav.home': '홈',
  'nav.homeAria': 'Versus 홈',
  'nav.create': '만들기',
  'nav.mine': '내 월드컵',
  'nav.label': '주 메뉴',
  'nav.language': '언어',
  'nav.skip': '본문으로 건너뛰기',

  'common.loading': '불러오는 중…',
  'common.retry': '다시 시도',
  'common.backHome': '홈으로',
  'common.cancel': '취소',
  'common.delete': '삭제',
  'common.edit': '수정',

  'home.docTitle': '이상형 월드컵',
  'home.title': '둘 중 하나, 끝까지 골라보세요',
  'home.lead': '이상형 월드컵을 플레이하고, 직접 만들고, 모두의 순위를 확인하세요.',
  'home.search': '월드컵 검색',
  'home.searchPlaceholder': '월드컵 검색 (예: 드림카, 음식)',
  'home.clearSearch': '검색어 지우기',
  'home.tags': '인기 태그',
  'home.sort': '정렬',
  'home.sortPopular': '인기',
  'home.sortNew': '최신',
  'home.popular': '인기 월드컵',
  'home.new': '새로 나온 월드컵',
  'home.resultsFor': '‘{q}’ 검색 결과',
  'home.noResults': '조건에 맞는 월드컵이 없어요.',
  'home.empty': '아직 공개된 월드컵이 없어요.',
  'home.createCta': '월드컵 만들기',
  'home.loadMore': '더 보기',

  'card.candidates': '후보 {n}',
  'card.plays': '{n}회 플레이',

  'visibility.public': '공개',
  'visibility.unlisted': '링크 공개',
  'visibility.private': '비공개',
  'visibility.public.desc': '홈과 검색에 표시돼요',
  'visibility.unlisted.desc': '링크가 있는 사람만',
  'visibility.private.desc': '나만 볼 수 있어요',

  'wc.chooseSize': '라운드 선택',
  'wc.matches': '{n}경기',
  'wc.notEnough': '플레이하려면 후보가 4명 이상 필요해요.',
  'wc.start': '시작하기',
  'wc.ranking': '랭킹 보기',
  'wc.share': '공유하기',
  'wc.candidates': '후보',
  'wc.showAll': '후보 {n}명 모두 보기',
  'wc.showLess': '접기',

  'size.label': '{n}강',
  'round.of': '{n}강',
  'round.quarter': '8강',
  'round.semi': '준결승',
  'round.final': '결승',

  'play.undo': '되돌리기',
  'play.progress': '진행률',
  'play.pickAria': '{name} 선택',
  'play.pickThis': '선택',
  'play.hint': '← → 방향키로 선택 · Backspace로 되돌리기',

  'champion.title': '최종 우승',
  'champion.seeRanking': '랭킹 보기',
  'champion.playAgain': '다시 하기',
  'champion.share': '친구에게 공유하기',
  'champion.undo': '마지막 선택 취소',

  'share.label': '공유 링크',
  'share.copy': '복사',
  'share.copied': '복사됨!',

  'editor.createTitle': '월드컵 만들기',
  'editor.createLead': '이미지를 한꺼번에 끌어다 놓으면 바로 후보가 돼요.',
  'editor.createLeadTouch': '이미지를 한꺼번에 고르면 바로 후보가 돼요.',
  'editor.editTitle': '월드컵 수정',
  'editor.editLead': '바뀐 내용은 저장하면 바로 반영돼요. 기존 후보의 기록은 유지돼요.',
  'editor.nameLabel': '{n}번 후보 이름',
  'editor.namePlaceholder': '후보 이름',
  'editor.groupLabel': '그룹',
  'editor.groupPlaceholder': '그룹 (선택)',
  'editor.remove': '{name} 삭제',
  'editor.uploading': '업로드 중',
  'editor.kindVideo': '유튜브',
  'editor.kindText': '텍스트',

  'form.basics': '기본 정보',
  'form.title': '제목',
  'form.titlePlaceholder': '예: 최애 라면 월드컵',
  'form.description': '설명',
  'form.descriptionPlaceholder': '어떤 월드컵인지 소개해 주세요',
  'form.optional': '(선택)',
  'form.tags': '태그',
  'form.tagsPlaceholder': '태그 입력 후 Enter 또는 쉼표',
  'form.tagsHint': '최대 {max}개',
  'form.removeTag': '태그 {tag} 삭제',
  'form.visibility': '공개 범위',
  'form.candidates': '후보',
  'form.candidatesHint': '최소 {min}명. 이름은 파일 이름으로 채워지고, 바꿀 수 있어요.',
  'form.candidateCount': '후보 {n}명 · 최소 {min}명',
  'form.uploadingN': '{n}개 업로드 중…',
  'form.create': '만들기',
  'form.save': '저장하기',
  'form.saving': '저장 중…',
  'form.fixErrors': '빨간색으로 표시된 항목을 확인해 주세요.',

  'drop.title': '이미지를 여기에 끌어다 놓으세요',
  'drop.titleTouch': '후보가 될 이미지를 고르세요',
  'drop.hint': 'JPG, PNG, WebP, GIF, AVIF · 파일당 10MB 이하 · 여러 장 한 번에',
  'drop.choose': '파일 선택',
  'drop.badType': '{name}: 지원하지 않는 형식이에요.',
  'drop.tooBig': '{name}: 10MB를 넘어요.',

  'add.video': '유튜브 후보 추가',
  'add.text': '텍스트 후보 추가',
  'add.youtubeUrl': '유튜브 주소',
  'add.start': '시작 (초)',
  'add.end': '끝 (초)',
  'add.textBody': '텍스트',
  'add.name': '이름',
  'add.namePlaceholder': '비워 두면 자동으로 채워져요',
  'add.submit': '추가',
  'add.badYoutube': '올바른 유튜브 주소가 아니에요.',

  'v.required': '필수 항목이에요.',
  'v.tooLong': '{max}자 이하로 입력해 주세요.',
  'v.minCandidates': '후보가 최소 {min}명 필요해요.',
  'v.maxCandidates': '후보는 최대 {max}명까지예요.',
  'v.maxTags': '태그는 최대 {max}개까지예요.',
  'v.videoEnd': '끝 시간은 시작 시간보다 뒤여야 해요.',
  'v.uploadFailed': '이미지 업로드에 실패했어요. 삭제하고 다시 올려 주세요.',
  'v.uploading': '업로드가 끝날 때까지 기다려 주세요.',
  'v.duplicateName': '같은 이름의 후보가 이미 있어요.',

  'mine.title': '내 월드컵',
  'mine.lead': '이 브라우저에서 만든 월드컵이에요.',
  'mine.empty': '아직 만든 월드컵이 없어요.',
  'mine.confirmDelete': '정말 삭제할까요? 되돌릴 수 없어요.',
  'mine.deleteAria': '{title} 삭제',

  'notFound.message': '페이지를 찾을 수 없어요.',

  'error.generic': '문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  'error.network_error': '서버에 연결할 수 없어요. 네트워크를 확인해 주세요.',
  'error.not_found': '찾을 수 없어요. 삭제되었거나 비공개일 수 있어요.',
  'error.forbidden': '이 월드컵을 수정할 권한이 없어요.',
  'error.nothing_to_undo': '되돌릴 선택이 없어요.',
  'error.game_finished': '이미 끝난 게임이에요.',
  'error.game_busy': '다른 창에서 게임이 바뀌었어요. 새로고침해 주세요.',
  'error.rate_limited': '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
  'error.upload_quota_exceeded': '업로드 용량을 다 썼어요. 쓰지 않는 이미지는 하루 뒤 정리돼요.',
  'error.server_busy': '지금 이미지를 처리하는 중이라 바빠요. 잠시 후 다시 올려 주세요.',
  'error.too_many_streams': '열어 둔 창이 너무 많아요. 다른 창을 닫고 새로고침해 주세요.',
  'error.no_session': '세션이 없어요. 페이지를 새로고침해 주세요.',
  'error.candidate_gone': '이 게임의 후보가 삭제되어 더 진행할 수 없어요. 새 게임을 시작해 주세요.',
  'error.invalid_size': '이 라운드로는 플레이할 수 없어요.',
  'error.invalid_video_url': '유튜브 영상 주소가 아닌 후보가 있어요.',
  'error.payload_too_large': '파일이 너무 커요 (최대 10MB).',
  'error.file_too_large': '파일이 너무 커요 (최대 10MB).',
  'error.image_too_large': '이미지 해상도가 너무 커요.',
  'error.invalid_image': '손상되었거나 읽을 수 없는 이미지예요.',
  'error.unsupported_image': 'JPG, PNG, WebP, GIF, AVIF 이미지만 올릴 수 있어요.',
  'error.unsupported_media_type': '지원하지 않는 형식이에요.',

  ...rankingKo,
  ...aboutKo,
  ...liveKo,
  ...accountsKo,
  ...commentsKo,
  ...exportKo,
  ...detailsKo,
  ...embedKo,
  ...shareKo,
  ...arenaKo,
  ...promptsKo,
};

export type MessageKey = keyof typeof ko;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  'nav.home': 'Home',
  'nav.homeAria': 'Versus home',
  'nav.create': 'Create',
  'nav.mine': 'Mine',
  'nav.label': 'Main',
  'nav.language': 'Language',
  'nav.skip': 'Skip to content',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.backHome': 'Back to home',
  'common.cancel': 'Cancel',
  'common.delete': 'Delete',
  'common.edit': 'Edit',

  'home.docTitle': 'World cups',
  'home.title': 'Pick one of two, until one is left',
  'home.lead': 'Play world cups, make your own, and see how everyone ranked them.',
  'home.search': 'Search world cups',
  'home.searchPlaceholder': 'Search world cups (cars, food…)',
  'home.clearSearch': 'Clear search',
  'home.tags': 'Popular tags',
  'home.sort': 'Sort',
  'home.sortPopular': 'Popular',
  'home.sortNew': 'New',
  'home.popular': 'Popular world cups',
  'home.new': 'New world cups',
  'home.resultsFor': 'Results for “{q}”',
  'home.noResults': 'No world cups match.',
  'home.empty': 'No public world cups yet.',
  'home.createCta': 'Create a world cup',
  'home.loadMore': 'Load more',

  'card.candidates': '{n} {n|candidate|candidates}',
  'card.plays': '{n} {n|play|plays}',

  'visibility.public': 'Public',
  'visibility.unlisted': 'Unlisted',
  'visibility.private': 'Private',
  'visibility.public.desc': 'Listed on home and search',
  'visibility.unlisted.desc': 'Anyone with the link',
  'visibility.private.desc': 'Only you',

  'wc.chooseSize': 'Choose a round',
  'wc.matches': '{n} {n|match|matches}',
  'wc.notEnough': 'It needs at least 4 candidates to be played.',
  'wc.start': 'Start',
  'wc.ranking': 'Ranking',
  'wc.share': 'Share',
  'wc.candidates': 'Candidates',
  'wc.showAll': 'Show all {n} candidates',
  'wc.showLess': 'Show less',

  'size.label': 'Round of {n}',
  'round.of': 'Round of {n}',
  'round.quarter': 'Quarter-final',
  'round.semi': 'Semi-final',
  'round.final': 'Final',

  'play.undo': 'Undo',
  'play.progress': 'Progress',
  'play.pickAria': 'Pick {name}',
  'play.pickThis': 'Pick',
  'play.hint': 'Press ← or → to pick · Backspace to undo',

  'champion.title': 'Champion',
  'champion.seeRanking': 'See ranking',
  'champion.playAgain': 'Play again',
  'champion.share': 'Share with friends',
  'champion.undo': 'Undo last pick',

  'share.label': 'Share link',
  'share.copy': 'Copy',
  'share.copied': 'Copied!',

  'editor.createTitle': 'Create a world cup',
  'editor.createLead': 'Drop a batch of images and each becomes a candidate.',
  'editor.createLeadTouch': 'Choose a batch of images and each becomes a candidate.',
  'editor.editTitle': 'Edit world cup',
  'editor.editLead': 'Changes apply as soon as you save. Existing candidates keep their stats.',
  'editor.nameLabel': 'Name of candidate {n}',
  'editor.namePlaceholder': 'Candidate name',
  'editor.groupLabel': 'Group',
  'editor.groupPlaceholder': 'Group (optional)',
  'editor.remove': 'Remove {name}',
  'editor.uploading': 'Uploading',
  'editor.kindVideo': 'YouTube',
  'editor.kindText': 'Text',

  'form.basics': 'Basics',
  'form.title': 'Title',
  'form.titlePlaceholder': 'e.g. Best ramen world cup',
  'form.description': 'Description',
  'form.descriptionPlaceholder': 'Tell players what this world cup is about',
  'form.optional': '(optional)',
  'form.tags': 'Tags',
  'form.tagsPlaceholder': 'Type a tag, then Enter or comma',
  'form.tagsHint': 'Up to {max}',
  'form.removeTag': 'Remove tag {tag}',
  'form.visibility': 'Visibility',
  'form.candidates': 'Candidates',
  'form.candidatesHint': 'At least {min}. Names come from the file names; edit them freely.',
  'form.candidateCount': '{n} {n|candidate|candidates} · at least {min}',
  'form.uploadingN': 'Uploading {n}…',
  'form.create': 'Create',
  'form.save': 'Save',
  'form.saving': 'Saving…',
  'form.fixErrors': 'Please fix the fields marked in red.',

  'drop.title': 'Drop images here',
  'drop.titleTouch': 'Choose the images to compete',
  'drop.hint': 'JPG, PNG, WebP, GIF, AVIF · up to 10 MB each · many at once',
  'drop.choose': 'Choose files',
  'drop.badType': '{name}: unsupported file type.',
  'drop.tooBig': '{name}: larger than 10 MB.',

  'add.video': 'Add a YouTube candidate',
  'add.text': 'Add a text candidate',
  'add.youtubeUrl': 'YouTube URL',
  'add.start': 'Start (seconds)',
  'add.end': 'End (seconds)',
  'add.textBody': 'Text',
  'add.name': 'Name',
  'add.namePlaceholder': 'Filled in automatically when empty',
  'add.submit': 'Add',
  'add.badYoutube': 'That is not a YouTube URL.',

  'v.required': 'Required.',
  'v.tooLong': 'At most {max} characters.',
  'v.minCandidates': 'A world cup needs at least {min} candidates.',
  'v.maxCandidates': 'At most {max} candidates.',
  'v.maxTags': 'At most {max} tags.',
  'v.videoEnd': 'The end must be after the start.',
  'v.uploadFailed': 'The upload failed. Remove it and upload again.',
  'v.uploading': 'Please wait for the uploads to finish.',
  'v.duplicateName': 'Another candidate already has this name.',

  'mine.title': 'My world cups',
  'mine.lead': 'World cups made in this browser.',
  'mine.empty': 'You have not made a world cup yet.',
  'mine.confirmDelete': 'Delete it for good? This cannot be undone.',
  'mine.deleteAria': 'Delete {title}',

  'notFound.message': 'This page does not exist.',

  'error.generic': 'Something went wrong. Please try again.',
  'error.network_error': 'Cannot reach the server. Check your connection.',
  'error.not_found': 'Not found. It may have been deleted or be private.',
  'error.forbidden': 'You cannot edit this world cup.',
  'error.nothing_to_undo': 'There is nothing to undo.',
  'error.game_finished': 'This game is already finished.',
  'error.game_busy': 'The game changed in another window. Please reload.',
  'error.rate_limited': 'Too many requests. Please wait a moment and try again.',
  'error.upload_quota_exceeded': 'Your upload storage is full. Images no world cup uses are cleared after a day.',
  'error.server_busy': 'The server is busy processing images. Please upload again in a moment.',
  'error.too_many_streams': 'Too many open windows. Close some and reload.',
  'error.no_session': 'No session. Please reload the page.',
  'error.candidate_gone': 'A candidate of this game was removed, so it cannot go on. Please start a new game.',
  'error.invalid_size': 'This world cup cannot be played at that size.',
  'error.invalid_video_url': 'A candidate has a link that is not a YouTube video.',
  'error.payload_too_large': 'The file is too large (max 10 MB).',
  'error.file_too_large': 'The file is too large (max 10 MB).',
  'error.image_too_large': 'The image has too many pixels.',
  'error.invalid_image': 'The image is damaged or cannot be read.',
  'error.unsupported_image': 'Only JPG, PNG, WebP, GIF and AVIF images can be uploaded.',
  'error.unsupported_media_type': 'Unsupported format.',

  ...rankingEn,
  ...aboutEn,
  ...liveEn,
  ...accountsEn,
  ...commentsEn,
  ...exportEn,
  ...detailsEn,
  ...embedEn,
  ...shareEn,
  ...arenaEn,
  ...promptsEn,
};

export const messages: Record<Locale, Messages> = { ko, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ko, key);
}

/**
 * Fills `{name}` placeholders. A Korean particle pair right after a placeholder (`{name}이(가)`) is
 * resolved against the value, since user data (camp names, candidate names) can end either way.
 * `{name|one|other}` is the English noun for that count: '{n} {n|candidate|candidates}'.
 */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (m, name: string, one: string | undefined, other: string | undefined, pair: string | undefined) => {
    if (!(name in params)) return m;
    const value = String(params[name]);
    if (one !== undefined && other !== undefined) return Number(params[name]) === 1 ? one : other;
    return pair ? value + particle(value, pair) : value;
  });
}
