/**
 * The starter world cups' words in both UI languages: titles, descriptions and each candidate's
 * caption (its one fact). The English captions are the entries' own (cars.ts, cars-more.ts,
 * ai-models.ts); the Korean ones are here, by candidate name. The database keeps the bilingual text
 * it was seeded with (search finds either language); services/localize.ts serves the viewer's
 * language from this table by the world cup's slug, so a database seeded before this table existed
 * shows both languages without being touched. Camp and country labels are UI strings (i18n-details.ts).
 */
import { aiModels } from './ai-models.js';
import { ANSWER_STYLES_SLUG, answerStyles, answerStylesText } from './answer-styles.js';
import { cars } from './cars.js';

export type ContentLang = 'ko' | 'en';

export interface StarterText {
  title: Record<ContentLang, string>;
  description: Record<ContentLang, string>;
  /** Caption by candidate name. */
  captions: ReadonlyMap<string, Record<ContentLang, string>>;
}

const carCaptionsKo: Record<string, string> = {
  'Porsche 911 (992)': '수평대향 6기통 엔진을 뒤에 얹은 스포츠카. 992세대는 2019년 공개',
  'Ferrari 296 GTB': '트윈터보 V6를 얹은 미드십 플러그인 하이브리드 베를리네타',
  'Lamborghini Revuelto': '아벤타도르의 뒤를 잇는 V12 플러그인 하이브리드 슈퍼카',
  'McLaren 750S': '720S의 뒤를 잇는 미드십 트윈터보 V8 슈퍼카',
  'Aston Martin DB12': '트윈터보 V8을 앞에 얹은 그랜드 투어러',
  'Bentley Continental GT': '영국 크루 공장에서 만드는 럭셔리 그랜드 투어러 쿠페',
  'Rolls-Royce Spectre': '롤스로이스 최초의 양산 순수 전기차, 대형 2도어 쿠페',
  'Mercedes-AMG G 63': '트윈터보 V8과 디퍼렌셜 잠금장치 3개를 갖춘 프레임 바디 오프로더',
  'Mercedes-Benz S-Class': '메르세데스-벤츠의 플래그십 럭셔리 세단. W223세대는 2020년 출시',
  'BMW M5': '고성능 대형 세단. 2024년 세대는 V8 플러그인 하이브리드',
  'BMW i7': '7시리즈 럭셔리 세단의 순수 전기 버전',
  'Audi RS e-tron GT': '포르쉐 타이칸과 플랫폼을 공유하는 순수 전기 4도어 그랜드 투어러',
  'Porsche Taycan': '800볼트 구조로 만든 포르쉐 최초의 양산 순수 전기차',
  'Tesla Model S Plaid': '모델 S 전기 세단의 모터 3개 사륜구동 버전',
  'Tesla Cybertruck': '스테인리스 스틸 차체의 각진 전기 픽업. 2023년 말 인도 시작',
  'Lucid Air Sapphire': '루시드 에어 전기 세단의 모터 3개 고성능 버전',
  'Rivian R1S': '리비안의 3열 순수 전기 SUV',
  'Ford Mustang': '앞 엔진 포니카. 7세대(S650)는 2024년형으로 출시',
  'Chevrolet Corvette E-Ray': '미드십 V8을 얹은 첫 하이브리드·사륜구동 콜벳',
  'Toyota GR Supra': 'BMW와 함께 개발한 앞 엔진 스포츠 쿠페',
  'Toyota Land Cruiser 250': '랜드크루저 프라도의 뒤를 잇는 프레임 바디 오프로더',
  'Lexus LC 500': '자연흡기 V8을 얹은 럭셔리 그랜드 투어러 쿠페',
  'Nissan GT-R': '트윈터보 V6 사륜구동 스포츠카. R35세대는 2007년부터',
  'Honda Civic Type R': '2.0리터 4기통 터보를 얹은 앞바퀴굴림 핫해치',
  'Genesis G90': '제네시스의 플래그십 럭셔리 세단',
  'Genesis GV80 Coupe': '제네시스 GV80 SUV의 쿠페형 버전. 2024년 공개',
  'Hyundai Ioniq 5 N': '가상 변속 기능을 갖춘 현대 N의 고성능 전기 해치백',
  'Kia EV9': '3열 순수 전기 SUV. 2024 세계 올해의 차',
  'Land Rover Defender': '2020년 모노코크 구조로 부활한 각진 오프로더',
  'Range Rover': '풀사이즈 럭셔리 SUV. 5세대는 2021년 공개',
  'Mini Cooper': '1959년 오리지널 미니를 잇는 소형 프리미엄 해치백',
  'Volvo EX30': '볼보에서 가장 작은 순수 전기 SUV',
};

const aiCaptionsKo: Record<string, string> = {
  'Llama 3.1 405B': 'Meta · 2024년 7월 · 파라미터 4,050억 개의 덴스 오픈 웨이트 모델',
  'Llama 3.1 70B': 'Meta · 2024년 7월 · 12만 8천 토큰 컨텍스트를 지원하는 700억 파라미터 오픈 웨이트 모델',
  'EXAONE 3.0 7.8B': 'LG AI연구원 · 2024년 8월 · 한국어·영어 이중 언어 모델, 연구용으로 가중치 공개',
  'Mistral Large 2': 'Mistral AI · 2024년 7월 · 1,230억 파라미터 모델, 연구용 라이선스로 가중치 공개',
  'Mixtral 8x22B': 'Mistral AI · 2024년 4월 · Apache 2.0으로 공개된 희소 전문가 혼합(MoE) 모델',
  'Qwen2 72B': '알리바바 · 2024년 6월 · Qwen 팀의 720억 파라미터 다국어 오픈 웨이트 모델',
  'Gemma 2 27B': 'Google · 2024년 6월 · Gemma 계열의 270억 파라미터 오픈 웨이트 모델',
  'DeepSeek-V2.5': 'DeepSeek · 2024년 9월 · DeepSeek-V2 Chat과 Coder를 합친 전문가 혼합 모델',
  'GPT-4o': 'OpenAI · 2024년 5월 · 텍스트·이미지·음성을 다루는 멀티모달 플래그십 모델',
  'GPT-4o mini': 'OpenAI · 2024년 7월 · GPT-4o의 작고 저렴한 버전',
  'o1-preview': 'OpenAI · 2024년 9월 · 답하기 전에 문제를 단계별로 추론하는 모델',
  'Claude 3.5 Sonnet': 'Anthropic · 2024년 6월 · Claude 3.5 계열의 첫 모델인 중간 크기 모델',
  'Claude 3 Opus': 'Anthropic · 2024년 3월 · Claude 3 계열에서 가장 큰 모델',
  'Gemini 1.5 Pro': 'Google · 2024년 2월 · 매우 긴 컨텍스트를 지원하는 멀티모달 전문가 혼합 모델',
  'Gemini 1.5 Flash': 'Google · 2024년 5월 · Gemini 1.5 Pro보다 가볍고 빠른 모델',
  'Grok-2': 'xAI · 2024년 8월 · X 구독자에게 공개된 2세대 Grok 모델',
};

function captions(entries: readonly { name: string; caption: string }[], ko: Record<string, string>): Map<string, Record<ContentLang, string>> {
  return new Map(entries.map((e) => [e.name, { en: e.caption, ko: ko[e.name] ?? e.caption }]));
}

/** By slug (services/seed.ts's key of the starters). */
export const starterTexts: ReadonlyMap<string, StarterText> = new Map([
  [
    'dream-cars-2024',
    {
      title: { ko: '드림카 월드컵 2024', en: 'Dream Cars 2024' },
      description: {
        ko:
          '2024년을 대표하는 드림카 32대 중 단 하나의 최애를 골라 보세요. 한국·독일·일본·미국·영국·이탈리아·스웨덴 ' +
          '브랜드의 슈퍼카, 럭셔리 세단, SUV, 전기차가 맞붙습니다.',
        en:
          'Pick your one dream car from 32 icons of 2024: supercars, luxury saloons, SUVs and EVs from Korea, Germany, ' +
          'Japan, the USA, the UK, Italy and Sweden go head to head.',
      },
      captions: captions(cars, carCaptionsKo),
    },
  ],
  [
    'open-vs-closed-ai-2024',
    {
      title: { ko: '오픈소스 vs 폐쇄형 AI 2024', en: 'Open vs Closed AI 2024' },
      description: {
        ko: '2024년의 대표 AI 모델 16개가 오픈 웨이트 진영 8개와 폐쇄형 진영 8개로 나뉘어 대결합니다. 당신이 가장 쓰고 싶은 모델은 무엇인가요?',
        en: 'Eight open-weights models take on eight closed models from 2024: which one would you rather work with?',
      },
      captions: captions(aiModels, aiCaptionsKo),
    },
  ],
  [
    ANSWER_STYLES_SLUG,
    {
      title: answerStylesText.title,
      description: answerStylesText.description,
      captions: new Map(answerStyles.map((s) => [s.name, s.caption])),
    },
  ],
]);
