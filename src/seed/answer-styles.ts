/**
 * The prompted starter world cup (issue 13): four answer styles compete on twelve questions about
 * coding, writing and Korean. Every response was written by the Versus team as an example of its
 * style — none is the output of any AI model, and the description says so in both languages, so
 * that nobody reads a vote here as a verdict on a real model. The prompts and responses are in
 * answer-prompts-*.ts (one file per category); the seeder imports them as JSONL through the same
 * service as an owner's import (services/seed.ts).
 */
import { codingPrompts } from './answer-prompts-coding.js';
import { koreanPrompts } from './answer-prompts-korean.js';
import { writingPrompts } from './answer-prompts-writing.js';

/** The four styles, by a stable key (the candidates' names are Korean and could be renamed). */
export type AnswerStyle = 'concise' | 'detailed' | 'list' | 'example';

/** One question with one response per style; `category` stays Korean (it is a leaderboard's name). */
export interface StarterPrompt {
  prompt: string;
  category: '코딩' | '글쓰기' | '한국어';
  responses: Record<AnswerStyle, string>;
}

/** Camps: the short styles against the long ones ("does a brief answer win?"). Labels in i18n-prompts.ts. */
export type AnswerGroup = 'brief' | 'thorough';

export interface AnswerStyleEntry {
  style: AnswerStyle;
  name: string;
  group: AnswerGroup;
  /** The candidate's own text: one line that says what the style does, in both languages. */
  text: string;
  caption: { ko: string; en: string };
}

export const answerStyles: readonly AnswerStyleEntry[] = [
  {
    style: 'concise',
    name: '간결한 답',
    group: 'brief',
    text: '핵심만 한두 문장으로 답합니다. (Concise: the point in a sentence or two.)',
    caption: { ko: '결론부터, 군더더기 없이', en: 'Concise: the answer first, nothing extra' },
  },
  {
    style: 'detailed',
    name: '자세한 답',
    group: 'thorough',
    text: '배경과 이유까지 차근차근 설명합니다. (Detailed: the why and the background, step by step.)',
    caption: { ko: '이유와 배경까지 차근차근', en: 'Detailed: the reasons and the background, step by step' },
  },
  {
    style: 'list',
    name: '목록형 답',
    group: 'brief',
    text: '요점을 번호와 글머리표로 정리합니다. (List: the points as numbered or bulleted items.)',
    caption: { ko: '요점을 항목으로 정리', en: 'List: the points as items you can skim' },
  },
  {
    style: 'example',
    name: '예시 중심 답',
    group: 'thorough',
    text: '예시를 먼저 보여 주고 설명을 덧붙입니다. (Example-first: a concrete example, then the explanation.)',
    caption: { ko: '예시를 먼저, 설명은 뒤에', en: 'Example-first: a concrete case, then the explanation' },
  },
];

export const ANSWER_STYLES_SLUG = 'answer-styles';

export const answerStylesText = {
  title: { ko: '답변 스타일 월드컵', en: 'Answer Style World Cup' },
  description: {
    ko:
      '같은 질문에 네 가지 스타일로 답했습니다: 간결한 답, 자세한 답, 목록형 답, 예시 중심 답. 코딩·글쓰기·한국어 질문 12개에서 ' +
      '어떤 답이 더 좋은지 골라 보세요. 모든 답변은 Versus 팀이 각 스타일의 예시로 직접 쓴 것이며, 실제 AI 모델의 출력이 아닙니다.',
    en:
      'One question, four ways to answer it: concise, detailed, as a list, or example-first. Pick the better answer across ' +
      '12 questions about coding, writing and Korean. Every response was written by the Versus team as an example of its ' +
      'style; none is the output of any real AI model.',
  },
} as const;

/** The prompts of every category, in the order they are imported (coding, writing, Korean). */
export const answerPrompts: readonly StarterPrompt[] = [...codingPrompts, ...writingPrompts, ...koreanPrompts];

/**
 * The prompts as the JSONL an owner would import (README "Prompts (JSONL)"): one
 * `{prompt, category, responses: {<candidate name>: <text>}}` per line.
 */
export function answerPromptsJsonl(): string {
  return answerPrompts
    .map((p) =>
      JSON.stringify({
        prompt: p.prompt,
        category: p.category,
        responses: Object.fromEntries(answerStyles.map((s) => [s.name, p.responses[s.style]])),
      }),
    )
    .join('\n');
}
