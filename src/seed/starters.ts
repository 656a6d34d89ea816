/**
 * The world cups a fresh Versus install ships with: two of images, including their artwork, and a
 * prompted one of text (answer-styles.ts) whose battles show its prompts' responses. The art is
 * drawn from code rather than bundled as image files so the seed has no licensing questions and no
 * binary assets, and so that every install produces exactly the same images.
 */
import { drawAiModel } from './artwork-ai.js';
import { drawCar } from './artwork-cars.js';
import { aiModels } from './ai-models.js';
import { ANSWER_STYLES_SLUG, answerPromptsJsonl, answerStyles, answerStylesText } from './answer-styles.js';
import { cars } from './cars.js';

/** A candidate drawn as an image (`svg`) or made of text (`text`): exactly one of the two. */
export type StarterCandidate = { name: string; group: string; caption: string } & ({ svg: string; text?: never } | { text: string; svg?: never });

export interface StarterWorldCup {
  slug: string;
  title: string;
  description: string;
  tags: string[];
  candidates: StarterCandidate[];
  /**
   * Prompts with one response per candidate, as the JSONL an owner would import (README "Prompts
   * (JSONL)"); services/seed.ts imports them after the world cup is made.
   */
  promptsJsonl?: string;
}

/** Builds fresh objects each call; pure, so two calls give identical output. */
export function buildStarterWorldCups(): StarterWorldCup[] {
  const slots = new Map<string, number>();
  return [
    {
      slug: 'dream-cars-2024',
      title: '드림카 월드컵 2024 (Dream Cars 2024)',
      description:
        '2024년을 대표하는 드림카 32대 중 단 하나의 최애를 골라 보세요. 한국·독일·일본·미국·영국·이탈리아·스웨덴 ' +
        '브랜드의 슈퍼카, 럭셔리 세단, SUV, 전기차가 맞붙습니다. ' +
        'Pick your one dream car from 32 icons of 2024: supercars, luxury saloons, SUVs and EVs from seven ' +
        'countries go head to head.',
      tags: ['자동차', 'cars', '드림카'],
      candidates: cars.map((car) => ({
        name: car.name,
        group: car.group,
        caption: car.caption,
        svg: drawCar(car.name, car.group, car.look),
      })),
    },
    {
      slug: 'open-vs-closed-ai-2024',
      title: '오픈소스 vs 폐쇄형 AI 2024 (Open vs Closed AI 2024)',
      description:
        '2024년의 대표 AI 모델 16개가 오픈 웨이트 진영 8개와 폐쇄형 진영 8개로 나뉘어 대결합니다. ' +
        '당신이 가장 쓰고 싶은 모델은 무엇인가요? ' +
        'Eight open-weights models take on eight closed models from 2024: which one would you rather work with?',
      tags: ['ai', 'llm', '인공지능'],
      candidates: aiModels.map((model) => {
        const slot = slots.get(model.group) ?? 0;
        slots.set(model.group, slot + 1);
        return {
          name: model.name,
          group: model.group,
          caption: model.caption,
          svg: drawAiModel(model.name, model.group, slot),
        };
      }),
    },
    {
      slug: ANSWER_STYLES_SLUG,
      title: `${answerStylesText.title.ko} (${answerStylesText.title.en})`,
      description: `${answerStylesText.description.ko} ${answerStylesText.description.en}`,
      tags: ['ai', '글쓰기', 'prompts'],
      candidates: answerStyles.map((s) => ({ name: s.name, group: s.group, caption: s.caption.en, text: s.text })),
      promptsJsonl: answerPromptsJsonl(),
    },
  ];
}

export const starterWorldCups: StarterWorldCup[] = buildStarterWorldCups();
