/**
 * The data set of bench/search.ts: deterministic (seeded), realistic mixed Korean/English world
 * cups — titles, descriptions, tags and candidate names — and the bulk insert that loads them.
 */
import type { Store } from '../src/store/store.js';
import type { NewCandidateRow, NewWorldcupRow } from '../src/store/worldcups-repo.js';
import { rng } from './lib.js';
import { candidateRow } from '../test/helpers/rows.js';

interface Category {
  ko: string[];
  en: string[];
  tags: string[];
  names: string[];
}

const CATEGORIES: Category[] = [
  {
    ko: ['드림카', '스포츠카', '슈퍼카', '전기차', '자동차'],
    en: ['car', 'supercar', 'EV'],
    tags: ['자동차', 'cars'],
    names: ['포르쉐 911', 'Porsche Taycan', '페라리 F40', 'Ferrari 296', '람보르기니 우라칸', 'BMW M3', 'Tesla Model S', '현대 아이오닉 5', '기아 EV6', '제네시스 G90', 'McLaren P1', '벤츠 G바겐', 'Audi R8', '쉐보레 콜벳', 'Toyota Supra', 'Mazda MX-5'],
  },
  {
    ko: ['라면', '컵라면', '국물 라면'],
    en: ['ramen', 'instant noodle'],
    tags: ['음식', 'food', '라면'],
    names: ['신라면', '진라면 매운맛', '불닭볶음면', '짜파게티', '너구리', '안성탕면', '삼양라면', '열라면', '육개장 사발면', 'Nissin Cup Noodle', '오징어짬뽕', '비빔면', '틈새라면', '간짬뽕'],
  },
  {
    ko: ['여자 아이돌', '걸그룹', '보이그룹', '아이돌', '남자 아이돌'],
    en: ['K-pop', 'idol'],
    tags: ['연예', 'k-pop', '아이돌'],
    names: ['뉴진스', '아이브', '르세라핌', '에스파', '블랙핑크', '트와이스', 'BTS', '세븐틴', '스트레이 키즈', '엔하이픈', 'NCT 드림', '있지', '레드벨벳', '투모로우바이투게더', '(여자)아이들', '케플러'],
  },
  {
    ko: ['영화', '한국 영화', '인생 영화', '공포 영화'],
    en: ['movie', 'film'],
    tags: ['영화', 'movies'],
    names: ['기생충', '올드보이', '부산행', '타짜', '살인의 추억', 'Inception', 'Interstellar', 'The Dark Knight', 'Parasite', 'Spirited Away', '너의 이름은', '극한직업', '헤어질 결심', 'La La Land', 'Titanic', '범죄도시'],
  },
  {
    ko: ['분식', '떡볶이', '야식', '한식', '국밥'],
    en: ['Korean food', 'street food'],
    tags: ['음식', 'food'],
    names: ['엽기떡볶이', '국물 떡볶이', '순대', '김말이 튀김', '어묵', '김밥', '라볶이', '치즈볼', '김치찌개', '된장찌개', '비빔밥', '삼겹살', '돼지국밥', '순대국', '양념치킨', '후라이드 치킨'],
  },
  {
    ko: ['포켓몬', '애니 캐릭터', '지브리 캐릭터', '만화 주인공'],
    en: ['anime', 'Pokemon'],
    tags: ['애니', 'anime'],
    names: ['피카츄', '꼬부기', '파이리', '이상해씨', '잠만보', 'Eevee', 'Mewtwo', '토토로', '가오나시', '짱구', '도라에몽', '루피', '나루토', '고죠 사토루', 'Totoro', '키키'],
  },
  {
    ko: ['커피', '카페 음료', '디저트', '빵'],
    en: ['coffee', 'dessert'],
    tags: ['카페', 'food'],
    names: ['아메리카노', '카페라떼', '바닐라라떼', '콜드브루', '에스프레소', 'flat white', '크루아상', '소금빵', '마카롱', '티라미수', '말차 라떼', '딸기 케이크', '붕어빵', '호떡'],
  },
  {
    ko: ['강아지', '고양이', '동물', '강아지 품종'],
    en: ['dog', 'cat'],
    tags: ['동물', 'pets'],
    names: ['골든 리트리버', '웰시코기', '시바견', '진돗개', '푸들', '포메라니안', '비숑', 'Maine Coon', '러시안 블루', '스코티시 폴드', '코숏', '수달', '레서판다', '카피바라'],
  },
  {
    ko: ['여행지', '국내 여행', '해외 여행', '도시'],
    en: ['travel', 'city'],
    tags: ['여행', 'travel'],
    names: ['제주도', '부산', '강릉', '경주', '전주', '도쿄', '오사카', '파리', 'New York', '방콕', '다낭', '바르셀로나', 'London', '하와이', '스위스', '교토'],
  },
  {
    ko: ['축구 선수', '야구팀', '스포츠 스타', 'F1 드라이버'],
    en: ['football', 'NBA player', 'F1 driver'],
    tags: ['스포츠', 'sports'],
    names: ['손흥민', '메시', '호날두', '이강인', '김민재', 'LG 트윈스', '두산 베어스', 'KIA 타이거즈', 'Michael Jordan', 'LeBron James', 'Lewis Hamilton', 'Max Verstappen', '박지성', '류현진'],
  },
  {
    ko: ['게임', '게임 캐릭터', 'RPG 게임', '모바일 게임'],
    en: ['video game', 'game'],
    tags: ['게임', 'games'],
    names: ['리그 오브 레전드', '메이플스토리', '스타크래프트', '오버워치', 'Minecraft', '젤다의 전설', '마리오', 'Elden Ring', '카트라이더', '배틀그라운드', '원신', '로스트아크', 'Tetris', '동물의 숲'],
  },
  {
    ko: ['노래', '발라드', '힙합', '인생곡'],
    en: ['song', 'rapper', 'band'],
    tags: ['음악', 'music'],
    names: ['좋은 날', '밤편지', 'Hype Boy', 'Dynamite', '사건의 지평선', 'Love Dive', '봄날', '취중진담', '응급실', 'Bohemian Rhapsody', '너의 의미', 'Ditto', '눈의 꽃', 'Supernova'],
  },
];

const TITLE_TEMPLATES: ((c: { ko: string; ko2: string; en: string; n: number; year: number }) => string)[] = [
  (c) => `${c.ko} 월드컵`,
  (c) => `최고의 ${c.ko} 월드컵`,
  (c) => `${c.year} ${c.ko} 이상형 월드컵`,
  (c) => `${c.ko} ${c.n}강`,
  (c) => `Best ${c.en} world cup`,
  (c) => `${c.en} 월드컵 ${c.n}강`,
  (c) => `${c.ko} vs ${c.ko2}`,
  (c) => `My favorite ${c.en} ranking`,
  (c) => `${c.ko} 취향 테스트`,
  (c) => `[${c.year}] ${c.ko} 토너먼트`,
];

const DESCRIPTION_TEMPLATES: ((c: { ko: string; en: string; n: number }) => string)[] = [
  (c) => `당신의 최애 ${c.ko}, 골라보세요!`,
  (c) => `Pick your favorite ${c.en}.`,
  (c) => `${c.ko} 중에 하나만 고른다면? ${c.en} fans welcome`,
  (c) => `${c.n}개의 ${c.ko} 중 최고를 가려봅시다`,
  () => '',
  (c) => `친구들과 함께하는 ${c.ko} 밸런스 게임 — share with friends`,
];

function pickOne<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

interface GeneratedWorldcup {
  row: NewWorldcupRow;
  tags: string[];
  candidates: NewCandidateRow[];
}

/** Row `i` of the deterministic data set (same as src/services/worldcups.ts builds search_text). */
function generate(i: number, r: () => number): GeneratedWorldcup {
  const cat = pickOne(r, CATEGORIES);
  const other = pickOne(r, CATEGORIES);
  const n = pickOne(r, [8, 16, 16, 32, 32, 64]);
  const vars = { ko: pickOne(r, cat.ko), ko2: pickOne(r, other.ko), en: pickOne(r, cat.en), n, year: 2019 + Math.floor(r() * 7) };
  const title = pickOne(r, TITLE_TEMPLATES)(vars);
  const description = pickOne(r, DESCRIPTION_TEMPLATES)(vars);
  const tags = [...new Set(cat.tags.filter(() => r() < 0.6))];
  const id = `sw${i.toString(36).padStart(10, '0')}`;
  // Candidates: the category's names, a few from the other category, then numbered fillers.
  const pool = [...cat.names, ...other.names.slice(0, 3)];
  const count = 8 + Math.floor(r() * 17); // 8–24 rows per world cup keeps the insert quick
  const names: string[] = [];
  for (let k = 0; k < count; k++) names.push(k < pool.length ? (pool[(k * 7 + i) % pool.length] as string) : `${vars.ko} ${k + 1}`);
  const unique = [...new Set(names)];
  const candidates: NewCandidateRow[] = unique.map((name, position) => candidateRow(id, position, { name }));
  const v = r();
  const created = 1_700_000_000_000 + Math.floor(r() * 365 * 24 * 3600 * 1000);
  return {
    row: {
      id,
      owner: `owner${i % 997}`,
      slug: null,
      title,
      description,
      visibility: v < 0.9 ? 'public' : v < 0.97 ? 'unlisted' : 'private',
      tags: JSON.stringify(tags),
      search_text: [title, description, tags.join(' '), unique.join(' ')].join('\n').toLowerCase(),
      candidate_count: unique.length,
      cover_image_id: null,
      // Heavy-tailed popularity: most world cups have a few plays, some have many.
      plays: Math.floor(Math.exp(r() * 11)) - 1,
      finishes: 0,
      created_at: created,
      updated_at: created,
    },
    tags,
    candidates,
  };
}

/**
 * Bulk-inserts the data set straight into the store's tables (multi-row inserts, 250 world cups a
 * statement), writing exactly what WorldcupRepo.insert writes: the row, its tags, its candidates
 * and, on SQLite, its FTS5 copy. The "same 24" check below would catch a divergence.
 */
export async function fill(store: Store, rows: number): Promise<number> {
  const r = rng(20_240_601);
  const all = Array.from({ length: rows }, (_, i) => generate(i, r));
  const t0 = performance.now();
  const chunk = 250;
  await store.kysely.transaction().execute(async (db) => {
    for (let i = 0; i < all.length; i += chunk) {
      const slice = all.slice(i, i + chunk);
      await db.insertInto('worldcups').values(slice.map((w) => w.row)).execute();
      const tags = slice.flatMap((w) => w.tags.map((tag) => ({ worldcup_id: w.row.id, tag })));
      if (tags.length > 0) await db.insertInto('worldcup_tags').values(tags).execute();
      const candidates = slice.flatMap((w) => w.candidates);
      // SQLite caps bound parameters per statement; 13 columns × 1000 rows stays well below.
      for (let k = 0; k < candidates.length; k += 1000) await db.insertInto('candidates').values(candidates.slice(k, k + 1000)).execute();
      if (store.dialect === 'sqlite') {
        await db.insertInto('worldcup_search').values(slice.map((w) => ({ worldcup_id: w.row.id, body: w.row.search_text }))).execute();
      }
    }
  });
  return (performance.now() - t0) / 1000;
}
